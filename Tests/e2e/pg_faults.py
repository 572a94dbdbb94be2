#!/usr/bin/env python3
"""PostgreSQL faults under a running server: the database restarts, stops for a while, crashes,
and becomes read-only; the server must ride it out without being restarted itself.

Starts a throw-away PostgreSQL cluster of its own (fsync on) and one server on it, then:

Restarts. Tickets (Open311) and applications (JSON API) are filed from several threads at full
speed while PostgreSQL is restarted (`pg_ctl restart -m fast`), stopped for a few seconds and
started again, and stopped abruptly (`-m immediate`, so it recovers from its log) and started
again. Meanwhile /readyz is polled. While the database is down /readyz must answer not-ready and
every write a clear 503 (never a 500, never a hang); once it is back /readyz must answer 200
within a bounded time and filing must work again, all without restarting the server. Every
submission that got a number must be stored exactly once with what was sent.

Read-only. With `default_transaction_read_only` switched on (a reload reaches the open
connections), filing a ticket on the portal form, through Open311 and an application through
the API must be answered 503 with the storage message in Chinese (a page on the portal, the
interface's own error format elsewhere), while the home page and the service guide are still
served; switched off again, filing works again without a restart.

At the end the audit chain must verify and every B-tree index pass amcheck.

    python3 Tests/e2e/pg_faults.py --binary .build/debug/zhengwu [--pg-port 18710] [--only restart|read-only]

Needs PostgreSQL's server binaries (as root, the cluster runs as the `postgres` user). Prints
what it checked and exits 0 only if everything held."""
import argparse
import base64
import http.cookiejar
import json
import os
import re
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

PORTAL = "http://127.0.0.1:18702"
STAFF = "http://127.0.0.1:18703"
PASSWORD = "Demo-2026-zw"
CITIZENS = ["13800000001", "13800000002", "13800000003"]
PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").decode()
STORAGE_MESSAGE = "系统暂时无法保存（存储空间已满或只能读取）"
READY_WITHIN = 15      # seconds PostgreSQL may be back before /readyz must say so
SLOW = 15              # seconds: an answer slower than this counts as hanging
results = []
events = []            # (when, what happened to PostgreSQL), to place a failure in the run


def event(what):
    events.append((time.time(), what))


def when(moment):
    """Where `moment` falls among the events, e.g. "1.2 s after the fast stop"."""
    past = [e for e in events if e[0] <= moment]
    return f"{moment - past[-1][0]:.1f} s after {past[-1][1]}" if past else "before the faults"


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"), flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(path, body=None, headers=None, method=None, timeout=30, opener=None):
    """(status, headers, text); raises OSError when there is no HTTP answer (or none in time)."""
    request = urllib.request.Request(PORTAL + path, data=body, headers=headers or {}, method=method or ("POST" if body else "GET"))
    try:
        with (opener or urllib.request.build_opener(NoRedirect)).open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def ready_status():
    try:
        return call("/readyz", timeout=10)[0]
    except OSError as error:
        return f"no answer ({error})"


def wait_ready(seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if ready_status() == 200:
            return True
        time.sleep(0.2)
    return False


def ticket_body(key, description):
    return urllib.parse.urlencode({"api_key": key, "service_code": "urban-road", "lat": "30.9396", "long": "100.3122",
                                   "description": description}).encode()


def application_body(which, address):
    return json.dumps({"itemCode": "513329-MZJ-GF-002", "form": {
        "applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": CITIZENS[which],
        "home_address": address, "hardship_type": "急难型", "amount_requested": "3000", "description": "家中房屋失火"},
        "materials": [{"key": "application", "fileName": "申请书.pdf", "content": PDF},
                      {"key": "household_register", "certificateReference": "HK-1"},
                      {"key": "id_card", "certificateReference": "ID-1"}]}).encode()


def multipart(fields):
    boundary = "----zhengwu" + uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in fields.items()]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


def file_on_portal(content, address_for):
    """Files a 12345 ticket on the portal form as a visitor would: fetch the form (its CSRF token
    and cookie), post it. Returns (status, body, number or None)."""
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    forwarded = {"X-Forwarded-For": address_for}
    status, _, page = call("/12345/new", headers=forwarded, opener=opener)
    token = re.search(r'name="_csrf" value="([^"]+)"', page)
    if status != 200 or not token:
        return status, page, None
    body, content_type = multipart({"_csrf": token.group(1), "type": "complaint", "category": "urban-road", "content": content,
                                    "address": "新龙县茹龙镇团结街", "name": "泽仁", "phone": "13912345678"})
    status, headers, page = call("/12345/new", body, {"Content-Type": content_type, **forwarded}, opener=opener)
    number = re.search(r"/12345/received/([0-9A-Z-]+)", headers.get("Location") or "")
    return status, page, number.group(1) if number else None


