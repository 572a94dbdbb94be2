#!/usr/bin/env python3
"""Hostile input against every HTML form of the portal and the workbench.

Starts the server with the demo county on a fresh SQLite data folder, signs in citizens and staff
(TOTP enrolment included) and, with a real session and CSRF token, sends each form: script in every
text field (the answer and every page later showing the value must show it escaped), direction
overrides and control characters (dropped), emoji and long Chinese text (kept intact within the
limit, a clear 4xx past it with nothing stored), invalid UTF-8, wrong content types, oversized
bodies and malformed multipart (a 4xx, nothing stored), and hostile file names on every upload
(refused or stored under a safe name, nothing written outside the data folder, a safe
Content-Disposition on download). Every answer must be below 500; "nothing stored" is checked by
comparing the database's business tables before and after.

    python3 Tests/e2e/hostile.py --binary .build/debug/zhengwu

Prints one line per check and "N checks, M failed"; exits 0 only if everything held."""
import argparse
import base64
import hashlib
import hmac
import html
import html.parser
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

PORTAL = "http://127.0.0.1:18510"
STAFF = "http://127.0.0.1:18511"
PASSWORD = "Demo-2026-zw"


def totp(secret_text, at=None):
    s = secret_text.replace(" ", "").upper()
    key = base64.b32decode(s + "=" * (-len(s) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select, self.textarea, self.option = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(),
                            "enctype": a.get("enctype", ""), "fields": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input":
            self.current["fields"].append({"tag": "input", "type": (a.get("type") or "text").lower(), "name": a.get("name"),
                                           "value": a.get("value", ""), "checked": "checked" in a, "maxlength": a.get("maxlength"),
                                           "required": "required" in a, "id": a.get("id")})
        elif tag == "textarea":
            self.textarea = {"tag": "textarea", "type": "textarea", "name": a.get("name"), "value": "", "maxlength": a.get("maxlength"),
                             "required": "required" in a, "id": a.get("id")}
            self.current["fields"].append(self.textarea)
        elif tag == "select":
            self.select = {"tag": "select", "type": "select", "name": a.get("name"), "value": None, "options": [],
                           "required": "required" in a, "id": a.get("id")}
            self.current["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self.select["options"].append(self.option)
        elif tag == "button" and a.get("name"):
            self.current["fields"].append({"tag": "button", "type": "submit", "name": a.get("name"), "value": a.get("value", "")})

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            if self.select is not None:
                for o in self.select["options"]:
                    if o["value"] is None:
                        o["value"] = o["text"].strip()
                chosen = [o for o in self.select["options"] if o["selected"]] or [o for o in self.select["options"] if o["value"]]
                self.select["value"] = chosen[0]["value"] if chosen else ""
            self.select = None
        elif tag == "option":
            self.option = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data
        if self.option is not None:
            self.option["text"] += data


def forms_of(text):
    parser = Forms()
    parser.feed(text)
    return parser.forms


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def __repr__(self):
        return f"<{self.status} {self.header('location') or ''}>"


class Browser:
    def __init__(self, base, address=None):
        self.host, self.port = base[7:].split(":")
        self.base = base
        self.site = "portal" if base == PORTAL else "workbench"
        self.cookies = {}
        self.address = address or f"10.{random.randint(1, 250)}.{random.randint(1, 250)}.{random.randint(1, 250)}"
        self.last = None

    def fresh_address(self):
        self.address = f"10.{random.randint(1, 250)}.{random.randint(1, 250)}.{random.randint(1, 250)}"

    def raw(self, method, path, body=None, headers=None, follow=True):
        h = {"X-Forwarded-For": self.address, "Accept-Language": "zh-CN"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        h.update(headers or {})
        conn = http.client.HTTPConnection(self.host, int(self.port), timeout=60)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            response = Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()
        for k, v in response.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";")[0]
                if "expires=thu, 01 jan 1970" in v.lower() or "max-age=0" in v.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        if follow and response.status in (301, 302, 303) and response.header("location"):
            location = response.header("location")
            if location.startswith("http"):
                location = "/" + location.split("/", 3)[3] if location.count("/") >= 3 else "/"
            response = self.raw("GET", location, follow=True)
            response.redirected_from = path
        self.last = response
        return response

    def get(self, path):
        return self.raw("GET", path)

    def csrf(self, text):
        m = re.search(r'name="_csrf" value="([^"]+)"', text)
        return m.group(1) if m else None

    def post(self, path, fields, csrf=None, follow=True):
        body = urllib.parse.urlencode([(k, v) for k, v in fields]).encode()
        if csrf:
            body = urllib.parse.urlencode([("_csrf", csrf)]).encode() + b"&" + body
        return self.raw("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}, follow=follow)

    def multipart(self, path, fields, files=(), boundary=None, follow=True):
        boundary = boundary or "----zw" + uuid.uuid4().hex
        parts = []
        for k, v in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() + (v if isinstance(v, bytes) else v.encode()) + b"\r\n")
        for k, filename, content, ctype in files:
            fn = filename if isinstance(filename, bytes) else filename.encode()
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="'.encode() + fn
                         + f'"\r\nContent-Type: {ctype}\r\n\r\n'.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.raw("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}, follow=follow)


# ----------------------------------------------------------------------------------------------
# Checks and the database

results = []
DATA = None
SCRIPT = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
SHORT = "<u>x</u>'\""        # for fields too short to hold SCRIPT
RAW = ["<script>alert(1)", "<img src=x onerror", "<u>x</u>"]
ESCAPED = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;u&gt;x&lt;/u&gt;"]
CONTROLS = ["\u202e", "\u2066", "\x00", "\x08"]
EMOJI = "😀👍🏽👨‍👩‍👧"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# Tables that change on their own or on every request (sessions, counters, the audit trail, jobs).
VOLATILE = {"sessions", "rate_counters", "job_leases", "audit_log", "_fluent_migrations", "performance_days",
            "performance_dirty", "deadline_alerts", "ticket_alerts", "notifications", "staff_notices", "accounts"}


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"), flush=True)


def database():
    db = sqlite3.connect(os.path.join(DATA, "zhengwu.sqlite"), timeout=30)
    db.text_factory = lambda b: b.decode("utf-8", "replace")
    return db


def fingerprint():
    """Each business table's row count and a digest of its rows."""
    db = database()
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if r[0] not in VOLATILE and not r[0].startswith(("publication_search", "service_search"))]
        prints = {}
        for table in tables:
            digest = hashlib.sha256()
            count = 0
            for row in db.execute(f'SELECT * FROM "{table}"'):
                count += 1
                digest.update(repr(row).encode())
            prints[table] = (count, digest.hexdigest())
        return prints
    finally:
        db.close()


def changed(before, after):
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))


def newest(table, column="id", where="1=1", args=()):
    db = database()
    try:
        row = db.execute(f'SELECT {column} FROM "{table}" WHERE {where} ORDER BY rowid DESC LIMIT 1', args).fetchone()
        return row[0] if row else None
    finally:
        db.close()


def raw_in(text):
    return [marker for marker in RAW if marker in text]


def escaped_in(text):
    return any(marker in text for marker in ESCAPED)


def page_checks(name, pages, expect_escaped):
    """Every page showing a stored hostile value: below 500, no raw tag, the value shown escaped."""
    shown = False
    for browser, path in pages:
        response = browser.get(path)
        check(f"{name}: {browser.site} {path.split('?')[0]} answers below 500", response.status < 500, response.status)
        found = raw_in(response.text)
        check(f"{name}: {browser.site} {path.split('?')[0]} shows no raw tag", not found, found)
        controls = [hex(ord(c)) for c in CONTROLS if c in response.text]
        check(f"{name}: {browser.site} {path.split('?')[0]} shows no control or override characters", not controls, controls)
        shown = shown or escaped_in(response.text)
    if expect_escaped and pages:
        check(f"{name}: the stored value is shown, escaped", shown, "no page showed it")


# ----------------------------------------------------------------------------------------------
# Forms

class FormSpec:
    """One HTML form: the page it is on, its action, the valid values that get past validation,
    the text fields that must keep a format (filled validly while the free ones are hostile), and
    the pages that later show what was stored."""

    def __init__(self, name, browser, page, action=None, values=None, formatted=(), skip=(), shows=None,
                 body_limit=256 * 1024, include=(), per_request=None, long_text=True, displays=True, keeps_draft=False):
        self.name, self.browser, self.page, self.action = name, browser, page, action
        self.values = values or {}
        self.formatted = set(formatted)
        self.skip = set(skip)
        self.shows = shows or (lambda: [])
        self.body_limit = body_limit
        self.include = set(include)          # checkboxes to tick
        self.per_request = per_request       # called before each submission (fresh address, new draft…)
        self.long_text = long_text
        self.extra = []                      # pairs a submit button adds
        self.displays = displays             # whether the pages in `shows` print the typed text
        self.keeps_draft = keeps_draft       # a draft keeps what was typed, problems and all, so nothing is lost

    def form(self):
        response = self.browser.get(self.page() if callable(self.page) else self.page)
        for form in forms_of(response.text):
            if form["method"] == "post" and form["action"] != "/signout" and (self.action is None or re.search(self.action, form["action"])):
                return form, self.browser.csrf(response.text), response
        return None, None, response

    def fill(self, form, hostile=None, which="free"):
        """Field values: valid ones, with `hostile(field, valid)` in the chosen text fields."""
        pairs = []
        seen_radio = set()
        for field in form["fields"]:
            name = field.get("name")
            if not name or name == "_csrf" or name in self.skip or field["type"] in ("file", "submit"):
                continue
            kind = field["type"]
            if kind == "radio":
                if name in seen_radio:
                    continue
                seen_radio.add(name)
                pairs.append((name, self.values.get(name, field["value"])))
            elif kind == "checkbox":
                if name in self.include or name in self.values:
                    pairs.append((name, self.values.get(name, field["value"])))
            elif kind in ("hidden", "select", "date", "number", "password"):
                pairs.append((name, self.values.get(name, field.get("value") or "")))
            else:
                valid = self.values.get(name, "测试内容")
                chosen = hostile is not None and (which == "all" or name not in self.formatted)
                pairs.append((name, hostile(field, valid) if chosen else valid))
        return pairs

    def text_fields(self, form):
        return [f for f in form["fields"] if f.get("name") and f["name"] not in self.skip and f["name"] != "_csrf"
                and f["type"] in ("text", "textarea", "tel", "email", "search", "url")]

    def submit(self, pairs, csrf, form):
        if self.per_request:
            self.per_request()
        self.browser.fresh_address()
        action = form["action"]
        pairs = pairs + self.extra
        if "multipart" in form["enctype"]:
            return self.browser.multipart(action, [("_csrf", csrf)] + pairs, follow=False)
        return self.browser.post(action, pairs, csrf, follow=False)


def follow(browser, response):
    """The page a browser would show after a post: the redirect's target, or the answer itself."""
    if response.status in (301, 302, 303) and response.header("location"):
        location = response.header("location")
        return browser.get(location), location
    return response, None


def hostile_text(spec):
    """Script, overrides and controls, emoji and long text in the form's text fields."""
    form, csrf, page = spec.form()
    if form is None and getattr(spec, "optional", False):
        print(f"skip {spec.name}: the record has moved past this step, so the form is not offered", flush=True)
        return
    if form is None:
        check(f"{spec.name}: the form is on its page", False, f"{page.status} {spec.page}")
        return
    name = spec.name

    def script(field, valid):
        room = int(field.get("maxlength") or 100000)
        return valid + SCRIPT if len(valid) + len(SCRIPT) <= room else (valid + SHORT)[-room:] if len(SHORT) <= room else valid

    # Script everywhere, formatted fields too: refused or stored, but shown escaped.
    for which in (["all", "free"] if spec.formatted else ["free"]):
        label = f"{name}: script in {'every text field' if which == 'all' else 'the free-text fields'}"
        before = fingerprint()
        form, csrf, _ = spec.form()
        if form is None:
            return  # the first submission moved the record on; its form is no longer offered
        response = spec.submit(spec.fill(form, script, which), csrf, form)
        shown, location = follow(spec.browser, response)
        check(f"{label}: answered below 500", response.status < 500 and shown.status < 500, f"{response.status} {shown.status}")
        found = raw_in(shown.text)
        check(f"{label}: the answer shows no raw tag", not found, found)
        stored = changed(before, fingerprint())
        if stored:
            page_checks(label, spec.shows(), expect_escaped=spec.displays)
        elif which == "all" or not spec.formatted:
            if "alert(1)" in shown.text or "x&lt;/u" in shown.text:
                check(f"{label}: the refused value comes back escaped", escaped_in(shown.text))

    # Direction overrides and control characters: dropped from what is stored and shown.
    def controlled(field, valid):
        room = int(field.get("maxlength") or 100000)
        middle = len(valid) // 2 or 1
        text = valid[:middle] + "\u202e\u2066" + valid[middle:] + "\x00\x08"
        return text if len(text) <= room else valid
    before = fingerprint()
    form, csrf, _ = spec.form()
    if form is None:
        return
    response = spec.submit(spec.fill(form, controlled), csrf, form)
    shown, _ = follow(spec.browser, response)
    check(f"{name}: overrides and control characters answered below 500", response.status < 500 and shown.status < 500,
          f"{response.status} {shown.status}")
    controls = [hex(ord(c)) for c in CONTROLS if c in shown.text]
    check(f"{name}: overrides and control characters are not echoed", not controls, controls)
    if changed(before, fingerprint()):
        page_checks(f"{name}: overrides and controls", spec.shows(), expect_escaped=False)

    # Emoji within the limit: kept intact.
    def emoji(field, valid):
        room = int(field.get("maxlength") or 100000)
        return valid + EMOJI if len(valid) + len(EMOJI) <= room else valid
    before = fingerprint()
    form, csrf, _ = spec.form()
    if form is None:
        return
    response = spec.submit(spec.fill(form, emoji), csrf, form)
    shown, _ = follow(spec.browser, response)
    check(f"{name}: emoji answered below 500", response.status < 500 and shown.status < 500, f"{response.status} {shown.status}")
    if changed(before, fingerprint()) and spec.displays and spec.text_fields(form):
        pages = [browser.get(path).text for browser, path in spec.shows()] or [shown.text]
        check(f"{name}: emoji stored and shown intact", any(EMOJI in p for p in pages) or EMOJI in shown.text)

    # Chinese text one character past each field's limit: a clear 4xx in Chinese, nothing stored.
    limited = [f for f in spec.text_fields(form) if f.get("maxlength") and f["name"] not in spec.formatted]
    if spec.long_text and limited:
        longest = max(limited, key=lambda f: int(f["maxlength"]))
        for field in ([longest] + [f for f in limited if f is not longest])[:3]:
            before = fingerprint()
            form, csrf, _ = spec.form()
            if form is None:
                return
            pairs = [(k, ("长" * (int(field["maxlength"]) + 1) if k == field["name"] else v)) for k, v in spec.fill(form)]
            response = spec.submit(pairs, csrf, form)
            shown, _ = follow(spec.browser, response)
            after = changed(before, fingerprint())
            check(f"{name}: {field['name']} past its {field['maxlength']} characters is refused with a 4xx",
                  400 <= response.status < 500, response.status)
            if spec.keeps_draft:
                check(f"{name}: {field['name']} past its limit changes only the draft (nothing is submitted)",
                      set(after) <= {"applications"}, after)
            else:
                check(f"{name}: {field['name']} past its limit stores nothing", not after, after)
            message = re.findall(r'(?:class="[^"]*(?:error|invalid|alert|notice|problem)[^"]*"|role="alert")[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', response.text)
            check(f"{name}: {field['name']} past its limit is explained in Chinese",
                  any(re.search(r"[\u4e00-\u9fff]", m) for m in message), message[:3])


def hostile_bodies(spec):
    """Bodies no browser sends: each gets a 4xx (413 past the limit) and stores nothing."""
    form, csrf, page = spec.form()
    if form is None and getattr(spec, "optional", False):
        print(f"skip {spec.name}: bad bodies; the record has moved past this step", flush=True)
        return
    if form is None:
        check(f"{spec.name}: the form is on its page", False, f"{page.status}")
        return
    browser, action, name = spec.browser, form["action"], spec.name
    pairs = [("_csrf", csrf)] + spec.fill(form)
    encoded = urllib.parse.urlencode(pairs).encode()
    boundary = "zwb" + uuid.uuid4().hex

    def multipart(items):
        return b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() + v.encode() + b"\r\n"
                        for k, v in items)
    whole = multipart(pairs)
    bad = b"\xe8\xb7\xff\xfe\x80"
    # The invalid bytes go into a text field's only value (the first free one), the rest stays valid.
    texts = [f["name"] for f in spec.text_fields(form) if f["name"] not in spec.formatted] or [pairs[-1][0]]
    target = texts[0]
    marker = "ZWINVALIDMARK"
    marked = [(k, marker if k == target else v) for k, v in pairs]
    invalid_encoded = urllib.parse.urlencode(marked).encode().replace(marker.encode(), b"\xe6\xb5\x8b" + bad)
    invalid_multipart = (multipart(marked) + f"--{boundary}--\r\n".encode()).replace(marker.encode(), b"\xe6\xb5\x8b" + bad)
    cases = [
        (f"invalid UTF-8 in a urlencoded body ({target})", invalid_encoded, "application/x-www-form-urlencoded", 400),
        (f"invalid UTF-8 in a multipart body ({target})", invalid_multipart, f"multipart/form-data; boundary={boundary}", 400),
        ("a JSON body", json.dumps(dict(pairs), ensure_ascii=False).encode(), "application/json", 400),
        ("a text/plain body", encoded, "text/plain", 400),
        ("a body without a content type", encoded, None, 400),
        ("multipart with a boundary not in the body", whole.replace(boundary.encode(), b"other") + b"--other--\r\n",
         f"multipart/form-data; boundary={boundary}", 400),
        ("multipart with a truncated part", whole + f'--{boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc'.encode(),
         f"multipart/form-data; boundary={boundary}", 400),
        ("multipart without its closing boundary", whole, f"multipart/form-data; boundary={boundary}", 400),
        ("a body past the route's limit", encoded + b"&pad=" + b"a" * (spec.body_limit + 1 - len(encoded)),
         "application/x-www-form-urlencoded", 413),
    ]
    for label, body, content_type, expected in cases:
        before = fingerprint()
        browser.fresh_address()
        headers = {"Content-Type": content_type} if content_type else {}
        try:
            response = browser.raw("POST", action, body, headers, follow=False)
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"connection closed ({error.__class__.__name__})"
        after = changed(before, fingerprint())
        if expected == 413:
            check(f"{name}: {label} gets 413", status == 413, status)
        else:
            check(f"{name}: {label} gets a 4xx", isinstance(status, int) and 400 <= status < 500, status)
        check(f"{name}: {label} stores nothing", not after, after)


