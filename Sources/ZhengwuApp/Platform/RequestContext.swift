import Foundation
import Vapor
import ZhengwuCore

/// Per-request facts every page needs: the reader's language, elder mode, and address.
extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }
    private struct ElderKey: StorageKey { typealias Value = Bool }

    var language: Language {
        get { storage[LanguageKey.self] ?? .fallback }
        set { storage[LanguageKey.self] = newValue }
    }

    var elderMode: Bool {
        get { storage[ElderKey.self] ?? false }
        set { storage[ElderKey.self] = newValue }
    }

    /// The client's address; behind a trusted load balancer, the one it forwarded.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        guard zhengwu.config.trustedProxies.contains(peer),
              let forwarded = headers.first(name: .xForwardedFor) else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.last { !zhengwu.config.trustedProxies.contains($0) } ?? peer
    }

    /// The client's address as rate limits count it: an IPv6 client usually holds a whole /64,
    /// so its first 64 bits identify it; an IPv4 address is used whole.
    var clientNetwork: String {
        let address = clientAddress
        var bytes = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        let prefix = withUnsafeBytes(of: &bytes) { Array($0.prefix(8)) }
        return prefix.lowercaseHex + "::/64"
    }

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        zhengwu.localizer.text(key, arguments, language: language.code)
    }

    func t(_ message: LocalizedMessage) -> String {
        zhengwu.localizer.text(message, language: language.code)
    }
}

enum PreferenceCookie {
    static let language = "zw_lang"
    static let elder = "zw_elder"
}

/// Reads the language (cookie, then Accept-Language) and elder mode before anything renders.
struct RequestContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let code = request.cookies[PreferenceCookie.language]?.string, let chosen = Language.named(code) {
            request.language = chosen
        } else {
            request.language = Language.negotiate(request.headers.first(name: .acceptLanguage))
        }
        request.elderMode = request.cookies[PreferenceCookie.elder]?.string == "1"
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The portal's address for absolute links (feeds, the sitemap, Open311 discovery): the
    /// configured public URL, else this request's host if it looks like a host name.
    var publicOrigin: String {
        if let configured = zhengwu.config.publicURL { return configured }
        let host = headers.first(name: .host).flatMap { header in
            // Only a plausible host name and port: the header is the client's to set.
            header.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) } ? header : nil
        } ?? "localhost"
        return (zhengwu.config.secureCookies ? "https://" : "http://") + host
    }
}
