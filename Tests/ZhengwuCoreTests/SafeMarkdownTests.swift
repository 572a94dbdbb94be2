import Foundation
import Testing
import ZhengwuCore

@Suite("Publication bodies: Markdown rendered safely")
struct SafeMarkdownTests {
    @Test("raw HTML in the source is shown as text, never passed through")
    func rawHTMLEscaped() {
        let html = SafeMarkdown.html("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> & \"引号\"")
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;引号&quot;</p>\n")
        #expect(SafeMarkdown.html("**<b>粗</b>**") == "<p><strong>&lt;b&gt;粗&lt;/b&gt;</strong></p>\n")
        #expect(SafeMarkdown.html("```\n<div>代码</div>\n```") == "<pre><code>&lt;div&gt;代码&lt;/div&gt;</code></pre>\n")
    }

    @Test("links only to http(s), mail and this site; others keep their label as text")
    func links() {
        #expect(SafeMarkdown.html("见[通知](/disclosure/1)。") == "<p>见<a href=\"/disclosure/1\">通知</a>。</p>\n")
        #expect(SafeMarkdown.html("[官网](https://www.gov.cn/?a=1&b=\"2\")")
            == "<p><a href=\"https://www.gov.cn/?a=1&amp;b=&quot;2&quot;\">官网</a></p>\n")
        for target in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example", "vbscript:x"] {
            #expect(SafeMarkdown.html("[点此](\(target))") == "<p>点此</p>\n", "\(target)")
        }
    }

    @Test("headings, lists, quotes, rules, tables and inline marks")
    func blocks() {
        let source = """
        # 关于做好2026年政务公开工作的通知

        各乡（镇）人民政府，县直各部门：
        现将有关事项通知如下。

        1. 加强**主动公开**
        2. 规范*依申请公开*

        - 第一项
        - 第二项

        > 原文照登

        ---

        | 项目 | 数量 |
        |---|---:|
        | 规章 | 3 |

        联系电话：`0836-12345`
        """
        #expect(SafeMarkdown.html(source) == """
        <h1>关于做好2026年政务公开工作的通知</h1>
        <p>各乡（镇）人民政府，县直各部门：<br>现将有关事项通知如下。</p>
        <ol>
        <li>加强<strong>主动公开</strong></li>
        <li>规范<em>依申请公开</em></li>
        </ol>
        <ul>
        <li>第一项</li>
        <li>第二项</li>
        </ul>
        <blockquote><p>原文照登</p></blockquote>
        <hr>
        <div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">项目</th><th scope="col">数量</th></tr></thead><tbody>
        <tr><td>规章</td><td>3</td></tr>
        </tbody></table></div>
        <p>联系电话：<code>0836-12345</code></p>

        """)
        // Marks that do not close stay as written.
        #expect(SafeMarkdown.html("3*4 与 **未闭合") == "<p>3*4 与 **未闭合</p>\n")
        #expect(SafeMarkdown.html("#不是标题") == "<p>#不是标题</p>\n")
    }

    @Test("whatever the source, the output holds only the renderer's own tags and safe links")
    func onlyOwnMarkup() throws {
        let pieces = ["<", ">", "\"", "'", "&", "*", "**", "`", "[", "]", "(", ")", "javascript:", "//x", "/p", "https://a",
                      "a", "3", "中", " ", "\n", "\n\n", "# ", "- ", "1. ", "> ", "|", "---", "```", "onerror="]
        let allowed = try NSRegularExpression(pattern: """
            ^</?(p|br|h[1-6]|strong|em|code|pre|ol|ul|li|blockquote|hr|table|thead|tbody|tr|td|div|a)( href="(https?://|mailto:|/[^/]|#)[^"<>]*"| class="(table-wrap|data-table)"| scope="col")?>
            """)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let source = (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let html = SafeMarkdown.html(source)
            var rest = Substring(html)
            while let open = rest.firstIndex(of: "<") {
                let tail = String(rest[open...])
                let found = allowed.firstMatch(in: tail, range: NSRange(tail.startIndex..., in: tail))
                #expect(found != nil, "\(source) → \(html)")
                guard let found, let range = Range(found.range, in: tail) else { break }
                rest = rest[rest.index(open, offsetBy: tail.distance(from: tail.startIndex, to: range.upperBound))...]
            }
        }
    }
}
