import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// The facts the annual report is counted from, read from the platform's records for one organ
/// or, with no organ, the whole government (every organ, the entered figures added up).
/// AnnualDisclosureReport.make does the counting, so the figures mean the same everywhere.
enum AnnualReportData {
    /// A record the report cannot place. Counting around it would publish a wrong figure, so
    /// the report is refused until the record is put right.
    struct UnreadableRecord: Error, CustomStringConvertible {
        let description: String
    }

    static func make(year: Int, organ: Department?, on db: Database) async throws -> AnnualDisclosureReport {
        let organID = try organ?.requireID()
        let sql = db as! SQLDatabase
        return AnnualDisclosureReport.make(
            year: year, organCode: organ?.code, organName: organ?.name,
            requests: try await requests(year: year, organID: organID, on: sql),
            documents: try await documents(organID: organID, on: sql),
            permitDecisions: try await permitDecisions(year: year, organID: organID, on: db),
            entered: try await entered(year: year, organID: organID, on: db))
    }

    /// The first and last day of `year` as stored dates are written, for comparing as text.
    static func bounds(_ year: Int) -> (first: String, last: String) {
        (String(format: "%04d-01-01", year), String(format: "%04d-12-31", year))
    }

    /// ` AND column = organ`, or nothing for the whole government.
    private static func only(_ column: String, _ organID: UUID?) -> SQLQueryString {
        guard let organID else { return "" }
        return " AND \(ident: column) = \(bind: organID)"
    }

    /// Every request the year's section 三 can count. Requests closed before the year are left
    /// out here already; a closing day typed before the day of receipt counts as that day
    /// (RequestFact.closing), so a request received in the year always stays in.
    private static func requests(year: Int, organID: UUID?, on sql: SQLDatabase) async throws -> [AnnualDisclosureReport.RequestFact] {
        let (first, last) = bounds(year)
        let rows = try await sql.raw("""
            SELECT number, applicant_type, received_on, closed_on, outcome FROM information_requests
            WHERE received_on <= \(bind: last)
            AND (closed_on IS NULL OR outcome IS NULL OR closed_on >= \(bind: first) OR received_on >= \(bind: first))\(only("organ_id", organID))
            """).all()
        return try rows.map { row in
            let number = try row.decode(column: "number", as: String.self)
            guard let type = ApplicantType(rawValue: try row.decode(column: "applicant_type", as: String.self)) else {
                throw UnreadableRecord(description: "information request \(number): unknown applicant type")
            }
            guard let receivedOn = LocalDate(iso: try row.decode(column: "received_on", as: String.self)) else {
                throw UnreadableRecord(description: "information request \(number): unreadable day of receipt")
            }
            let outcomeText = try row.decode(column: "outcome", as: String?.self)
            let outcome = outcomeText.flatMap(DisclosureOutcome.init(rawValue:))
            if outcomeText != nil, outcome == nil {
                throw UnreadableRecord(description: "information request \(number): unknown outcome")
            }
            let closedOn = try row.decode(column: "closed_on", as: String?.self).flatMap(LocalDate.init(iso:))
            return AnnualDisclosureReport.RequestFact(applicantType: type, receivedOn: receivedOn, closedOn: closedOn, outcome: outcome)
        }
    }

    /// Rules and normative documents ever published. Withdrawn and removed ones count too: they
    /// were made and published in their year all the same (a rule taken off the site is not
    /// repealed by that); whether one is still in force is what its validity says.
    private static func documents(organID: UUID?, on sql: SQLDatabase) async throws -> [AnnualDisclosureReport.DocumentFact] {
        let rows = try await sql.raw("""
            SELECT genre, first_published_at, validity, validity_since FROM publications
            WHERE genre IN (\(bind: PublicationGenre.rule.rawValue), \(bind: PublicationGenre.normative.rawValue))
            AND first_published_at IS NOT NULL\(only("organ_id", organID))
            """).all()
        let timeZone = WorkingCalendar.default.timeZone
        return try rows.map { row in
            let kind: AnnualDisclosureReport.DocumentFact.Kind =
                try row.decode(column: "genre", as: String.self) == PublicationGenre.rule.rawValue ? .rule : .normative
            let published = try row.decode(column: "first_published_at", as: Date.self)
            let validity = try row.decode(column: "validity", as: String?.self).flatMap(PublicationValidity.init(rawValue:))
            // 失效 and 废止 both end a document's force; the day is the one recorded with the change.
            let ended = validity == .expired || validity == .abolished
            let since = try row.decode(column: "validity_since", as: String?.self).flatMap(LocalDate.init(iso:))
            return AnnualDisclosureReport.DocumentFact(kind: kind, madeOn: LocalDate(published, in: timeZone),
                                                       abolishedOn: ended ? since : nil)
        }
    }

    /// 行政许可 decisions of the year: cases decided in it whose guide version is a licence. A
    /// denial is a decision as much as a grant; a 即办件 concluded on the spot records no
    /// `decision` but is a grant, hence the status. Counted per guide version in SQL, so only
    /// the few versions involved are read and decoded.
    private static func permitDecisions(year: Int, organID: UUID?, on db: Database) async throws -> Int {
        let (first, last) = bounds(year)
        let rows = try await (db as! SQLDatabase).raw("""
            SELECT revision_id, COUNT(*) AS n FROM applications
            WHERE decided_on >= \(bind: first) AND decided_on <= \(bind: last)
            AND (decision IS NOT NULL OR status = \(bind: CaseStatus.concluded.rawValue))\(only("department_id", organID))
            GROUP BY revision_id
            """).all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "revision_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        guard !counts.isEmpty else { return 0 }
        var total = 0
        for revision in try await ServiceItemRevision.query(on: db).filter(\.$id ~~ Array(counts.keys)).all() {
            if try revision.guide.itemType == .licence { total += counts[try revision.requireID()] ?? 0 }
        }
        return total
    }

    /// The figures staff entered: the organ's, or every organ's added up; zeros where none were entered.
    private static func entered(year: Int, organID: UUID?, on db: Database) async throws -> AnnualDisclosureReport.EnteredFigures {
        var query = DisclosureReportFigures.query(on: db).filter(\.$year == year)
        if let organID { query = query.filter(\.$organID == organID) }
        var sum = AnnualDisclosureReport.EnteredFigures()
        for row in try await query.all() { sum.add(try row.figures) }
        return sum
    }
}

extension AnnualDisclosureReport.EnteredFigures {
    mutating func add(_ other: Self) {
        penaltyDecisions += other.penaltyDecisions
        enforcementDecisions += other.enforcementDecisions
        feeYuan += other.feeYuan
        reconsideration.add(other.reconsideration)
        litigationDirect.add(other.litigationDirect)
        litigationAfterReconsideration.add(other.litigationAfterReconsideration)
    }
}

extension AnnualDisclosureReport.ReviewResults {
    mutating func add(_ more: Self) {
        upheld += more.upheld
        corrected += more.corrected
        other += more.other
        pending += more.pending
    }
}
