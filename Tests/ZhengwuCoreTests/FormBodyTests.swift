import Testing
@testable import ZhengwuCore

@Suite("Form bodies")
struct FormBodyTests {
    @Test(arguments: [
        ("name=%E5%BC%A0%E4%B8%89&_csrf=abc", true),     // 张三, as browsers encode it
        ("content=a+b&empty=&flag", true),              // spaces as +, empty values, a bare name
        ("", true),
        ("name=%E5%BC", false),                          // a character cut in half
        ("name=%FF%FE", false),                          // bytes that are not UTF-8
        ("name=%G1", false),                             // not an escape
        ("name=abc%", false),                            // an escape cut off
    ])
    func urlEncoded(body: String, wellFormed: Bool) {
        #expect(FormBody.isWellFormed(Array(body.utf8), as: .urlEncoded) == wellFormed)
    }

    @Test func rawBytesThatAreNotUTF8AreRefusedInURLEncodedBodies() {
        #expect(!FormBody.isWellFormed(Array("name=".utf8) + [0xE6, 0xB5], as: .urlEncoded))
    }

    static let boundary = "----zw7MA4YWxkTrZu0gW"

    static func multipart(_ parts: [(headers: String, content: [UInt8])], closed: Bool = true) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        if closed { body += Array("--\(boundary)--\r\n".utf8) }
        return body
    }

    static let field = "Content-Disposition: form-data; name=\"content\""
    static let file = "Content-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg"

    @Test func aCompleteMultipartBodyWithTextAndABinaryFileIsAccepted() {
        let body = Self.multipart([(Self.field, Array("路灯不亮 😀".utf8)), (Self.file, [0xFF, 0xD8, 0xFF, 0x00, 0x0D, 0x0A, 0xFE])])
        #expect(FormBody.isWellFormed(body, as: .multipart(boundary: Self.boundary)))
    }

    @Test func aBodyWithoutItsClosingBoundaryIsRefused() {
        let body = Self.multipart([(Self.field, Array("路灯不亮".utf8))], closed: false)
        #expect(!FormBody.isWellFormed(body, as: .multipart(boundary: Self.boundary)))
    }

    @Test func aPartCutOffBeforeItsContentIsRefused() {
        let body = Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"x\"\r\n".utf8)
        #expect(!FormBody.isWellFormed(body, as: .multipart(boundary: Self.boundary)))
    }

    @Test func textThatIsNotUTF8IsRefusedButFilesMayHoldAnyBytes() {
        let text = Self.multipart([(Self.field, [0xE8, 0xB7])])
        #expect(!FormBody.isWellFormed(text, as: .multipart(boundary: Self.boundary)))
        let file = Self.multipart([(Self.file, [0xE8, 0xB7])])
        #expect(FormBody.isWellFormed(file, as: .multipart(boundary: Self.boundary)))
    }

    @Test func aBodyWithAnotherBoundaryOrNoPartHeadersIsRefused() {
        let body = Self.multipart([(Self.field, Array("x".utf8))])
        #expect(!FormBody.isWellFormed(body, as: .multipart(boundary: "other")))
        let headless = Array("--\(Self.boundary)\r\nno headers here\r\n--\(Self.boundary)--\r\n".utf8)
        #expect(!FormBody.isWellFormed(headless, as: .multipart(boundary: Self.boundary)))
    }
}
