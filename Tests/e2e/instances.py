#!/usr/bin/env python3
"""Several instances on one PostgreSQL database behind nginx: they start together (one migrates,
one loads the demo); the instance holding the background jobs' leases is killed (SIGKILL), and
under load another is stopped (SIGTERM); no acknowledged request is lost, a signed-in session
keeps working on the survivor, the message job, which every instance runs, still sends each
message exactly once, and the leased jobs run exactly once: the survivor takes each lease over
once it has expired, then raises the deadline warnings of cases and 12345 tickets that turned
yellow or red at midnight (the clock is shifted to just before it), publishes an edition
scheduled through the workbench; the reports and the audit check of start-up were made by one
instance only.

    python3 Tests/e2e/instances.py --binary .build/debug/zhengwu \\
        --postgres postgres://zhengwu:zhengwu@127.0.0.1:55432/postgres [--port-base 18480]

Needs nginx and a PostgreSQL server whose user may create databases. Takes three to four
minutes: a lease lasts up to three, and nothing gives it up when its holder is killed (an instance
that stops cleanly gives its leases up, so they move at once). Prints what it checked."""
import argparse
import base64
import datetime
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

DEMO_PASSWORD = "Demo-2026-zw"
BEIJING = datetime.timezone(datetime.timedelta(hours=8))
# Business time starts two minutes before midnight of an ordinary working Wednesday, so clocks
# turn yellow and red while the leases are moving to the survivor (after about three minutes).
DAY = datetime.date(2026, 3, 11)
FAKE_START = datetime.datetime(2026, 3, 11, 23, 58, 0, tzinfo=BEIJING)
# The leased jobs; each, once its lease is held, runs a query no other job runs (seen in the
# debug log of the instance that ran it).
JOBS = {
    "deadline-watch": ("deadline watch (cases)", "FROM open_steps s JOIN applications a"),
    "ticket-watch": ("ticket watch (12345)", "SELECT id, number, content, status, dispatched_on"),
    "publish-scheduled": ("scheduled publishing", '"publication_editions"."publish_at" <='),
    "performance-rollup": ("performance rollup", "SELECT DISTINCT day FROM performance_dirty"),
    "performance-reports": ("weekly and monthly reports", 'FROM "performance_reports"'),
    "audit-verify": ("audit chain check", "supervision.audit_check"),
}
# Leases short enough to expire during the test (the others last 50 minutes).
MOVING = ["deadline-watch", "ticket-watch", "publish-scheduled", "performance-rollup"]
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"), flush=True)


def call(url, body=None, headers=None, method=None, timeout=30):
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method or ("POST" if body else "GET"))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def ready(port, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if call(f"http://127.0.0.1:{port}/readyz")[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def psql(admin, statement):
    subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], check=True, capture_output=True)


def rows(url, query):
    """The rows of a query, each a list of text fields."""
    out = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", query],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def totp(secret_text):
    secret = secret_text.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Workbench:
    """A member of staff signed in on one instance's workbench (password, then TOTP enrolment),
    submitting its forms as a browser does, with the CSRF token of each page."""

    def __init__(self, base, username):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/signin")
        page = self.post("/signin", page, username=username, password=DEMO_PASSWORD, next="")
        secret = re.search(r'id="totp-secret">([^<]+)<', page)
        if not secret:
            raise RuntimeError(f"{username}: no TOTP enrolment after the password")
        self.post("/signin/second-factor", page, code=totp(secret.group(1)), next="")

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            self.url = response.geturl()
            return response.read().decode()

    def post(self, path, page, **fields):
        fields["_csrf"] = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        with self.opener.open(self.base + path, urllib.parse.urlencode(fields).encode(), timeout=30) as response:
            self.url = response.geturl()
            return response.read().decode()


