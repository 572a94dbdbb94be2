import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// NUL characters, which PostgreSQL cannot take in text, found by fuzzing the JSON endpoints on
/// PostgreSQL: in an address or in the fields of an Open311 filing or a JSON application they
/// were server errors. Each is now a 400 (or the API's 422) in the answer's own format, and
/// nothing is stored. CI runs these on PostgreSQL too.
@Suite("NUL characters")
struct NulCharacterTests {
    @Test("an encoded NUL in the address is a 400 in the format of the path; an escaped percent sign is not")
    func nulInTheAddress() async throws {
        try await withTestApp { t in
            let search = try await t.portal.get("/api/v1/services?q=%00")
            #expect(search.status == .badRequest)
            #expect(search.headers.contentType == .json && search.contains("\"status\":400"))
            #expect(try await t.portal.get("/api/v1/services/513329-SCJ-XK-001%00").status == .badRequest)
            #expect(try await t.portal.get("/api/v1/services?q=%2500").status == .ok)

            let open311 = try await t.portal.get("/open311/v2/requests/%00.json")
            #expect(open311.status == .badRequest && open311.contains("[{\"code\":400,"))
            let filtered = try await t.portal.get("/open311/v2/requests.xml?service_code=%00")
            #expect(filtered.status == .badRequest && filtered.contains("<errors><error><code>400</code>"))

            let page = try await t.portal.get("/services?q=%00")
            #expect(page.status == .badRequest && page.headers.contentType?.subType == "html")
            let office = t.workbench
            try await office.signInStaff("publisher", clock: t.clock)
            #expect(try await office.get("/disclosure/report.json?organ=%00").status == .badRequest)
        }
    }

    @Test("an Open311 filing with NUL in a field is the standard's 400 and files nothing")
    func nulInAnOpen311Filing() async throws {
        try await withTestApp { t in
            let (key, _) = try await Open311APITests.issueKey(t)
            let before = try await Ticket.query(on: t.app.db).count()
            let refused = try await t.portal.post("/open311/v2/requests.json", [
                ("api_key", key), ("service_code", "urban-road"), ("lat", "30.9396"), ("long", "100.3122"),
                ("description", "井盖缺失\u{0}，行人容易踩空"),
            ])
            #expect(refused.status == .badRequest)
            #expect(refused.contains("fields must not contain NUL characters"))
            #expect(try await Ticket.query(on: t.app.db).count() == before)
        }
    }

    @Test("a JSON application with NUL in its text is refused as an unreadable body")
    func nulInAJSONApplication() async throws {
        try await withTestApp { t in
            let token = try await CaseFixtures.token(t)
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            for body: OpenAPIJSON in [
                .object(["itemCode": .string(CaseFixtures.soleTrader + "\u{0}"), "form": .object([:])]),
                .object(["itemCode": .string(CaseFixtures.soleTrader), "form": .object(["phone": .string("138\u{0}00000001")])]),
                .object(["itemCode": .string(CaseFixtures.soleTrader), "form": .object([:]),
                         "materials": .array([.object(["key": .string("application"), "fileName": .string("申请书\u{0}.pdf"),
                                                       "content": .string("JVBERi0xLjcKJSVFT0YK")])])]),
            ] {
                let refused = try await t.call(.POST, "/api/v1/applications", json: body, headers: bearer)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("\"field\":\"body\""))
            }
        }
    }
}
