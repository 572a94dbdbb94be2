import Testing
@testable import ZhengwuCore

@Suite("Uploaded materials: type by content, safe display names")
struct UploadCheckTests {
    // Real file beginnings, written from the format specifications, followed by some body.
    static let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array("IHDR".utf8)
    /// A Windows executable: "MZ", then the DOS header.
    static let windowsExecutable: [UInt8] = Array("MZ".utf8) + [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]
    /// A Linux executable.
    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]

    func type(_ bytes: [UInt8]) throws(UploadCheck.Rejection) -> UploadCheck.FileType {
        try UploadCheck.check(bytes)
    }

    @Test func acceptedTypesAreRecognisedByTheirFirstBytes() throws {
        #expect(try type(Self.pdf) == .pdf)
        #expect(try type(Self.jpeg) == .jpeg)
        #expect(try type(Self.png) == .png)
        #expect(UploadCheck.FileType.pdf.contentType == "application/pdf")
        #expect(UploadCheck.FileType.jpeg.contentType == "image/jpeg")
        #expect(UploadCheck.FileType.png.contentType == "image/png")
    }

    @Test func aRenamedWindowsExecutableIsRefused() {
        // "营业执照.pdf" that is really a program: the name never decides the type, and the
        // check has no way to be told it.
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Self.windowsExecutable) }
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Self.windowsExecutable + Self.pdf) }
    }

    @Test func otherContentIsRefused() {
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Self.elf) }
        // Markup can carry scripts when served back.
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Array("<svg xmlns=\"http://www.w3.org/2000/svg\">".utf8)) }
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Array("<html><script>".utf8)) }
        // A zip (also .docx) and a truncated signature.
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type([0x50, 0x4B, 0x03, 0x04]) }
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Array(Self.png.prefix(4))) }
        #expect(throws: UploadCheck.Rejection.unsupportedType) { try type(Array("%PD".utf8)) }
    }

    @Test func anEmptyFileIsRefused() {
        #expect(throws: UploadCheck.Rejection.empty) { try type([]) }
        #expect(UploadCheck.Rejection.empty.message == LocalizedMessage("upload.empty"))
    }

    @Test func sizeLimitIsTenMegabytesInclusive() throws {
        // 10 MB is the limit the portal states; a file of exactly that size is accepted.
        let limit = 10 * 1024 * 1024
        #expect(UploadCheck.maxBytes == limit)
        var bytes = Self.pdf + [UInt8](repeating: 0x20, count: limit - Self.pdf.count)
        #expect(try type(bytes) == .pdf)
        bytes.append(0x20)
        #expect(throws: UploadCheck.Rejection.tooLarge(maxMegabytes: 10)) { try type(bytes) }
        #expect(UploadCheck.Rejection.tooLarge(maxMegabytes: 10).message == LocalizedMessage("upload.too_large", ["max": "10"]))
    }

    @Test func tooManyFilesNamesTheLimit() {
        #expect(UploadCheck.Rejection.tooManyFiles(max: 5).message == LocalizedMessage("upload.too_many", ["max": "5"]))
        #expect(UploadCheck.maxFilesPerMaterial <= UploadCheck.maxFilesPerApplication)
    }

    // MARK: Display names

    @Test(arguments: [
        ("C:\\Users\\张三\\Desktop\\营业执照.pdf", "营业执照.pdf"),
        ("C:\\fakepath\\身份证.pdf", "身份证.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("/var/www/uploads/../申请书.pdf", "申请书.pdf"),
        ("folder/", "folder.pdf"),
    ])
    func directoriesAreStripped(raw: String, expected: String) {
        #expect(UploadCheck.displayName(raw, type: .pdf) == expected)
    }

    @Test func controlCharactersAreStripped() {
        let name = UploadCheck.displayName("申请\u{0000}书\r\n\u{0007}\u{001B}.png", type: .png)
        #expect(name == "申请书.png")
    }

    @Test func theRightToLeftOverrideIsStripped() {
        // "发票\u{202E}fdp.exe" shows as "发票exe.pdf" in a browser: the classic disguise.
        let name = UploadCheck.displayName("发票\u{202E}fdp.exe", type: .pdf)
        #expect(!name.unicodeScalars.contains("\u{202E}"))
        #expect(name == "发票fdp.pdf")
    }

    @Test(arguments: ["\u{202D}", "\u{202B}", "\u{2067}", "\u{2066}", "\u{2068}", "\u{200F}", "\u{061C}"])
    func otherBidirectionalControlsAreStrippedToo(control: String) {
        // Left-to-right override, right-to-left embedding/isolate and marks reorder or disguise
        // text the same way as U+202E; keeping any of them reopens the same trick.
        let name = UploadCheck.displayName("发票\(control)fdp.exe", type: .pdf)
        #expect(!name.unicodeScalars.contains { $0.properties.isBidiControl }, "U+\(String(control.unicodeScalars.first!.value, radix: 16, uppercase: true)) kept")
    }

    @Test func theExtensionComesFromTheContent() {
        // A JPEG uploaded as "photo.exe" is shown and served as photo.jpg.
        #expect(UploadCheck.displayName("photo.exe", type: .jpeg) == "photo.jpg")
        #expect(UploadCheck.displayName("scan.PDF", type: .png) == "scan.png")
        #expect(UploadCheck.displayName("户口簿", type: .pdf) == "户口簿.pdf")
        // Only the last extension is replaced; a double one cannot survive as the real one.
        #expect(UploadCheck.displayName("invoice.pdf.exe", type: .pdf).hasSuffix(".pdf"))
    }

    @Test(arguments: ["", "   ", ".pdf", ".htaccess", "\u{0000}\u{0001}", "/"])
    func aNameWithNothingLeftBecomesFile(raw: String) {
        // Never an empty name or a hidden ".pdf" file.
        #expect(UploadCheck.displayName(raw, type: .pdf) == "file.pdf")
    }

    @Test func longNamesAreCut() {
        let name = UploadCheck.displayName(String(repeating: "长", count: 300) + ".pdf", type: .pdf)
        #expect(name.count == 100 + ".pdf".count)
        #expect(name.hasSuffix("长.pdf"))
    }
}
