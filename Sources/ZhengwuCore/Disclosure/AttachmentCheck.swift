/// What may be attached to a publication: PDF, images, and office documents (Word, Excel,
/// PowerPoint, OpenDocument, and the older binary formats that government offices still send).
/// As for application materials, the type is decided by content: a ZIP must hold the parts of
/// the format its name claims, an OLE compound file may only carry an office name, and
/// macro-enabled documents are refused (a published attachment is opened by the public).
public enum AttachmentCheck {
    public enum FileType: String, Codable, Sendable, CaseIterable {
        case pdf, jpeg, png, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt

        public var contentType: String {
            switch self {
            case .pdf: "application/pdf"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            case .odt: "application/vnd.oasis.opendocument.text"
            case .ods: "application/vnd.oasis.opendocument.spreadsheet"
            case .odp: "application/vnd.oasis.opendocument.presentation"
            case .doc: "application/msword"
            case .xls: "application/vnd.ms-excel"
            case .ppt: "application/vnd.ms-powerpoint"
            }
        }

        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    public enum Rejection: Error, Equatable, Sendable, UserFacingError {
        case empty
        case tooLarge(maxMegabytes: Int)
        case unsupportedType
        case macros

        public var message: LocalizedMessage {
            switch self {
            case .empty: LocalizedMessage("upload.empty")
            case .tooLarge(let max): LocalizedMessage("upload.too_large", ["max": String(max)])
            case .unsupportedType: LocalizedMessage("attachment.unsupported_type")
            case .macros: LocalizedMessage("attachment.macros")
            }
        }
    }

    public static let maxBytes = 20 * 1024 * 1024
    public static let maxPerEdition = 20

    /// The type of `bytes`, given the name they were uploaded under (used only to tell apart
    /// formats that share a container, never to accept what the content does not show).
    public static func check(_ bytes: [UInt8], name: String) throws(Rejection) -> FileType {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge(maxMegabytes: maxBytes / 1024 / 1024) }
        if let simple = try? UploadCheck.check(bytes) {
            switch simple {
            case .pdf: return .pdf
            case .jpeg: return .jpeg
            case .png: return .png
            }
        }
        let claimed = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let names = ZipDirectory.entryNames(bytes) else { throw .unsupportedType }
            if names.contains(where: { $0.lowercased().hasSuffix("vbaproject.bin") }) { throw .macros }
            let required: [FileType: String] = [
                .docx: "word/document.xml", .xlsx: "xl/workbook.xml", .pptx: "ppt/presentation.xml",
                .odt: "content.xml", .ods: "content.xml", .odp: "content.xml",
            ]
            guard let type = FileType(rawValue: claimed), let part = required[type], names.contains(part) else { throw .unsupportedType }
            if [.odt, .ods, .odp].contains(type), !names.contains("mimetype") { throw .unsupportedType }
            return type
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            guard let type = FileType(rawValue: claimed), [.doc, .xls, .ppt].contains(type) else { throw .unsupportedType }
            return type
        }
        throw .unsupportedType
    }

    /// A file name fit to show, ending in the checked type's extension (see UploadCheck).
    public static func displayName(_ raw: String, type: FileType) -> String {
        let shown = UploadCheck.displayName(raw, type: .pdf)
        return String(shown.dropLast(4)) + "." + type.fileExtension
    }
}

/// The entry names of a ZIP archive, read from its central directory.
enum ZipDirectory {
    static func entryNames(_ bytes: [UInt8]) -> [String]? {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // The end record is at least 22 bytes and may be followed by a comment of up to 64 KiB.
        guard bytes.count >= 22 else { return nil }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }
        let count = u16(end + 10)
        var at = u32(end + 16)
        var names: [String] = []
        for _ in 0..<count {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { return nil }
            let nameLength = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32)
            guard at + 46 + nameLength <= bytes.count else { return nil }
            names.append(String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self))
            at += 46 + nameLength + extra + comment
        }
        return names
    }
}
