#!/usr/bin/env python3
"""Accessibility in a real Chromium: axe-core (WCAG 2.1 A and AA) over every public page type of
the portal and the main pages of the workbench, in every language and in elder mode, failing on
any serious or critical violation, with a screenshot of each page in each mode; then two walks
with the keyboard alone (applying online, filing a 12345 ticket) that check the focus can be seen
at every step and that the skip link moves it to the main content."""
import argparse
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from urllib.parse import quote

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import axe_source, is_gone, totp, wait_ready  # noqa: E402  (shared with the main browser walk)

DEMO_PASSWORD = "Demo-2026-zw"
LANGUAGES = ["zh-Hans", "en", "bo", "ug"]
# Every language plain and in elder mode.
MODES = [(language, False) for language in LANGUAGES] + [(language, True) for language in LANGUAGES]
try:  # Screenshots are stored with a 256-colour palette, a third of the size, when Pillow is there;
    from PIL import Image  # without it, full-colour ones of the plain modes only, to stay near 35 MB.
    SHOT_MODES = set(MODES)
except ImportError:
    Image = None
    SHOT_MODES = {(language, False) for language in LANGUAGES}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

results = []
notes = []
PORTAL = STAFF = ""
AXE = None


OUTPUT = threading.Lock()  # the portal's and the workbench's pages are checked at the same time


def say(line):
    with OUTPUT:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    say(("ok   " if condition else "FAIL ") + name + (f": {detail}" if detail and not condition else ""))


def mode_name(mode):
    language, elder = mode
    return language + ("+elder" if elder else "")


# ---- axe-core -------------------------------------------------------------------------------

def axe_violations(driver):
    global AXE
    AXE = AXE or axe_source()
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE)
    return json.loads(driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(function (r) { done(JSON.stringify(r.violations)); })"
        ".catch(function (e) { done(JSON.stringify([{id: 'axe-error', impact: 'critical', nodes: [], help: String(e)}])); });",
        WCAG))


