/// How long an electronic certificate (电子证照) is valid, and what the law attaches to its end
/// (行政许可法 art. 50): the holder must ask for renewal (延续) at least 30 days before it
/// expires, and is told 30 days ahead so they can.
public struct CertificateTerm: Sendable, Equatable {
    public let validFrom: LocalDate
    /// Nil: valid without a time limit.
    public let validUntil: LocalDate?

    public init(validFrom: LocalDate, validUntil: LocalDate?) {
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// A term of `years` whole years from `validFrom`, ending the day before the anniversary.
    public init(validFrom: LocalDate, years: Int?) {
        self.validFrom = validFrom
        guard let years, years > 0 else {
            validUntil = nil
            return
        }
        let anniversary = LocalDate(year: validFrom.year + years, month: validFrom.month, day: validFrom.day)
            // 29 February: the anniversary falls on 1 March.
            ?? LocalDate(year: validFrom.year + years, month: 3, day: 1)!
        validUntil = anniversary.adding(days: -1)
    }

    /// Days before expiry on which the holder is told, and the latest renewal request the law
    /// expects (art. 50).
    public static let noticeDays = 30
    /// How early a renewal may be asked for.
    public static let renewalOpensDays = 90

    public enum Status: String, Sendable, Equatable {
        case notYetValid = "not_yet_valid"
        case valid
        case expired
    }

    public func status(today: LocalDate) -> Status {
        if today < validFrom { return .notYetValid }
        if let validUntil, today > validUntil { return .expired }
        return .valid
    }

    /// Whether the 30-day expiry notice is due (once; the caller remembers it was sent).
    public func expiryNoticeDue(today: LocalDate) -> Bool {
        guard let validUntil, status(today: today) == .valid else { return false }
        return today >= validUntil.adding(days: -Self.noticeDays)
    }

    /// Whether the holder may ask for renewal today: from 90 days before expiry until it expires.
    public func renewalOpen(today: LocalDate) -> Bool {
        guard let validUntil, status(today: today) == .valid else { return false }
        return today >= validUntil.adding(days: -Self.renewalOpensDays)
    }

    /// A renewal asked for later than 30 days before expiry is still received, but the
    /// department need not decide it before the old certificate ends.
    public func renewalInTime(requestedOn day: LocalDate) -> Bool {
        guard let validUntil else { return true }
        return day <= validUntil.adding(days: -Self.noticeDays)
    }

    /// Art. 50: a renewal asked for in time that is still undecided once this certificate has
    /// ended counts as granted. Nothing is deemed for a certificate without an end, or for a
    /// request made later than 30 days before it.
    public func renewalDeemedGranted(requestedOn day: LocalDate, today: LocalDate) -> Bool {
        guard let validUntil else { return false }
        return today > validUntil && renewalInTime(requestedOn: day)
    }

    /// The renewed certificate's term: it starts the day after this one ends (or today, if
    /// this one has no end or has already ended), for `years`.
    public func renewed(years: Int?, today: LocalDate) -> CertificateTerm {
        let start = validUntil.map { max($0.adding(days: 1), today) } ?? today
        return CertificateTerm(validFrom: start, years: years)
    }
}

/// 证照编号: region, issuing department's code, year and a running number, e.g.
/// 513329-ZRJ-2026-000012. The number is public; the verification code beside it is what
/// proves it genuine.
public enum CertificateNumber {
    public static func make(regionCode: String, departmentCode: String, year: Int, sequence: Int) -> String {
        let running = String(sequence)
        return "\(regionCode)-\(departmentCode)-\(year)-" + String(repeating: "0", count: max(0, 6 - running.count)) + running
    }

    /// Whether `number` (normalised) has the form this platform issues: region, department code,
    /// year and a six-digit running number. Others (户口簿, 身份证 from elsewhere) need no look-up.
    public static func isIssuedForm(_ number: String) -> Bool {
        let parts = number.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        let digits = { (part: Substring, count: Int) in part.count == count && part.allSatisfy { $0.isASCII && $0.isNumber } }
        return digits(parts[0], 6) && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isLetter }
            && digits(parts[2], 4) && digits(parts[3], 6)
    }

    /// Normalises what someone typed (case, spaces) before a look-up; nil when it cannot be a number.
    public static func normalised(_ typed: String) -> String? {
        let cleaned = typed.uppercased().filter { !$0.isWhitespace }
        guard (8...40).contains(cleaned.count), cleaned.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        return cleaned
    }
}