# ----------------------------------------------------------------------------------------------
# Uploads

HOSTILE_NAMES = [
    ("a parent-directory path", b"../../etc/passwd.pdf"),
    ("a Windows parent-directory path", b"..\\..\\x.pdf"),
    ("an absolute path", b"/etc/zhengwu-hostile.pdf"),
    ("a Windows absolute path", b"C:\\Windows\\zhengwu-hostile.pdf"),
    ("a NUL byte", b"a\x00b.pdf"),
    ("a very long name", ("长" * 300 + ".pdf").encode()),
    ("script in the name", b"<script>alert(1)</script>.pdf"),
    ("a direction override", "invoice\u202efdp.exe.pdf".encode()),
    ("quotes and a line break", b'x".pdf\r\nX-Injected: 1'),
]


def hostile_uploads(name, browser, page, action, fields, file_field, downloads, staff_pages=()):
    """Uploads under hostile names: refused, or stored under a safe name and downloaded with a
    safe Content-Disposition; nothing written outside the data folder."""
    for label, filename in HOSTILE_NAMES:
        before = fingerprint()
        form_page = browser.get(page)
        csrf = browser.csrf(form_page.text)
        browser.fresh_address()
        response = browser.multipart(action, [("_csrf", csrf)] + fields, [(file_field, filename, PDF, "application/pdf")], follow=False)
        shown, _ = follow(browser, response)
        check(f"{name}: a file name with {label} answered below 500", response.status < 500 and shown.status < 500,
              f"{response.status} {shown.status}")
        found = raw_in(shown.text)
        check(f"{name}: a file name with {label} shows no raw tag", not found, found)
        if not changed(before, fingerprint()):
            check(f"{name}: a file name with {label} is refused with a 4xx", 400 <= response.status < 500, response.status)
            continue
        for path, stored in downloads():
            bad = [c for c in ["/", "\\", "\x00", "\u202e", "<", "\r", "\n"] if c in stored]
            check(f"{name}: a file name with {label} is stored under a safe name", not bad and len(stored) <= 110 and not stored.startswith("."),
                  repr(stored[:80]))
            download = browser.get(path)
            disposition = download.header("content-disposition") or ""
            safe = (download.status == 200 and disposition.startswith("attachment")
                    and re.fullmatch(r"attachment; filename=\"[A-Za-z0-9._-]*\"(; filename\*=UTF-8''[A-Za-z0-9._%-]*)?", disposition))
            check(f"{name}: a file name with {label} downloads with a safe Content-Disposition", safe, f"{download.status} {disposition[:120]!r}")
            check(f"{name}: a file name with {label} downloads the bytes uploaded", download.body == PDF)
            break
        for page_browser, staff_page in staff_pages:
            text = page_browser.get(staff_page).text
            check(f"{name}: a file name with {label} shows no raw tag on {page_browser.site} {staff_page}", not raw_in(text), raw_in(text))


