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
        /// The applicant's own certificates from the library that fit (免提交).
        let certificates: [CertificateLink]
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
    /// The form and materials can be changed (draft, correction).
    let isEditable: Bool
    /// Materials can be added: also during review when the department asked for more.
    let canAddMaterial: Bool
    /// The applicant can tell the department the material asked for is uploaded.
    let canSupplyMaterial: Bool
    /// Where the case stands, in plain words for the applicant (not internal step names).
    let progress: String?
    let certificate: CertificateLink?
    /// 延续: the certificate this case renews, and whether art. 50's deemed grant covers it.
    let renewal: String?
    let canSubmit: Bool
    let canWithdraw: Bool
    let awaitsAcceptance: Bool

    /// Internal hand-overs of the review and supervision's acts on staff, which whatever the
    /// applicant or the public sees (case page, API, progress look-up) leaves out.
    static let internalEvents: Set<CaseEvent> = [.stepSignedFor, .stepApproved, .returned, .transferred, .signerAdded, .recalled,
                                                 .urged, .supervisionOpened, .supervisionAnswered]

    /// `revealPersonalData`: staff whose role needs them see full numbers (the caller audits it).
    /// `forApplicant`: the applicant's own page, with their certificates offered for materials.
    static func make(_ record: ServiceCase, item: ApplicableItem, revealPersonalData: Bool, calendar: WorkingCalendar,
                     forApplicant: Bool = false, on req: Request) async throws -> CaseView {
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
        let held = forApplicant && AttachMaterial.editableStatuses.contains(record.status)
            ? try await CertificateLibrary.held(by: record, vault: vault, today: today, on: db) : []

        return CaseView(
            id: caseID.uuidString, receiptNumber: record.receiptNumber, itemCode: record.itemCode, itemName: record.itemName,
            status: req.t(record.status.messageKey), statusKey: record.status.rawValue, badge: Self.badge(record.status),
            channel: req.t("case.channel.\(record.channel.rawValue)"),
            applicantName: revealPersonalData ? record.applicantName : Masking.applicantName(record.applicantName, kind: record.applicantKind),
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
                    isMissing: material.necessity == .required && files.isEmpty,
                    certificates: material.source == .issuedCertificate
                        ? held.filter { CertificateLibrary.fits($0.certificateType, wanted: material.certificateType) }
                            .map { CertificateLink(number: $0.number, detail: $0.certificateType) } : [])
            },
            timeline: entries.filter { !forApplicant || !internalEvents.contains($0.event) }.map { entry in
                Event(at: DisplayTime.minute(entry.at), text: req.t(entry.event.messageKey),
                      actor: entry.actorID == "applicant" ? req.t("case.actor.applicant")
                        : entry.actorID == "system" ? req.t("case.actor.system") : entry.actorName,
                      note: entry.note)
            },
            notices: notices.map {
                Notice(id: $0.id?.uuidString ?? "", title: req.t($0.kind.messageKey), number: $0.number, issuedOn: $0.issuedOn)
            },
            isEditable: AttachMaterial.revisableStatuses.contains(record.status),
            canAddMaterial: AttachMaterial.editableStatuses.contains(record.status),
            canSupplyMaterial: record.status == .awaitingMaterial,
            progress: progress(record, on: req),
            certificate: try await Certificate.query(on: db).filter(\.$applicationID == caseID).sort(\.$createdAt, .descending).first()
                .map { CertificateLink(number: $0.number, detail: $0.verificationCode) },
            renewal: try await renewal(record, on: req),
            canSubmit: record.status == .draft || record.status == .correctionRequested,
            canWithdraw: record.status.allows(.withdrawn) || record.status == .draft,
            awaitsAcceptance: record.status.awaitsAcceptance)
    }

    struct CertificateLink: Encodable {
        let number: String
        /// The verification code on the case's own certificate; the type on one offered.
        let detail: String
    }

    /// "Renews 513329-ZRJ-2026-000003 (valid until …); asked for in time: …".
    static func renewal(_ record: ServiceCase, on req: Request) async throws -> String? {
        guard let id = record.renewsCertificateID, let old = try await Certificate.find(id, on: req.db) else { return nil }
        let inTime = record.localReceivedOn.map { old.term.renewalInTime(requestedOn: $0) } ?? false
        return req.t(inTime ? "renewal.case_in_time" : "renewal.case_late",
                     ["number": old.number, "until": old.validUntil ?? req.t("certificate.no_limit")])
    }

    /// "Under review: stage 1 of 2", "waiting for the material asked for", a special procedure's
    /// name and expected length, or the decision.
    static func progress(_ record: ServiceCase, on req: Request) -> String? {
        let review = record.review
        switch record.status {
        case .accepted:
            guard let run = review?.run, !run.isFinished else { return req.t("progress.deciding") }
            return req.t("progress.reviewing", ["stage": String(run.stageIndex + 1), "stages": String(run.definition.stages.count)])
        case .awaitingMaterial:
            return req.t("progress.awaiting_material")
        case .specialProcedure:
            return req.t("progress.special_procedure", ["name": review?.specialProcedure?.name ?? "",
                                                        "days": String(review?.specialProcedure?.expectedDays ?? 0)])
        case .concluded:
            return record.decision.map { req.t("decision.\($0)") }
        default:
            return nil
        }
    }

    static func badge(_ status: CaseStatus) -> String {
        switch status {
        case .accepted, .concluded: "badge-ok"
        case .correctionRequested, .submitted, .awaitingMaterial, .specialProcedure: "badge-warn"
        case .refused: "badge-danger"
        case .draft, .withdrawn: "badge-muted"
        }
    }

    static func maskIdentity(_ value: String, kind: ApplicantKind) -> String {
        kind == .person ? Masking.idNumber(value) : value
    }
}
