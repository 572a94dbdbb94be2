import Testing
@testable import ZhengwuCore

@Suite("Typed text")
struct TypedTextTests {
    @Test(arguments: [
        ("张三\u{202E}fdp.exe", "张三fdp.exe"),          // a right-to-left override
        ("a\u{2066}b\u{2069}c", "abc"),                 // isolates
        ("第一行\n第二行\tX", "第一行\n第二行\tX"),          // line breaks and tabs stay
        ("nul\u{0}bell\u{7}", "nulbell"),               // control characters go
        ("ئۇيغۇرچە 😀", "ئۇيغۇرچە 😀"),                   // right-to-left script and emoji stay
    ])
    func cleaned(text: String, expected: String) {
        #expect(TypedText.clean(text) == expected)
    }
}
