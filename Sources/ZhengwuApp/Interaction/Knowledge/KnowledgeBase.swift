import Fluent
import Vapor
import ZhengwuCore

/// Reading the knowledge base: the operator's search during a call and the public FAQ. Only
/// published articles still valid today are offered; the base holds thousands of answers, not
/// millions, so a substring match over question and answer is quick enough and finds Chinese
/// words of any length.
enum KnowledgeBase {
    struct Match: Encodable {
        let id: String
        let question: String
        let answer: String
        let department: String
        let validUntil: String
    }

    static func search(_ text: String, category: String?, limit: Int = 8, on req: Request) async throws -> [Match] {
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone).iso
        var query = KnowledgeArticle.query(on: req.db).filter(\.$status == .published).filter(\.$validUntil >= today)
        let words = text.split(whereSeparator: { $0.isWhitespace || "，。？！,.?!".contains($0) }).map(String.init).filter { $0.count >= 2 }.prefix(4)
        for word in words {
            query = query.group(.or) { $0.filter(\.$question, .contains(inverse: false, .anywhere), word)
                .filter(\.$answer, .contains(inverse: false, .anywhere), word) }
        }
        if words.isEmpty, let category, !category.isEmpty { query = query.filter(\.$categoryCode == category) }
        guard !words.isEmpty || !(category ?? "").isEmpty else { return [] }
        let names = try await Department.names(short: true, on: req.db)
        return try await query.sort(\.$usedCount, .descending).limit(limit).all().map {
            Match(id: $0.id?.uuidString ?? "", question: $0.question, answer: $0.answer, department: names[$0.departmentID] ?? "",
                  validUntil: $0.validUntil)
        }
    }

    static func publicQuestions(limit: Int, category: String? = nil, on req: Request) async throws -> [PortalTicketsController.KnowledgeQuestion] {
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone).iso
        var query = KnowledgeArticle.query(on: req.db).filter(\.$status == .published).filter(\.$validUntil >= today)
        if let category { query = query.filter(\.$categoryCode == category) }
        let catalogue = try await TicketCatalogue.current(req)
        return try await query.sort(\.$usedCount, .descending).sort(\.$question).limit(limit).all().map {
            .init(question: $0.question, answer: $0.answer, category: catalogue.tree.category($0.categoryCode)?.name ?? "")
        }
    }
}