class Load:
    """Tickets and applications at full speed; every answer kept with when it was sent and got."""

    def __init__(self, keys, tokens):
        self.keys, self.tokens = keys, tokens
        self.lock = threading.Lock()
        self.answers = []            # (sent, answered, kind, status, body)
        self.no_answer = []          # (sent, kind, error)
        self.tickets = {}            # number -> description sent
        self.applications = {}       # receipt -> address sent
        self.sequence = iter(range(10**9))
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.file_tickets, args=(key,)) for key in keys]
        self.threads += [threading.Thread(target=self.file_applications, args=(which,)) for which in range(len(tokens))]

    def send(self, kind, path, body, headers):
        sent = time.time()
        try:
            status, _, text = call(path, body, headers, timeout=30)
        except OSError as error:
            with self.lock:
                self.no_answer.append((sent, kind, str(error)))
            return None, None
        with self.lock:
            self.answers.append((sent, time.time(), kind, status, text[:2000]))
        return status, text

    def file_tickets(self, key):
        while not self.stop.is_set():
            n = next(self.sequence)
            description = f"数据库故障测试第{n}号：路面坑洼需要修补"
            status, text = self.send("ticket", "/open311/v2/requests.json", ticket_body(key, description),
                                     {"Content-Type": "application/x-www-form-urlencoded",
                                      "X-Forwarded-For": f"10.9.{n % 250}.{n // 250 % 250 + 1}"})
            if status == 201:
                with self.lock:
                    self.tickets[json.loads(text)[0]["service_request_id"]] = description
            elif status is not None and status != 201:
                time.sleep(0.05)  # refused: do not spin

    def file_applications(self, which):
        while not self.stop.is_set():
            n = next(self.sequence)
            address = f"新龙县茹龙镇解放街{n}号"
            status, text = self.send("application", "/api/v1/applications", application_body(which, address),
                                     {"Content-Type": "application/json", "Authorization": f"Bearer {self.tokens[which]}",
                                      "X-Forwarded-For": f"10.8.{n % 250}.1"})
            if status == 201:
                with self.lock:
                    self.applications[json.loads(text)["receiptNumber"]] = address
            time.sleep(1.5)  # stay inside the per-account submission limit (30 in ten minutes)

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def between(self, start, end):
        """Answers to requests sent after `start` and answered before `end`."""
        with self.lock:
            return [a for a in self.answers if a[0] >= start and a[1] <= end]


