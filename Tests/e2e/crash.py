#!/usr/bin/env python3
"""Crash safety: nothing acknowledged is lost.

Runs the server on a SQLite data directory, or on a PostgreSQL database, files 12345 tickets
(Open311) and applications (JSON API) from several threads at full speed, and kills the server
with SIGKILL at a random moment, round after round. Afterwards every submission that received a
number must exist exactly once with what was sent, the database must pass its integrity check
(SQLite: `PRAGMA integrity_check`; PostgreSQL: amcheck's `bt_index_check` with `heapallindexed`
over every B-tree index of the schema) and the audit chain must verify.

    python3 Tests/e2e/crash.py --binary .build/debug/zhengwu [--rounds 10]
    python3 Tests/e2e/crash.py --binary .build/debug/zhengwu --postgres postgres://zhengwu:zhengwu@127.0.0.1:55432/postgres
    python3 Tests/e2e/crash.py --binary .build/debug/zhengwu --private-postgres 18710

`--postgres` creates a database of its own on that server (its user must be allowed to create
databases) and drops it at the end; amcheck is a superuser's extension, so the index check
connects to that server as `postgres` (as `.ci/start-postgres` allows); `--private-postgres PORT`
starts a throw-away cluster of its own on PORT instead (PostgreSQL's server binaries are needed;
as root, the cluster runs as the `postgres` user).

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
import uuid

from postgres_cluster import PrivateCluster, amcheck

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


class SQLiteStore:
    """The installation's SQLite database, read after the server is gone."""
    name = "SQLite"

    def __init__(self, data):
        self.data = data
        self.env = {}

    def rows(self, statement):
        database = sqlite3.connect(os.path.join(self.data, "zhengwu.sqlite"))
        try:
            return database.execute(statement).fetchall()
        finally:
            database.close()

    def integrity(self):
        result = self.rows("PRAGMA integrity_check")[0][0]
        return "the database passes SQLite's integrity check", result == "ok", result

    def close(self):
        pass


