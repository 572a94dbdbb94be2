import Foundation
import Testing
@testable import ZhengwuCore

/// Open311 GeoReport v2: the documents in both formats, and the checks of queries and submissions.
@Suite("Open311 GeoReport v2 documents and parameters")
struct Open311Tests {
    let beijing = TimeZone(identifier: "Asia/Shanghai")!

    @Test("a request list in XML and JSON: the standard's names, escaping, empty values, the zone offset")
    func requests() throws {
        let requested = instant("2026-03-16T02:30:00Z")
        let request: Open311Document.Object = [
            ("service_request_id", .text("12345-20260316-0001")), ("status", .text("open")),
            ("service_name", .text("路灯 <损坏> & \"熄灭\"")), ("description", .text("第一行\n第二行")),
            ("requested_datetime", .date(requested)), ("updated_datetime", .date(nil)),
            ("address_id", .text(nil)), ("lat", .number(30.939)), ("long", .number(100.312)),
        ]
        let xml = Open311Document.render(root: "service_requests", item: "request", [request], as: .xml, timeZone: beijing)
        #expect(xml == """
            <?xml version="1.0" encoding="utf-8"?>
            <service_requests><request><service_request_id>12345-20260316-0001</service_request_id><status>open</status>\
            <service_name>路灯 &lt;损坏&gt; &amp; &quot;熄灭&quot;</service_name><description>第一行
            第二行</description><requested_datetime>2026-03-16T10:30:00+08:00</requested_datetime><updated_datetime/>\
            <address_id/><lat>30.939</lat><long>100.312</long></request></service_requests>

            """)
        let json = Open311Document.render(root: "service_requests", item: "request", [request], as: .json, timeZone: beijing)
        // Foundation's own parser reads it back: the escaping is valid JSON.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed[0]["service_name"] as? String == "路灯 <损坏> & \"熄灭\"")
        #expect(parsed[0]["description"] as? String == "第一行\n第二行")
        #expect(parsed[0]["requested_datetime"] as? String == "2026-03-16T10:30:00+08:00")
        #expect(parsed[0]["updated_datetime"] is NSNull && parsed[0]["address_id"] is NSNull)
        #expect(parsed[0]["lat"] as? Double == 30.939)
    }

    @Test("a service definition's nested attribute values, and the discovery document's format list")
    func nested() throws {
        let definition: Open311Document.Object = [
            ("service_code", .text("streetlight")),
            ("attributes", .list(item: "attribute", [[
                ("variable", .bool(true)), ("code", .text("kind")), ("datatype", .text("singlevaluelist")),
                ("required", .bool(true)), ("order", .integer(1)),
                ("values", .list(item: "value", [[("key", .text("out")), ("name", .text("不亮"))]])),
            ]])),
        ]
        let xml = Open311Document.render(root: "service_definition", definition, as: .xml, timeZone: beijing)
        #expect(xml.contains("<attributes><attribute><variable>true</variable><code>kind</code>"))
        #expect(xml.contains("<order>1</order><values><value><key>out</key><name>不亮</name></value></values></attribute></attributes>"))
        let json = Open311Document.render(root: "service_definition", definition, as: .json, timeZone: beijing)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let attributes = try #require(parsed["attributes"] as? [[String: Any]])
        #expect(attributes.first?["required"] as? Bool == true && attributes.first?["order"] as? Int == 1)
        #expect((attributes.first?["values"] as? [[String: String]])?.first?["name"] == "不亮")
        let formats = Open311Document.render(root: "discovery", [("formats", .texts(item: "format", ["text/xml", "application/json"]))],
                                             as: .xml, timeZone: beijing)
        #expect(formats.contains("<formats><format>text/xml</format><format>application/json</format></formats>"))
    }

    @Test("errors, and the format suffix of a path")
    func errorsAndFormats() throws {
        #expect(Open311Document.errors([(403, "api_key is missing or not valid")], as: .xml).contains(
            "<errors><error><code>403</code><description>api_key is missing or not valid</description></error></errors>"))
        let json = Open311Document.errors([(400, "a"), (400, "b")], as: .json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["description"] as? String } == ["a", "b"] && parsed[0]["code"] as? Int == 400)
        #expect(Open311Document.Format.split("services.xml")! == ("services", .xml))
        #expect(Open311Document.Format.split("12345-20260316-0001.json")! == ("12345-20260316-0001", .json))
        #expect(Open311Document.Format.split("services.html") == nil && Open311Document.Format.split("services") == nil)
        #expect(Open311Document.jsonString("a\u{1}b\u{2028}") == "\"a\\u0001b\\u2028\"")
    }

    @Test("GET /requests: the last 90 days by default, windows of at most 90 days, status open or closed")
    func search() throws {
        let now = instant("2026-06-30T00:00:00Z")
        let defaults = try Open311Query.Search.read([:], now: now)
        #expect(defaults.end == now && defaults.start == instant("2026-04-01T00:00:00Z"))
        // service_request_id overrides every other argument, even a window the standard forbids.
        let ids = try Open311Query.Search.read(["service_request_id": "a, b,,c", "status": "Closed", "service_code": "x",
                                                "start_date": "2020-01-01T00:00:00Z", "end_date": "2021-01-01T00:00:00Z"], now: now)
        #expect(ids.ids == ["a", "b", "c"] && ids.status == nil && ids.serviceCodes.isEmpty)
        // Fractional seconds (JavaScript's toISOString) and dates alone are W3C datetimes too.
        let fractional = try Open311Query.Search.read(["start_date": "2026-06-01T00:00:00.000Z", "end_date": "2026-06-30"], now: now)
        #expect(fractional.start == instant("2026-06-01T00:00:00Z") && fractional.end == instant("2026-06-30T00:00:00Z"))
        let fromStart = try Open311Query.Search.read(["start_date": "2026-01-01T00:00:00+08:00"], now: now)
        #expect(fromStart.end == instant("2026-03-31T16:00:00Z"))
        #expect(throws: Open311Query.Problem(description: "start_date and end_date must be at most 90 days apart")) {
            try Open311Query.Search.read(["start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"], now: now)
        }
        #expect(throws: Open311Query.Problem(description: "status must be open or closed")) {
            try Open311Query.Search.read(["status": "pending"], now: now)
        }
        #expect(throws: Open311Query.Problem(description: "end_date is not a W3C datetime: yesterday")) {
            try Open311Query.Search.read(["end_date": "yesterday"], now: now)
        }
    }

    @Test("POST /requests: a location, the service's attributes by type, every problem listed at once")
    func submission() throws {
        let definition = [
            Open311Query.Attribute(code: "kind", datatype: .singlevaluelist, required: true, keys: ["out", "flicker"]),
            Open311Query.Attribute(code: "poles", datatype: .number, required: false),
            Open311Query.Attribute(code: "also", datatype: .multivaluelist, required: false, keys: ["a", "b"]),
        ]
        let good = Open311Query.Submission.read([
            "service_code": ["streetlight"], "lat": ["30.939"], "long": ["100.312"], "attribute[kind]": ["out"],
            "attribute[also][]": ["a", "b"], "description": ["河西街路灯不亮"], "email": ["x@example.org"],
        ], attributes: definition)
        let submission = try good.get()
        #expect(submission.latitude == 30.939 && submission.attributes["kind"] == ["out"] && submission.attributes["also"] == ["a", "b"])
        let bad = Open311Query.Submission.read([
            "service_code": [""], "lat": ["95"], "long": ["100"], "attribute[poles]": ["three"], "attribute[also][]": ["c"],
            "description": [String(repeating: "字", count: 4001)], "email": ["not an address"],
        ], attributes: definition)
        guard case .failure(let problems) = bad else { Issue.record("accepted"); return }
        #expect(problems.all.map(\.description) == [
            "service_code is required", "lat and long must both be given, in decimal degrees (WGS84)",
            "description is longer than 4000 characters", "email is not an e-mail address", "attribute[kind] is required",
            "attribute[poles] must be a number", "attribute[also] must be one of: a, b",
        ])
        guard case .failure(let missing) = Open311Query.Submission.read(["service_code": ["x"]], attributes: []) else {
            Issue.record("no location accepted"); return
        }
        #expect(missing.all == [Open311Query.Problem(description: "a location is required: lat and long, address_string or address_id")])
        #expect((try? Open311Query.Submission.read(["service_code": ["x"], "address_string": ["茹龙镇河西街"]], attributes: []).get())?
            .address == "茹龙镇河西街")
    }
}
