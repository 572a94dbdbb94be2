import Foundation
import Testing
import Vapor
@testable import ZhengwuApp

@Suite("Every UI string comes from the tables, in the reader's language")
struct LocalizationTests {
    let localizer = try! Localizer.load(from: TestApp.packageRoot + "/Resources/Localization")

    @Test func chineseAndEnglishAreComplete() {
        let chinese = localizer.keys(in: "zh-Hans"), english = localizer.keys(in: "en")
        #expect(chinese.subtracting(english).sorted() == [])
        #expect(english.subtracting(chinese).sorted() == [])
    }

    @Test func everyKeyATemplateUsesExists() throws {
        let views = TestApp.packageRoot + "/Resources/Views"
        let regex = try NSRegularExpression(pattern: #"#t\("([a-z0-9_.]+)""#)
        var missing: [String] = []
        for file in FileManager.default.enumerator(atPath: views)!.compactMap({ $0 as? String }) where file.hasSuffix(".leaf") {
            let text = try String(contentsOfFile: views + "/" + file, encoding: .utf8)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                if !localizer.hasKey(key, in: "zh-Hans") { missing.append("\(file): \(key)") }
            }
        }
        #expect(missing == [])
    }

    @Test func placeholdersSurviveTranslation() throws {
        let regex = try NSRegularExpression(pattern: #"\{[a-z_]+\}"#)
        func placeholders(_ text: String) -> Set<String> {
            Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) })
        }
        for key in localizer.keys(in: "zh-Hans") {
            for language in ["en", "bo", "ug"] where localizer.hasKey(key, in: language) {
                #expect(placeholders(localizer.text(key, language: language)) == placeholders(localizer.text(key, language: "zh-Hans")),
                        "\(language) \(key)")
            }
        }
    }

    @Test func theLanguageSwitchChangesThePageAndRemembersIt() async throws {
        try await withTestApp { t in
            let browser = t.portal
            let switched = try await browser.get("/preferences/language?to=en&back=/tools/deadline")
            #expect(switched.location == "/tools/deadline")
            let page = try await browser.get("/tools/deadline")
            #expect(page.contains("<html lang=\"en\" dir=\"ltr\">"))
            #expect(page.contains("Deadline calculator") || page.contains("deadline"))
            #expect(!page.contains("办理时限计算器"))
        }
    }

    @Test func uyghurIsRightToLeft() async throws {
        try await withTestApp { t in
            let browser = t.portal
            try await browser.get("/preferences/language?to=ug&back=/")
            #expect(try await browser.get("/").contains("<html lang=\"ug\" dir=\"rtl\">"))
        }
    }

    @Test func elderModeIsRemembered() async throws {
        try await withTestApp { t in
            let browser = t.portal
            try await browser.get("/preferences/elder?on=1&back=/")
            #expect(try await browser.get("/").contains("class=\"portal elder\""))
        }
    }

    @Test func errorPagesUseTheLayoutAndTheReadersLanguage() async throws {
        try await withTestApp { t in
            let browser = t.portal
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en-US,en;q=0.8")
            let page = try await browser.get("/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.contains("class=\"skip-link\""))
            #expect(page.contains("lang=\"en\""))
            #expect(!page.contains("页面不存在"))
        }
    }

    @Test func offSiteRedirectsAreRefused() async throws {
        try await withTestApp { t in
            for back in ["https://evil.example/", "//evil.example/", "/\\evil.example"] {
                let page = try await t.portal.get("/preferences/elder?on=1&back=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(page.location == "/")
            }
        }
    }
}
