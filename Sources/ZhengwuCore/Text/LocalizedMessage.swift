/// A user-facing message expressed as a key into the localisation tables plus named arguments;
/// ZhengwuCore never holds UI text, so the same rule speaks every language the portal offers.
public struct LocalizedMessage: Sendable, Equatable {
    public let key: String
    public let arguments: [String: String]

    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }
}

/// An error that can explain itself to a user in their language.
public protocol UserFacingError: Error {
    var message: LocalizedMessage { get }
}
