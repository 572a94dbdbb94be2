#!/usr/bin/env python3
"""Fuzzes every JSON endpoint from its OpenAPI document with schemathesis: the portal's API
(/api/v1/openapi.json) with the demo citizens' and firms' bearer tokens and a citizen's session
cookie, the portal's Open311
interface (/open311/v2/openapi.json) with an api_key issued by `zhengwu open311 issue-key`, and the
workbench's JSON answers (its /api/v1/openapi.json) with a member of staff signed in through the
workbench's form, password and TOTP code. Every generated request must get an answer that is not
a 5xx, whose status the document lists and whose body matches the schema the document gives for
it. Each request comes from its own address (fuzz_hooks.py). With --postgres the server runs on
a fresh database of that server, as in production; otherwise on SQLite.

    python3 Tests/e2e/fuzz.py --binary .build/debug/zhengwu [--postgres postgres://user:pw@host:5432/postgres]

Prints "fuzzing passed" and exits 0 only when every run passed."""
import argparse
import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import uuid
import urllib.parse
import urllib.request

PORTAL = "http://127.0.0.1:18900"
STAFF = "http://127.0.0.1:18901"
PASSWORD = "Demo-2026-zw"
CITIZEN = "13800000001"
# The demo's public accounts: each may POST 30 times in 10 minutes, so the API's calls take turns.
PUBLIC_ACCOUNTS = [CITIZEN, "13800000002", "13800000003", "91513329MA62X00010", "91513329MA62X00023"]
# A publisher reads the annual report of the whole government and of their region's organs.
STAFF_USER = "publisher"
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


def psql(admin, statement):
    subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], check=True, capture_output=True)


def wait_ready(base):
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def totp(secret_text):
    secret = secret_text.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Browser:
    """Signs in through a site's own forms, keeping its cookies, from one fixed address."""

    def __init__(self, base, address):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.address = address

    def open(self, path, fields=None):
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers={"X-Forwarded-For": self.address})
        with self.opener.open(request, timeout=20) as response:
            return response.geturl(), response.read().decode()

    @staticmethod
    def csrf(page):
        return re.search(r'name="_csrf" value="([^"]+)"', page).group(1)

    def cookie(self, name):
        return next(cookie.value for cookie in self.jar if cookie.name == name)


def bearer_token(login):
    request = urllib.request.Request(PORTAL + "/api/v1/sessions", method="POST",
                                     data=json.dumps({"login": login, "password": PASSWORD}).encode(),
                                     headers={"Content-Type": "application/json", "X-Forwarded-For": "10.99.0.1"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


def citizen_cookie():
    browser = Browser(PORTAL, "10.99.0.2")
    _, page = browser.open("/signin")
    browser.open("/signin", {"_csrf": Browser.csrf(page), "login": CITIZEN, "password": PASSWORD})
    return "zw_session=" + browser.cookie("zw_session")


def staff_cookie():
    browser = Browser(STAFF, "10.99.0.3")
    _, page = browser.open("/signin")
    url, page = browser.open("/signin", {"_csrf": Browser.csrf(page), "username": STAFF_USER, "password": PASSWORD})
    if "/signin/second-factor" not in url:
        raise SystemExit(f"staff sign-in did not reach the second factor: {url}")
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    url, page = browser.open("/signin/second-factor", {"_csrf": Browser.csrf(page), "code": totp(secret), "next": "/"})
    if "/signin" in urllib.parse.urlparse(url).path:
        raise SystemExit(f"staff sign-in did not complete: {url}")
    return "zw_staff_session=" + browser.cookie("zw_staff_session")


def schemathesis(name, document, base, headers, env, cwd, max_examples, seconds):
    """One schemathesis run; True when it passed within `seconds`."""
    st = [sys.executable, "-m", "schemathesis.cli"] if subprocess.run([sys.executable, "-c", "import schemathesis.cli"]).returncode == 0 else ["st"]
    command = st + ["run", base + document, "--url", base, "--checks", CHECKS, "--max-examples", str(max_examples)]
    for header in headers:
        command += ["-H", header]
    print(f"== fuzzing {name}: {base}{document}", flush=True)
    try:
        result = subprocess.run(command, env=env, cwd=cwd, timeout=seconds)  # cwd: its cache stays out of the project
    except subprocess.TimeoutExpired:
        print(f"== {name}: did not finish within {seconds} s", flush=True)
        return False
    print(f"== {name}: " + ("passed" if result.returncode == 0 else f"FAILED (exit {result.returncode})"), flush=True)
    return result.returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--max-examples", type=int, default=80, help="per operation and phase")
    parser.add_argument("--seconds", type=int, default=100, help="the most each of the three runs may take")
    parser.add_argument("--postgres", help="an admin URL of a PostgreSQL server, to run on a fresh database there")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="zhengwu-fuzz-")
    log = open(os.path.join(data, "server.log"), "w")
    env = dict(os.environ, ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="warning")
    database = []
    if args.postgres:
        database_name = "zw_fuzz_" + uuid.uuid4().hex[:12]
        psql(args.postgres, f"CREATE DATABASE {database_name}")
        database = ["--database-url", urllib.parse.urlparse(args.postgres)._replace(path="/" + database_name).geturl()]
    server = subprocess.Popen([args.binary, "serve", "--data-dir", data, "--public-bind", PORTAL[7:], "--staff-bind", STAFF[7:]] + database,
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        if not (wait_ready(PORTAL) and wait_ready(STAFF)):
            print("fuzzing FAILED: the server did not start", flush=True)
            return 1
        key = subprocess.run([args.binary, "open311", "issue-key", "--name", "fuzz", "--data-dir", data] + database,
                             capture_output=True, text=True, timeout=120).stdout.strip()
        if not key.startswith("zw311_"):
            print("fuzzing FAILED: no Open311 key was issued", flush=True)
            return 1
        hooks = dict(os.environ, SCHEMATHESIS_HOOKS="fuzz_hooks",
                     PYTHONPATH=os.path.dirname(os.path.abspath(__file__)) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        # fuzz_hooks.py adds a bearer token to the portal's API calls and the key to Open311 filings.
        runs = [
            ("portal API", "/api/v1/openapi.json", PORTAL, [f"Cookie: {citizen_cookie()}"],
             {"ZHENGWU_FUZZ_BEARERS": " ".join(bearer_token(login) for login in PUBLIC_ACCOUNTS)}),
            ("Open311", "/open311/v2/openapi.json", PORTAL, [], {"ZHENGWU_FUZZ_OPEN311_KEY": key}),
            ("workbench", "/api/v1/openapi.json", STAFF, [f"Cookie: {staff_cookie()}"], {}),
        ]
        failed = [name for name, document, base, headers, extra in runs
                  if not schemathesis(name, document, base, headers, dict(hooks, **extra), data, args.max_examples, args.seconds)]
        if server.poll() is not None:
            failed.append("the server stopped")
        print("fuzzing passed" if not failed else "fuzzing FAILED: " + ", ".join(failed), flush=True)
        return 0 if not failed else 1
    finally:
        server.terminate()
        server.wait(timeout=30)
        if args.postgres:
            psql(args.postgres, f"DROP DATABASE IF EXISTS {database_name} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
