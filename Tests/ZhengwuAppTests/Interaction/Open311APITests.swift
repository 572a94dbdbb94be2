import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Open311 GeoReport v2 through the portal: keys issued in the workbench, every document in XML
/// and JSON, filing a request into the 12345 queue, the searches' filters and limits, and the
/// standard's error lists with 403, 404 and 400.
@Suite("Open311 GeoReport v2")
struct Open311APITests {
    /// The key, shown once on the page that issued it, and the office's signed-in browser.
    static func issueKey(_ t: TestApp) async throws -> (String, Browser) {
        let office = t.workbench
        try await office.signInStaff("hotline", clock: t.clock)
        let page = try await office.submit("/tickets/setup", to: "/tickets/setup/keys", [("key_name", "城管App")])
        return (try #require(page.capture(#"(zw311_[A-Za-z0-9_-]+)"#)), office)
    }

    static func json(_ page: Browser.Page) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(page.body.utf8))
    }

    /// Parses XML with Foundation's parser: the documents must be well-formed.
    static func wellFormed(_ page: Browser.Page) -> Bool {
        XMLParser(data: Data(page.body.utf8)).parse()
    }

    static func post(_ t: TestApp, _ format: String, _ fields: [(String, String)]) async throws -> Browser.Page {
        try await t.portal.post("/open311/v2/requests.\(format)", fields)
    }

    @Test("discovery, services and a service definition in XML and JSON")
    func documents() async throws {
        try await withTestApp { t in
            let discovery = try await t.portal.get("/open311/v2/discovery.json")
            let root = try #require(try Self.json(discovery) as? [String: Any])
            let endpoints = try #require(root["endpoints"] as? [[String: Any]])
            #expect((endpoints.first?["url"] as? String)?.hasSuffix("/open311/v2/") == true)
            #expect(endpoints.first?["formats"] as? [String] == ["text/xml", "application/json"])
            let xml = try await t.portal.get("/open311/v2/discovery.xml")
            #expect(Self.wellFormed(xml) && xml.contains("<format>text/xml</format>"))
            #expect(xml.headers.first(name: .contentType)?.hasPrefix("text/xml") == true)

            let services = try #require(try Self.json(try await t.portal.get("/open311/v2/services.json")) as? [[String: Any]])
            let codes = services.compactMap { $0["service_code"] as? String }
            // Location leaves only; referred and non-location categories are not services.
            #expect(codes.contains("urban-road") && codes.contains("forest") && !codes.contains("urban"))
            #expect(!codes.contains("tax") && !codes.contains("referred-emergency"))
            #expect(services.first { $0["service_code"] as? String == "urban-road" }?["metadata"] as? Bool == true)
            let servicesXML = try await t.portal.get("/open311/v2/services.xml")
            #expect(Self.wellFormed(servicesXML) && servicesXML.contains("<service_code>urban-road</service_code>"))

            let definition = try #require(try Self.json(try await t.portal.get("/open311/v2/services/urban-road.json")) as? [String: Any])
            let attribute = try #require((definition["attributes"] as? [[String: Any]])?.first)
            #expect(attribute["code"] as? String == "report_type" && attribute["datatype"] as? String == "singlevaluelist")
            #expect((attribute["values"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["complaint", "help", "report", "suggestion"])
            let missing = try await t.portal.get("/open311/v2/services/tax.xml")
            #expect(missing.status == .notFound && Self.wellFormed(missing) && missing.contains("<code>404</code>"))
            #expect(try await t.portal.get("/open311/v2/nonsense.json").status == .notFound)
        }
    }

    @Test("a request filed with a key joins the 12345 queue and reads back; bad keys, services and fields get the error lists")
    func filingAndSearching() async throws {
        try await withTestApp { t in
            let (key, office) = try await Self.issueKey(t)
            let fields = [("api_key", key), ("service_code", "urban-road"), ("lat", "30.9396"), ("long", "100.3122"),
                          ("description", "新龙大桥桥头路面坑洼，雨天积水"), ("attribute[report_type]", "complaint"),
                          ("phone", "13912340000"), ("first_name", "明"), ("last_name", "王")]
            // 403 without a valid key, nothing stored.
            let before = try await Ticket.query(on: t.app.db).count()
            let forbidden = try await Self.post(t, "xml", [("api_key", "wrong")] + fields.dropFirst())
            #expect(forbidden.status == .forbidden && Self.wellFormed(forbidden) && forbidden.contains("<code>403</code>"))
            // 400 with every problem listed at once.
            let bad = try await Self.post(t, "json", [("api_key", key), ("service_code", "urban-road"), ("attribute[report_type]", "riot")])
            #expect(bad.status == .badRequest)
            let problems = try #require(try Self.json(bad) as? [[String: Any]])
            #expect(problems.count == 2 && problems.allSatisfy { $0["code"] as? Int == 400 })
            #expect(try await Self.post(t, "json", [("api_key", key), ("service_code", "tax"), ("address_string", "县城")]).status == .notFound)
            #expect(try await Ticket.query(on: t.app.db).count() == before)

            let created = try await Self.post(t, "json", fields)
            #expect(created.status == .created)
            let id = try #require((try Self.json(created) as? [[String: Any]])?.first?["service_request_id"] as? String)
            let ticket = try #require(try await Ticket.query(on: t.app.db).filter(\.$number == id).first())
            #expect(ticket.channel == .open311 && ticket.status == .received && ticket.type == .complaint && ticket.apiKeyID != nil)

            let one = try #require((try Self.json(try await t.portal.get("/open311/v2/requests/\(id).json")) as? [[String: Any]])?.first)
            #expect(one["status"] as? String == "open" && one["service_code"] as? String == "urban-road")
            #expect(one["lat"] as? Double == 30.9396 && (one["requested_datetime"] as? String)?.hasSuffix("+08:00") == true)
            // No personal data in the public API.
            let raw = try await t.portal.get("/open311/v2/requests/\(id).xml")
            #expect(Self.wellFormed(raw) && !raw.contains("13912340000") && !raw.contains("王明"))
            #expect(try await t.portal.get("/open311/v2/tokens/\(id).json").contains(id))

            func ids(_ query: String) async throws -> [String] {
                let list = try #require(try Self.json(try await t.portal.get("/open311/v2/requests.json?\(query)")) as? [[String: Any]])
                return list.compactMap { $0["service_request_id"] as? String }
            }
            #expect(try await ids("service_request_id=\(id)") == [id])
            #expect(try await ids("service_code=urban-road").contains(id))
            #expect(try await ids("service_code=forest").isEmpty)
            #expect(try await ids("status=open").contains(id))
            #expect(!(try await ids("status=closed").contains(id)))
            #expect(try await ids("start_date=2026-03-02T00:00:00%2B08:00&end_date=2026-03-03T00:00:00%2B08:00").contains(id))
            let window = try await t.portal.get("/open311/v2/requests.xml?start_date=2025-01-01T00:00:00Z&end_date=2025-12-31T00:00:00Z")
            #expect(window.status == .badRequest && window.contains("90 days"))
            #expect(try await t.portal.get("/open311/v2/requests/20260302-AAAA-AAAA.json").status == .notFound)

            // A revoked key stops working.
            let keyID = try #require(try await Open311Key.query(on: t.app.db).first()?.id)
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/keys/\(keyID)/revoke", []).status == .seeOther)
            #expect(try await Self.post(t, "json", fields).status == .forbidden)
        }
    }
}

