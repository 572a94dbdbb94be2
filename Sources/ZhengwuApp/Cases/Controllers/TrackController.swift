import Fluent
import Vapor
import ZhengwuCore

/// 办件查询: anyone holding a receipt number and the applicant's phone number or the last six
/// characters of their ID number (or credit code) sees the status and timeline. Every wrong
/// combination gets the same answer, and wrong answers are limited per address and per
/// receipt number, so neither numbers nor phones can be guessed through this page.
struct TrackController {
    struct Result: Encodable {
        struct Step: Encodable {
            let at: String
            let text: String
        }
        let receipt: String
        let item: String
        let applicant: String
        let status: String
        let badge: String
        let receivedOn: String?
        let acceptedOn: String?
        let decisionDueOn: String?
        let steps: [Step]
        let notices: [String]
    }

    struct TrackPage: Encodable {
        let form: FormState
        let result: Result?
        let failed: Bool
    }

    func show(_ req: Request) async throws -> Response {
        try await req.renderPage("portal/track", titleKey: "track.title", TrackPage(form: FormState(), result: nil, failed: false))
    }

    func lookUp(_ req: Request) async throws -> Response {
        var (form, raw) = FormState.reading(req, fields: ["receipt", "secret"])
        if (raw["receipt"] ?? "").isEmpty { form.add("receipt", req.t("track.receipt_required")) }
        if (raw["secret"] ?? "").isEmpty { form.add("secret", req.t("track.secret_required")) }
        guard form.isValid else {
            return try await req.renderPage("portal/track", titleKey: "track.title",
                                            TrackPage(form: form, result: nil, failed: false), status: .unprocessableEntity)
        }
        // An address that has guessed wrong too often gets no more answers, right or wrong.
        try await RateLimiter.refuseIfExhausted("track-miss:\(req.clientNetwork)", RateLimits.trackMissesPerAddress, on: req)
        let number = ReceiptNumber(parsing: raw["receipt"] ?? "")
        if let number {
            try await RateLimiter.refuseIfExhausted("track-miss-receipt:\(number.value)", RateLimits.trackMissesPerReceipt, on: req)
        }
        if let number, let record = try await Self.match(receipt: number, secret: raw["secret"] ?? "", on: req) {
            let result = try await Self.result(for: record, on: req)
            return try await req.renderPage("portal/track", titleKey: "track.title", TrackPage(form: form, result: result, failed: false))
        }
        try await RateLimiter.hit("track-miss:\(req.clientNetwork)", RateLimits.trackMissesPerAddress, on: req)
        if let number {
            try await RateLimiter.hit("track-miss-receipt:\(number.value)", RateLimits.trackMissesPerReceipt, on: req)
        }
        return try await req.renderPage("portal/track", titleKey: "track.title",
                                        TrackPage(form: form, result: nil, failed: true), status: .notFound)
    }

    /// The case when the receipt number and the second fact belong together; nil otherwise,
    /// without saying which part was wrong.
    static func match(receipt number: ReceiptNumber, secret: String, on req: Request) async throws -> ServiceCase? {
        guard let record = try await ServiceCase.query(on: req.db).filter(\.$receiptNumber == number.value).first() else { return nil }
        let vault = req.zhengwu.vault
        let compact = secret.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        if let phone = try? PhoneNumber(validating: compact), Applicant.phoneIndex(phone.value, vault: vault) == record.applicantPhoneIndex {
            return record
        }
        if compact.count == 6, Applicant.tailIndex(compact, vault: vault) == record.applicantIDTailIndex { return record }
        return nil
    }

    static func result(for record: ServiceCase, on req: Request) async throws -> Result {
        let caseID = try record.requireID()
        let entries = try await CaseTimelineEntry.query(on: req.db).filter(\.$applicationID == caseID).sort(\.$at).all()
        let notices = try await CaseNotice.query(on: req.db).filter(\.$applicationID == caseID).sort(\.$createdAt).all()
        return Result(
            receipt: record.receiptNumber ?? "", item: record.itemName, applicant: Masking.applicantName(record.applicantName, kind: record.applicantKind),
            status: req.t(record.status.messageKey), badge: CaseView.badge(record.status), receivedOn: record.receivedOn,
            acceptedOn: record.acceptedOn, decisionDueOn: record.decisionDueOn,
            steps: entries.filter { $0.event != .materialsAdded && !CaseView.internalEvents.contains($0.event) }.map {
                Result.Step(at: DisplayTime.minute($0.at), text: req.t($0.event.messageKey))
            },
            notices: notices.map { "\(req.t($0.kind.messageKey)) \($0.number)（\($0.issuedOn)）" })
    }
}

/// 我的消息: every message sent about the account's cases, newest first; opening the list
/// marks them read.
struct MessagesController {
    struct Row: Encodable {
        let at: String
        let text: String
        let unread: Bool
        let receipt: String
    }

    struct MessagesPage: Encodable {
        let rows: [Row]
        let total: Int
        let pager: Pager
    }

    func list(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        let mine = Notification.query(on: req.db).filter(\.$accountID == signedIn.accountID)
        let total = try await mine.count()
        let pager = Pager(number: req.pageNumber, total: total, path: "/account/messages")
        let messages = try await mine.sort(\.$createdAt, .descending).sort(\.$id).range(pager.range).all()
        let rows = messages.map {
            Row(at: DisplayTime.minute($0.createdAt), text: $0.message, unread: $0.readAt == nil, receipt: $0.receiptNumber)
        }
        let unread = messages.filter { $0.readAt == nil }.compactMap(\.id)
        if !unread.isEmpty {
            let now = req.now
            try await req.application.write { db in
                try await Notification.query(on: db).filter(\.$id ~~ unread).set(\.$readAt, to: now).update()
            }
        }
        return try await req.renderPage("portal/messages", titleKey: "messages.title", MessagesPage(rows: rows, total: total, pager: pager))
    }
}
