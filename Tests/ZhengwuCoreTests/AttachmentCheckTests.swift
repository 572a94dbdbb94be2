import Testing
@testable import ZhengwuCore

@Suite("Publication attachments are recognised by content")
struct AttachmentCheckTests {
    /// A stored (uncompressed) ZIP with the given entries, enough for the central directory.
    static func zip(_ names: [String]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        var local: [UInt8] = [], central: [UInt8] = []
        for name in names {
            let offset = local.count, bytes = Array(name.utf8)
            local += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0) + le32(0) + le32(0)
                + le16(bytes.count) + le16(0) + bytes
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0) + le32(0) + le32(0)
                + le16(bytes.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + bytes
        }
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(names.count) + le16(names.count)
            + le32(central.count) + le32(local.count) + le16(0)
        return local + central + end
    }

    @Test func officeDocumentsMustHoldTheirParts() throws {
        let docx = Self.zip(["[Content_Types].xml", "word/document.xml"])
        #expect(try AttachmentCheck.check(docx, name: "通知.docx") == .docx)
        // A ZIP renamed to .docx, or a workbook named as a document, is refused.
        #expect(throws: AttachmentCheck.Rejection.unsupportedType) { try AttachmentCheck.check(Self.zip(["a.txt"]), name: "x.docx") }
        #expect(throws: AttachmentCheck.Rejection.unsupportedType) { try AttachmentCheck.check(docx, name: "x.xlsx") }
        #expect(throws: AttachmentCheck.Rejection.unsupportedType) { try AttachmentCheck.check(docx, name: "x.zip") }
        #expect(try AttachmentCheck.check(Self.zip(["mimetype", "content.xml"]), name: "表.ods") == .ods)
    }

    @Test func macrosAreRefused() {
        let docm = Self.zip(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"])
        #expect(throws: AttachmentCheck.Rejection.macros) { try AttachmentCheck.check(docm, name: "通知.docx") }
    }

    @Test func legacyFormatsNeedAnOfficeName() throws {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        #expect(try AttachmentCheck.check(ole, name: "统计.XLS") == .xls)
        #expect(throws: AttachmentCheck.Rejection.unsupportedType) { try AttachmentCheck.check(ole, name: "setup.msi") }
    }

    @Test func pdfAndImagesAsForMaterials() throws {
        #expect(try AttachmentCheck.check(Array("%PDF-1.7\n".utf8), name: "whatever.docx") == .pdf)
        #expect(throws: AttachmentCheck.Rejection.empty) { try AttachmentCheck.check([], name: "a.pdf") }
        #expect(throws: AttachmentCheck.Rejection.unsupportedType) { try AttachmentCheck.check(Array("MZ\u{90}".utf8), name: "a.pdf") }
        #expect(throws: AttachmentCheck.Rejection.unsupportedType) { try AttachmentCheck.check([0x50, 0x4B, 0x03, 0x04, 1, 2], name: "a.docx") }
        #expect(AttachmentCheck.displayName("../../通知（2026）.exe", type: .docx) == "通知（2026）.docx")
    }
}