/// What Open311 lists of tickets that did not come through it.
@Suite("Open311 and other channels")
struct Open311VisibilityTests {
    @Test("web tickets are listed only with the caller's consent, located to about 100 m; their tokens are not Open311's")
    func consent() async throws {
        try await withTestApp { t in
            let kept = try await TicketLoopTests.sendWebForm(t.portal, [
                ("type", "complaint"), ("category", "urban-light"), ("phone", "13911119999"), ("content", "路灯不亮已经一周"),
                ("address", "茹龙镇"), ("latitude", "30.93961"), ("longitude", "100.31224")])
            let shared = try await TicketLoopTests.sendWebForm(t.portal, [
                ("type", "complaint"), ("category", "urban-light"), ("phone", "13911118888"), ("content", "路灯杆倾斜有危险"),
                ("address", "茹龙镇"), ("latitude", "30.93961"), ("longitude", "100.31224"), ("consent", "yes")])
            let private_ = try #require(kept.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let public_ = try #require(shared.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            #expect(try await t.portal.get("/open311/v2/requests/\(private_).json").status == .notFound)
            let list = try await t.portal.get("/open311/v2/requests.json?service_code=urban-light")
            #expect(list.contains(public_) && !list.contains(private_))
            let one = try #require((try JSONSerialization.jsonObject(with: Data(try await t.portal.get("/open311/v2/requests/\(public_).json").body.utf8))
                                    as? [[String: Any]])?.first)
            #expect(one["lat"] as? Double == 30.94 && one["long"] as? Double == 100.312)
            #expect(try await t.portal.get("/open311/v2/tokens/\(public_).json").status == .notFound)
        }
    }
}
