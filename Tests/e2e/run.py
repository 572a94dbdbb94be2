#!/usr/bin/env python3
"""End-to-end checks of the built binary: operator commands, then a real Chromium driven through
the public portal and the staff workbench (language switch, registration, sign-in, TOTP, sign-out),
with screenshots saved for people to look at."""
import argparse
import base64
import importlib.util
import json
import hashlib
import hmac
import os
import random
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

PORTAL = "http://127.0.0.1:18080"
STAFF = "http://127.0.0.1:18081"
DEMO_PASSWORD = "Demo-2026-zw"
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    print(("ok   " if condition else "FAIL ") + name + (f" ({detail})" if detail and not condition else ""))


def run(binary, *args, env=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, env=env)


def totp(secret_text, at=None):
    key = base64.b32decode(secret_text.replace(" ", "").upper() + "=" * (-len(secret_text.replace(" ", "")) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def resident_id():
    """A valid invented resident ID number (GB 11643 checksum) for the demo county."""
    stem = f"513329{random.randint(1960, 2000)}0101{random.randint(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return stem + "10X98765432"[sum(int(c) * w for c, w in zip(stem, weights)) % 11]


def wait_ready(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def axe_source():
    """axe-core, the accessibility rules engine, as shipped inside a PyPI package (no CDN)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    with open(os.path.join(os.path.dirname(spec.origin), "axe.min.js")) as f:
        return f.read()


AXE = None


def check_accessibility(driver, name):
    """Runs the WCAG 2.1 A/AA rules of axe-core on the page as displayed."""
    global AXE
    AXE = AXE or axe_source()
    driver.set_script_timeout(60)
    driver.execute_script(AXE)
    found = json.loads(driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(function (r) { done(JSON.stringify(r.violations)); });"))
    summary = "; ".join(f"{v['id']} {[n['target'] for n in v['nodes']][:2]}" for v in found)
    check(f"WCAG 2.1 AA (axe-core): {name}", not found, summary)


def click(driver, selector, navigates=True):
    """Clicks as a person would, after scrolling the element to the middle of the window, and
    waits for the next page when the click leads to one. A page still settling can detach the
    element between finding and clicking it; then it is found again."""
    for attempt in range(3):
        try:
            WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
            element = driver.find_element(By.CSS_SELECTOR, selector)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
            page = driver.find_element(By.TAG_NAME, "html")
            element.click()
            break
        except WebDriverException:
            if attempt == 2:
                raise
            time.sleep(0.5)
    if navigates:
        wait = WebDriverWait(driver, 15)
        wait.until(lambda d: is_gone(page))
        wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def is_gone(element):
    """Whether the page `element` belonged to has been replaced. Chromium sometimes reports an
    element of the old page as "not belonging to the document" rather than as stale; both mean
    the next page has arrived."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def browser_flow(driver, shots):
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    def html_lang():
        return driver.find_element(By.TAG_NAME, "html").get_attribute("lang")

    driver.get(PORTAL + "/")
    check("portal home shows the government", "新龙县人民政府" in driver.page_source)
    check("the drill clock is announced", "2026-03-02T10:0" in driver.page_source)
    shot("01-portal-home")
    check_accessibility(driver, "portal home")

    click(driver, '.lang-switch a[lang="en"]')
    check("language switch to English", html_lang() == "en", html_lang())
    shot("02-portal-english")
    click(driver, '.lang-switch a[lang="ug"]')
    check("Uyghur is right-to-left", driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl")
    shot("03-portal-uyghur")
    check_accessibility(driver, "portal home in Uyghur")
    click(driver, '.lang-switch a[lang="zh-Hans"]')
    check("language switch back to Chinese", html_lang() == "zh-Hans")

    phone = "139" + "".join(random.choice("0123456789") for _ in range(8))
    password = "Gesang-flower-26"
    driver.get(PORTAL + "/register")
    driver.find_element(By.ID, "f-name").send_keys("格桑")
    driver.find_element(By.ID, "f-id_number").send_keys("12345")
    driver.find_element(By.ID, "f-phone").send_keys(phone)
    driver.find_element(By.ID, "f-password").send_keys(password)
    driver.find_element(By.ID, "f-password_confirmation").send_keys(password)
    click(driver, 'label[for="f-consent"]', navigates=False)
    click(driver, "form.form button[type=submit]")
    check("a bad ID number is explained in Chinese", "身份证号码应为18位" in driver.page_source)
    check("typed values are kept", driver.find_element(By.ID, "f-name").get_attribute("value") == "格桑")
    shot("04-register-error")
    check_accessibility(driver, "registration form with errors")
    id_field = driver.find_element(By.ID, "f-id_number")
    id_field.clear()
    id_field.send_keys(resident_id())
    driver.find_element(By.ID, "f-password").send_keys(password)
    driver.find_element(By.ID, "f-password_confirmation").send_keys(password)
    if not driver.find_element(By.ID, "f-consent").is_selected():
        click(driver, 'label[for="f-consent"]', navigates=False)
    click(driver, "form.form button[type=submit]")
    check("registration succeeds", "registered=1" in driver.current_url, driver.current_url)

    driver.find_element(By.ID, "f-login").send_keys(phone)
    driver.find_element(By.ID, "f-password").send_keys(password)
    click(driver, "form.form button[type=submit]")
    check("citizen signs in", driver.current_url.endswith("/account"), driver.current_url)
    check("phone shown masked", phone[:3] + "****" + phone[-4:] in driver.page_source)
    shot("05-citizen-account")
    check_accessibility(driver, "citizen account page")
    click(driver, ".site-header form.inline-form button")
    driver.get(PORTAL + "/account")
    check("citizen signed out", "/signin" in driver.current_url, driver.current_url)

    driver.get(STAFF + "/")
    check("workbench asks staff to sign in", "/signin" in driver.current_url)
    driver.find_element(By.ID, "f-username").send_keys("sysadmin")
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    click(driver, "form.form button[type=submit]")
    check("password step leads to TOTP enrolment", "/signin/second-factor" in driver.current_url)
    check("QR code shown as SVG", len(driver.find_elements(By.CSS_SELECTOR, ".qr svg")) == 1)
    shot("06-staff-totp-enrol")
    check_accessibility(driver, "TOTP enrolment")
    secret = driver.find_element(By.ID, "totp-secret").text
    driver.find_element(By.ID, "f-code").send_keys(totp(secret))
    click(driver, "form.form button[type=submit]")
    check("staff home after TOTP", "赵建国" in driver.page_source and "系统管理员" in driver.page_source)
    shot("07-staff-home")
    check_accessibility(driver, "staff home")
    driver.get(STAFF + "/admin/staff")
    check("system administrator sees the staff list", "刘思远" in driver.page_source)
    shot("08-staff-directory")
    check_accessibility(driver, "staff directory")
    driver.get(STAFF + "/admin/calendar")
    check_accessibility(driver, "calendar administration")
    driver.get(STAFF + "/admin/departments/new")
    check_accessibility(driver, "new department form")
    driver.get(STAFF + "/admin/windows")
    check("the demo service centre has its windows", "综合受理窗口" in driver.page_source)
    check_accessibility(driver, "service windows")
    driver.get(STAFF + "/account/password")
    check_accessibility(driver, "change password form")
    driver.get(STAFF + "/admin/settings")
    check_accessibility(driver, "site settings")
    click(driver, ".site-header form.inline-form button")
    driver.get(STAFF + "/")
    check("staff signed out", "/signin" in driver.current_url)
    driver.get(PORTAL + "/admin/staff")
    check("no staff page on the portal", "页面不存在" in driver.page_source)
    driver.get(PORTAL + "/tools/deadline?from=2026-02-10&days=20")
    check("deadline calculator", "2026-03-16" in driver.page_source)
    check_accessibility(driver, "deadline calculator")
    driver.get(PORTAL + "/preferences/elder?on=1&back=/tools/deadline")
    shot("09-elder-mode")
    check_accessibility(driver, "elder mode")


def staff_sign_in(driver, username):
    """Signs a demo staff member in on the workbench, enrolling their TOTP app on first use."""
    driver.get(STAFF + "/signin")
    driver.find_element(By.ID, "f-username").send_keys(username)
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    click(driver, "form.form button[type=submit]")
    secret = driver.find_element(By.ID, "totp-secret").text
    driver.find_element(By.ID, "f-code").send_keys(totp(secret))
    click(driver, "form.form button[type=submit]")


def services_flow(driver, shots, data):
    """A citizen finds an item, applies online with an upload, and follows it; the department
    asks for a correction; the window and the catalogue editor are checked for accessibility."""
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    driver.get(PORTAL + "/services")
    check("the catalogue lists the demo items", len(driver.find_elements(By.CSS_SELECTOR, ".todo-item")) >= 20)
    shot("10-services")
    check_accessibility(driver, "service catalogue")
    driver.find_element(By.ID, "f-q").send_keys("低保")
    click(driver, "form.filter-bar button[type=submit]")
    check("a two-character search finds 最低生活保障", "最低生活保障审核确认" in driver.page_source)
    driver.get(PORTAL + "/services/513329-MZJ-GF-002")
    check("the guide shows its legal basis and time limit", "社会救助暂行办法" in driver.page_source and "工作日" in driver.page_source)
    shot("11-guide")
    check_accessibility(driver, "service guide")
    driver.get(PORTAL + "/services/513329-MZJ-GF-002/form?sample=1")
    check_accessibility(driver, "sample application form")

    driver.get(PORTAL + "/signin")
    driver.find_element(By.ID, "f-login").send_keys("13800000001")
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    click(driver, "form.form button[type=submit]")
    driver.get(PORTAL + "/services/513329-MZJ-GF-002/apply")
    check_accessibility(driver, "online application form")
    values = {"applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": "13800000001",
              "home_address": "新龙县雄龙西乡雄龙西村三组", "amount_requested": "3000", "description": "家中房屋失火，暂住亲戚家。"}
    for key, value in values.items():
        driver.find_element(By.ID, "f-" + key).send_keys(value)
    click(driver, 'input[name="hardship_type"][value="急难型"]', navigates=False)
    click(driver, "form.form button[type=submit]")
    check("the draft is saved and materials are asked for", "/applications/" in driver.current_url, driver.current_url)
    pdf = os.path.join(data, "申请书.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    driver.find_element(By.ID, "u-application").send_keys(pdf)
    click(driver, '#f-material\\.application form.upload-form button[type=submit]')
    check("the upload is listed", "申请书.pdf" in driver.page_source)
    for key, number in [("household_register", "HK-513329-0001"), ("id_card", "ID-513329-0001")]:
        driver.find_element(By.ID, "c-" + key).send_keys(number)
        click(driver, f'#f-material\\.{key} form.upload-form button[type=submit]')
    shot("12-application-materials")
    check_accessibility(driver, "application with materials")
    click(driver, 'form[action$="/submit"] button[type=submit]')
    receipt = driver.find_element(By.CSS_SELECTOR, ".receipt-number").text.strip()
    check("submitting gives a receipt number", len(receipt) == 18 and receipt.startswith("20260302-"), receipt)
    shot("13-receipt")
    check_accessibility(driver, "application receipt")
    click(driver, ".site-header form.inline-form button")

    driver.get(PORTAL + "/track")
    driver.find_element(By.ID, "f-receipt").send_keys(receipt)
    driver.find_element(By.ID, "f-secret").send_keys("120017")
    click(driver, "form.form button[type=submit]")
    check("anyone with the receipt and ID tail follows progress", "待受理" in driver.page_source and "扎***" in driver.page_source)
    shot("14-track")
    check_accessibility(driver, "progress lookup")

    staff_sign_in(driver, "mzj-handler")
    driver.get(STAFF + "/cases")
    check("the department's queue holds the case", receipt in driver.page_source)
    shot("15-queue")
    check_accessibility(driver, "case queue")
    click(driver, f'a[href^="/cases/"]')
    check_accessibility(driver, "case detail with acceptance decisions")
    driver.find_element(By.ID, "f-corrections").send_keys("户口簿复印件不清晰\n请补充村委会出具的困难证明")
    click(driver, 'input[name="decision"][value="correct"] ~ button[type=submit]')
    check("a correction notice is issued", "补正告知书" in driver.page_source, driver.current_url)
    click(driver, 'a[href*="/notices/"]')
    check("the notice lists every correction", "请补充村委会出具的困难证明" in driver.page_source)
    shot("16-correction-notice")
    check_accessibility(driver, "written notice")
    driver.get(STAFF + "/catalogue")
    check_accessibility(driver, "catalogue editor list")
    click(driver, 'a[href^="/catalogue/"][href*="-"]')
    check_accessibility(driver, "catalogue item versions")
    driver.get(driver.current_url + "/edit")
    check_accessibility(driver, "guide editor")
    click(driver, ".site-header form.inline-form button")

    staff_sign_in(driver, "window01")
    driver.get(STAFF + "/walk-in/513329-MZJ-GF-002")
    check_accessibility(driver, "window intake form")
    click(driver, ".site-header form.inline-form button")


def fill(driver, values):
    for key, value in values.items():
        field = driver.find_element(By.ID, "f-" + key)
        field.clear()
        field.send_keys(value)


def approval_flow(driver, shots, data):
    """The joint-handling licence from online application to certificate: a firm applies for a
    建设工程规划许可证, the window accepts it, 自然资源局 and 住建局 approve in parallel, the head
    of 自然资源局 extends once and grants, the certificate is verified, and a second application
    at 住建局 uses it instead of an upload."""
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    def sign_out():
        click(driver, ".site-header form.inline-form button")

    pdf = os.path.join(data, "设计方案.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

    driver.get(PORTAL + "/signin")
    driver.find_element(By.ID, "f-login").send_keys("91513329MA62X00023")
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    click(driver, "form.form button[type=submit]")
    driver.get(PORTAL + "/services/513329-ZRJ-XK-001")
    check("the joint item's guide draws its workflow", len(driver.find_elements(By.CSS_SELECTOR, ".workflow-wrap svg")) == 1)
    def apply_for_planning_permit(project):
        driver.get(PORTAL + "/services/513329-ZRJ-XK-001/apply")
        fill(driver, {"builder_name": "新龙县康巴建筑工程有限公司", "builder_credit_code": "91513329MA62X00023",
                      "project_name": project, "site_address": "新龙县茹龙镇城北工业园区",
                      "land_area": "3200", "floor_area": "1800", "phone": "13800000012"})
        click(driver, 'input[name="project_type"][value="公共建筑"]', navigates=False)
        click(driver, "form.form button[type=submit]")
        check("the firm's draft is saved", "/applications/" in driver.current_url, driver.current_url)
        for key in ["application", "design_scheme"]:
            driver.find_element(By.ID, "u-" + key).send_keys(pdf)
            click(driver, f'#f-material\\.{key} form.upload-form button[type=submit]')
        for key, number in [("land_certificate", "BDC-513329-2025-0088"), ("project_filing", "BA-513329-2026-0012")]:
            driver.find_element(By.ID, "c-" + key).send_keys(number)
            click(driver, f'#f-material\\.{key} form.upload-form button[type=submit]')
        click(driver, 'form[action$="/submit"] button[type=submit]')
        receipt = driver.find_element(By.CSS_SELECTOR, ".receipt-number").text.strip()
        check("the firm's application gets a receipt", receipt.startswith("20260302-"), receipt)
        return receipt

    # Two projects: the first goes all the way, the second stays open for the supervisor.
    receipt = apply_for_planning_permit("新龙县康巴建筑公司办公楼")
    second = apply_for_planning_permit("新龙县康巴建筑公司职工食堂")
    sign_out()

    # The service centre's window accepts them on the lead department's behalf.
    staff_sign_in(driver, "window02")
    case_path = None
    for number in [receipt, second]:
        driver.get(STAFF + "/cases")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, 'a[href*="/cases/"]') if number in a.text]
        check("the window's queue holds the online application", len(links) == 1, number)
        driver.get(links[0])
        if number == receipt:
            case_path = "/cases/" + driver.current_url.rstrip("/").split("/cases/")[1].split("?")[0]
        click(driver, 'form[action$="/decide"] input[value="accept"] ~ button[type=submit]')
        check("the window accepts it and review begins", "审查中" in driver.page_source or "办理中" in driver.page_source)
    sign_out()

    # Both departments find it in their to-do lists and approve in parallel.
    for username, step in [("zrj-handler", "review"), ("zjj-handler", "joint_zjj")]:
        staff_sign_in(driver, username)
        driver.get(STAFF + "/todo")
        check(f"{username}'s to-do list holds the case", receipt in driver.page_source)
        if username == "zrj-handler":
            shot("17-todo")
            check_accessibility(driver, "to-do list")
        driver.get(STAFF + case_path)
        if username == "zrj-handler":
            marked = driver.find_elements(By.CSS_SELECTOR, '.workflow-wrap svg rect[stroke-width="4"]')
            check("the case's workflow picture marks both parallel steps", len(marked) == 2, str(len(marked)))
            shot("18-case-review")
            check_accessibility(driver, "case under review")
        driver.find_element(By.ID, "a-note-" + step).send_keys("符合规划条件" if step == "review" else "建筑设计符合要求")
        click(driver, f'input[name="action"][value="approve"] + input[name="step"][value="{step}"] ~ button[type=submit]')
        check(f"{username} approves its step", "审查同意" in driver.page_source or "符合" in driver.page_source)
        sign_out()

    # The head extends once, with the reason the applicant is told, and grants.
    staff_sign_in(driver, "zrj-head")
    driver.get(STAFF + case_path)
    before = driver.find_element(By.CSS_SELECTOR, "#f-review dl.facts dd").text
    driver.find_element(By.ID, "ex-days").send_keys("5")
    driver.find_element(By.ID, "ex-reason").send_keys("需组织设计方案批前公示后的现场核查")
    click(driver, 'input[name="action"][value="extend"] ~ button[type=submit]')
    after = driver.find_element(By.CSS_SELECTOR, "#f-review dl.facts dd").text
    check("the extension moves the promised date", before != after and after > before, f"{before} -> {after}")
    check("the extension notice is issued", "延长审查期限通知书" in driver.page_source)
    driver.find_element(By.ID, "d-note").send_keys("准予核发建设工程规划许可证。")
    click(driver, 'form[action$="/decision"] input[value="grant"] ~ button[type=submit]')
    check("the head grants and the certificate is issued", "准予许可" in driver.page_source and "电子证照" in driver.page_source)
    shot("19-granted")
    sign_out()

    # The firm sees the decision and its certificate, which anyone can verify.
    driver.get(PORTAL + "/signin")
    driver.find_element(By.ID, "f-login").send_keys("91513329MA62X00023")
    driver.find_element(By.ID, "f-password").send_keys(DEMO_PASSWORD)
    click(driver, "form.form button[type=submit]")
    driver.get(PORTAL + "/account/certificates")
    number = driver.find_element(By.CSS_SELECTOR, ".plain-list .card-title .mono").text.strip()
    check("my certificates lists the new licence", number.startswith("513329-ZRJ-2026-") and "建设工程规划许可证" in driver.page_source, number)
    shot("20-my-certificates")
    check_accessibility(driver, "my certificates")
    driver.get(PORTAL + "/account/certificates/" + number)
    check("the certificate opens as a printable document", "新龙县康巴建筑公司办公楼" in driver.page_source
          and "新龙县自然资源局" in driver.page_source)
    shot("20b-certificate-document")
    check_accessibility(driver, "certificate document")
    driver.get(PORTAL + "/account/certificates")
    click(driver, '.plain-list a[href^="/certificates/verify"]')
    check("the verification page confirms it", "有效" in driver.page_source and number in driver.page_source)
    check_accessibility(driver, "certificate verification")
    driver.get(PORTAL + "/results")
    check("the results list publishes the grant", number in driver.page_source)
    check_accessibility(driver, "results list")
    driver.get(PORTAL + "/statistics")
    check_accessibility(driver, "public statistics")

    # 住建局's construction permit needs the planning permit: the form offers the certificate.
    driver.get(PORTAL + "/services/513329-ZJJ-XK-001/apply")
    fill(driver, {"builder_name": "新龙县康巴建筑工程有限公司", "builder_credit_code": "91513329MA62X00023",
                  "project_name": "新龙县康巴建筑公司办公楼", "site_address": "新龙县茹龙镇城北工业园区",
                  "contractor_name": "新龙县康巴建筑工程有限公司", "contractor_credit_code": "91513329MA62X00023",
                  "contract_price": "900", "floor_area": "1800"})
    click(driver, "form.form button[type=submit]")
    check("the construction permit draft is saved", "/applications/" in driver.current_url, driver.current_url)
    check("the planning permit is offered for its material", number in driver.page_source)
    click(driver, '#f-material\\.planning_permit form.inline-form button[type=submit]')
    slot = driver.find_element(By.ID, "f-material.planning_permit").text
    check("the application refers to the certificate instead of an upload", number in slot, slot[:200])
    shot("21-certificate-reused")
    check_accessibility(driver, "application reusing a certificate")
    sign_out()


def supervision_flow(driver, shots):
    """The supervisor's board, the cases behind a figure, urging an open case, the rules form."""
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    staff_sign_in(driver, "supervisor")
    driver.get(STAFF + "/supervision")
    check("the supervision board counts the open case", "在办件 1 件" in driver.page_source and "新龙县自然资源局" in driver.page_source)
    shot("22-supervision-board")
    check_accessibility(driver, "supervision board")
    driver.get(STAFF + "/supervision/cases")
    check_accessibility(driver, "cases behind a board figure")
    click(driver, 'table a[href^="/cases/"]')
    driver.find_element(By.ID, "sv-urge").send_keys("请加快办理")
    click(driver, 'form[action$="/supervision"] input[value="urge"] ~ button[type=submit]')
    check("the supervisor urges an open case", "催办" in driver.page_source and "请加快办理" in driver.page_source)
    check_accessibility(driver, "case page with supervision")
    driver.get(STAFF + "/supervision/performance")
    check("the performance page shows the year's figures and charts",
          "按时办结率" in driver.page_source and len(driver.find_elements(By.CSS_SELECTOR, "svg.chart")) == 3)
    shot("23-performance")
    check_accessibility(driver, "performance figures")
    driver.get(STAFF + "/supervision/reports")
    check("last week's and last month's reports were made on the schedule", "周报（2026-02-23至2026-03-01）" in driver.page_source
          and "月报（2026-02-01至2026-02-28）" in driver.page_source)
    check_accessibility(driver, "reports list")
    click(driver, 'a[href^="/supervision/reports/"]')
    check_accessibility(driver, "a report")
    driver.get(STAFF + "/supervision/rules")
    field = driver.find_element(By.ID, "f-days_left")
    field.clear()
    field.send_keys("11")
    click(driver, "form.form button[type=submit]")
    check("out-of-range rules are refused in Chinese", "剩余工作日阈值应在0至10之间" in driver.page_source)
    check_accessibility(driver, "warning rules with an error")
    click(driver, ".site-header form.inline-form button")


def disclosure_flow(driver, shots):
    """A department writes a notice, a publisher (not the writer) publishes it, and the public
    finds it with a two-character search."""
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    staff_sign_in(driver, "mzj-head")
    driver.get(STAFF + "/disclosure/new")
    check_accessibility(driver, "publication editor")
    driver.find_element(By.ID, "f-title").send_keys("关于做好2026年冬春救助工作的通知")
    driver.find_element(By.ID, "f-body").send_keys("各乡（镇）：\n\n请做好**冬春救助**工作。")
    click(driver, "form.form button[type=submit]")
    check("the draft is saved", "草稿已保存" in driver.page_source)
    check_accessibility(driver, "publication in the workbench")
    click(driver, 'form[action$="/submit"] button[type=submit]')
    check("the draft is submitted for review", "已提交审核" in driver.page_source)
    click(driver, ".site-header form.inline-form button")
    staff_sign_in(driver, "publisher")
    driver.get(STAFF + "/disclosure")
    check_accessibility(driver, "publications awaiting review")
    click(driver, 'table a[href^="/disclosure/"]')
    click(driver, 'form[action$="/publish"] button.btn-primary')
    check("a publisher publishes it", "已审核通过" in driver.page_source)
    shot("24-publication-workbench")
    click(driver, ".site-header form.inline-form button")
    driver.get(PORTAL + "/open")
    check_accessibility(driver, "government information")
    driver.find_element(By.ID, "f-q").send_keys("救助")
    click(driver, "form.filter-bar button[type=submit]")
    check("a two-character search finds the notice, highlighted", "<mark>救助</mark>" in driver.page_source)
    shot("25-open-search")
    check_accessibility(driver, "government information search")
    click(driver, ".result-list a")
    check("the publication page shows its index number", "MZJ/2026-00001" in driver.page_source)
    shot("26-publication")
    check_accessibility(driver, "a publication")
    driver.get(PORTAL + "/open/guide")
    check_accessibility(driver, "disclosure guide")


def hotline_flow(driver, shots):
    """A citizen files a 12345 complaint on the portal; an operator records a call with the
    keyboard alone; the office dispatches the complaint to the catalogue's department; the
    citizen tracks it. Every page on the way is checked against WCAG 2.1 AA."""
    def shot(name):
        driver.save_screenshot(os.path.join(shots, name + ".png"))

    driver.get(PORTAL + "/12345")
    check_accessibility(driver, "12345 hotline")
    driver.get(PORTAL + "/12345/new")
    check_accessibility(driver, "12345 form")
    Select(driver.find_element(By.ID, "t-type")).select_by_value("complaint")
    Select(driver.find_element(By.ID, "t-category")).select_by_value("urban-road")
    driver.find_element(By.ID, "t-content").send_keys("茹龙镇团结街路面塌陷，雨天积水，请尽快修复")
    driver.find_element(By.ID, "t-address").send_keys("新龙县茹龙镇团结街")
    driver.find_element(By.ID, "t-phone").send_keys("13912345678")
    click(driver, 'form[action="/12345/new"] button[type=submit]')
    number = driver.find_element(By.CSS_SELECTOR, ".notice-success .mono").text
    check("the portal gives a ticket number", len(number) == 18, driver.page_source[:300])
    shot("30-hotline-receipt")
    check_accessibility(driver, "12345 receipt")
    for path, name in [("/12345/replies", "published replies"), ("/12345/faq", "12345 FAQ"), ("/12345/satisfaction", "satisfaction")]:
        driver.get(PORTAL + path)
        check_accessibility(driver, name)

    staff_sign_in(driver, "hotline")
    driver.get(STAFF + "/tickets/call")
    check_accessibility(driver, "operator's call screen")
    # Keyboard only: the cursor starts on the type; Tab moves on; Enter on a button presses it.
    focused = driver.switch_to.active_element
    check("the call screen starts on the type", focused.get_attribute("id") == "t-type")
    focused.send_keys("咨")  # type-ahead picks 咨询
    focused.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys("户籍")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys("身份证丢了怎么补办" + Keys.TAB)
    driver.find_element(By.ID, "t-phone").send_keys("13712345678")
    search = driver.find_element(By.CSS_SELECTOR, 'button[value="search"]')
    driver.find_element(By.ID, "t-q").send_keys("身份证")
    search.send_keys(Keys.ENTER)
    WebDriverWait(driver, 15).until(lambda d: "身份证丢了怎么补办？" in d.page_source)
    check("the knowledge base answers while the call goes on, keeping what was typed",
          driver.find_element(By.ID, "t-phone").get_attribute("value") == "13712345678")
    check_accessibility(driver, "call screen with answers")
    driver.find_element(By.CSS_SELECTOR, 'input[name="article"]:not([value=""])').send_keys(Keys.SPACE)
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, 'button[value="save"]').send_keys(Keys.ENTER)
    WebDriverWait(driver, 15).until(lambda d: is_gone(page))
    check("the consultation is answered and closed on the call", "当场答复办结" in driver.page_source)
    shot("31-call-closed")
    check_accessibility(driver, "a ticket in the workbench")

    driver.get(STAFF + "/tickets?show=received")
    check_accessibility(driver, "tickets to dispatch")
    driver.get(driver.find_element(By.LINK_TEXT, number).get_attribute("href"))
    click(driver, 'form[action$="/steps/dispatch"] button[type=submit]')
    check("the office dispatches to the catalogue's department", "已派单" in driver.page_source and "交通运输局" in driver.page_source)
    shot("32-ticket-dispatched")
    for path, name in [("/tickets/setup", "hotline setup"), ("/tickets/knowledge", "knowledge base"),
                       ("/tickets/report", "weekly report"), ("/ratings", "review fixes")]:
        driver.get(STAFF + path)
        check_accessibility(driver, name)
    click(driver, ".site-header form.inline-form button")

    driver.get(PORTAL + "/12345")
    driver.find_element(By.ID, "k-number").send_keys(number)
    driver.find_element(By.ID, "k-secret").send_keys("13912345678")
    click(driver, 'form[action="/12345/track"] button[type=submit]')
    check("the citizen tracks the ticket by number and phone", "待签收" in driver.page_source,
          driver.find_element(By.TAG_NAME, "main").text[:300])
    check_accessibility(driver, "ticket tracking")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    binary = args.binary
    shots = os.path.join(args.artifacts, "screenshots")
    os.makedirs(shots, exist_ok=True)
    data = tempfile.mkdtemp(prefix="zhengwu-e2e-")

    due = run(binary, "calendar", "due", "--from", "2026-02-10", "--working-days", "20", "--data-dir", data + "/none")
    check("calendar due prints 2026-03-16", due.stdout.strip() == "2026-03-16", due.stdout + due.stderr)
    helptext = run(binary, "--help")
    check("--help lists every command", all(c in helptext.stdout for c in ["serve", "migrate", "demo", "admin", "audit", "calendar", "generate"]), helptext.stdout)
    bad = run(binary, "serve", "--public-bind", "nonsense", "--data-dir", data + "/bad")
    check("a wrong setting stops the server naming it", bad.returncode == 2 and "--public-bind" in bad.stderr, bad.stderr)

    empty = data + "/empty"
    created = run(binary, "admin", "create", "--data-dir", empty, "--username", "admin", "--name", "管理员",
                  "--region-code", "513329", "--region-name", "新龙县", "--government-name", "新龙县人民政府")
    check("admin create on an empty install", created.returncode == 0 and "One-time password" in created.stdout, created.stderr)

    year_file = os.path.join(data, "2027.txt")
    with open(year_file, "w") as f:
        f.write("year 2027\nsource 国办发明电〔2026〕1号\nholiday 元旦 2027-01-01 2027-01-03\n")
    imported = run(binary, "calendar", "import", year_file, "--data-dir", empty)
    check("calendar import loads a year", imported.returncode == 0 and "Loaded 2027" in imported.stdout, imported.stderr)
    due2027 = run(binary, "calendar", "due", "--from", "2026-12-30", "--working-days", "2", "--data-dir", empty)
    check("an imported year is counted without warning", due2027.stdout.strip() == "2027-01-04" and "warning" not in due2027.stderr,
          due2027.stdout + due2027.stderr)
    with open(year_file, "w") as f:
        f.write("year 2027\nsource 国办发明电〔2026〕1号\nholiday 元旦 2027-01-01 2027-13-03\n")
    broken = run(binary, "calendar", "import", year_file, "--data-dir", empty)
    check("a broken arrangement names its line", broken.returncode == 65 and "line 3" in broken.stderr.lower(), broken.stderr)

    log = open(os.path.join(args.artifacts, "server.log"), "w")
    # A drill at a chosen date: business time is shifted, the phone's TOTP codes keep real time.
    drill = dict(os.environ, ZHENGWU_FAKE_NOW="2026-03-02T10:00:00+08:00")
    server = subprocess.Popen([binary, "serve", "--data-dir", data + "/demo", "--public-bind", "127.0.0.1:18080",
                               "--staff-bind", "127.0.0.1:18081"], stdout=log, stderr=subprocess.STDOUT, env=drill)
    try:
        check("portal ready", wait_ready(PORTAL))
        check("workbench ready", wait_ready(STAFF))
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=zh-CN"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        # A real Open311 client from PyPI against /open311/v2/, with a key issued from the command line.
        key = run(binary, "open311", "issue-key", "--name", "e2e", "--data-dir", data + "/demo")
        check("open311 issue-key prints a key", key.returncode == 0 and key.stdout.strip().startswith("zw311_"), key.stderr)
        client = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "open311_client.py"),
                                 "--base", PORTAL + "/open311/v2", "--api-key", key.stdout.strip()],
                                capture_output=True, text=True, timeout=300)
        print(client.stdout, end="")
        check("a PyPI Open311 client (georeport) uses /open311/v2/ unmodified", client.returncode == 0, client.stderr[-2000:])
        try:
            browser_flow(driver, shots)
            services_flow(driver, shots, data)
            approval_flow(driver, shots, data)
            supervision_flow(driver, shots)
            disclosure_flow(driver, shots)
            hotline_flow(driver, shots)
        except Exception as error:  # a failed step is a failed check, with a screenshot of where
            driver.save_screenshot(os.path.join(shots, "failure.png"))
            where = [line for line in traceback.format_exc().splitlines() if "run.py" in line][-1:]
            check("browser flow completed", False, (str(error).splitlines() or [repr(error)])[0] + " at " + "".join(where))
        finally:
            driver.quit()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            check("server stops cleanly on SIGTERM", server.wait(timeout=30) == 0)
        except subprocess.TimeoutExpired:
            server.kill()
            check("server stops cleanly on SIGTERM", False)
        log.close()
    with open(os.path.join(args.artifacts, "server.log")) as f:
        check("demo sign-ins printed once", DEMO_PASSWORD in f.read())

    verified = run(binary, "audit", "verify", "--data-dir", data + "/demo")
    check("audit verify passes", verified.returncode == 0, verified.stdout + verified.stderr)
    backup = run(binary, "backup", "--data-dir", data + "/demo", "--to", data + "/backups", "--keep", "3")
    check("zhengwu backup writes a backup", backup.returncode == 0 and "Backup written to" in backup.stdout, backup.stdout + backup.stderr)
    folder = backup.stdout.split("Backup written to ")[-1].split()[0] if backup.returncode == 0 else ""
    restored = run(binary, "restore", folder, "--data-dir", data + "/restored")
    check("zhengwu restore puts it into an empty folder and proves it whole",
          restored.returncode == 0 and "audit chain" in restored.stdout, restored.stdout + restored.stderr)
    again = run(binary, "restore", folder, "--data-dir", data + "/restored")
    check("zhengwu restore refuses a folder that is not empty", again.returncode == 1 and "already exists" in again.stderr,
          again.stdout + again.stderr)
    db = sqlite3.connect(data + "/demo/zhengwu.sqlite")
    db.execute("UPDATE audit_log SET actor_name = '篡改' WHERE sequence = 2")
    db.commit()
    db.close()
    tampered = run(binary, "audit", "verify", "--data-dir", data + "/demo")
    check("audit verify names the tampered record", tampered.returncode == 1 and "record 2" in tampered.stderr,
          tampered.stdout + tampered.stderr)

    passed = sum(1 for _, ok in results if ok)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
