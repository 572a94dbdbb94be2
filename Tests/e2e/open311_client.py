#!/usr/bin/env python3
"""Checks that an off-the-shelf Open311 GeoReport v2 client, `georeport` from PyPI (0.3.1), works
against the portal's /open311/v2/ interface unmodified, in JSON and in XML: services, service
definitions and reading requests back go through the library; discovery, filing a request and
tokens, which the library has no calls for, go through plain `requests` as the standard describes.

    python3 Tests/e2e/open311_client.py --base http://127.0.0.1:8080/open311/v2 --api-key KEY

Prints one line per check and exits 0 only if every check passes."""
import argparse
import datetime
import signal
import sys

import requests
import xmltodict
from georeport import GeoReport

LAT, LONG = 30.9389, 100.3120  # inside the demo county
PHONE = "13912345678"
REPORT_TYPES = {"complaint", "help", "report", "suggestion"}
failures = []


class CheckFailed(Exception):
    """A check's expectation was not met."""


def expect(condition, detail):
    if not condition:
        raise CheckFailed(detail)


def on_timeout(signum, frame):
    raise TimeoutError("no answer within 30 s")


def check(what, test):
    """Runs one check; the library sets no timeouts of its own, so each check gets an alarm."""
    signal.alarm(30)
    try:
        test()
        print(f"ok  - {what}")
    except Exception as error:  # a crash in a check is that check's failure, not the run's
        detail = str(error) if isinstance(error, CheckFailed) else f"{type(error).__name__}: {error}"
        print(f"FAIL - {what}: {detail}")
        failures.append(what)
    finally:
        signal.alarm(0)


def as_list(value):
    """xmltodict gives one repeated element as a dict and none as None; the JSON form is a list."""
    return [] if value is None else value if isinstance(value, list) else [value]


def nested(value, item):
    """A nested list: JSON `[...]`, XML `<values><value>…</value></values>`."""
    return as_list(value) if isinstance(value, list) or value is None else as_list(value.get(item))


def items(response, fmt, root, item):
    """The objects of a list document (`<root><item>…` in XML, an array in JSON)."""
    if fmt == "json":
        return response.json()
    return as_list((xmltodict.parse(response.content).get(root) or {}).get(item))


def error_list(response, fmt):
    """The standard's error list; every entry must have a code and a description."""
    errors = items(response, fmt, "errors", "error")
    expect(errors, f"empty error list: {response.text[:200]!r}")
    for error in errors:
        expect(str(error.get("code")) == str(response.status_code) and error.get("description"),
               f"malformed error entry {error!r} for HTTP {response.status_code}")
    return errors


def expect_http_error(call, status, fmt):
    """A library call that must fail: raise_for_status() raises with the response attached."""
    try:
        call()
    except requests.HTTPError as error:
        expect(error.response.status_code == status, f"HTTP {error.response.status_code}, wanted {status}")
        error_list(error.response, fmt)
        return
    raise CheckFailed(f"succeeded, wanted HTTP {status}")


def library_requests(client, **filters):
    """get_service_requests() in XML indexes `['service_requests']['request']`, which fails on an
    empty `<service_requests/>`; an empty result is read as no requests here."""
    try:
        return as_list(client.get_service_requests(**filters))
    except TypeError:
        if client.output_format == "xml":
            return []
        raise