def check_page(driver, name, mode, shots, expect_error=False):
    """axe over the page as shown; serious and critical violations fail, the rest are notes."""
    found = axe_violations(driver)
    bad = [v for v in found if v.get("impact") in FAILING_IMPACTS]
    for v in found:
        if v.get("impact") not in FAILING_IMPACTS:
            notes.append(f"{mode_name(mode)} {name}: {v['id']} ({v.get('impact')}) {[n['target'] for n in v['nodes']][:2]}")
    detail = "; ".join(f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}" for v in bad)
    shown = driver.execute_script(
        "var e = document.querySelector('.error-code');"
        "return [document.documentElement.lang, document.documentElement.dir, document.body.classList.contains('elder'),"
        " e ? e.textContent.trim() : null];")
    language, elder = mode
    wanted = [language, "rtl" if language == "ug" else "ltr", elder, "404" if expect_error else None]
    if shown != wanted:
        detail = detail or f"page shown as {shown} (lang, dir, elder, error), not {wanted}"
    check(f"axe {mode_name(mode)}: {name}", not detail, detail)
    if mode in SHOT_MODES:
        folder = os.path.join(shots, mode_name(mode))
        os.makedirs(folder, exist_ok=True)
        save_screenshot(driver, os.path.join(folder, re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") + ".png"))


def save_screenshot(driver, path):
    if Image is None:
        driver.save_screenshot(path)
        return
    shot = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    shot.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, "PNG", compress_level=6)


ADDRESSES = iter(range(1, 250))


def new_address(driver):
    """The next requests come from another (forwarded) address, so that the sign-in and form rate
    limits, which count per address, see each mode as a different visitor."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"X-Forwarded-For": f"10.77.0.{next(ADDRESSES)}"}})


def set_mode(driver, origin, mode):
    language, elder = mode
    driver.get(f"{origin}/preferences/language?to={language}&back=/healthz")
    driver.get(f"{origin}/preferences/elder?on={'1' if elder else '0'}&back=/healthz")


# ---- ordinary browsing (used to set things up, not in the keyboard walks) ---------------------

def settle(driver):
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def submit(driver, selector):
    """Presses a form's button and waits for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    button = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    WebDriverWait(driver, 15).until(lambda d: is_gone(page))
    settle(driver)


def tick(driver, selector):
    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def portal_sign_in(driver, login):
    driver.get(PORTAL + "/signin")
    driver.find_element(By.ID, "f-login").send_keys(login)
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    submit(driver, "form.form button[type=submit]")


def staff_password_step(driver, username):
    driver.get(STAFF + "/signin")
    driver.find_element(By.ID, "f-username").send_keys(username)
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    submit(driver, "form.form button[type=submit]")


SECRETS = {}   # username: TOTP secret shown at enrolment
LAST_CODE = {}  # username: the 30-second step of the last code used


def staff_sign_in(driver, username):
    """Signs a staff member in, enrolling their TOTP app the first time (the secret is kept)."""
    driver.delete_all_cookies()
    staff_password_step(driver, username)
    enrol = driver.find_elements(By.ID, "totp-secret")
    if enrol:
        SECRETS[username] = enrol[0].text
    elif LAST_CODE.get(username) == int(time.time() // 30):
        time.sleep(31 - time.time() % 30)  # a code is accepted once: wait for the next one
    driver.find_element(By.ID, "f-code").send_keys(totp(SECRETS[username]))
    LAST_CODE[username] = int(time.time() // 30)
    submit(driver, "form.form button[type=submit]")
    return "/signin" not in driver.current_url


def first_href(driver, selector, pattern=None):
    for a in driver.find_elements(By.CSS_SELECTOR, selector):
        href = a.get_attribute("href") or ""
        if not pattern or re.search(pattern, href):
            return href
    return None


def setup_portal_data(driver, data):
    """A submitted application and a 12345 ticket for the demo citizen, so the account, receipt
    and tracking pages have something to show."""
    found = {}
    new_address(driver)
    pdf = os.path.join(data, "申请书.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    portal_sign_in(driver, "13800000001")
    driver.get(PORTAL + "/services/513329-MZJ-GF-002/apply")
    for key, value in {"applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": "13800000001",
                       "home_address": "新龙县雄龙西乡雄龙西村三组", "amount_requested": "3000",
                       "description": "家中房屋失火，暂住亲戚家。"}.items():
        driver.find_element(By.ID, "f-" + key).send_keys(value)
    tick(driver, 'input[name="hardship_type"][value="急难型"]')
    submit(driver, "form.form button[type=submit]")
    found["draft"] = driver.current_url.split("#")[0].replace(PORTAL, "")
    driver.find_element(By.ID, "u-application").send_keys(pdf)
    submit(driver, '#f-material\\.application form.upload-form button[type=submit]')
    for key, number in [("household_register", "HK-513329-0001"), ("id_card", "ID-513329-0001")]:
        driver.find_element(By.ID, "c-" + key).send_keys(number)
        submit(driver, f'#f-material\\.{key} form.upload-form button[type=submit]')
    found["application"] = found["draft"]
    submit(driver, 'form[action$="/submit"] button[type=submit]')
    found["receipt_page"] = driver.current_url.replace(PORTAL, "")
    found["receipt"] = driver.find_element(By.CSS_SELECTOR, ".receipt-number").text.strip()
    # A second draft stays open, so the materials step is seen as the applicant sees it.
    driver.get(PORTAL + "/services/513329-MZJ-GF-002/apply")
    for key, value in {"applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": "13800000001",
                       "home_address": "新龙县雄龙西乡雄龙西村三组", "amount_requested": "2000",
                       "description": "因病致贫。"}.items():
        driver.find_element(By.ID, "f-" + key).send_keys(value)
    tick(driver, 'input[name="hardship_type"][value="支出型"]')
    submit(driver, "form.form button[type=submit]")
    found["draft"] = driver.current_url.split("#")[0].replace(PORTAL, "")

    driver.get(PORTAL + "/12345/new")
    Select(driver.find_element(By.ID, "t-type")).select_by_value("complaint")
    Select(driver.find_element(By.ID, "t-category")).select_by_value("urban-road")
    driver.find_element(By.ID, "t-content").send_keys("茹龙镇团结街路面塌陷，雨天积水，请尽快修复")
    driver.find_element(By.ID, "t-address").send_keys("新龙县茹龙镇团结街")
    if not driver.find_element(By.CSS_SELECTOR, 'input[name="consent"]').is_selected():
        tick(driver, 'input[name="consent"]')
    submit(driver, 'form[action="/12345/new"] button[type=submit]')
    found["ticket"] = driver.find_element(By.CSS_SELECTOR, ".notice-success .mono").text.strip()
    found["ticket_receipt"] = driver.current_url.replace(PORTAL, "")
    driver.get(PORTAL + "/account/tickets")
    found["my_ticket"] = (first_href(driver, "main a", r"/account/tickets/.") or "").replace(PORTAL, "")
    driver.get(PORTAL + "/account/requests")
    found["my_request"] = (first_href(driver, "main a", r"/account/requests/[^/]+$") or "").replace(PORTAL, "")
    if found["my_request"]:
        driver.get(PORTAL + found["my_request"])
        found["my_letter"] = (first_href(driver, "main a", r"/letters/") or "").replace(PORTAL, "")
    found["rate"] = found["application"] + "/rate"
    found["answered_ticket"] = answered_call(driver)
    driver.get(PORTAL + "/open/catalogue")
    found["publication"] = (first_href(driver, "main a", r"/open/[^/]+/[^/]+$") or "").replace(PORTAL, "")
    return found


def choose(driver, select_id, words):
    select = Select(driver.find_element(By.ID, select_id))
    select.select_by_visible_text(next(o.text for o in select.options if words in o.text))


def answered_call(driver):
    """The hotline answers a caller's question from the knowledge base and closes the ticket on
    the call, so the public tracking page shows the rating form."""
    staff_sign_in(driver, "hotline")
    driver.get(STAFF + "/tickets/call")
    Select(driver.find_element(By.ID, "t-type")).select_by_value("consultation")
    choose(driver, "t-category", "户籍")
    driver.find_element(By.ID, "t-content").send_keys("身份证丢了怎么补办")
    driver.find_element(By.ID, "t-phone").send_keys("13800000001")
    driver.find_element(By.ID, "t-q").send_keys("身份证")
    submit(driver, 'button[value="search"]')
    tick(driver, 'input[name="article"]:not([value=""])')
    submit(driver, 'button[value="save"]')
    number = re.search(r"\b\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", driver.find_element(By.TAG_NAME, "main").text)
    driver.delete_all_cookies()
    return number.group(0) if number else ""


# ---- the page matrix ------------------------------------------------------------------------

def track_result(number_field, secret_field, number, secret, form):
    def act(driver):
        driver.find_element(By.ID, number_field).send_keys(number)
        driver.find_element(By.ID, secret_field).send_keys(secret)
        submit(driver, form)
    return act


def failed_sign_in(driver):
    driver.find_element(By.ID, "f-login").send_keys("13800000009")
    submit(driver, "form.form button[type=submit]")


def empty_ticket(driver):
    submit(driver, 'form[action="/12345/new"] button[type=submit]')


def portal_pages(found):
    """(name, path, optional action on the page, signed in?) for each public page type."""
    code = "513329-MZJ-GF-002"
    pages = [
        ("portal home", "/", None, False),
        ("accessibility statement", "/accessibility", None, False),
        ("deadline calculator", "/tools/deadline?from=2026-02-10&days=20", None, False),
        ("service catalogue", "/services", None, False),
        ("service catalogue search", "/services?q=" + quote("低保"), None, False),
        ("service guide", "/services/" + code, None, False),
        ("joint service guide with workflow", "/services/513329-ZRJ-XK-001", None, False),
        ("printable guide", f"/services/{code}/print", None, False),
        ("sample application form", f"/services/{code}/form?sample=1", None, False),
        ("progress lookup", "/track", None, False),
        ("progress lookup result", "/track", track_result("f-receipt", "f-secret", found.get("receipt", ""), "120017",
                                                          "form.form button[type=submit]"), False),
        ("certificate verification", "/certificates/verify", None, False),
        ("results list", "/results", None, False),
        ("public statistics", "/statistics", None, False),
        ("government information", "/open", None, False),
        ("disclosure guide", "/open/guide", None, False),
        ("disclosure catalogue", "/open/catalogue", None, False),
        ("disclosure search", "/open/search?q=" + quote("通知"), None, False),
        ("publication", found.get("publication"), None, False),
        ("12345 hotline", "/12345", None, False),
        ("12345 form", "/12345/new", None, False),
        ("12345 form with errors", "/12345/new", empty_ticket, False),
        ("12345 mailbox", "/12345/mailbox", None, False),
        ("12345 receipt", found.get("ticket_receipt"), None, False),
        ("12345 replies", "/12345/replies", None, False),
        ("12345 FAQ", "/12345/faq", None, False),
        ("12345 satisfaction", "/12345/satisfaction", None, False),
        ("12345 tracking", "/12345", track_result("k-number", "k-secret", found.get("ticket", ""), "13800000001",
                                                  'form[action="/12345/track"] button[type=submit]'), False),
        ("12345 tracking: answered, with rating", "/12345" if found.get("answered_ticket") else None,
         track_result("k-number", "k-secret", found.get("answered_ticket", ""), "13800000001",
                      'form[action="/12345/track"] button[type=submit]'), False),
        ("sign-in", "/signin", None, False),
        ("sign-in with errors", "/signin", failed_sign_in, False),
        ("registration", "/register", None, False),
        ("page not found", "/no-such-page", None, False),
        ("my account", "/account", None, True),
        ("my applications", "/account/applications", None, True),
        ("my messages", "/account/messages", None, True),
        ("application form", f"/services/{code}/apply", None, True),
        ("application materials", found.get("draft"), None, True),
        ("submitted application", found.get("application"), None, True),
        ("application receipt", found.get("receipt_page"), None, True),
        ("rating an application", found.get("rate"), None, True),
        ("my tickets", "/account/tickets", None, True),
        ("my ticket", found.get("my_ticket"), None, True),
        ("information request form", "/open/requests/new", None, True),
        ("my information requests", "/account/requests", None, True),
        ("my information request", found.get("my_request"), None, True),
        ("request letter", found.get("my_letter"), None, True),
        ("my certificates", "/account/certificates", None, True),
        ("change password", "/account/password", None, True),
    ]
    return pages


# Staff pages, by who sees them; "{...}" parts are found from a listing in the first mode.
STAFF_PAGES = [
    ("mzj-handler", [
        ("workbench home", "/"),
        ("to-do list", "/todo"),
        ("notices to staff", "/notices"),
        ("case queue", "/cases"),
        ("a case", "{case}"),
        ("change password (staff)", "/account/password"),
    ]),
    ("hotline", [
        ("tickets queue", "/tickets"),
        ("a ticket", "{ticket}"),
        ("call screen", "/tickets/call"),
        ("knowledge base", "/tickets/knowledge"),
        ("knowledge article", "{article}"),
        ("hotline weekly report", "/tickets/report"),
        ("hotline setup", "/tickets/setup"),
    ]),
    ("publisher", [
        ("publications", "/disclosure"),
        ("a publication (workbench)", "{staff_publication}"),
        ("publication editor", "/disclosure/new"),
        ("annual disclosure report", "/disclosure/report?year=2025"),
        ("information requests", "/disclosure/requests"),
        ("an information request", "{request}"),
    ]),
    ("supervisor", [
        ("supervision board", "/supervision"),
        ("cases behind the board", "/supervision/cases"),
        ("performance", "/supervision/performance"),
        ("supervision reports", "/supervision/reports"),
        ("a supervision report", "{report}"),
        ("warning rules", "/supervision/rules"),
        ("ratings and rectification", "/ratings"),
        ("a rating task", "{rating}"),
    ]),
    ("window01", [
        ("walk-in: choose an item", "/walk-in"),
        ("walk-in intake", "/walk-in/513329-MZJ-GF-002"),
        ("rating at the window", "/ratings/window"),
    ]),
    ("fgj-head", [
        ("catalogue editor", "/catalogue"),
        ("catalogue item", "{catalogue_item}"),
    ]),
    ("auditor", [
        ("audit trail", "/audit"),
    ]),
    ("sysadmin", [
        ("staff directory", "/admin/staff"),
        ("departments", "/admin/departments"),
        ("site settings", "/admin/settings"),
        ("working calendar", "/admin/calendar"),
        ("service windows", "/admin/windows"),
    ]),
]
# Found only if the demo has one (a rectification task needs a bad rating first).
OPTIONAL = {"rating"}
# Where each "{...}" is found: listing page, link pattern.
DISCOVER = {
    "case": ("/cases", r"/cases/[0-9A-Fa-f-]{8,}$"),
    "request": ("/disclosure/requests?show=closed", r"/disclosure/requests/[0-9A-Fa-f-]{8,}$"),
    "ticket": ("/tickets?show=all", r"/tickets/[0-9A-Fa-f-]{8,}$"),
    "article": ("/tickets/knowledge", r"/tickets/knowledge/[0-9A-Fa-f-]{8,}$"),
    "staff_publication": ("/disclosure?show=all", r"/disclosure/[0-9A-Fa-f-]{8,}$"),
    "report": ("/supervision/reports", r"/supervision/reports/[0-9A-Fa-f-]{8,}$"),
    "rating": ("/ratings", r"/ratings/[0-9A-Fa-f-]{8,}$"),
    "catalogue_item": ("/catalogue", r"/catalogue/[0-9A-Fa-f-]{8,}$"),
}


def portal_matrix(driver, shots, found):
    pages = portal_pages(found)
    for name, path, _, _ in pages:
        if not path:
            check(f"the demo has something to show for: {name}", False, "nothing found to link to")
    # One sign-in, its session cookie put aside for the pages seen without an account.
    portal_sign_in(driver, "13800000001")
    session = driver.get_cookie("zw_session")
    for mode in MODES:
        new_address(driver)
        set_mode(driver, PORTAL, mode)
        for name, path, action, needs_account in sorted(pages, key=lambda page: page[3]):
            if not path:
                continue
            has_session = driver.get_cookie("zw_session") is not None
            if needs_account and not has_session:
                driver.add_cookie({k: session[k] for k in ("name", "value", "path", "httpOnly") if k in session})
            elif not needs_account and has_session:
                driver.delete_cookie("zw_session")
            try:
                driver.get(PORTAL + path)
                if action:
                    action(driver)
                check_page(driver, name, mode, shots, expect_error=path == "/no-such-page")
            except Exception as error:  # a page that cannot be shown is a failed check
                check(f"axe {mode_name(mode)}: {name}", False, (str(error).splitlines() or [repr(error)])[0])


def staff_matrix(driver, shots):
    # The sign-in steps first: the password page, then the enrolment page of someone new.
    for mode in MODES:
        driver.delete_all_cookies()
        new_address(driver)
        set_mode(driver, STAFF, mode)
        driver.get(STAFF + "/signin")
        check_page(driver, "staff sign-in", mode, shots)
        staff_password_step(driver, "secadmin")
        check_page(driver, "second factor: enrolment", mode, shots)
    found = {}
    for username, pages in STAFF_PAGES:
        new_address(driver)
        check(f"{username} signs in on the workbench", staff_sign_in(driver, username), driver.current_url)
        for mode in MODES:
            set_mode(driver, STAFF, mode)
            for name, path in pages:
                key = path[1:-1] if path.startswith("{") else None
                if key and key not in found:
                    listing, pattern = DISCOVER[key]
                    driver.get(STAFF + listing)
                    found[key] = (first_href(driver, "main a", pattern) or "").replace(STAFF, "")
                    if key in OPTIONAL:
                        if not found[key]:
                            say(f"note nothing to show for {name} in the demo (no link on {listing})")
                    else:
                        check(f"the demo has something to show for: {name}", found[key], f"no link on {listing}")
                target = found.get(key) if key else path
                if not target:
                    continue
                try:
                    driver.get(STAFF + target)
                    check_page(driver, name, mode, shots)
                except Exception as error:
                    check(f"axe {mode_name(mode)}: {name}", False, (str(error).splitlines() or [repr(error)])[0])
    # The code step of someone enrolled (two people, as each name has a few sign-ins a quarter hour).
    for number, mode in enumerate(MODES):
        driver.delete_all_cookies()
        new_address(driver)
        set_mode(driver, STAFF, mode)
        staff_password_step(driver, "auditor" if number % 2 else "sysadmin")
        check_page(driver, "second factor: code", mode, shots)


# ---- keyboard-only walks ----------------------------------------------------------------------

FOCUS_STATE = """
var el = document.activeElement;
if (!el || el === document.body) return {tag: 'body'};
function ring(e) {
  var s = getComputedStyle(e);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
}
// A radio button or checkbox inside a choice label shows its focus on the label around it.
var holder = el.closest('label.choice');
var r = el.getBoundingClientRect();
return {tag: el.tagName.toLowerCase(), id: el.id || '', name: el.getAttribute('name') || '', type: el.type || '',
        value: el.value || '', href: el.getAttribute('href') || '', text: (el.innerText || el.value || '').trim().slice(0, 60),
        cls: el.className || '', formAction: el.form ? (el.form.getAttribute('action') || '') : '',
        ring: ring(el) || (holder !== null && ring(holder)), size: r.width > 0 && r.height > 0};
"""


class Keyboard:
    """Key presses sent to whatever has the focus, as a person at a keyboard would."""

    def __init__(self, driver, walk):
        self.driver = driver
        self.walk = walk
        self.unseen = []

    def press(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def focused(self):
        return self.driver.execute_script(FOCUS_STATE)

    def note_focus(self, state):
        if state["tag"] not in ("body", "main") and not (state["ring"] and state["size"]):
            self.unseen.append(describe(state))

    def tab_to(self, matches, what, limit=150, backwards=False):
        """Tabs until the focused element matches, checking at every stop that the focus is seen."""
        for _ in range(limit):
            self.press(Keys.SHIFT, Keys.TAB, Keys.SHIFT) if backwards else self.press(Keys.TAB)
            state = self.focused()
            self.note_focus(state)
            if state["tag"] != "body" and matches(state):
                return state
        raise AssertionError(f"{what} not reached with the Tab key")

    def type(self, text):
        self.press(text)

    def enter_and_wait(self):
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.press(Keys.ENTER)
        WebDriverWait(self.driver, 20).until(lambda d: is_gone(page))
        settle(self.driver)

    def report_focus(self, step):
        check(f"keyboard {self.walk}: focus visible at every stop ({step})", not self.unseen,
              "no focus ring on " + ", ".join(self.unseen[:5]))
        self.unseen = []


def describe(state):
    return "<" + state["tag"] + "".join(f" {k}={state[k]!r}" for k in ("id", "name", "href", "text") if state.get(k)) + ">"


def skip_link(keys, walk, where):
    """The first Tab lands on the skip link; Enter on it puts the focus on the main content."""
    first = keys.tab_to(lambda s: True, "first stop", limit=3)
    check(f"keyboard {walk}: the first Tab stop on {where} is the skip link", first["href"] == "#main" and first["ring"],
          describe(first))
    if first["href"] == "#main":
        keys.press(Keys.ENTER)
        state = keys.focused()
        check(f"keyboard {walk}: the skip link on {where} moves the focus to the main content", state["id"] == "main",
              describe(state))


def walk_apply(driver, data, shots):
    walk = "apply online"
    keys = Keyboard(driver, walk)
    pdf = os.path.join(data, "身份证明.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    driver.delete_all_cookies()
    new_address(driver)
    driver.get(PORTAL + "/")
    skip_link(keys, walk, "the home page")
    keys.tab_to(lambda s: True, "anything", limit=1)
    # From the main content back up to the header's sign-in link.
    keys.tab_to(lambda s: s["href"] == "/signin", "the sign-in link", backwards=True)
    keys.enter_and_wait()
    check(f"keyboard {walk}: Enter on the link opens sign-in", driver.current_url.endswith("/signin"), driver.current_url)
    keys.tab_to(lambda s: s["id"] == "f-login", "the login field")
    keys.type("13800000003")
    keys.tab_to(lambda s: s["id"] == "f-password", "the password field")
    keys.type(DEMO_PASSWORD)
    keys.enter_and_wait()
    check(f"keyboard {walk}: Enter in the password field signs in", driver.current_url.endswith("/account"), driver.current_url)
    keys.report_focus("sign-in")

    keys.tab_to(lambda s: s["href"] == "/services", "the services link in the main navigation")
    keys.enter_and_wait()
    keys.tab_to(lambda s: s["id"] == "f-q", "the catalogue's search field")
    keys.type("临时救助")
    keys.enter_and_wait()
    check(f"keyboard {walk}: the search finds the item", "/services/513329-MZJ-GF-002" in driver.page_source)
    keys.tab_to(lambda s: s["href"] == "/services/513329-MZJ-GF-002", "the item's link")
    keys.enter_and_wait()
    keys.tab_to(lambda s: s["href"].endswith("/apply"), "the apply-online link")
    keys.enter_and_wait()
    check(f"keyboard {walk}: the application form opens", driver.current_url.endswith("/services/513329-MZJ-GF-002/apply"),
          driver.current_url)
    keys.report_focus("finding the service")

    values = {"applicant_name": "泽仁拉姆", "applicant_id_number": "513329199002020025", "phone": "13800000003",
              "home_address": "新龙县茹龙镇团结街8号"}
    for key, value in values.items():
        keys.tab_to(lambda s, key=key: s["id"] == "f-" + key, "field " + key)
        keys.type(value)
    # The radio group: Tab enters it on its first choice, the arrow keys move and choose.
    first = keys.tab_to(lambda s: s["name"] == "hardship_type", "the hardship type choices")
    keys.press(Keys.SPACE)
    for _ in range(6):
        if keys.focused()["value"] == "急难型":
            break
        keys.press(Keys.ARROW_DOWN)
        keys.note_focus(keys.focused())
    chosen = driver.execute_script("var c = document.querySelector('input[name=hardship_type]:checked'); return c && c.value")
    check(f"keyboard {walk}: the arrow keys choose a radio button", chosen == "急难型", f"{first['value']} -> {chosen}")
    for key, value in {"amount_requested": "3000", "description": "家中房屋失火，暂住亲戚家。"}.items():
        keys.tab_to(lambda s, key=key: s["id"] == "f-" + key, "field " + key)
        keys.type(value)
    keys.tab_to(lambda s: s["tag"] == "button" and s["type"] == "submit" and s["formAction"].endswith("/apply"),
                "the save-and-continue button")
    keys.enter_and_wait()
    check(f"keyboard {walk}: the form is saved and materials are asked for", "/applications/" in driver.current_url,
          driver.current_url)
    keys.report_focus("the application form")

    # Each material: the file field takes the file as the system's file dialog would give it.
    keys.tab_to(lambda s: s["id"] == "u-application", "the application file field")
    driver.switch_to.active_element.send_keys(pdf)
    keys.tab_to(lambda s: s["tag"] == "button" and s["formAction"].endswith("/materials"), "the upload button")
    keys.enter_and_wait()
    check(f"keyboard {walk}: the file is uploaded", "身份证明.pdf" in driver.page_source)
    for key, number in [("household_register", "HK-513329-0003"), ("id_card", "ID-513329-0003")]:
        keys.tab_to(lambda s, key=key: s["id"] == "c-" + key, "the certificate number field " + key)
        keys.type(number)
        keys.enter_and_wait()
        check(f"keyboard {walk}: Enter in the certificate field attaches {key}", number in driver.page_source)
    keys.report_focus("the materials")
    keys.tab_to(lambda s: s["tag"] == "button" and s["formAction"].endswith("/submit"), "the submit button")
    keys.press(Keys.SPACE)  # a button is pressed with Space as well as Enter
    WebDriverWait(driver, 20).until(lambda d: "/receipt" in d.current_url)
    settle(driver)
    receipt = driver.find_elements(By.CSS_SELECTOR, ".receipt-number")
    number = receipt[0].text.strip() if receipt else ""
    check(f"keyboard {walk}: the receipt page gives a receipt number", re.fullmatch(r"\d{8}-[0-9A-Z]{4}-[0-9A-Z]{4}", number) is not None,
          number or driver.current_url)
    keys.report_focus("submitting")
    driver.save_screenshot(os.path.join(shots, "keyboard-apply-receipt.png"))
    # Sign out with the keyboard too.
    keys.tab_to(lambda s: s["formAction"] == "/signout", "the sign-out button", backwards=True)
    keys.enter_and_wait()
    keys.report_focus("signing out")


def walk_ticket(driver, shots):
    walk = "12345 ticket"
    keys = Keyboard(driver, walk)
    driver.delete_all_cookies()
    new_address(driver)
    driver.get(PORTAL + "/")
    skip_link(keys, walk, "the home page")
    keys.tab_to(lambda s: True, "anything", limit=1)
    keys.tab_to(lambda s: s["href"] == "/12345", "the 12345 link", backwards=True)
    keys.enter_and_wait()
    keys.tab_to(lambda s: s["href"] == "/12345/new", "the link to the form")
    keys.enter_and_wait()
    check(f"keyboard {walk}: the form opens", driver.current_url.endswith("/12345/new"), driver.current_url)
    skip_link(keys, walk, "the form")
    keys.tab_to(lambda s: s["id"] == "t-type", "the type")
    for _ in range(8):
        if driver.execute_script("return document.getElementById('t-type').value") == "complaint":
            break
        keys.press(Keys.ARROW_DOWN)
    keys.tab_to(lambda s: s["id"] == "t-category", "the category")
    for _ in range(40):
        if driver.execute_script("return document.getElementById('t-category').value") == "urban-road":
            break
        keys.press(Keys.ARROW_DOWN)
    chosen = driver.execute_script("return [document.getElementById('t-type').value, document.getElementById('t-category').value]")
    check(f"keyboard {walk}: the arrow keys choose type and category", chosen == ["complaint", "urban-road"], str(chosen))
    for field, text in [("t-content", "茹龙镇团结街路灯损坏已两周，夜间出行不便，请尽快修复"), ("t-address", "新龙县茹龙镇团结街"),
                        ("t-name", "格桑"), ("t-phone", "13987654321")]:
        keys.tab_to(lambda s, field=field: s["id"] == field, field)
        keys.type(text)
    keys.tab_to(lambda s: s["name"] == "consent", "the consent box")
    keys.press(Keys.SPACE)
    check(f"keyboard {walk}: Space ticks the consent box",
          driver.execute_script("return document.querySelector('input[name=consent]').checked"))
    keys.tab_to(lambda s: s["tag"] == "button" and s["formAction"] == "/12345/new", "the submit button")
    keys.enter_and_wait()
    number = driver.find_elements(By.CSS_SELECTOR, ".notice-success .mono")
    check(f"keyboard {walk}: the receipt gives a ticket number", number and len(number[0].text.strip()) == 18,
          driver.current_url)
    keys.report_focus("the form")
    driver.save_screenshot(os.path.join(shots, "keyboard-12345-receipt.png"))


# ---- the run ---------------------------------------------------------------------------------

def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--hide-scrollbars", "--lang=zh-CN"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def part(driver, shots, name, step):
    """Runs one part; one that breaks is a failed check, with a screenshot of where."""
    began = time.time()
    try:
        step()
    except Exception as error:
        driver.save_screenshot(os.path.join(shots, "failure-" + re.sub(r"\W+", "-", name) + ".png"))
        where = [line for line in traceback.format_exc().splitlines() if "a11y.py" in line][-1:]
        check(f"{name} completed", False, (str(error).splitlines() or [repr(error)])[0] + " at " + "".join(where).strip())
    say(f"     ({name}: {time.time() - began:.0f} s)")

def run(binary, *args, env=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, env=env)


def main():
    global PORTAL, STAFF
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--port", type=int, default=18600, help="the portal's port; the workbench's is the next")
    args = parser.parse_args()
    PORTAL, STAFF = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
    shots = os.path.join(args.artifacts, "a11y")
    os.makedirs(shots, exist_ok=True)
    data = tempfile.mkdtemp(prefix="zhengwu-a11y-")
    started = time.time()

    # The demo county with a few published documents, at the drill date of the other checks.
    drill = dict(os.environ, ZHENGWU_FAKE_NOW="2026-03-02T10:00:00+08:00", ZHENGWU_TRUSTED_PROXIES="127.0.0.1")
    demo = run(args.binary, "demo", "--data-dir", data + "/demo", env=drill)
    generated = run(args.binary, "generate", "publications", "--count", "12", "--data-dir", data + "/demo", env=drill)
    check("demo county and publications loaded", demo.returncode == 0 and generated.returncode == 0, demo.stderr + generated.stderr)
    log = open(os.path.join(args.artifacts, "a11y-server.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--data-dir", data + "/demo", "--public-bind", PORTAL[7:],
                               "--staff-bind", STAFF[7:]], stdout=log, stderr=subprocess.STDOUT, env=drill)
    try:
        check("portal ready", wait_ready(PORTAL))
        check("workbench ready", wait_ready(STAFF))
        first = browser()
        try:
            part(first, shots, "keyboard walk: applying online", lambda: walk_apply(first, data, shots))
            part(first, shots, "keyboard walk: a 12345 ticket", lambda: walk_ticket(first, shots))
            found = {}
            part(first, shots, "setting up pages to show", lambda: found.update(setup_portal_data(first, data)))
            # The portal and the workbench at once, a browser each: one alone leaves a core idle.
            second = browser()
            try:
                staff = threading.Thread(target=part, args=(second, shots, "workbench pages", lambda: staff_matrix(second, shots)))
                staff.start()
                part(first, shots, "portal pages", lambda: portal_matrix(first, shots, found))
                staff.join()
            finally:
                second.quit()
        finally:
            first.quit()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    if notes:
        print(f"\nnotes: {len(notes)} minor or moderate findings (not failures)")
        for note in notes:
            print("note " + note)
    size = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(shots) for name in names)
    failed = sum(1 for _, ok in results if not ok)
    print(f"\naccessibility: {len(results)} checks, {failed} failed "
          f"({len(MODES)} modes, screenshots {size / 1e6:.1f} MB, {time.time() - started:.0f} s)")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