# ----------------------------------------------------------------------------------------------
# People

def resident_id():
    stem = f"513329{random.randint(1960, 2000)}0101{random.randint(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return stem + "10X98765432"[sum(int(c) * w for c, w in zip(stem, weights)) % 11]


def phone_number():
    return "139" + "".join(random.choice("0123456789") for _ in range(8))


def register_citizen():
    """A new citizen account, signed in: the per-account submission limit is per person."""
    browser = Browser(PORTAL)
    phone = phone_number()
    page = browser.get("/register")
    browser.post("/register", [("kind", "citizen"), ("name", "格桑"), ("id_number", resident_id()), ("phone", phone),
                               ("password", "Gesang-flower-26"), ("password_confirmation", "Gesang-flower-26"), ("consent", "yes")],
                 browser.csrf(page.text))
    page = browser.get("/signin")
    browser.fresh_address()
    response = browser.post("/signin", [("login", phone), ("password", "Gesang-flower-26")], browser.csrf(page.text))
    return browser if "/signin" not in (response.header("location") or "") and browser.get("/account").status == 200 else None


def citizen(login):
    browser = Browser(PORTAL)
    page = browser.get("/signin")
    browser.post("/signin", [("login", login), ("password", PASSWORD)], browser.csrf(page.text))
    return browser


