import Fluent
import Vapor
import ZhengwuCore

/// 12345 on the portal: the form and the mayor's mailbox (one queue), tracking a ticket by its
/// number and phone, confirming a reply and rating it, and the public list of published replies.
struct PortalTicketsController {
    struct HomePage: Encodable {
        let track: FormState
        let faq: [KnowledgeQuestion]
    }

    struct KnowledgeQuestion: Encodable {
        let question: String
        let answer: String
        let category: String
    }

    struct FormPage: Encodable {
        let form: FormState
        let options: TicketForm.Options
        let mailbox: Bool
        let signedInAs: String?
    }

    struct ReceiptPage: Encodable {
        let number: String
        /// An anonymous ticket's tracking code, on the receipt only.
        let accessCode: String?
        let anonymous: Bool
        let replyBy: String
    }

    struct ReferralPage: Encodable {
        let referral: String
        let internalPath: String?
    }

    struct TrackPage: Encodable {
        let form: FormState
        let ticket: TicketView?
        /// The parent's progress, for a ticket merged into another.
        let parent: TicketView?
        let secret: String
        let canConfirm: Bool
        let canRate: Bool
        let levels: [SelectOption]
        let notice: String?
        let failed: Bool
    }

    /// A published reply as the public list shows it: no number (it would let a stranger track
    /// or rate the ticket), text masked.
    struct PublishedReply: Encodable {
        let category: String
        let type: String
        let createdAt: String
        let department: String?
        let content: String
        let reply: String
    }

    struct RepliesPage: Encodable {
        let query: String
        let rows: [PublishedReply]
        let pager: Pager
    }

    func home(_ req: Request) async throws -> Response {
        let faq = try await KnowledgeBase.publicQuestions(limit: 5, on: req)
        return try await req.renderPage("portal/hotline", titleKey: "hotline.title", HomePage(track: FormState(), faq: faq))
    }

    func faq(_ req: Request) async throws -> Response {
        let faq = try await KnowledgeBase.publicQuestions(limit: 200, on: req)
        return try await req.renderPage("portal/hotline-faq", titleKey: "hotline.faq_title", HomePage(track: FormState(), faq: faq))
    }

    // MARK: the form

    func showForm(_ req: Request) async throws -> Response {
        let mailbox = req.url.path.hasSuffix("/mailbox")
        let form = TicketForm(defaults: ["type": mailbox ? TicketType.suggestion.rawValue : TicketType.complaint.rawValue])
        return try await renderForm(req, form: form.state, mailbox: mailbox)
    }

    private struct Photos: Content {
        var photos: [File]?
    }

    func submit(_ req: Request) async throws -> Response {
        var form = TicketForm(reading: req)
        let mailbox = (try? req.content.get(String.self, at: "box")) == "mailbox"
        let catalogue = try await TicketCatalogue.current(req)
        var caller: Applicant?
        if let signedIn = req.signedIn, signedIn.kind != .staff {
            caller = try await Applicant.load(accountID: signedIn.accountID, on: req.db, vault: req.zhengwu.vault)
        }
        let photos = (try? req.content.decode(Photos.self))?.photos ?? []
        switch form.read(channel: mailbox ? .mayorsMailbox : .web, caller: caller, accountID: caller == nil ? nil : req.signedIn?.accountID,
                         catalogue: catalogue, photos: photos, on: req) {
        case .invalid:
            return try await renderForm(req, form: form.state, mailbox: mailbox, status: .unprocessableEntity)
        case .referred(let referral):
            return try await req.renderPage("portal/hotline-referral", titleKey: "hotline.referral_title",
                                            ReferralPage(referral: req.t(referral.messageKey + ".advice"), internalPath: referral.internalPath))
        case .input(let input):
            let (ticket, code) = try await SubmitTicket.run(input, by: .caller, services: req.zhengwu, auditActor: req.auditActor,
                                                            now: req.now)
            // Post/redirect/get: reloading the receipt must not file the matter again. The
            // anonymous caller's code rides along once, to be shown on the receipt.
            return req.redirect(to: "/12345/received/\(ticket.number)" + (code.map { "?code=\($0)" } ?? ""))
        }
    }

    /// The receipt: the number and how long the answer may take; nothing personal, so the number
    /// in the address is all it needs.
    func received(_ req: Request) async throws -> Response {
        guard let number = req.parameters.get("number"),
              let ticket = try await Ticket.query(on: req.db).filter(\.$number == number).first() else { throw Abort(.notFound) }
        let catalogue = try await TicketCatalogue.current(req)
        let settings = try await TicketSettings.load(on: req.db)
        let days = catalogue.tree.replyDays(for: ticket.categoryCode) ?? settings.deadlines.replyDays(for: ticket.type)
        // Shown only when it is the ticket's own code, so the page cannot be made to show another.
        let code = req.query[String.self, at: "code"].flatMap {
            !ticket.accessCodeIndex.isEmpty && Ticket.accessCodeIndex($0, vault: req.zhengwu.vault) == ticket.accessCodeIndex ? $0 : nil
        }
        return try await req.renderPage("portal/hotline-receipt", titleKey: "hotline.receipt_title", ReceiptPage(
            number: ticket.number, accessCode: code, anonymous: ticket.isAnonymous,
            replyBy: req.t("hotline.reply_within", ["days": String(days)])))
    }

