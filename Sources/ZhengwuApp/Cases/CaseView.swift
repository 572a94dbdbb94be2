import Fluent
import Vapor
import ZhengwuCore

/// One case as its pages show it, to the applicant or to staff: status, dates, form values,
/// materials per slot, timeline and notices.
struct CaseView: Encodable {
    struct Value: Encodable {
        let label: String
        let value: String
    }

    struct MaterialSlot: Encodable {
        let key: String
        let name: String
        let necessity: String
        let isRequired: Bool
        let acceptsCertificate: Bool
        let certificateType: String
        let note: String
        let files: [MaterialFile]
        let isMissing: Bool
    }

    struct MaterialFile: Encodable {
        let id: String
        let name: String
        let size: String
        let sha256: String
        let isCertificate: Bool
    }

    struct Event: Encodable {
        let at: String
        let text: String
        let actor: String
        let note: String
    }

    struct Notice: Encodable {
        let id: String
        let title: String
        let number: String
        let issuedOn: String
    }

    let id: String
    let receiptNumber: String?
    let itemCode: String
    let itemName: String
    let status: String
    let statusKey: String
    let badge: String
    let channel: String
    let applicantName: String
    let applicantID: String
    let applicantPhone: String
    let receivedOn: String?
    let acceptanceDueOn: String?
    /// "3 working days left" or "overdue by 2 working days", while acceptance is pending.
    let acceptanceDaysLeft: String?
    let acceptedOn: String?
    let deemed: Bool
    let decisionDueOn: String?
    let visits: Int
    let maxVisits: Int
    let values: [Value]
    let materials: [MaterialSlot]
    let timeline: [Event]
    let notices: [Notice]
    let isEditable: Bool
    let canSubmit: Bool
    let canWithdraw: Bool
    let awaitsAcceptance: Bool

    /// `revealPersonalData`: staff whose role needs them see full numbers (the caller audits it).
    static func make(_ record: ServiceCase, item: ApplicableItem, revealPersonalData: Bool, calendar: WorkingCalendar,
                     on req: Request) async throws -> CaseView {
        let caseID = try record.requireID()
        let db = req.db
        let vault = req.zhengwu.vault
        let identity = (try? vault.open(record.applicantIDSealed)) ?? ""
        let phone = (try? vault.open(record.applicantPhoneSealed)) ?? ""
        let stored = try await CaseMaterial.query(on: db).filter(\.$applicationID == caseID).sort(\.$addedAt).all()
        let entries = try await CaseTimelineEntry.query(on: db).filter(\.$applicationID == caseID).sort(\.$at).all()
        let notices = try await CaseNotice.query(on: db).filter(\.$applicationID == caseID).sort(\.$createdAt).all()
        let values = record.values(of: item.guide.form, vault: vault)
        let timeZone = calendar.timeZone
        let today = LocalDate(req.now, in: timeZone)

        return CaseView(
            id: caseID.uuidString, receiptNumber: record.receiptNumber, itemCode: record.itemCode, itemName: record.itemName,
            status: req.t(record.status.messageKey), statusKey: record.status.rawValue, badge: Self.badge(record.status),
            channel: req.t("case.channel.\(record.channel.rawValue)"),
            applicantName: revealPersonalData ? record.applicantName : Masking.personName(record.applicantName),
            applicantID: revealPersonalData ? identity : Self.maskIdentity(identity, kind: record.applicantKind),
            applicantPhone: revealPersonalData ? phone : Masking.phone(phone),
            receivedOn: record.receivedOn, acceptanceDueOn: record.acceptanceDueOn,
            acceptanceDaysLeft: record.status.awaitsAcceptance ? record.localReceivedOn.map {
                let left = AcceptanceDeadline.workingDaysLeft(receivedOn: $0, today: today, calendar: calendar)
                return left < 0 ? req.t("queue.overdue", ["days": String(-left)]) : req.t("queue.days_left", ["days": String(left)])
            } : nil,
            acceptedOn: record.acceptedOn, deemed: record.deemedAccepted, decisionDueOn: record.decisionDueOn,
            visits: record.visits, maxVisits: item.guide.maxVisits,
            values: item.guide.form.compactMap { field in
                values[field.key].map { Value(label: field.label, value: revealPersonalData ? $0 : field.kind.masked($0)) }
            },
            materials: item.guide.materials.map { material in
                let files = stored.filter { $0.materialKey == material.key }
                return MaterialSlot(
                    key: material.key, name: material.name, necessity: req.t(material.necessity.messageKey),
                    isRequired: material.necessity == .required, acceptsCertificate: material.source == .issuedCertificate,
                    certificateType: material.certificateType, note: material.note,
                    files: files.map { file in
                        MaterialFile(id: file.id?.uuidString ?? "", name: file.displayName,
                                     size: ByteCountFormatter.string(fromByteCount: Int64(file.byteCount), countStyle: .file),
                                     sha256: file.sha256, isCertificate: file.certificateReference != nil)
                    },
                    isMissing: material.necessity == .required && files.isEmpty)
            },
            timeline: entries.map { entry in
                Event(at: DisplayTime.minute(entry.at), text: req.t(entry.event.messageKey),
                      actor: entry.actorID == "applicant" ? req.t("case.actor.applicant")
                        : entry.actorID == "system" ? req.t("case.actor.system") : entry.actorName,
                      note: entry.note)
            },
            notices: notices.map {
                Notice(id: $0.id?.uuidString ?? "", title: req.t($0.kind.messageKey), number: $0.number, issuedOn: $0.issuedOn)
            },
            isEditable: AttachMaterial.editableStatuses.contains(record.status),
            canSubmit: record.status == .draft || record.status == .correctionRequested,
            canWithdraw: record.status.allows(.withdrawn) || record.status == .draft,
            awaitsAcceptance: record.status.awaitsAcceptance)
    }

    static func badge(_ status: CaseStatus) -> String {
        switch status {
        case .accepted, .concluded: "badge-ok"
        case .correctionRequested, .submitted: "badge-warn"
        case .refused: "badge-danger"
        case .draft, .withdrawn: "badge-muted"
        }
    }

    static func maskIdentity(_ value: String, kind: ApplicantKind) -> String {
        kind == .person ? Masking.idNumber(value) : value
    }
}
