import Foundation

/// The parameters of `GET /requests` and `POST /requests`, checked as the standard asks. Each
/// problem is one entry of the 400 error list, in English as the standard's clients expect.
public enum Open311Query {
    public struct Problem: Error, Equatable, Sendable {
        public let description: String
    }

    /// Every problem of a submission at once, so the client fixes them in one go.
    public struct Problems: Error, Equatable, Sendable {
        public let all: [Problem]
    }

    /// `GET /requests`: by ids, or by service, status and a window of at most 90 days (the
    /// last 90 days when none is given); at most 1,000 requests.
    public struct Search: Equatable, Sendable {
        public var ids: [String]
        public var serviceCodes: [String]
        public var status: String?
        public var start: Date
        public var end: Date
        public static let limit = 1000
        public static let maxWindow: TimeInterval = 90 * 86_400

        public static func read(_ parameters: [String: String], now: Date) throws(Problem) -> Search {
            func list(_ name: String) -> [String] {
                (parameters[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            func date(_ name: String) throws(Problem) -> Date? {
                guard let text = parameters[name], !text.isEmpty else { return nil }
                guard let date = Open311Query.w3cDate(text) else { throw Problem(description: "\(name) is not a W3C datetime: \(text)") }
                return date
            }
            // service_request_id overrides every other argument (the standard's rule).
            let ids = list("service_request_id")
            if !ids.isEmpty { return Search(ids: ids, serviceCodes: [], status: nil, start: .distantPast, end: .distantFuture) }
            let status = parameters["status"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
            if let status, status != "open", status != "closed" { throw Problem(description: "status must be open or closed") }
            var start = try date("start_date"), end = try date("end_date")
            switch (start, end) {
            case (nil, nil): end = now; start = now.addingTimeInterval(-maxWindow)
            case (let first?, nil): end = min(now, first.addingTimeInterval(maxWindow))
            case (nil, let last?): start = last.addingTimeInterval(-maxWindow)
            default: break
            }
            guard let start, let end, start <= end else { throw Problem(description: "start_date must not be after end_date") }
            guard end.timeIntervalSince(start) <= maxWindow else {
                throw Problem(description: "start_date and end_date must be at most 90 days apart")
            }
            return Search(ids: [], serviceCodes: list("service_code"), status: status, start: start, end: end)
        }
    }

    /// An attribute of a service definition, as a submission is checked against it.
    /// A W3C datetime as clients send it: with or without fractional seconds (JavaScript's
    /// `toISOString()` adds them), or a date alone, read as midnight UTC.
    public static func w3cDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return text.count == 10 ? formatter.date(from: text) : nil
    }

    public struct Attribute: Sendable, Equatable {
        public enum Datatype: String, Sendable, CaseIterable {
            case string, number, datetime, text, singlevaluelist, multivaluelist
        }

        public let code: String
        public let datatype: Datatype
        public let required: Bool
        /// The keys of a value list.
        public let keys: [String]

        public init(code: String, datatype: Datatype, required: Bool, keys: [String] = []) {
            self.code = code
            self.datatype = datatype
            self.required = required
            self.keys = keys
        }
    }

    /// `POST /requests`: where (lat+long, an address, or an address id), what, and the service's
    /// attributes; the rest optional.
    public struct Submission: Equatable, Sendable {
        public var serviceCode: String
        public var latitude: Double?
        public var longitude: Double?
        public var address: String?
        public var addressID: String?
        public var description: String
        public var email: String?
        public var phone: String?
        public var firstName: String?
        public var lastName: String?
        public var mediaURL: String?
        public var attributes: [String: [String]]

        public static let descriptionLimit = 4000

        /// `values`: the form's fields, each with every value it was sent with (repeated
        /// `attribute[code][]` for multi-value lists).
        public static func read(_ values: [String: [String]], attributes definition: [Attribute]) -> Result<Submission, Problems> {
            func one(_ name: String) -> String? {
                values[name]?.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            var problems: [Problem] = []
            let code = one("service_code") ?? ""
            if code.isEmpty { problems.append(Problem(description: "service_code is required")) }
            let latText = one("lat"), longText = one("long")
            let latitude = latText.flatMap(Double.init), longitude = longText.flatMap(Double.init)
            if (latText != nil || longText != nil)
                && !(latitude.map { (-90...90).contains($0) } == true && longitude.map { (-180...180).contains($0) } == true) {
                problems.append(Problem(description: "lat and long must both be given, in decimal degrees (WGS84)"))
            }
            let address = one("address_string"), addressID = one("address_id")
            if latText == nil, longText == nil, address == nil, addressID == nil {
                problems.append(Problem(description: "a location is required: lat and long, address_string or address_id"))
            }
            let description = one("description") ?? ""
            if description.count > descriptionLimit { problems.append(Problem(description: "description is longer than 4000 characters")) }
            let email = one("email")
            if let email, !(email.contains("@") && email.split(separator: "@").count == 2 && !email.contains(" ")) {
                problems.append(Problem(description: "email is not an e-mail address"))
            }
            var attributes: [String: [String]] = [:]
            for attribute in definition {
                let given = (values["attribute[\(attribute.code)]"] ?? []) + (values["attribute[\(attribute.code)][]"] ?? [])
                let cleaned = given.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                if cleaned.isEmpty {
                    if attribute.required { problems.append(Problem(description: "attribute[\(attribute.code)] is required")) }
                    continue
                }
                switch attribute.datatype {
                case .number where cleaned.contains { Double($0) == nil }:
                    problems.append(Problem(description: "attribute[\(attribute.code)] must be a number"))
                case .datetime where cleaned.contains { Open311Query.w3cDate($0) == nil }:
                    problems.append(Problem(description: "attribute[\(attribute.code)] must be a W3C datetime"))
                case .singlevaluelist where cleaned.count > 1 || !attribute.keys.contains(cleaned[0]),
                     .multivaluelist where cleaned.contains { !attribute.keys.contains($0) }:
                    problems.append(Problem(description: "attribute[\(attribute.code)] must be one of: " + attribute.keys.joined(separator: ", ")))
                default:
                    attributes[attribute.code] = cleaned
                }
            }
            guard problems.isEmpty else { return .failure(Problems(all: problems)) }
            return .success(Submission(serviceCode: code, latitude: latitude, longitude: longitude, address: address, addressID: addressID,
                                       description: description, email: email, phone: one("phone"), firstName: one("first_name"),
                                       lastName: one("last_name"), mediaURL: one("media_url"), attributes: attributes))
        }
    }
}