    private func renderForm(_ req: Request, form: FormState, mailbox: Bool, status: HTTPResponseStatus = .ok) async throws -> Response {
        let catalogue = try await TicketCatalogue.current(req)
        var signedInAs: String?
        if let signedIn = req.signedIn, signedIn.kind != .staff { signedInAs = signedIn.displayName }
        return try await req.renderPage("portal/hotline-form", titleKey: mailbox ? "hotline.mailbox_title" : "hotline.form_title", FormPage(
            form: form, options: TicketForm.options(selected: form.values, catalogue: catalogue, on: req), mailbox: mailbox,
            signedInAs: signedInAs), status: status)
    }

    // MARK: tracking, confirming and rating

    func track(_ req: Request) async throws -> Response {
        var (form, raw) = FormState.reading(req, fields: ["number"], secrets: ["secret"])
        if (raw["number"] ?? "").isEmpty { form.add("number", req.t("hotline.track.number_required")) }
        guard form.isValid else { return try await renderTrack(req, form: form, ticket: nil, secret: "", status: .unprocessableEntity) }
        guard let ticket = try await match(req, number: raw["number"] ?? "", secret: raw["secret"] ?? "") else {
            return try await renderTrack(req, form: form, ticket: nil, secret: "", failed: true, status: .notFound)
        }
        return try await renderTrack(req, form: form, ticket: ticket, secret: raw["secret"] ?? "")
    }

    /// The caller confirms the reply (closing the ticket) and rates it, or rates a closed ticket.
    func rate(_ req: Request) async throws -> Response {
        var (form, raw) = FormState.reading(req, fields: ["number", "level", "comment"], secrets: ["secret"])
        guard let ticket = try await match(req, number: raw["number"] ?? "", secret: raw["secret"] ?? "") else {
            return try await renderTrack(req, form: form, ticket: nil, secret: "", failed: true, status: .notFound)
        }
        guard let level = Int(raw["level"] ?? "").flatMap(SatisfactionLevel.init(rawValue:)) else {
            form.add("level", req.t("rating.error.level"))
            return try await renderTrack(req, form: form, ticket: ticket, secret: raw["secret"] ?? "", status: .unprocessableEntity)
        }
        let comment = form.text("comment", in: raw, atMost: 1000, on: req)
        guard form.isValid else {
            return try await renderTrack(req, form: form, ticket: ticket, secret: raw["secret"] ?? "", status: .unprocessableEntity)
        }
        let id = try ticket.requireID()
        let outcome = try await req.application.write { db in
            try await HandleTicket.confirmByCaller(id, level: level, comment: comment, services: req.zhengwu, auditActor: req.auditActor,
                                                   now: req.now, on: db)
        }
        guard let fresh = try await Ticket.find(id, on: req.db) else { throw Abort(.notFound) }
        switch outcome {
        case .rated:
            return try await renderTrack(req, form: FormState(), ticket: fresh, secret: raw["secret"] ?? "", notice: req.t("rating.thanks"))
        case .alreadyRated, .notRatable:
            form.add("level", req.t(outcome == .alreadyRated ? "rating.error.already" : "rating.error.not_ratable"))
            return try await renderTrack(req, form: form, ticket: fresh, secret: raw["secret"] ?? "", status: .conflict)
        }
    }

    /// The ticket when the number and the second key belong together: the phone given, or for an
    /// anonymous ticket the code on its receipt (signed-in callers need neither for their own).
    /// Wrong guesses are limited like case tracking.
    private func match(_ req: Request, number raw: String, secret: String) async throws -> Ticket? {
        try await RateLimiter.refuseIfExhausted("track-miss:\(req.clientNetwork)", RateLimits.trackMissesPerAddress, on: req)
        guard let number = ReceiptNumber(parsing: raw) else {
            try await RateLimiter.hit("track-miss:\(req.clientNetwork)", RateLimits.trackMissesPerAddress, on: req)
            return nil
        }
        try await RateLimiter.refuseIfExhausted("track-miss-receipt:\(number.value)", RateLimits.trackMissesPerReceipt, on: req)
        if let ticket = try await Ticket.query(on: req.db).filter(\.$number == number.value).first() {
            if ticket.accountID != nil && ticket.accountID == req.signedIn?.accountID { return ticket }
            let compact = secret.filter { !$0.isWhitespace && $0 != "-" }
            let vault = req.zhengwu.vault
            if !ticket.callerPhoneIndex.isEmpty, let phone = try? PhoneNumber(validating: compact),
               Ticket.phoneIndex(phone.value, vault: vault) == ticket.callerPhoneIndex {
                return ticket
            }
            if !ticket.accessCodeIndex.isEmpty, compact.count == 8, Ticket.accessCodeIndex(compact, vault: vault) == ticket.accessCodeIndex {
                return ticket
            }
        }
        try await RateLimiter.hit("track-miss:\(req.clientNetwork)", RateLimits.trackMissesPerAddress, on: req)
        try await RateLimiter.hit("track-miss-receipt:\(number.value)", RateLimits.trackMissesPerReceipt, on: req)
        return nil
    }