def run(base, api_key, fmt):
    client = GeoReport(base, api_key=api_key, output_format=fmt)
    filed = {}

    def post(**fields):
        data = {"api_key": api_key, "service_code": "urban-road", "lat": LAT, "long": LONG,
                "description": f"路面塌陷约两米，影响车辆通行 ({fmt})", **fields}
        return requests.post(f"{base}/requests.{fmt}", data={k: v for k, v in data.items() if v is not None}, timeout=30)

    def discovery():  # no library call: plain GET
        response = requests.get(f"{base}/discovery.{fmt}", timeout=30)
        expect(response.status_code == 200, f"HTTP {response.status_code}")
        document = response.json() if fmt == "json" else xmltodict.parse(response.content)["discovery"]
        endpoints = nested(document.get("endpoints"), "endpoint")
        expect(any(e.get("url", "").rstrip("/") == base.rstrip("/")
                   and {"text/xml", "application/json"} <= set(nested(e.get("formats"), "format")) for e in endpoints),
               f"no endpoint at {base} with both formats: {endpoints!r}")

    def services():
        listed = {s.get("service_code"): s for s in as_list(client.get_service_list())}
        expect("urban-road" in listed, f"urban-road not among {sorted(listed)}")
        expect(str(listed["urban-road"].get("metadata")).lower() == "true", f"metadata {listed['urban-road'].get('metadata')!r}")

    def definition():
        document = client.get_service_definition("urban-road")
        expect(document.get("service_code") == "urban-road", f"service_code {document.get('service_code')!r}")
        attributes = {a.get("code"): a for a in nested(document.get("attributes"), "attribute")}
        expect("report_type" in attributes, f"attributes {sorted(attributes)}")
        report_type = attributes["report_type"]
        expect(report_type.get("datatype") == "singlevaluelist", f"datatype {report_type.get('datatype')!r}")
        keys = {v.get("key") for v in nested(report_type.get("values"), "value")}
        expect(keys == REPORT_TYPES, f"value keys {sorted(keys)}")

    def file_request():  # no library call: plain form-encoded POST
        response = post(email="zhang@example.com", phone=PHONE, first_name="三", last_name="张",
                        **{"attribute[report_type]": "complaint"})
        expect(response.status_code == 201, f"HTTP {response.status_code}: {response.text[:300]!r}")
        created = items(response, fmt, "service_requests", "request")
        expect(len(created) == 1 and created[0].get("service_request_id"), f"answer {created!r}")
        filed["id"] = created[0]["service_request_id"]

    def request_id():
        expect("id" in filed, "no request was filed")
        return filed["id"]

    def read_back():
        request = client.get_service_request(request_id())
        expect(request.get("service_request_id") == filed["id"], f"service_request_id {request.get('service_request_id')!r}")
        expect(request.get("status") == "open", f"status {request.get('status')!r}")
        expect(request.get("service_code") == "urban-road", f"service_code {request.get('service_code')!r}")
        expect(request.get("description"), "no description")
        expect(abs(float(request.get("lat")) - LAT) < 1e-6 and abs(float(request.get("long")) - LONG) < 1e-6,
               f"lat/long {request.get('lat')!r}/{request.get('long')!r}")
        # The server may run at another date than this machine (a drill): windows are taken around
        # the time it gave the request.
        filed["at"] = datetime.datetime.fromisoformat(request.get("requested_datetime"))

    def listed(**filters):
        def test():
            found = [r.get("service_request_id") for r in library_requests(client, **filters)]
            expect(request_id() in found, f"{filed['id']} not among {len(found)} requests")
        return test

    def not_closed():
        found = [r.get("service_request_id") for r in library_requests(client, service_code="urban-road", status="closed")]
        expect(request_id() not in found, f"{filed['id']} is listed as closed")

    def token():  # no library call: plain GET
        response = requests.get(f"{base}/tokens/{request_id()}.{fmt}", timeout=30)
        expect(response.status_code == 200, f"HTTP {response.status_code}")
        answer = items(response, fmt, "service_requests", "request")
        expect(answer and answer[0].get("service_request_id") == filed["id"], f"answer {answer!r}")

    def rejected(status, **fields):
        def test():
            response = post(**fields)
            expect(response.status_code == status, f"HTTP {response.status_code}, wanted {status}: {response.text[:300]!r}")
            error_list(response, fmt)
        return test

    now = datetime.datetime.now(datetime.timezone.utc)
    w3c = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    check(f"[{fmt}] discovery lists {base} with XML and JSON", discovery)
    check(f"[{fmt}] services list urban-road with metadata true", services)
    check(f"[{fmt}] urban-road definition has report_type with its 4 values", definition)
    check(f"[{fmt}] POST requests with lat/long, phone and attribute[report_type] gives an id", file_request)
    check(f"[{fmt}] requests/{{id}} is open, urban-road, with description and lat/long", read_back)
    check(f"[{fmt}] requests?service_request_id= lists it", listed(service_request_id=filed.get("id", "-")))
    check(f"[{fmt}] requests?service_code=urban-road lists it", listed(service_code="urban-road"))
    check(f"[{fmt}] requests?status=open lists it", listed(service_code="urban-road", status="open"))
    def within_window():
        at = filed.get("at", now).astimezone(datetime.timezone.utc)
        listed(start_date=w3c(at - datetime.timedelta(days=1)), end_date=w3c(at + datetime.timedelta(hours=1)))()
    check(f"[{fmt}] requests within a start_date/end_date window list it", within_window)
    check(f"[{fmt}] requests?status=closed leaves it out", not_closed)
    check(f"[{fmt}] tokens/{{id}} gives the id", token)
    check(f"[{fmt}] a bad api_key gives 403 and an error list", rejected(403, api_key="not-a-valid-key"))
    check(f"[{fmt}] POST with an unknown service_code gives 404 and an error list", rejected(404, service_code="no-such-service"))
    check(f"[{fmt}] an unknown service definition gives 404 and an error list",
          lambda: expect_http_error(lambda: client.get_service_definition("no-such-service"), 404, fmt))
    check(f"[{fmt}] POST without a location gives 400 and an error list", rejected(400, lat=None, long=None))
    check(f"[{fmt}] a start_date/end_date window over 90 days gives 400 and an error list",
          lambda: expect_http_error(lambda: client.get_service_requests(
              start_date=w3c(now - datetime.timedelta(days=100)), end_date=w3c(now)), 400, fmt))


def main():
    parser = argparse.ArgumentParser(description="Open311 GeoReport v2 checks with the georeport client.")
    parser.add_argument("--base", required=True, help="the Open311 root, e.g. http://127.0.0.1:8080/open311/v2")
    parser.add_argument("--api-key", required=True, help="a key from `zhengwu open311 issue-key`")
    arguments = parser.parse_args()
    signal.signal(signal.SIGALRM, on_timeout)
    for fmt in ("json", "xml"):
        run(arguments.base.rstrip("/"), arguments.api_key, fmt)
    print(f"{len(failures)} check(s) failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
