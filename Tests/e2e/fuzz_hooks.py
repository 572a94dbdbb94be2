"""schemathesis hooks for Tests/e2e/fuzz.sh: every generated request comes from its own address
(the server trusts X-Forwarded-For from 127.0.0.1 in this run), so the per-address limits do not
turn the fuzzing into a test of rate limiting."""
import random

import schemathesis


@schemathesis.hook
def before_call(context, case, **kwargs):
    headers = dict(case.headers or {})
    headers["X-Forwarded-For"] = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    case.headers = headers
