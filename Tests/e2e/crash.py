#!/usr/bin/env python3
"""Crash safety: nothing acknowledged is lost.

Runs the server on a SQLite data directory, files 12345 tickets (Open311) and applications (JSON
API) from several threads at full speed, and kills the server with SIGKILL at a random moment,
round after round. Afterwards every submission that received a number must exist exactly once
with what was sent, the database must pass SQLite's integrity check and the audit chain must
verify.

    python3 Tests/e2e/crash.py --binary .build/debug/zhengwu [--rounds 10]

Prints what it checked and exits 0 only if everything held."""
import argparse
import base64
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PORTAL = "http://127.0.0.1:18280"
STAFF = "http://127.0.0.1:18281"
PASSWORD = "Demo-2026-zw"
CITIZENS = ["13800000001", "13800000002", "13800000003"]
PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").decode()
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"), flush=True)


def wait_ready(seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(PORTAL + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def post(path, body, content_type, headers=None, timeout=30):
    request = urllib.request.Request(PORTAL + path, data=body, method="POST",
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def start(binary, data, log):
    env = dict(os.environ, ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="warning")
    return subprocess.Popen([binary, "serve", "--data-dir", data, "--public-bind", PORTAL[7:], "--staff-bind", STAFF[7:]],
                            stdout=log, stderr=subprocess.STDOUT, env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="zhengwu-crash-")
    log = open(os.path.join(data, "server.log"), "w")

    server = start(args.binary, data, log)
    check("the server starts on an empty folder and loads the demo", wait_ready())
    key = subprocess.run([args.binary, "open311", "issue-key", "--name", "crash", "--data-dir", data],
                         capture_output=True, text=True).stdout.strip()
    tokens = []
    for login in CITIZENS:
        status, text = post("/api/v1/sessions", json.dumps({"login": login, "password": PASSWORD}).encode(), "application/json")
        tokens.append(json.loads(text)["token"] if status == 201 else None)
    check("an Open311 key and API sessions for three citizens", key.startswith("zw311_") and all(tokens))

    acknowledged_tickets = {}        # number -> description sent
    acknowledged_applications = {}   # receipt -> home address sent
    lock = threading.Lock()
    sequence = iter(range(10**9))

    def file_ticket(stop):
        while not stop.is_set():
            n = next(sequence)
            description = f"崩溃测试第{n}号：路面坑洼需要修补"
            body = urllib.parse.urlencode({"api_key": key, "service_code": "urban-road", "lat": "30.9396", "long": "100.3122",
                                           "description": description}).encode()
            try:
                status, text = post("/open311/v2/requests.json", body, "application/x-www-form-urlencoded",
                                    {"X-Forwarded-For": f"10.9.{n % 250}.{n // 250 % 250 + 1}"}, timeout=10)
            except OSError:
                continue  # the server is down: no answer, nothing promised
            if status == 201:
                with lock:
                    acknowledged_tickets[json.loads(text)[0]["service_request_id"]] = description

    def file_application(stop, which):
        while not stop.is_set():
            n = next(sequence)
            address = f"新龙县茹龙镇团结街{n}号"
            body = json.dumps({"itemCode": "513329-MZJ-GF-002", "form": {
                "applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": CITIZENS[which],
                "home_address": address, "hardship_type": "急难型", "amount_requested": "3000", "description": "家中房屋失火"},
                "materials": [{"key": "application", "fileName": "申请书.pdf", "content": PDF},
                              {"key": "household_register", "certificateReference": "HK-1"},
                              {"key": "id_card", "certificateReference": "ID-1"}]}).encode()
            try:
                status, text = post("/api/v1/applications", body, "application/json",
                                    {"Authorization": f"Bearer {tokens[which]}", "X-Forwarded-For": f"10.8.{n % 250}.1"}, timeout=10)
            except OSError:
                continue
            if status == 201:
                with lock:
                    acknowledged_applications[json.loads(text)["receiptNumber"]] = address
            time.sleep(0.5)  # stay inside the per-account submission limit

    for round in range(args.rounds):
        if round > 0:
            server = start(args.binary, data, log)
            if not wait_ready():
                check(f"round {round + 1}: the server restarts after SIGKILL", False)
                break
        stop = threading.Event()
        workers = [threading.Thread(target=file_ticket, args=(stop,)) for _ in range(8)]
        workers += [threading.Thread(target=file_application, args=(stop, i % 3)) for i in range(2)]
        for worker in workers:
            worker.start()
        time.sleep(random.uniform(0.5, 2.5))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for worker in workers:
            worker.join()
        print(f"round {round + 1}: killed; {len(acknowledged_tickets)} tickets and {len(acknowledged_applications)} applications acknowledged so far",
              flush=True)

    database = sqlite3.connect(os.path.join(data, "zhengwu.sqlite"))
    integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    check("the database passes SQLite's integrity check", integrity == "ok", integrity)
    tickets = dict(database.execute("SELECT number, content FROM tickets").fetchall())
    numbers = [row[0] for row in database.execute("SELECT number FROM tickets").fetchall()]
    lost = [n for n in acknowledged_tickets if n not in tickets]
    changed = [n for n, d in acknowledged_tickets.items() if n in tickets and tickets[n] != d]
    check(f"every acknowledged ticket is stored ({len(acknowledged_tickets)})", not lost, f"lost: {lost[:5]}")
    check("each with what was sent", not changed, f"changed: {changed[:5]}")
    check("no ticket is stored twice", len(numbers) == len(set(numbers)))
    descriptions = [row[0] for row in database.execute("SELECT content FROM tickets WHERE content LIKE '崩溃测试%'").fetchall()]
    check("no submission was stored twice", len(descriptions) == len(set(descriptions)))
    receipts = {row[0]: row[1] for row in database.execute("SELECT receipt_number, form_values FROM applications").fetchall()}
    lost = [r for r in acknowledged_applications if r not in receipts]
    check(f"every acknowledged application is stored ({len(acknowledged_applications)})", not lost, f"lost: {lost[:5]}")
    database.close()
    check("some of both were acknowledged", len(acknowledged_tickets) > 0 and len(acknowledged_applications) > 0)
    verified = subprocess.run([args.binary, "audit", "verify", "--data-dir", data], capture_output=True, text=True)
    check("the audit chain verifies", verified.returncode == 0, verified.stdout + verified.stderr)

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
