#!/usr/bin/env python3
"""Fuzzes the portal's JSON API from its own OpenAPI document with schemathesis: every generated
request must get an answer that is not a 5xx and that matches the schema the document gives for
it. Requests carry a citizen's session and each comes from its own address (fuzz_hooks.py).

    python3 Tests/e2e/fuzz.py --binary .build/debug/zhengwu

Exits with schemathesis's status (0: no failures)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

PORTAL = "http://127.0.0.1:18580"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--max-examples", default="50")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="zhengwu-fuzz-")
    log = open(os.path.join(data, "server.log"), "w")
    env = dict(os.environ, ZHENGWU_TRUSTED_PROXIES="127.0.0.1", ZHENGWU_LOG_LEVEL="warning")
    server = subprocess.Popen([args.binary, "serve", "--data-dir", data, "--public-bind", PORTAL[7:], "--staff-bind", "127.0.0.1:18581"],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(PORTAL + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        request = urllib.request.Request(PORTAL + "/api/v1/sessions", method="POST",
                                         data=json.dumps({"login": "13800000001", "password": "Demo-2026-zw"}).encode(),
                                         headers={"Content-Type": "application/json", "X-Forwarded-For": "10.99.0.1"})
        with urllib.request.urlopen(request, timeout=10) as response:
            token = json.load(response)["token"]
        hooks = dict(os.environ, SCHEMATHESIS_HOOKS="fuzz_hooks",
                     PYTHONPATH=os.path.dirname(os.path.abspath(__file__)) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        st = [sys.executable, "-m", "schemathesis.cli"] if subprocess.run([sys.executable, "-c", "import schemathesis.cli"]).returncode == 0 else ["st"]
        result = subprocess.run(st + ["run", PORTAL + "/api/v1/openapi.json", "--url", PORTAL,
                                      "--checks", "not_a_server_error,response_schema_conformance",
                                      "--max-examples", args.max_examples, "-H", f"Authorization: Bearer {token}"], env=hooks,
                                cwd=data)  # its cache stays out of the project
        print("fuzzing " + ("passed" if result.returncode == 0 else "FAILED"), flush=True)
        return result.returncode
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