    private func renderTrack(_ req: Request, form: FormState, ticket: Ticket?, secret: String, notice: String? = nil, failed: Bool = false,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        var view: TicketView?
        var parent: TicketView?
        var rated = true
        if let ticket {
            view = try await TicketView.make(ticket, viewer: .caller, on: req)
            if let parentID = ticket.parentID, let record = try await Ticket.find(parentID, on: req.db) {
                parent = try await TicketView.make(record, viewer: .publicReader, on: req)
            }
            rated = try await Rating.query(on: req.db).filter(\.$subject == .ticket).filter(\.$subjectID == ticket.requireID()).first() != nil
        }
        let levels = SatisfactionLevel.choices(selected: form.values["level"], on: req)
        return try await req.renderPage("portal/hotline-track", titleKey: "hotline.track_title", TrackPage(
            form: form, ticket: view, parent: parent, secret: secret,
            canConfirm: ticket?.status == .replied, canRate: ticket?.status == .closed && !rated && (ticket?.leadDepartmentID != nil || ticket?.articleID != nil),
            levels: levels, notice: notice, failed: failed), status: status)
    }

    // MARK: published replies

    func replies(_ req: Request) async throws -> Response {
        let text = String((req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        // Only what is published, searched in its masked text: a name or a number typed here
        // finds nothing that the page would not show.
        var query = Ticket.query(on: req.db).filter(\.$publicText != nil)
        if !text.isEmpty { query = query.filter(\.$publicText, .contains(inverse: false, .anywhere), text) }
        let pager = Pager(number: req.pageNumber, total: try await query.count(), path: "/12345/replies",
                          query: text.isEmpty ? "" : "q=" + (text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""))
        let catalogue = try await TicketCatalogue.current(req)
        let names = try await Department.names(on: req.db)
        let vault = req.zhengwu.vault
        let rows = try await query.sort(\.$closedAt, .descending).range(pager.range).all().map { ticket in
            let name = ticket.callerNameSealed.isEmpty ? "" : ((try? vault.open(ticket.callerNameSealed)) ?? "")
            let mask = { (text: String) in PublicTextMasking.mask(text, names: [name], addresses: [ticket.address]) }
            return PublishedReply(category: catalogue.tree.path(of: ticket.categoryCode).map(\.name).joined(separator: " › "),
                                  type: req.t(ticket.type.messageKey), createdAt: DisplayTime.day(ticket.createdAt),
                                  department: ticket.leadDepartmentID.flatMap { names[$0] }, content: mask(ticket.content),
                                  reply: mask(ticket.reply))
        }
        return try await req.renderPage("portal/hotline-replies", titleKey: "hotline.replies_title",
                                        RepliesPage(query: text, rows: rows, pager: pager))
    }

    // MARK: the account's tickets

    struct AccountRow: Encodable {
        let number: String
        let summary: String
        let status: String
        let createdAt: String
    }

    struct AccountPage: Encodable {
        let rows: [AccountRow]
        let pager: Pager
    }

    func showMine(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        guard let number = req.parameters.get("number"),
              let ticket = try await Ticket.query(on: req.db).filter(\.$number == number).filter(\.$accountID == signedIn.accountID).first()
        else { throw Abort(.notFound) }
        var form = FormState()
        form.values["number"] = ticket.number
        return try await renderTrack(req, form: form, ticket: ticket, secret: "")
    }

    func mine(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        let query = Ticket.query(on: req.db).filter(\.$accountID == signedIn.accountID)
        let pager = Pager(number: req.pageNumber, total: try await query.count(), path: "/account/tickets")
        let rows = try await query.sort(\.$createdAt, .descending).range(pager.range).all().map {
            AccountRow(number: $0.number, summary: $0.summary, status: req.t($0.status.messageKey), createdAt: DisplayTime.minute($0.createdAt))
        }
        return try await req.renderPage("portal/account-tickets", titleKey: "hotline.mine_title", AccountPage(rows: rows, pager: pager))
    }
}