class PostgresStore:
    """A database of the test's own on a PostgreSQL server: given, or a private cluster."""
    name = "PostgreSQL"

    def __init__(self, admin_url=None, private_port=None):
        self.cluster = PrivateCluster(private_port).create() if private_port else None
        self.admin = self.cluster.admin if self.cluster else admin_url
        self.database = "zw_crash_" + uuid.uuid4().hex[:8]
        subprocess.run(["psql", self.admin, "-v", "ON_ERROR_STOP=1", "-q", "-c", f"CREATE DATABASE {self.database}"],
                       check=True, capture_output=True)
        parts = urllib.parse.urlparse(self.admin)
        app = parts._replace(netloc="zhengwu:zhengwu@" + parts.netloc.split("@")[-1]) if self.cluster else parts
        self.url = app._replace(path="/" + self.database).geturl()
        self.superuser_url = parts._replace(netloc="postgres@" + parts.netloc.split("@")[-1], path="/" + self.database).geturl()
        if self.cluster:
            subprocess.run(["psql", self.admin, "-q", "-c", f"ALTER DATABASE {self.database} OWNER TO zhengwu"],
                           check=True, capture_output=True)
        self.env = {"ZHENGWU_DATABASE_URL": self.url, "ZHENGWU_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}

    def rows(self, statement):
        # Unit and record separators: no text sent by the test contains them.
        listing = subprocess.run(["psql", self.url, "-v", "ON_ERROR_STOP=1", "-At", "-F", "\x1f", "-R", "\x1e", "-c", statement],
                                 capture_output=True, text=True, check=True).stdout
        return [tuple(record.split("\x1f")) for record in listing.rstrip("\n").split("\x1e") if record]

    def integrity(self):
        try:
            checked, problems = amcheck(self.superuser_url)
        except subprocess.CalledProcessError as error:
            return "amcheck runs over the database's indexes", False, (error.stderr or "").strip()
        return (f"every B-tree index passes amcheck's bt_index_check with heapallindexed ({checked} indexes)",
                checked > 0 and not problems, "; ".join(problems[:5]) or "no index found")

    def close(self):
        if self.cluster:
            self.cluster.remove()
        else:
            subprocess.run(["psql", self.admin, "-q", "-c", f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"],
                           capture_output=True)


servers = []


def start(binary, data, log, store):
    env = dict(os.environ, ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="warning", **store.env)
    servers.append(subprocess.Popen([binary, "serve", "--data-dir", data, "--public-bind", PORTAL[7:], "--staff-bind", STAFF[7:]],
                                    stdout=log, stderr=subprocess.STDOUT, env=env))
    return servers[-1]


def main():
    global PORTAL, STAFF
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server whose user may create databases")
    parser.add_argument("--private-postgres", metavar="PORT", type=int, help="start a PostgreSQL cluster of its own on PORT")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="zhengwu-crash-")
    log = open(os.path.join(data, "server.log"), "w")
    if args.postgres or args.private_postgres:
        # Ports of its own, so the runs on both databases may go side by side.
        PORTAL, STAFF = "http://127.0.0.1:18700", "http://127.0.0.1:18701"
        try:
            store = PostgresStore(args.postgres, args.private_postgres)
        except (RuntimeError, subprocess.CalledProcessError) as error:
            check("a PostgreSQL database for the test", False, getattr(error, "stderr", None) or str(error))
            print(f"{len(results)} checks, {len(results) - sum(results)} failed")
            sys.exit(1)
    else:
        store = SQLiteStore(data)
    try:
        run_rounds(args, data, log, store)
    finally:
        for server in servers:
            if server.poll() is None:
                server.kill()
                server.wait()
        store.close()
    print(f"{len(results)} checks, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


def run_rounds(args, data, log, store):
    server = start(args.binary, data, log, store)
    check(f"the server starts on an empty {store.name} database and loads the demo", wait_ready())
    # A key per ticket worker: on PostgreSQL the per-key limit is counted in the database, so it
    # outlives the kills.
    keys = [subprocess.run([args.binary, "open311", "issue-key", "--name", f"crash {w}", "--data-dir", data],
                           capture_output=True, text=True, env=dict(os.environ, **store.env)).stdout.strip() for w in range(8)]
    tokens = []
    for login in CITIZENS:
        status, text = post("/api/v1/sessions", json.dumps({"login": login, "password": PASSWORD}).encode(), "application/json")
        tokens.append(json.loads(text)["token"] if status == 201 else None)
    check("Open311 keys and API sessions for three citizens", all(k.startswith("zw311_") for k in keys) and all(tokens))

    acknowledged_tickets = {}        # number -> description sent
    acknowledged_applications = {}   # receipt -> home address sent
    lock = threading.Lock()
    sequence = iter(range(10**9))
    refused = {}                     # status other than 201 -> how often, for the round lines

    def tally(status):
        if status != 201:
            with lock:
                refused[status] = refused.get(status, 0) + 1

    def file_ticket(stop, key):
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
            tally(status)
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
            tally(status)
            if status == 201:
                with lock:
                    acknowledged_applications[json.loads(text)["receiptNumber"]] = address
            time.sleep(0.5)  # stay inside the per-account submission limit

    for round in range(args.rounds):
        if round > 0:
            server = start(args.binary, data, log, store)
            if not wait_ready():
                check(f"round {round + 1}: the server restarts after SIGKILL", False)
                break
        stop = threading.Event()
        workers = [threading.Thread(target=file_ticket, args=(stop, key)) for key in keys]
        workers += [threading.Thread(target=file_application, args=(stop, which)) for which in range(len(CITIZENS))]
        for worker in workers:
            worker.start()
        time.sleep(random.uniform(0.5, 2.5))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for worker in workers:
            worker.join()
        print(f"round {round + 1}: killed; {len(acknowledged_tickets)} tickets and {len(acknowledged_applications)} applications acknowledged so far"
              + (f"; other answers {dict(sorted(refused.items()))}" if refused else ""), flush=True)

    name, passed, detail = store.integrity()
    check(name, passed, detail)
    stored = store.rows("SELECT number, content FROM tickets")
    tickets = dict(stored)
    numbers = [row[0] for row in stored]
    lost = [n for n in acknowledged_tickets if n not in tickets]
    changed = [n for n, d in acknowledged_tickets.items() if n in tickets and tickets[n] != d]
    check(f"every acknowledged ticket is stored ({len(acknowledged_tickets)})", not lost, f"lost: {lost[:5]}")
    check("each with what was sent", not changed, f"changed: {changed[:5]}")
    check("no ticket is stored twice", len(numbers) == len(set(numbers)))
    descriptions = [row[0] for row in store.rows("SELECT content FROM tickets WHERE content LIKE '崩溃测试%'")]
    check("no submission was stored twice", len(descriptions) == len(set(descriptions)))
    stored = store.rows("SELECT receipt_number, form_values FROM applications WHERE receipt_number IS NOT NULL")
    receipts = dict(stored)
    lost = [r for r in acknowledged_applications if r not in receipts]
    check(f"every acknowledged application is stored ({len(acknowledged_applications)})", not lost, f"lost: {lost[:5]}")
    changed = [r for r, address in acknowledged_applications.items()
               if r in receipts and json.loads(receipts[r]).get("home_address") != address]
    check("each with the address that was sent", not changed, f"changed: {changed[:5]}")
    check("no application is stored twice", len(stored) == len(receipts))
    addresses = [json.loads(values).get("home_address") for _, values in stored]
    addresses = [a for a in addresses if isinstance(a, str) and a.startswith("新龙县茹龙镇团结街")]
    check("no application was submitted twice", len(addresses) == len(set(addresses)))
    check("some of both were acknowledged", len(acknowledged_tickets) > 0 and len(acknowledged_applications) > 0)
    verified = subprocess.run([args.binary, "audit", "verify", "--data-dir", data], capture_output=True, text=True,
                              env=dict(os.environ, **store.env))
    check("the audit chain verifies", verified.returncode == 0, verified.stdout + verified.stderr)


if __name__ == "__main__":
    main()