class Logs:
    """Each instance's debug log, read as records (a record's SQL may span lines)."""
    stamp = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}) ")

    def __init__(self, paths):
        self.paths = paths

    def records(self, instance):
        records = []
        with open(self.paths[instance], encoding="utf-8", errors="replace") as f:
            for line in f:
                match = self.stamp.match(line)
                if match:
                    when = datetime.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S%z").timestamp()
                    records.append([when, line])
                elif records:
                    records[-1][1] += line
        return records

    def owner(self, text):
        """The instance whose log holds `text` (a worker's name appears only in its own)."""
        found = [i for i in self.paths if any(text in r for _, r in self.records(i))]
        return found[0] if len(found) == 1 else None

    def runs(self, marker):
        """(time, instance) of every query of a background job (not of a request) holding `marker`, in time order."""
        return sorted((when, i) for i in self.paths for when, record in self.records(i)
                      if marker in record and "request-id=" not in record)


def one_at_a_time(runs):
    """The instances in the order they ran a job; None if one ran it again after another had."""
    order = []
    for _, instance in runs:
        if not order or order[-1] != instance:
            if instance in order:
                return None
            order.append(instance)
    return order


def arrange_clocks(url, base, key):
    """Two cases and three 12345 tickets whose clocks cross at midnight: as of the next day one
    case and one ticket are yellow (two working days left), one of each red (due today, so
    overdue tomorrow), and one ticket red because it was not signed for by 23:59. The tickets
    come in through Open311 and are dispatched here; the cases are written as the window's
    acceptance would leave them (accepted a week before, the decision step open)."""
    department, item, revision, code, name = rows(url, """
        SELECT i.department_id, i.id, r.id, i.code, i.name FROM service_items i JOIN service_item_revisions r ON r.item_id = i.id
        ORDER BY i.code, r.id LIMIT 1""")[0]
    cases = {}
    for label, due in [("yellow", "2026-03-13"), ("red", "2026-03-11")]:
        case, receipt = str(uuid.uuid4()), f"20260304-LEASE-{label.upper()}"
        psql(url, f"""
            INSERT INTO applications (id, receipt_number, item_id, revision_id, item_code, item_name, department_id, region_code,
              applicant_kind, applicant_name, applicant_id_sealed, applicant_id_tail_index, applicant_phone_sealed,
              applicant_phone_index, form_values, status, channel, visits, handling, promised_limit_days, legal_limit_days,
              received_at, received_on, acceptance_due_on, accepted_on, deemed_accepted, decision_due_on, created_at, updated_at)
            VALUES ('{case}', '{receipt}', '{item}', '{revision}', '{code}', '{name}', '{department}', '513329', 'person',
              '多实例测试', '-', '-', '-', '-', '{{}}', 'accepted', 'online', 0, 'single', 5, 20, '2026-03-04T10:00:00+08:00',
              '2026-03-04', '2026-03-11', '2026-03-04', false, '{due}', '2026-03-04T10:00:00+08:00', '2026-03-04T10:00:00+08:00');
            INSERT INTO open_steps (id, application_id, step_key, step_name, role, department_id, due_on, started_on)
            VALUES ('{uuid.uuid4()}', '{case}', '_decision', '决定', 'department_handler', '{department}', '{due}', '2026-03-04')""")
        cases[label] = case
    tickets = {}
    for label, status, reply_by, sign_by in [("yellow", "signed", "2026-03-13", None), ("red", "signed", "2026-03-11", None),
                                              ("sign", "dispatched", "2026-03-31", "2026-03-11T23:59:00+08:00")]:
        body = urllib.parse.urlencode({"api_key": key, "service_code": "urban-light", "address_string": "茹龙镇",
                                       "description": f"多实例测试：{label}", "phone": "13912345678"}).encode()
        status_code, text = call(base + "/open311/v2/requests.json", body, {"Content-Type": "application/x-www-form-urlencoded"})
        number = json.loads(text)[0]["service_request_id"] if status_code == 201 else None
        if number:
            psql(url, f"""UPDATE tickets SET status = '{status}', lead_department_id = '{department}',
                          dispatched_at = '2026-03-04T10:00:00+08:00', dispatched_on = '2026-03-04', reply_by = '{reply_by}',
                          sign_by = {f"'{sign_by}'" if sign_by else 'NULL'} WHERE number = '{number}'""")
        tickets[label] = number
    return cases, tickets


