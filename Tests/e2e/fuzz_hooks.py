"""schemathesis hooks for Tests/e2e/fuzz.py: every generated request comes from its own address
(the server trusts X-Forwarded-For from 127.0.0.1 in this run), so the per-address limits do not
turn the fuzzing into a test of rate limiting; the portal's API calls take turns with the public
accounts' bearer tokens (ZHENGWU_FUZZ_BEARERS); and most Open311 submissions carry the api_key
issued for the run (ZHENGWU_FUZZ_OPEN311_KEY), so filing is fuzzed past the key check while
wrong keys are still tried."""
import os
import random

import schemathesis


@schemathesis.hook
def before_call(context, case, **kwargs):
    headers = dict(case.headers or {})
    headers["X-Forwarded-For"] = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    # Signing in needs no token; other API calls carry one of the accounts' tokens in turn, so the
    # per-account limit on POSTs does not answer most of them with 429.
    tokens = os.environ.get("ZHENGWU_FUZZ_BEARERS", "").split()
    path = case.operation.path
    if tokens and path.startswith("/api/") and path != "/api/v1/sessions" and "Authorization" not in headers:
        headers["Authorization"] = "Bearer " + random.choice(tokens)
    case.headers = headers
    key = os.environ.get("ZHENGWU_FUZZ_OPEN311_KEY")
    if key and case.method.upper() == "POST" and case.operation.path.startswith("/open311/") and isinstance(case.body, dict) \
            and random.random() < 0.75:
        case.body = dict(case.body, api_key=key)


@schemathesis.deserializer("text/html")
def html_page(ctx, response):
    """The sites' error pages are documented as strings: read them as text, so their answers are
    checked against the document like the JSON ones."""
    return response.content.decode("utf-8")
