import Fluent
import Vapor
import ZhengwuCore

/// The request form, online and on paper: reads and checks what was typed, one clear message
/// per field, so a refused form comes back with everything still filled in.
struct RequestForm {
    static let descriptionLimit = 2000

    var state: FormState
    var raw: [String: String]

    /// `paper`: staff type in a request handed in or posted, with the applicant's details and
    /// the day it was received; online, the details come from the account.
    init(reading req: Request, paper: Bool) {
        var fields = ["organ", "applicant_type", "description", "format"]
        if paper { fields += ["name", "id_number", "phone", "address", "channel", "received_on"] } else { fields += ["address"] }
        (state, raw) = FormState.reading(req, fields: fields)
    }

    init(defaults: [String: String]) {
        state = FormState()
        state.values = defaults
        raw = defaults
    }

    /// The checked input, or nil with the problems in `state`.
    mutating func input(paper: Bool, applicant: Applicant?, accountID: UUID?, recordedBy: UUID?, today: LocalDate,
                        on req: Request) async throws -> SubmitInformationRequest.Input? {
        var organ: Department?
        if let organID = UUID(uuidString: raw["organ"] ?? "") { organ = try await Department.find(organID, on: req.db) }
        if organ == nil { state.add("organ", req.t("request.error.organ")) }
        let type = ApplicantType(rawValue: raw["applicant_type"] ?? "")
        if type == nil { state.add("applicant_type", req.t("request.error.applicant_type")) }
        let description = raw["description"] ?? ""
        if description.count < 4 || description.count > Self.descriptionLimit {
            state.add("description", req.t("request.error.description", ["max": String(Self.descriptionLimit)]))
        }
        guard let format = InformationRequest.Format(rawValue: raw["format"] ?? "") else {
            state.add("format", req.t("request.error.format"))
            return nil
        }
        let address = state.text("address", in: raw, atMost: 200, on: req)
        if format == .paper, address.isEmpty { state.add("address", req.t("request.error.address")) }

        var name = applicant?.name ?? ""
        var identity = applicant?.identityNumber ?? ""
        var phone = applicant?.phone ?? ""
        var channel = InformationRequest.Channel.online
        var receivedOn = today
        if paper {
            name = raw["name"] ?? ""
            if name.isEmpty || name.count > 100 { state.add("name", req.t("request.error.name")) }
            identity = (raw["id_number"] ?? "").uppercased()
            do {
                if type == .naturalPerson {
                    identity = try ResidentIDNumber(validating: identity, today: today).value
                } else if type != nil {
                    identity = try SocialCreditCode(validating: identity).value
                }
            } catch let problem as UserFacingError {
                state.add("id_number", problem.message, on: req)
            }
            do { phone = try PhoneNumber(validating: raw["phone"] ?? "").value } catch let problem as UserFacingError {
                state.add("phone", problem.message, on: req)
            }
            let channels: [InformationRequest.Channel] = [.inPerson, .post]
            if let chosen = InformationRequest.Channel(rawValue: raw["channel"] ?? ""), channels.contains(chosen) { channel = chosen } else {
                state.add("channel", req.t("request.error.channel"))
            }
            // Received today or earlier (a letter signed for last week is entered now), never ahead.
            if let day = LocalDate(iso: raw["received_on"] ?? ""), day <= today, day >= today.adding(days: -366) { receivedOn = day } else {
                state.add("received_on", req.t("request.error.received_on", ["date": today.iso]))
            }
        } else if let type, applicant?.kind == .person, type != .naturalPerson {
            // An account of a person asks as a person; a firm's account as an organisation.
            state.add("applicant_type", req.t("request.error.applicant_type_account"))
        } else if let type, applicant?.kind == .organisation, type == .naturalPerson {
            state.add("applicant_type", req.t("request.error.applicant_type_account"))
        }
        guard state.isValid, let organ, let type else { return nil }
        return .init(organ: organ, applicantType: type, name: name, identityNumber: identity, phone: phone, address: address,
                     description: description, format: format, channel: channel, receivedOn: receivedOn, accountID: accountID,
                     recordedBy: recordedBy)
    }

    /// The organs a request can be addressed to, and the choices of the form's selects.
    static func options(selected values: [String: String], paper: Bool, accountKind: ApplicantKind?,
                        on req: Request) async throws -> Options {
        let organs = try await Department.query(on: req.db).sort(\.$sortOrder).all()
        var types = ApplicantType.allCases
        if accountKind == .person { types = [.naturalPerson] }
        if accountKind == .organisation { types.removeAll { $0 == .naturalPerson } }
        return Options(
            organs: organs.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id?.uuidString == values["organ"]) },
            types: types.map { SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0.rawValue == values["applicant_type"]) },
            formats: InformationRequest.Format.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0.rawValue == values["format"])
            },
            channels: paper ? [InformationRequest.Channel.inPerson, .post].map {
                SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0.rawValue == values["channel"])
            } : [])
    }

    struct Options: Encodable {
        let organs: [SelectOption]
        let types: [SelectOption]
        let formats: [SelectOption]
        let channels: [SelectOption]
    }
}