def schedule_publication(staff_base, business_now):
    """A department head writes a notice and submits it; a publisher schedules it for the next
    whole minute at least half a minute ahead (business time). Returns (title, publication id)."""
    title = "关于多实例定时发布测试的通知" + uuid.uuid4().hex[:6]
    writer = Workbench(staff_base, "mzj-head")
    page = writer.get("/disclosure/new")
    page = writer.post("/disclosure/new", page, organ=re.search(r'<option value="([^"]+)" selected', page).group(1),
                       title=title, doc_number="", subject="general_affairs", genre="notice", written_on=DAY.isoformat(),
                       keywords="", body="定时发布，多实例下只发布一次。", change_note="")
    publication = re.search(r"/disclosure/([0-9A-Fa-f-]{36})", writer.url).group(1)
    submit = re.search(r'action="(/disclosure/editions/[0-9A-Fa-f-]{36}/submit)"', page).group(1)
    writer.post(submit, page)
    publisher = Workbench(staff_base, "publisher")
    page = publisher.get(f"/disclosure/{publication}")
    action = re.search(r'action="(/disclosure/editions/[0-9A-Fa-f-]{36}/publish)"', page).group(1)
    at = (business_now() + datetime.timedelta(seconds=90)).replace(second=0, microsecond=0)
    publisher.post(action, page, note="", publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    return title, publication, at


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres", required=True)
    parser.add_argument("--port-base", type=int, default=18480,
                        help="nginx listens here, the portals on the next three ports, the workbenches on the three after +10")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="zhengwu-instances-")
    name = "zw_instances_" + uuid.uuid4().hex[:8]
    psql(args.postgres, f"CREATE DATABASE {name}")
    url = urllib.parse.urlparse(args.postgres)._replace(path="/" + name).geturl()
    # Debug logging shows each instance's SQL, and so which instance ran which job.
    env = dict(os.environ, ZHENGWU_DATABASE_URL=url, ZHENGWU_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
               ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="debug",
               ZHENGWU_FAKE_NOW=FAKE_START.isoformat())
    nginx_port = args.port_base
    ports = [(args.port_base + n, args.port_base + 10 + n) for n in (1, 2, 3)]
    instances, paths = {}, {}
    started = time.time()
    for n, (portal, staff) in enumerate(ports, 1):
        paths[n] = os.path.join(work, f"instance-{n}.log")
        instances[n] = subprocess.Popen([args.binary, "serve", "--public-bind", f"127.0.0.1:{portal}",
                                         "--staff-bind", f"127.0.0.1:{staff}"], stdout=open(paths[n], "w"),
                                        stderr=subprocess.STDOUT, env=env)
    logs = Logs(paths)

    def business_now():
        return FAKE_START + datetime.timedelta(seconds=time.time() - started)

    nginx_conf = os.path.join(work, "nginx.conf")
    with open(nginx_conf, "w") as f:
        upstream = "".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p, _ in ports)
        f.write(f"""pid {work}/nginx.pid; error_log {work}/nginx-error.log; daemon off;
events {{}}
http {{ access_log off; upstream portal {{ {upstream} keepalive 16; }}
  server {{ listen 127.0.0.1:{nginx_port}; client_max_body_size 64m;
    location / {{ proxy_pass http://portal; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $remote_addr; proxy_next_upstream error timeout http_502; }} }} }}
""")
    nginx = subprocess.Popen(["nginx", "-c", nginx_conf], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{nginx_port}"
    try:
        check("three instances start together on one database (one migrates, one loads the demo)",
              all(ready(p) for p, _ in ports))
        check("nginx balances across them", ready(nginx_port))

        # Who holds which lease: every instance tries each job at start-up, one gets it.
        deadline, leases = time.time() + 60, {}
        while time.time() < deadline and len(leases) < len(JOBS):
            leases = {job: (who, expires) for job, who, expires in rows(url, "SELECT name, holder, expires_at FROM job_leases")
                      if job in JOBS}
            time.sleep(0.5)
        held = {}
        while time.time() < deadline and not (held and all(held.values())):
            held = {job: logs.owner(who) for job, (who, _) in leases.items()}
            time.sleep(0.5)
        check("each leased job was taken by one instance at start-up",
              len(held) == len(JOBS) and all(held.values()), str(held))
        print("     leases: " + ", ".join(f"{job} → instance {i}" for job, i in sorted(held.items())), flush=True)
        counts = {i: sum(1 for h in held.values() if h == i) for i in instances}
        holder = held.get("deadline-watch") or max(counts, key=counts.get)
        survivor = min((i for i in instances if i != holder), key=lambda i: counts[i])
        stopped = next(i for i in instances if i not in (holder, survivor))

        # The holder dies without a word: its leases stand until they expire.
        instances[holder].kill()
        instances[holder].wait()
        killed_at = time.time()

        def expiries(instance, at):
            """When each short lease the instance held expires (business time, epoch seconds), and when it stopped."""
            return {job: (float(e), at) for job, e in rows(url, "SELECT name, extract(epoch FROM expires_at) FROM job_leases")
                    if job in MOVING and held.get(job) == instance}
        expiry = expiries(holder, killed_at)
        print(f"     instance {holder} (holding {', '.join(sorted(expiry)) or 'no short lease'}) killed; "
              f"instance {stopped} to be stopped under load; instance {survivor} survives", flush=True)

        keys = [subprocess.run([args.binary, "open311", "issue-key", "--name", f"instances {w}"], capture_output=True, text=True,
                               env=env).stdout.strip() for w in range(7)]
        cases, tickets = arrange_clocks(url, base, keys[6])
        check("cases and tickets arranged to cross yellow and red at midnight", len(cases) == 2 and all(tickets.values()),
              str(tickets))
        staff_base = f"http://127.0.0.1:{ports[survivor - 1][1]}"
        try:
            title, publication, publish_at = schedule_publication(staff_base, business_now)
            state = rows(url, f"SELECT state FROM publication_editions WHERE publication_id = '{publication}'")
            check(f"a publisher scheduled a notice for {publish_at:%H:%M} through the workbench (staff sign-in with TOTP)",
                  [s for s, in state] == ["scheduled"], str(state))
        except Exception as error:  # the publication checks below then fail too
            title, publication, publish_at = None, None, None
            check("a publisher scheduled a notice through the workbench (staff sign-in with TOTP)", False, repr(error))

        status, text = call(base + "/api/v1/sessions", json.dumps({"login": "13800000001", "password": DEMO_PASSWORD}).encode(),
                            {"Content-Type": "application/json"})
        token = json.loads(text)["token"] if status == 201 else ""
        check("a citizen signs in through nginx", bool(token), f"{status} {text[:200]}")

        acknowledged, failures, lock, stop = {}, [], threading.Lock(), threading.Event()

        def load(worker_number):
            n = 0
            while not stop.is_set():
                n += 1
                description = f"多实例测试{worker_number}-{n}：路灯不亮"
                body = urllib.parse.urlencode({"api_key": keys[worker_number], "service_code": "urban-light",
                                               "address_string": "茹龙镇", "description": description,
                                               "phone": f"139{worker_number}{n:07d}"}).encode()
                try:
                    status, text = call(base + "/open311/v2/requests.json", body,
                                        {"Content-Type": "application/x-www-form-urlencoded"}, timeout=15)
                except OSError as error:
                    with lock:
                        failures.append(str(error))
                    continue
                with lock:
                    if status == 201:
                        acknowledged[json.loads(text)[0]["service_request_id"]] = description
                    else:
                        failures.append(status)

        threads = [threading.Thread(target=load, args=(w,)) for w in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        # Read before the stop: an instance that stops cleanly gives its leases up as it goes.
        given_up = expiries(stopped, None)
        instances[stopped].terminate()
        check("an instance stops cleanly under load", instances[stopped].wait(timeout=60) == 0)
        expiry.update({job: (e, time.time()) for job, (e, _) in given_up.items()})
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join()
        check(f"requests kept being answered ({len(acknowledged)} tickets acknowledged)", len(acknowledged) > 50)
        check("no request failed while the instance stopped", not failures, str(failures[:5]))
        status, _ = call(base + "/api/v1/applications/20260101-AAAA-AAAA", headers={"Authorization": f"Bearer {token}"})
        check("the signed-in session still works on the survivor", status == 404, str(status))

        stored = dict(rows(url, "SELECT number, content FROM tickets"))
        lost = [n for n in acknowledged if stored.get(n) != acknowledged[n]]
        check("every acknowledged ticket is stored, as sent", not lost, str(lost[:5]))
        # The message job runs on every instance; each message must still go out exactly once.
        # Without a gateway the messages are written to the log, one line each.
        # One survivor sends 50 every few seconds, and a claim cut short by a stop waits a minute
        # before it is tried again: allow for both before counting.
        deadline = time.time() + 180
        while time.time() < deadline:
            pending = rows(url, "SELECT COUNT(*) FROM notifications WHERE delivery = 'pending'")[0][0]
            if pending == "0":
                break
            time.sleep(1)
        sent = [record for i in instances for _, record in logs.records(i) if "SMS to " in record]
        times = {number: sum(1 for line in sent if f"工单号{number}" in line) for number in acknowledged}
        check("every acknowledgement's text message went out exactly once, across the instances",
              pending == "0" and all(count == 1 for count in times.values()),
              f"pending {pending}; " + str([(n, c) for n, c in times.items() if c != 1][:5]))
        demo = rows(url, "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.loaded'")
        check("the demo was loaded once, though three instances started together", demo == [["1"]], str(demo))

        # The survivor takes over each lease once it has expired, and then does the work.
        expected_alerts = 4 + 3
        # Leases compare the business clock, shifted from real time by the same amount on every instance.
        shift = FAKE_START.timestamp() - started
        last = max((e for e, _ in expiry.values()), default=time.time() + shift) - shift
        print(f"     waiting for the leases to expire ({last - killed_at:.0f}s after the kill) and move", flush=True)
        deadline, moved_at = max(last, time.time()) + 150, {}
        while time.time() < deadline:
            current = {job: h for job, h in rows(url, "SELECT name, holder FROM job_leases")}
            for job in expiry:
                # A lease given up has no row until the next holder takes it.
                if job not in moved_at and current.get(job) not in (None, leases[job][0]):
                    moved_at[job] = (time.time(), current.get(job))
            alerts = int(rows(url, "SELECT (SELECT COUNT(*) FROM deadline_alerts) + (SELECT COUNT(*) FROM ticket_alerts)")[0][0])
            published = publication and rows(url, f"SELECT status FROM publications WHERE id = '{publication}'") == [["live"]]
            if len(moved_at) == len(expiry) and alerts >= expected_alerts and (published or not publication):
                time.sleep(2)
                break
            time.sleep(1)
        for job in sorted(expiry):
            when, new_holder = moved_at.get(job, (None, None))
            expired, stopped_at = expiry[job][0] - shift, expiry[job][1]
            detail = f"moved {when and when - stopped_at}s, expired {expired - stopped_at:.0f}s after the stop, to {new_holder}"
            moved = when is not None and logs.owner(new_holder) == survivor
            if job in given_up:
                check(f"{JOBS[job][0]}: its lease, given up by the instance that stopped cleanly, moved to the survivor "
                      f"before it would have expired ({(when or stopped_at) - stopped_at:.0f}s after the stop)",
                      moved and when < expired - 2, detail)
            else:
                check(f"{JOBS[job][0]}: its lease moved to the survivor once expired, not before "
                      f"({(when or stopped_at) - stopped_at:.0f}s after its holder was killed)",
                      moved and when >= expired - 2, detail)
        for job, (label, marker) in JOBS.items():
            runs = logs.runs(marker)
            order = one_at_a_time(runs)
            check(f"{label} ran on one instance at a time (instances in turn: {order}; {len(runs)} of its queries seen)",
                  order is not None and len(order) >= 1 and (job not in expiry or order[-1] == survivor), str(runs[:10]))
        for job in ("performance-reports", "audit-verify"):
            starts = {i for _, i in logs.runs(JOBS[job][1])}
            check(f"{JOBS[job][0]}: made at start-up by one instance only", len(starts) == 1, str(starts))
        reports = rows(url, "SELECT kind, period_start, COUNT(*) FROM performance_reports GROUP BY kind, period_start ORDER BY kind")
        check("one weekly and one monthly report, for the last finished week (2026-03-02) and month (2026-02-01)",
              reports == [["monthly", "2026-02-01", "1"], ["weekly", "2026-03-02", "1"]], str(reports))
        check("the audit chain check recorded its outcome",
              bool(rows(url, "SELECT value FROM site_settings WHERE key = 'supervision.audit_check'")))

        # The warnings of the next day, each raised once, each with its notices once.
        found = rows(url, "SELECT application_id, step_key, level, due_on, extract(epoch FROM created_at) FROM deadline_alerts")
        want = {(cases["yellow"], "_case", "yellow"), (cases["yellow"], "_decision", "yellow"),
                (cases["red"], "_case", "red"), (cases["red"], "_decision", "red")}
        got = [(a, s, l) for a, s, l, _, _ in found]
        check("deadline watch: each case's and each step's warning raised exactly once (yellow two days before, red overdue)",
              sorted(got) == sorted(want), str(found))
        after = all(float(c) - shift > killed_at for *_, c in found)
        check("deadline watch: the warnings of the new day were raised after its holder stopped, by the survivor", after and found,
              str(found))
        found = rows(url, "SELECT t.number, a.kind, a.level, a.due, extract(epoch FROM a.created_at) FROM ticket_alerts a "
                          "JOIN tickets t ON t.id = a.ticket_id")
        want = {(tickets["yellow"], "reply", "yellow"), (tickets["red"], "reply", "red"), (tickets["sign"], "sign", "red")}
        got = [(n, k, l) for n, k, l, _, _ in found]
        check("ticket watch: each ticket's warning raised exactly once (reply yellow, reply red, not signed for)",
              sorted(got) == sorted(want), str(found))
        check("ticket watch: raised after its holder stopped, by the survivor",
              found and all(float(c) - shift > killed_at for *_, c in found), str(found))
        notices = rows(url, "SELECT kind, coalesce(account_id, ''), coalesce(role, ''), coalesce(department_id::text, ''), "
                            "coalesce(application_id::text, ''), text FROM staff_notices")
        twice = {tuple(n) for n in notices if notices.count(n) > 1}
        per_case = {label: sum(1 for n in notices if n[4] == case) for label, case in cases.items()}
        per_ticket = {label: sum(1 for n in notices if number and number in n[5]) for label, number in tickets.items()}
        check("every warning's notices went out once: handlers at yellow, handlers and the head at red",
              not twice and per_case == {"yellow": 2, "red": 4} and per_ticket == {"yellow": 1, "red": 2, "sign": 2},
              f"twice {list(twice)[:3]}; cases {per_case}; tickets {per_ticket}")

        # The scheduled notice, published once, by the survivor.
        if publication:
            editions = rows(url, f"SELECT state FROM publication_editions WHERE publication_id = '{publication}'")
            audit = rows(url, "SELECT COUNT(*) FROM audit_log WHERE action = 'publication.published_on_schedule' "
                              f"AND subject = 'publication:{publication}'")
            published_at = rows(url, f"SELECT extract(epoch FROM published_at) FROM publications WHERE id = '{publication}'")
            check("scheduled publishing: the notice was published once, on schedule (one edition published, one audit record)",
                  editions == [["published"]] and audit == [["1"]] and published_at
                  and float(published_at[0][0]) >= publish_at.timestamp(), f"{editions} {audit} {published_at}")
            claims = {i for _, i in logs.runs("UPDATE publication_editions SET state = 'published'")}
            check("scheduled publishing: by the survivor, after its holder stopped", claims == {survivor}, str(claims))
            status, feed = call(base + "/open/feed.atom")
            check("scheduled publishing: one entry in the Atom feed", status == 200 and feed.count(f"<title>{title}</title>") == 1,
                  f"{status} {feed.count(title)}")
    finally:
        nginx.terminate()
        for process in instances.values():
            if process.poll() is None:
                process.terminate()
        for process in instances.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        psql(args.postgres, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    failed = len(results) - sum(results)
    print(f"{len(results)} checks, {failed} failed (logs: {work})")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