SECRETS = {}


def staff(username):
    browser = Browser(STAFF)
    page = browser.get("/signin")
    page = browser.post("/signin", [("username", username), ("password", PASSWORD)], browser.csrf(page.text))
    found = re.search(r'id="totp-secret"[^>]*>([^<]+)<', page.text)
    if found:
        SECRETS[username] = found.group(1).strip()
    browser.post("/signin/second-factor", [("code", totp(SECRETS.get(username, "")))], browser.csrf(page.text))
    return browser


# ----------------------------------------------------------------------------------------------
# The run

def wait_ready(url, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if Browser(url).get("/readyz").status == 200:
                return True
        except OSError:
            time.sleep(0.3)
    return False


def no_controls_stored():
    """No text stored anywhere holds a direction override or a control character."""
    db = database()
    found = []
    try:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            if table.startswith(("publication_search", "service_search")) or table in ("audit_log", "sessions"):
                continue
            for column in [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]:
                hit = db.execute(f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = \'text\' AND '
                                 f'(instr("{column}", char(8238)) OR instr("{column}", char(8294)) OR instr("{column}", char(8)) '
                                 f'OR instr(CAST("{column}" AS BLOB), X\'00\'))').fetchone()[0]
                if hit:
                    found.append(f"{table}.{column}")
    finally:
        db.close()
    return found


def portal_forms(anonymous, people, staff_of):
    hotline, publisher, window = staff_of("hotline"), staff_of("publisher"), staff_of("window01")
    specs = []

    registration = {"kind": "citizen", "name": "格桑", "phone": "", "id_number": "", "credit_code": "",
                    "password": "Gesang-flower-26", "password_confirmation": "Gesang-flower-26", "consent": "yes"}

    def new_registrant():
        registration["phone"], registration["id_number"] = phone_number(), resident_id()

    def registered():
        browser = Browser(PORTAL)
        page = browser.get("/signin")
        browser.post("/signin", [("login", registration["phone"]), ("password", "Gesang-flower-26")], browser.csrf(page.text))
        return [(browser, "/account")]
    specs.append(FormSpec("portal registration", anonymous, "/register", values=registration,
                          formatted=["id_number", "phone", "credit_code"], per_request=new_registrant, shows=registered,
                          displays=False))  # the account page shows the name masked
    specs.append(FormSpec("portal sign-in", Browser(PORTAL), "/signin", values={"login": "13800000001", "password": "wrong-password-1"}))
    specs.append(FormSpec("portal progress lookup", Browser(PORTAL), "/track", values={"receipt": "20260302-0000000000", "secret": "000000"}))

    def ticket_pages():
        number, ticket = newest("tickets", "number"), newest("tickets")
        return [(anonymous, f"/12345/received/{number}"), (hotline, f"/tickets/{ticket}?reveal=1")]
    ticket = {"type": "complaint", "category": "urban-road", "content": "路面坑洼需要修补", "address": "茹龙镇团结街", "phone": "13912345678",
              "name": "张三", "email": "zhang@example.cn", "latitude": "", "longitude": ""}
    for label, page in [("12345 form", "/12345/new"), ("12345 mailbox", "/12345/mailbox")]:
        specs.append(FormSpec(f"portal {label}", Browser(PORTAL), page, values=ticket, include=["consent"],
                              formatted=["phone", "email", "latitude", "longitude"], shows=ticket_pages))
    specs.append(FormSpec("portal 12345 ticket tracking", Browser(PORTAL), "/12345", action="/12345/track$",
                          values={"number": "20260302-AAAA-AAAA", "secret": "13912345678"}))

    applicant = people()
    item = "513329-MZJ-GF-002"
    application = {"applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": "13800000001",
                   "home_address": "新龙县雄龙西乡雄龙西村三组", "amount_requested": "3000", "description": "家中房屋失火，暂住亲戚家。"}
    draft = {}

    def application_pages():
        draft["id"] = newest("applications")
        return [(applicant, f"/applications/{draft['id']}")]
    specs.append(FormSpec("portal online application (step 1, the form)", applicant, f"/services/{item}/apply", values=application,
                          formatted=["applicant_id_number", "phone", "amount_requested"], shows=application_pages, keeps_draft=True))
    specs.append(FormSpec("portal online application (saving the form again)", applicant, lambda: f"/applications/{draft['id']}",
                          action=r"/form$", values=application, formatted=["applicant_id_number", "phone", "amount_requested"],
                          shows=application_pages, keeps_draft=True))

    requester = people()

    def request_pages():
        number, identifier = newest("information_requests", "number"), newest("information_requests")
        return [(requester, f"/account/requests/{number}"), (publisher, f"/disclosure/requests/{identifier}")]
    specs.append(FormSpec("portal disclosure request", requester, "/open/requests/new",
                          values={"description": "申请公开2025年城乡低保资金发放情况", "address": "新龙县茹龙镇团结街1号"},
                          shows=request_pages))
    specs.append(FormSpec("portal password change", people(), "/account/password",
                          values={"current_password": "wrong-password-1", "password": "New-password-2026", "password_confirmation": "New-password-2026"}))
    return specs, applicant, draft, window, hotline, publisher


def unique_code(prefix, digits=6):
    return prefix + "".join(random.choice("0123456789") for _ in range(digits))


def workbench_forms(staff_of):
    admin, hotline, publisher, window = staff_of("sysadmin"), staff_of("hotline"), staff_of("publisher"), staff_of("window01")
    specs = [FormSpec("workbench sign-in", Browser(STAFF), "/signin", values={"username": "hotline", "password": "wrong-password-1"}),
             FormSpec("workbench password change", staff_of("secadmin"), "/account/password",
                      values={"current_password": "wrong-password-1", "password": "New-password-2026", "password_confirmation": "New-password-2026"})]

    account = {"username": "", "display_name": "测试人员"}
    specs.append(FormSpec("workbench new staff account", admin, "/admin/staff/new", values=account, formatted=["username"],
                          per_request=lambda: account.update(username=unique_code("hostile")),
                          shows=lambda: [(admin, "/admin/staff"), (admin, f"/admin/staff/{newest('accounts')}")]))
    department = {"code": "", "name": "测试局", "short_name": "测试", "phone": "0836-1234567", "address": "茹龙镇团结街"}
    specs.append(FormSpec("workbench new department", admin, "/admin/departments/new", values=department, formatted=["code", "phone"],
                          per_request=lambda: department.update(code=unique_code("T", 4)),
                          shows=lambda: [(admin, "/admin/departments")]))
    windows = {"number": "", "name": "测试窗口"}
    specs.append(FormSpec("workbench new service window", admin, "/admin/windows/new", values=windows, formatted=["number"],
                          per_request=lambda: windows.update(number=unique_code("W", 3)),
                          shows=lambda: [(admin, "/admin/windows")]))
    specs.append(FormSpec("workbench holiday calendar", admin, "/admin/calendar", values={"arrangement": "year 2031\nholiday 元旦 2031-01-01 2031-01-01\n"}))

    specs.append(FormSpec("workbench 12345 call intake", hotline, "/tickets/call",
                          values={"phone": "13912345679", "name": "李四", "type": "complaint", "category": "urban-road", "content": "来电反映路灯不亮",
                                  "address": "茹龙镇", "latitude": "", "longitude": "", "q": ""},
                          include=["consent"], skip=["q"], formatted=["phone", "latitude", "longitude"],
                          shows=lambda: [(hotline, f"/tickets/{newest('tickets')}?reveal=1")]))
    specs[-1].extra = [("action", "save")]
    specs.append(FormSpec("workbench 12345 dispatch note", hotline, lambda: f"/tickets/{newest('tickets')}", action=r"/steps/dispatch$",
                          values={"note": "请尽快处理"}, shows=lambda: [(hotline, f"/tickets/{newest('tickets')}")]))
    specs[-1].optional = True  # offered only while the newest ticket waits for dispatch
    specs.append(FormSpec("workbench knowledge article", hotline, "/tickets/knowledge/new",
                          values={"question": "路灯坏了找谁？", "answer": "请拨打12345。", "category": "urban"},
                          shows=lambda: [(hotline, f"/tickets/knowledge/{newest('knowledge_articles')}"), (hotline, "/tickets/knowledge")]))
    category = {"code": "", "name": "测试分类", "reply_days": "5", "referral": "", "parent": "urban"}
    specs.append(FormSpec("workbench 12345 category", hotline, "/tickets/setup", action=r"/setup/categories$", values=category,
                          formatted=["code"], per_request=lambda: category.update(code=unique_code("urban-t", 4)),
                          shows=lambda: [(hotline, "/tickets/setup")]))
    specs.append(FormSpec("workbench 12345 dispatch rule", hotline, "/tickets/setup", action=r"/setup/rules$",
                          values={"area": "茹龙镇"}, shows=lambda: [(hotline, "/tickets/setup")]))
    specs.append(FormSpec("workbench Open311 key", hotline, "/tickets/setup", action=r"/setup/keys$",
                          values={"key_name": "合作方"}, shows=lambda: [(hotline, "/tickets/setup")]))
    specs.append(FormSpec("workbench 12345 settings", hotline, "/tickets/setup", action=r"/setup/settings$"))

    specs.append(FormSpec("workbench publication draft", publisher, "/disclosure/new", body_limit=4 * 1024 * 1024,
                          values={"title": "关于测试的通知", "doc_number": "新府发〔2026〕1号", "keywords": "测试", "body": "正文内容。",
                                  "change_note": "首次起草"},
                          shows=lambda: [(publisher, f"/disclosure/{newest('publications')}"), (publisher, "/disclosure")]))
    specs.append(FormSpec("workbench disclosure request (paper or in person)", publisher, "/disclosure/requests/new", body_limit=4 * 1024 * 1024,
                          values={"name": "王五", "id_number": "513329198805120017", "phone": "13912345670",
                                  "description": "申请公开道路维修经费", "address": "茹龙镇团结街2号", "channel": "in_person"},
                          formatted=["id_number", "phone"],
                          shows=lambda: [(publisher, f"/disclosure/requests/{newest('information_requests')}"), (publisher, "/disclosure/requests")]))
    specs.append(FormSpec("workbench banned terms", publisher, "/disclosure/banned-terms", values={"terms": "测试禁用词"},
                          shows=lambda: [(publisher, "/disclosure/banned-terms")]))
    specs.append(FormSpec("workbench rating at the window", window, "/ratings/window", values={"receipt": "20260302-0000000000"}))
    specs.append(FormSpec("workbench supervision rules", staff_of("supervisor"), "/supervision/rules"))
    specs.append(FormSpec("workbench supervision report", staff_of("supervisor"), "/supervision/reports", values={"day": "2026-02-23"}))
    settings = {"government_name": "新龙县人民政府", "service_phone": "0836-12345", "service_address": "新龙县茹龙镇政务服务中心（一楼）"}
    specs.append(FormSpec("workbench site settings", admin, "/admin/settings", values=settings, formatted=["service_phone"],
                          shows=lambda: [(Browser(PORTAL), "/"), (admin, "/admin/settings")]))
    return specs


def upload_checks(applicant, draft, staff_of):
    """Material uploads on the portal, attachments and request documents on the workbench."""
    application = draft.get("id") or newest("applications")
    page = f"/applications/{application}"
    form = next((f for f in forms_of(applicant.get(page).text) if f["action"].endswith("/materials")), None)
    check("portal material upload: the form is on the application page", form is not None)
    if form is not None:
        key = next(f["value"] for f in form["fields"] if f.get("name") == "key")
        file_field = next(f["name"] for f in form["fields"] if f["type"] == "file")

        def downloads():
            material = newest("case_materials", "id || '|' || display_name", "application_id = ?", (application,))
            identifier, stored = material.split("|", 1)
            return [(f"{page}/materials/{identifier}", stored)]
        hostile_uploads("portal material upload", applicant, page, form["action"], [("key", key)], file_field, downloads)
        spec = FormSpec("portal material upload", applicant, page, action=r"/materials$", values={"key": key},
                        body_limit=10 * 1024 * 1024 + 256 * 1024)
        hostile_bodies(spec)

    publisher = staff_of("publisher")
    request = newest("information_requests")
    page = f"/disclosure/requests/{request}"
    form = next((f for f in forms_of(publisher.get(page).text) if f["action"].endswith("/documents")), None)
    check("workbench request document upload: the form is on the request page", form is not None)
    if form is not None:
        file_field = next(f["name"] for f in form["fields"] if f["type"] == "file")

        def documents():
            document = newest("information_request_documents", "id || '|' || name", "request_id = ?", (request,))
            identifier, stored = document.split("|", 1)
            return [(f"{page}/documents/{identifier}", stored)]
        hostile_uploads("workbench request document upload", publisher, page, form["action"], [], file_field, documents)

    publication = newest("publications")
    page = f"/disclosure/{publication}"
    listing = publisher.get(page).text
    form = next((f for f in forms_of(listing) if f["action"].endswith("/attachments")), None)
    check("workbench publication attachment upload: the form is on the publication page", form is not None)
    if form is not None:
        file_field = next(f["name"] for f in form["fields"] if f["type"] == "file")
        extra = [(f["name"], f["value"]) for f in form["fields"] if f["type"] == "hidden" and f.get("name") != "_csrf"]

        def attachments():
            attachment = newest("publication_attachments", "id || '|' || name")
            identifier, stored = attachment.split("|", 1)
            return [(f"/disclosure/attachments/{identifier}", stored)]
        hostile_uploads("workbench publication attachment upload", publisher, page, form["action"], extra, file_field, attachments)


def case_checks(applicant, draft, staff_of):
    """Every form with free text on a case, a ticket and a request, once one exists: submitted
    by the citizen, then on the window's and the department's pages."""
    application = draft.get("id") or newest("applications")
    for key, number in [("household_register", "HK-513329-0001"), ("id_card", "ID-513329-0001")]:
        page = applicant.get(f"/applications/{application}")
        applicant.fresh_address()
        applicant.multipart(f"/applications/{application}/materials", [("_csrf", applicant.csrf(page.text)), ("key", key), ("certificate", number)])
    page = applicant.get(f"/applications/{application}")
    applicant.fresh_address()
    receipt = applicant.post(f"/applications/{application}/submit", [], applicant.csrf(page.text), follow=False)
    check("a citizen submits the application with hostile text", receipt.status == 303 and "/receipt" in (receipt.header("location") or ""),
          f"{receipt.status} {receipt.header('location')}")
    for label, browser, page in [("the window's case page", staff_of("window01"), f"/cases/{application}"),
                                 ("the receipt", applicant, f"/applications/{application}/receipt"),
                                 ("the department's case page", staff_of("mzj-handler"), f"/cases/{application}")]:
        response = browser.get(page)
        check(f"{label}: answered below 500", response.status < 500, response.status)
        check(f"{label}: no raw tag", not raw_in(response.text), raw_in(response.text))
    sweep("case", staff_of("window01"), f"/cases/{application}")
    sweep("12345 ticket", staff_of("hotline"), f"/tickets/{newest('tickets')}")
    sweep("disclosure request", staff_of("publisher"), f"/disclosure/requests/{newest('information_requests')}")
    sweep("knowledge article", staff_of("hotline"), f"/tickets/knowledge/{newest('knowledge_articles')}")
    sweep("publication", staff_of("publisher"), f"/disclosure/{newest('publications')}")


def sweep(label, browser, page):
    """Every post form on a page that takes text: script in it, answered below 500, shown escaped."""
    response = browser.get(page)
    seen = set()
    for form in forms_of(response.text):
        text = [f for f in form["fields"] if f.get("name") and f["type"] in ("text", "textarea")]
        if form["method"] != "post" or form["action"] == "/signout" or not text or form["action"] in seen:
            continue
        seen.add(form["action"])
        spec = FormSpec(f"workbench {label} {form['action'].rsplit('/', 1)[-1]}", browser, page, action=re.escape(form["action"]) + "$",
                        shows=lambda: [(browser, page)], long_text=False)
        spec.optional = True  # an earlier form on the page may have moved the record on
        try:
            hostile_text(spec)
        except Exception as error:
            check(f"{spec.name}: completed", False, f"{error.__class__.__name__}: {error}")


def main():
    global DATA
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="zhengwu-hostile-")
    DATA = os.path.join(root, "data")
    log = open(os.path.join(root, "server.log"), "w")
    here_before = set(os.listdir("."))
    env = dict(os.environ, ZHENGWU_FAKE_NOW="2026-03-02T10:00:00+08:00", ZHENGWU_TRUSTED_PROXIES="127.0.0.1",
               ZHENGWU_LOG_LEVEL="warning")
    server = subprocess.Popen([args.binary, "serve", "--data-dir", DATA, "--public-bind", PORTAL[7:], "--staff-bind", STAFF[7:]],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    started = time.time()
    try:
        check("the server starts with the demo", wait_ready(PORTAL) and wait_ready(STAFF))
        signed_in = {}

        def staff_of(username):
            if username not in signed_in:
                signed_in[username] = staff(username)
            return signed_in[username]

        def people():
            browser = register_citizen()
            return browser or citizen("13800000001")

        anonymous = Browser(PORTAL)
        specs, applicant, draft, window, hotline, publisher = portal_forms(anonymous, people, staff_of)
        specs += workbench_forms(staff_of)
        for spec in specs:
            try:
                hostile_text(spec)
                hostile_bodies(spec)
            except Exception as error:  # one form's surprise must not hide the others
                check(f"{spec.name}: completed", False, f"{error.__class__.__name__}: {error}")
        uploader = people()  # a citizen of its own: the per-account submission limit is 30 in ten minutes
        page = uploader.get("/services/513329-MZJ-GF-002/apply")
        uploader.post("/services/513329-MZJ-GF-002/apply", [("applicant_name", "扎西平措" + SCRIPT), ("applicant_id_number", "513329198805120017"),
                      ("phone", "13800000001"), ("home_address", "新龙县雄龙西乡" + SCRIPT), ("hardship_type", "急难型"),
                      ("amount_requested", "3000"), ("description", "家中房屋失火" + SCRIPT)], uploader.csrf(page.text))
        mine = {"id": newest("applications")}
        upload_checks(uploader, mine, staff_of)
        case_checks(uploader, mine, staff_of)

        found = no_controls_stored()
        check("no stored text holds a direction override or a control character", not found, found)
        stray = sorted(set(os.listdir(root)) - {"data", "server.log"}) + sorted(set(os.listdir(".")) - here_before)
        check("nothing was written beside the data folder or in the working directory", not stray, stray)
        inside = sorted(f for f in os.listdir(DATA) if not f.startswith("zhengwu.sqlite") and f not in ("master.key", "backups"))
        check("nothing but the database and the key is in the data folder", not inside, inside)
        check("no file named by an upload exists outside the data folder",
              not any(os.path.exists(p) for p in ["/etc/zhengwu-hostile.pdf", os.path.join(root, "x.pdf"), os.path.join(os.path.dirname(root), "x.pdf")]))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    with open(os.path.join(root, "server.log")) as f:
        crashes = [line for line in f if "Fatal error" in line or "500 Internal" in line or "internalServerError" in line]
    check("the server log shows no crash", not crashes, crashes[:3])
    failed = sum(1 for _, ok in results if not ok)
    print(f"hostile input: {len(results)} checks, {failed} failed ({time.time() - started:.0f} s)")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
