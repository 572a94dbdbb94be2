/// What an uploaded material may be. The type is decided by the file's first bytes, never by
/// its name or the browser's claim, so a renamed executable is refused.
public enum UploadCheck {
    public enum FileType: String, Codable, Sendable, CaseIterable {
        case pdf, jpeg, png
        public var contentType: String {
            switch self {
            case .pdf: "application/pdf"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }
        public var fileExtension: String {
            switch self {
            case .pdf: "pdf"
            case .jpeg: "jpg"
            case .png: "png"
            }
        }
    }

    public enum Rejection: Error, Equatable, Sendable, UserFacingError {
        case empty
        case tooLarge(maxMegabytes: Int)
        case unsupportedType
        case tooManyFiles(max: Int)

        public var message: LocalizedMessage {
            switch self {
            case .empty: LocalizedMessage("upload.empty")
            case .tooLarge(let max): LocalizedMessage("upload.too_large", ["max": String(max)])
            case .unsupportedType: LocalizedMessage("upload.unsupported_type")
            case .tooManyFiles(let max): LocalizedMessage("upload.too_many", ["max": String(max)])
            }
        }
    }

    public static let maxBytes = 10 * 1024 * 1024
    /// Per material slot, and per application in all.
    public static let maxFilesPerMaterial = 5
    public static let maxFilesPerApplication = 40

    /// The sniffed type of `bytes`, or why they are refused.
    public static func check(_ bytes: some Collection<UInt8>) throws(Rejection) -> FileType {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge(maxMegabytes: maxBytes / 1024 / 1024) }
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        throw .unsupportedType
    }

    /// A file name fit to show: no directories, no control characters, at most 100 characters,
    /// ending in the sniffed type's extension.
    public static func displayName(_ raw: String, type: FileType) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(base.unicodeScalars.filter { ![.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }
            .map(Character.init))
        if let dot = cleaned.lastIndex(of: ".") { cleaned = String(cleaned[..<dot]) }
        cleaned = String(cleaned.prefix(100)).trimmingCharacters(in: .whitespaces)
        return (cleaned.isEmpty ? "file" : cleaned) + "." + type.fileExtension
    }
}
