#!/usr/bin/env python3
"""Disk full: the server answers writes with a clear 503 page in Chinese, keeps serving reads,
and recovers by itself when space returns. (A read-only database is answered the same way: a
mounted file system cannot be made read-only under an open SQLite database, so pg_faults.py
makes PostgreSQL read-only under the running server instead.)

The data directory lives on a small tmpfs mounted for the test (root is needed to mount).

    python3 Tests/e2e/storage.py --binary .build/debug/zhengwu

Prints what it checked and exits 0 only if everything held."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

PORTAL = "http://127.0.0.1:18380"
STAFF = "http://127.0.0.1:18381"
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"), flush=True)


def request(method, path, body=None, content_type=None):
    headers = {"Content-Type": content_type} if content_type else {}
    call = urllib.request.Request(PORTAL + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_ready(seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if request("GET", "/readyz")[0] == 200:
                return True
        except OSError:
            time.sleep(0.3)
    return False


def file_ticket(key, n):
    body = urllib.parse.urlencode({"api_key": key, "service_code": "urban-road", "address_string": "茹龙镇团结街",
                                   "description": f"存储测试第{n}号：路面坑洼需要修补" + "。" * 300}).encode()
    return request("POST", "/open311/v2/requests.json", body, "application/x-www-form-urlencoded")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    mount = tempfile.mkdtemp(prefix="zhengwu-storage-")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount], capture_output=True, text=True)
    if mounted.returncode != 0:
        print(f"FAIL cannot mount a tmpfs (root is needed): {mounted.stderr.strip()}")
        sys.exit(1)
    data = mount + "/data"
    log = open(os.path.join(tempfile.gettempdir(), "zhengwu-storage-server.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--data-dir", data, "--public-bind", PORTAL[7:], "--staff-bind", STAFF[7:]],
                              stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, ZHENGWU_LOG_LEVEL="warning"))
    try:
        check("the server starts on the small file system", wait_ready())
        key = subprocess.run([args.binary, "open311", "issue-key", "--name", "storage", "--data-dir", data],
                             capture_output=True, text=True).stdout.strip()
        status, _ = file_ticket(key, 0)
        check("a ticket is filed while there is space", status == 201, str(status))

        # Fill the disk.
        filler = mount + "/filler"
        with open(filler, "wb") as f:
            try:
                while True:
                    f.write(b"\0" * (1 << 20))
                    f.flush()
            except OSError:
                pass
        answers = [file_ticket(key, n) for n in range(1, 30)]
        refused = [a for a in answers if a[0] == 503]
        check("with the disk full, filing is refused with 503", refused and all(a[0] in (201, 503) for a in answers),
              str([a[0] for a in answers]))
        check("the 503 page says so in Chinese", refused and "存储空间已满" in refused[0][1], refused[0][1][:200] if refused else "")
        status, page = request("GET", "/services")
        check("reads are still served", status == 200 and "办事" in page, str(status))
        os.remove(filler)
        status, _ = file_ticket(key, 100)
        check("when space returns, filing works again without a restart", status == 201, str(status))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["umount", mount])
    passed = sum(1 for ok in results if ok)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