class ReadyMonitor(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []            # (sent, answered, status)
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            sent = time.time()
            status = ready_status()
            self.samples.append((sent, time.time(), status))
            time.sleep(0.1)

    def between(self, start, end):
        return [s for s in self.samples if s[0] >= start and s[1] <= end]

    def first_ready_after(self, moment, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            hits = [s for s in self.samples if s[0] >= moment and s[2] == 200]
            if hits:
                return hits[0][1] - moment
            time.sleep(0.1)
        return None


def statuses(answers):
    counts = {}
    for answer in answers:
        counts[answer[3]] = counts.get(answer[3], 0) + 1
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


def clear_503(answer):
    """A 503 that says what happened: Chinese text asking to try again, in JSON for the API."""
    _, _, kind, status, body = answer
    if status != 503:
        return False
    if kind == "application":
        try:
            message = json.loads(body)["error"]["message"]
        except (ValueError, KeyError, TypeError):
            return False
        return "稍后" in message
    return "稍后" in body


def restart_faults(cluster, server, load, monitor):
    steady = 3
    event("the load started")
    time.sleep(steady)

    # 1. A fast restart: connections are cut, PostgreSQL is back within a moment.
    event("the fast restart began")
    restarted = cluster.restart("fast")
    back = time.time()
    event("the fast restart")
    check("PostgreSQL restarts (pg_ctl restart -m fast)", restarted.returncode == 0, restarted.stderr)
    took = monitor.first_ready_after(back, READY_WITHIN)
    check(f"after the restart /readyz answers 200 within {READY_WITHIN} s",
          took is not None, "still not ready" if took is None else "")
    if took is not None:
        print(f"     ready {took:.1f} s after the restart", flush=True)
    time.sleep(steady)
    check("tickets are acknowledged again after the restart", any(a[3] == 201 for a in load.between(back + (took or 0), time.time())))

    # 2. Stopped for a few seconds, then started.
    stopped_at = time.time()
    event("the fast stop began")
    stopped = cluster.stop("fast")
    down = time.time()
    event("the fast stop")
    check("PostgreSQL stops (pg_ctl stop -m fast)", stopped.returncode == 0, stopped.stderr)
    time.sleep(5)
    starting = time.time()
    event("the start began")
    started = cluster.start()
    up = time.time()
    event("the start")
    check("PostgreSQL starts again", started.returncode == 0, started.stderr)
    samples = monitor.between(down, starting)
    check(f"while PostgreSQL was down /readyz answered not-ready ({len(samples)} polls)",
          samples and all(s[2] != 200 for s in samples), str(sorted({str(s[2]) for s in samples})))
    outage = load.between(down, starting)
    check(f"while it was down writes were answered 503 ({len(outage)} answers: {statuses(outage)})",
          outage and all(a[3] == 503 for a in outage),
          "; ".join(f"{a[2]} {a[3]}: {a[4][:160]!r}" for a in [a for a in outage if a[3] != 503][:3]))
    refused = [a for a in outage if a[3] == 503]
    check("each 503 says in Chinese to try again later (JSON for the API)", refused and all(clear_503(a) for a in refused),
          "; ".join(f"{a[2]}: {a[4][:160]!r}" for a in [a for a in refused if not clear_503(a)][:3]) or "no 503 seen")
    took = monitor.first_ready_after(up, READY_WITHIN)
    check(f"once PostgreSQL is back /readyz answers 200 within {READY_WITHIN} s, without restarting the server",
          took is not None and server.poll() is None, "still not ready" if took is None else "the server exited")
    if took is not None:
        print(f"     ready {took:.1f} s after PostgreSQL started (it was stopped {starting - stopped_at:.1f} s)", flush=True)
    time.sleep(steady)
    after = load.between(up + (took or 0), time.time())
    check(f"filing works again after the outage ({statuses(after)})", any(a[3] == 201 and a[2] == "ticket" for a in after))

    # 3. PostgreSQL crashes (immediate stop: no checkpoint, recovery from its log) and is started.
    event("the immediate stop began")
    crashed = cluster.stop("immediate")
    down = time.time()
    event("the immediate stop")
    check("PostgreSQL is stopped abruptly (pg_ctl stop -m immediate)", crashed.returncode == 0, crashed.stderr)
    time.sleep(2)
    starting = time.time()
    event("the start after the crash began")
    started = cluster.start()
    up = time.time()
    event("the start after the crash")
    check("PostgreSQL recovers and starts", started.returncode == 0, started.stderr)
    samples = monitor.between(down, starting)
    check(f"while it was down /readyz answered not-ready ({len(samples)} polls)",
          samples and all(s[2] != 200 for s in samples), str(sorted({str(s[2]) for s in samples})))
    took = monitor.first_ready_after(up, READY_WITHIN)
    check(f"after its recovery /readyz answers 200 within {READY_WITHIN} s", took is not None, "still not ready")
    time.sleep(steady)
    after = load.between(up + (took or 0), time.time())
    check(f"filing works again after the crash ({statuses(after)})", any(a[3] == 201 and a[2] == "ticket" for a in after))


def answer(path, body=None, headers=None):
    """`call`, with no answer within 30 s reported as status None."""
    try:
        return call(path, body, headers)
    except OSError as error:
        return None, {}, f"no answer: {error}"


def portal_answer(content, address_for):
    try:
        return file_on_portal(content, address_for)
    except OSError as error:
        return None, f"no answer: {error}", None


def read_only_fault(cluster, server, key, token):
    def set_read_only(on):
        cluster.sql("ALTER SYSTEM SET default_transaction_read_only = on" if on else
                    "ALTER SYSTEM RESET default_transaction_read_only")
        cluster.sql("SELECT pg_reload_conf()")
        time.sleep(1.5)  # every connection takes the reload when it is next idle

    set_read_only(True)
    check("the database is read-only", cluster.sql("SHOW default_transaction_read_only").strip() == "on")

    status, page, number = portal_answer("只读测试：路面坑洼需要修补", "10.7.0.1")
    check("filing a ticket on the portal form is answered 503", status == 503 and number is None, f"{status} {page[:200]!r}")
    check("with a page saying so in Chinese", STORAGE_MESSAGE in page and "<html" in page, page[:300])

    status, headers, text = answer("/open311/v2/requests.json", ticket_body(key, "只读测试：Open311"),
                                 {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "10.7.0.2"})
    check("filing through Open311 is answered 503", status == 503, f"{status} {text[:200]!r}")
    try:
        open311 = json.loads(text)
        clear = isinstance(open311, list) and open311[0].get("code") == 503 and STORAGE_MESSAGE in open311[0].get("description", "")
    except ValueError:
        clear = False
    check("in Open311's error format (JSON), with the storage message", clear,
          f"Content-Type {headers.get('Content-Type')}: {text[:120]!r}")

    status, _, text = answer("/api/v1/applications", application_body(2, "只读测试：新龙县茹龙镇"),
                           {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "X-Forwarded-For": "10.7.0.3"})
    try:
        message = json.loads(text)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = ""
    check("an application through the API is answered 503", status == 503, f"{status} {text[:200]!r}")
    check("with a JSON error giving the storage message", STORAGE_MESSAGE in message, text[:300])

    for path, words in [("/", "新龙县"), ("/services", "办事"), ("/services/513329-MZJ-GF-002", "临时救助"), ("/12345", "12345")]:
        status, _, page = answer(path, headers={"X-Forwarded-For": "10.7.0.4"})
        check(f"reads go on: {path} answers 200", status == 200 and words in page, f"{status} {page[:200]!r}")
    status, _, _ = answer("/api/v1/applications/20260101-AAAA-AAAA", headers={"Authorization": f"Bearer {token}"})
    check("a signed-in citizen's API session still works for reading", status == 404, str(status))
    print(f"     /readyz while read-only: {ready_status()}", flush=True)

    set_read_only(False)
    check("the database is writable again", cluster.sql("SHOW default_transaction_read_only").strip() == "off")
    status, page, number = portal_answer("只读恢复后：路面坑洼需要修补", "10.7.0.5")
    check("filing on the portal form works again, without restarting the server",
          status == 303 and number and server.poll() is None, f"{status} {page[:200]!r}")
    status, _, text = answer("/open311/v2/requests.json", ticket_body(key, "只读恢复后：Open311"),
                           {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "10.7.0.6"})
    check("filing through Open311 works again", status == 201, f"{status} {text[:200]!r}")
    status, _, text = answer("/api/v1/applications", application_body(2, "只读恢复后：新龙县茹龙镇"),
                           {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "X-Forwarded-For": "10.7.0.7"})
    check("an application through the API works again", status == 201, f"{status} {text[:200]!r}")
    return {number} if number else set()


def rows(url, statement):
    listing = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-F", "\x1f", "-R", "\x1e", "-c", statement],
                             capture_output=True, text=True, check=True).stdout
    return [tuple(record.split("\x1f")) for record in listing.rstrip("\n").split("\x1e") if record]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--pg-port", type=int, default=18710, help="port for the private PostgreSQL cluster")
    parser.add_argument("--only", choices=["restart", "read-only"])
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="zhengwu-pgfaults-")
    try:
        cluster = PrivateCluster(args.pg_port).create()
    except RuntimeError as error:
        check("a PostgreSQL cluster of the test's own", False, str(error))
        print(f"{len(results)} checks, {len(results) - sum(results)} failed")
        sys.exit(1)
    cluster.sql("CREATE DATABASE zw_faults OWNER zhengwu")
    url = f"postgres://zhengwu:zhengwu@127.0.0.1:{args.pg_port}/zw_faults"
    env = dict(os.environ, ZHENGWU_DATABASE_URL=url, ZHENGWU_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
               ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="warning")
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--data-dir", work, "--public-bind", PORTAL[7:], "--staff-bind", STAFF[7:]],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    started = time.time()
    try:
        check("the server starts on PostgreSQL and loads the demo", wait_ready())
        keys = [subprocess.run([args.binary, "open311", "issue-key", "--name", f"faults {w}", "--data-dir", work],
                               capture_output=True, text=True, env=env).stdout.strip() for w in range(6)]
        tokens = []
        for login in CITIZENS:
            status, _, text = call("/api/v1/sessions", json.dumps({"login": login, "password": PASSWORD}).encode(),
                                   {"Content-Type": "application/json"})
            tokens.append(json.loads(text)["token"] if status == 201 else None)
        check("Open311 keys and API sessions for three citizens", all(k.startswith("zw311_") for k in keys) and all(tokens))

        load = Load(keys, tokens[:2])
        portal_tickets = set()
        if args.only != "read-only":
            monitor = ReadyMonitor()
            monitor.start()
            load.start()
            try:
                restart_faults(cluster, server, load, monitor)
            finally:
                load.finish()
                monitor.stop.set()
            slow = [a for a in load.answers if a[1] - a[0] > SLOW]
            check(f"no write hung: every one of {len(load.answers)} answers came within {SLOW} s "
                  f"(slowest {max((a[1] - a[0] for a in load.answers), default=0):.1f} s)",
                  not slow and not load.no_answer,
                  f"{len(slow)} slow, {len(load.no_answer)} unanswered: " + "; ".join(
                      [f"{a[2]} sent {when(a[0])}, {a[1] - a[0]:.1f} s" for a in slow[:3]]
                      + [f"{kind} sent {when(sent)}: {error}" for sent, kind, error in load.no_answer[:3]]))
            failed = [a for a in load.answers if a[3] >= 500 and a[3] != 503]
            places = {}
            for a in failed:
                place = when(a[0]).split(" after ", 1)[-1]
                places[place] = places.get(place, 0) + 1
            check(f"no write was answered with a server error other than 503 (all answers: {statuses(load.answers)})",
                  not failed, f"after {places}; " + "; ".join(f"{a[2]} {a[3]}: {a[4][:100]!r}" for a in failed[:2]))
            check("the server ran throughout, never restarted", server.poll() is None)
            print(f"     {len(load.tickets)} tickets and {len(load.applications)} applications acknowledged", flush=True)
        if args.only != "restart":
            portal_tickets = read_only_fault(cluster, server, keys[0], tokens[2])

        stored = rows(url, "SELECT number, content FROM tickets")
        tickets = dict(stored)
        lost = [n for n in load.tickets if n not in tickets]
        changed = [n for n, d in load.tickets.items() if n in tickets and tickets[n] != d]
        check(f"every acknowledged ticket is stored ({len(load.tickets) + len(portal_tickets)})",
              not lost and all(n in tickets for n in portal_tickets), f"lost: {lost[:5]}")
        check("each with what was sent", not changed, f"changed: {changed[:5]}")
        check("no ticket number is stored twice", len(stored) == len(tickets))
        descriptions = [t[1] for t in stored if t[1].startswith("数据库故障测试")]
        check("no ticket was stored twice", len(descriptions) == len(set(descriptions)))
        stored = rows(url, "SELECT receipt_number, form_values FROM applications WHERE receipt_number IS NOT NULL")
        receipts = dict(stored)
        lost = [r for r in load.applications if r not in receipts]
        changed = [r for r, a in load.applications.items() if r in receipts and json.loads(receipts[r]).get("home_address") != a]
        check(f"every acknowledged application is stored ({len(load.applications)}), with what was sent",
              not lost and not changed, f"lost: {lost[:5]}, changed: {changed[:5]}")
        addresses = [json.loads(v).get("home_address") for _, v in stored]
        addresses = [a for a in addresses if isinstance(a, str) and a.startswith("新龙县茹龙镇解放街")]
        check("no application was stored twice", len(stored) == len(receipts) and len(addresses) == len(set(addresses)))
        if args.only != "read-only":
            check("some of both were acknowledged", load.tickets and load.applications)
        verified = subprocess.run([args.binary, "audit", "verify", "--data-dir", work], capture_output=True, text=True, env=env)
        check("the audit chain verifies", verified.returncode == 0, (verified.stdout + verified.stderr)[-300:])
        try:
            checked, problems = amcheck(cluster.admin.rsplit("/", 1)[0] + "/zw_faults")
            check(f"every B-tree index passes amcheck's bt_index_check with heapallindexed ({checked} indexes)",
                  checked > 0 and not problems, "; ".join(problems[:5]))
        except subprocess.CalledProcessError as error:
            check("amcheck runs over the database's indexes", False, (error.stderr or "").strip())
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        cluster.remove()
    if not all(results):
        print(f"     the server's log: {log.name}")
    print(f"{len(results)} checks, {len(results) - sum(results)} failed ({time.time() - started:.0f} s)")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
