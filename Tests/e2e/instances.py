#!/usr/bin/env python3
"""Several instances on one PostgreSQL database behind nginx: they start together (one migrates,
one loads the demo); under load, one instance is stopped; no acknowledged request is lost, a
signed-in session keeps working on the others, and the background message job, which every
instance runs, still sends each message exactly once.

    python3 Tests/e2e/instances.py --binary .build/debug/zhengwu \\
        --postgres postgres://zhengwu:zhengwu@127.0.0.1:55432/postgres

Needs nginx and a PostgreSQL server whose user may create databases. Prints what it checked."""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

NGINX_PORT = 18480
results = []


def check(name, condition, detail=""):
    results.append(condition)
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="zhengwu-instances-")
    name = "zw_instances_" + uuid.uuid4().hex[:8]
    psql(args.postgres, f"CREATE DATABASE {name}")
    url = urllib.parse.urlparse(args.postgres)._replace(path="/" + name).geturl()
    env = dict(os.environ, ZHENGWU_DATABASE_URL=url, ZHENGWU_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
               ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="notice")
    ports = [(18481, 18491), (18482, 18492), (18483, 18493)]
    instances = {}
    log = open(os.path.join(work, "instances.log"), "w")
    for portal, staff in ports:
        instances[portal] = subprocess.Popen([args.binary, "serve", "--public-bind", f"127.0.0.1:{portal}",
                                              "--staff-bind", f"127.0.0.1:{staff}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    nginx_conf = os.path.join(work, "nginx.conf")
    with open(nginx_conf, "w") as f:
        upstream = "".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p, _ in ports)
        f.write(f"""pid {work}/nginx.pid; error_log {work}/nginx-error.log; daemon off;
events {{}}
http {{ access_log off; upstream portal {{ {upstream} keepalive 16; }}
  server {{ listen 127.0.0.1:{NGINX_PORT}; client_max_body_size 64m;
    location / {{ proxy_pass http://portal; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $remote_addr; proxy_next_upstream error timeout http_502; }} }} }}
""")
    nginx = subprocess.Popen(["nginx", "-c", nginx_conf], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{NGINX_PORT}"
    try:
        check("three instances start together on one database (one migrates, one loads the demo)",
              all(ready(p) for p, _ in ports))
        check("nginx balances across them", ready(NGINX_PORT))
        # A key per worker: each key's rate limit (counted in the database, across instances) stays clear.
        keys = [subprocess.run([args.binary, "open311", "issue-key", "--name", f"instances {w}"], capture_output=True, text=True,
                               env=env).stdout.strip() for w in range(6)]
        status, text = call(base + "/api/v1/sessions", json.dumps({"login": "13800000001", "password": "Demo-2026-zw"}).encode(),
                            {"Content-Type": "application/json"})
        token = json.loads(text)["token"] if status == 201 else ""
        check("a citizen signs in through nginx", bool(token), f"{status} {text[:200]}")

        acknowledged, failures, lock, stop = {}, [], threading.Lock(), threading.Event()

        def load(worker):
            n = 0
            while not stop.is_set():
                n += 1
                description = f"多实例测试{worker}-{n}：路灯不亮"
                body = urllib.parse.urlencode({"api_key": keys[worker], "service_code": "urban-light", "address_string": "茹龙镇",
                                               "description": description, "phone": f"139{worker}{n:07d}"}).encode()
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
        stopped = ports[0][0]
        instances[stopped].terminate()
        check("an instance stops cleanly under load", instances[stopped].wait(timeout=60) == 0)
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join()
        check(f"requests kept being answered ({len(acknowledged)} tickets acknowledged)", len(acknowledged) > 50)
        check("no request failed while the instance stopped", not failures, str(failures[:5]))
        status, _ = call(base + "/api/v1/applications/20260101-AAAA-AAAA", headers={"Authorization": f"Bearer {token}"})
        check("the signed-in session still works on the other instances", status == 404, str(status))

        listing = subprocess.run(["psql", url, "-At", "-c", "SELECT number, content FROM tickets"], capture_output=True, text=True)
        stored = dict(line.split("|", 1) for line in listing.stdout.splitlines() if "|" in line)
        lost = [n for n in acknowledged if stored.get(n) != acknowledged[n]]
        check("every acknowledged ticket is stored, as sent", not lost, str(lost[:5]))
        # The message job runs on every instance; each message must still go out exactly once.
        # Without a gateway the messages are written to the log, one line each.
        deadline = time.time() + 60
        while time.time() < deadline:
            pending = subprocess.run(["psql", url, "-At", "-c", "SELECT COUNT(*) FROM notifications WHERE delivery = 'pending'"],
                                     capture_output=True, text=True).stdout.strip()
            if pending == "0":
                break
            time.sleep(1)
        log.flush()
        with open(os.path.join(work, "instances.log"), encoding="utf-8", errors="replace") as f:
            sent = [line for line in f if "SMS to " in line]
        times = {number: sum(1 for line in sent if f"工单号{number}" in line) for number in acknowledged}
        check("every acknowledgement's text message went out exactly once, across the instances",
              pending == "0" and all(count == 1 for count in times.values()),
              f"pending {pending}; " + str([(n, c) for n, c in times.items() if c != 1][:5]))
        demo = subprocess.run(["psql", url, "-At", "-c", "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.loaded'"],
                              capture_output=True, text=True)
        check("the demo was loaded once, though three instances started together", demo.stdout.strip() == "1", demo.stdout + demo.stderr)
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
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
