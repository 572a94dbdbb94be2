import Fluent
import Vapor
import ZhengwuCore

/// The ticket form of the portal (12345 and the mayor's mailbox) and of the operator's call
/// screen: reads and checks what was typed, one message per field, so a refused form comes back
/// filled in. A category that 12345 does not take is answered with the right channel instead.
struct TicketForm {
    static let contentLimit = 4000
    static let fields = ["type", "category", "content", "name", "phone", "email", "address", "latitude", "longitude",
                         "consent", "anonymous", "article", "q"]

    var state: FormState
    var raw: [String: String]

    init(reading req: Request) {
        (state, raw) = FormState.reading(req, fields: Self.fields)
    }

    init(defaults: [String: String]) {
        state = FormState()
        state.values = defaults
        raw = defaults
    }

    enum Result {
        case input(SubmitTicket.Input)
        case referred(TicketReferral)
        case invalid
    }

    /// `caller`: the signed-in citizen's own details, used instead of typed ones.
    mutating func read(channel: TicketChannel, caller: Applicant?, accountID: UUID?, catalogue: TicketCatalogue,
                       photos: [File], on req: Request) -> Result {
        let type = TicketType(rawValue: raw["type"] ?? "")
        if type == nil { state.add("type", req.t("ticket.error.type")) }
        let category = raw["category"] ?? ""
        if catalogue.tree.category(category) == nil {
            state.add("category", req.t("ticket.error.category"))
        } else if let referral = catalogue.tree.referral(for: category) {
            return .referred(referral)
        }
        let content = raw["content"] ?? ""
        if content.count < 5 || content.count > Self.contentLimit {
            state.add("content", req.t("ticket.error.content", ["max": String(Self.contentLimit)]))
        }
        let anonymous = raw["anonymous"] == "yes" && channel != .phone
        var name = caller?.name ?? state.text("name", in: raw, atMost: 50, on: req)
        var phone = caller?.phone ?? ""
        if caller == nil, let typed = raw["phone"], !typed.isEmpty {
            do { phone = try PhoneNumber(validating: typed).value } catch let problem as UserFacingError {
                state.add("phone", problem.message, on: req)
            } catch { state.add("phone", req.t("ticket.error.phone")) }
        }
        // The operator always has the caller's number; a web message without a name or a
        // number is anonymous, and says so.
        if channel == .phone, phone.isEmpty, state.errors["phone"] == nil { state.add("phone", req.t("ticket.error.phone")) }
        if !anonymous, channel != .phone, caller == nil, phone.isEmpty, state.errors["phone"] == nil {
            state.add("phone", req.t("ticket.error.phone_or_anonymous"))
        }
        if anonymous { (name, phone) = ("", "") }
        let email = state.text("email", in: raw, atMost: 200, on: req)
        if !email.isEmpty, !(email.contains("@") && email.contains(".")) { state.add("email", req.t("ticket.error.email")) }
        let address = state.text("address", in: raw, atMost: 200, on: req)
        var latitude: Double?, longitude: Double?
        if !(raw["latitude"] ?? "").isEmpty || !(raw["longitude"] ?? "").isEmpty {
            latitude = Double(raw["latitude"] ?? "")
            longitude = Double(raw["longitude"] ?? "")
            if latitude.map({ !(-90...90).contains($0) }) ?? true || longitude.map({ !(-180...180).contains($0) }) ?? true {
                state.add("latitude", req.t("ticket.error.coordinates"))
            }
        }
        if catalogue.tree.category(category)?.takesLocation == true, address.isEmpty, latitude == nil {
            state.add("address", req.t("ticket.error.location"))
        }
        var checked: [(bytes: Data, type: UploadCheck.FileType)] = []
        let sent = photos.filter { $0.data.readableBytes > 0 }
        if sent.count > SubmitTicket.maxPhotos {
            state.add("photos", req.t(UploadCheck.Rejection.tooManyFiles(max: SubmitTicket.maxPhotos).message))
        } else {
            for photo in sent {
                let bytes = Data(buffer: photo.data)
                // Photos only: a PDF is a material, not a picture of a pothole.
                switch Swift.Result(catching: { () throws(UploadCheck.Rejection) in try UploadCheck.check(bytes) }) {
                case .success(let type) where type != .pdf: checked.append((bytes, type))
                case .success: state.add("photos", req.t(UploadCheck.Rejection.unsupportedType.message))
                case .failure(let rejection): state.add("photos", req.t(rejection.message))
                }
            }
        }
        guard state.isValid, let type else { return .invalid }
        return .input(SubmitTicket.Input(
            type: type, channel: channel, categoryCode: category, content: content, name: name, phone: phone, email: email,
            address: address, latitude: latitude, longitude: longitude, consentToPublish: raw["consent"] == "yes",
            accountID: accountID, photos: checked))
    }

    struct Options: Encodable {
        let types: [SelectOption]
        let categories: [SelectOption]
    }

    static func options(selected: [String: String], catalogue: TicketCatalogue, on req: Request) -> Options {
        Options(types: TicketType.allCases.map {
                    SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: selected["type"] == $0.rawValue)
                },
                categories: catalogue.choices(selected: selected["category"]))
    }
}
