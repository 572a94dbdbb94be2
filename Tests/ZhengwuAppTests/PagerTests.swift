import Testing
@testable import ZhengwuApp

@Suite("Paging links")
struct PagerTests {
    @Test func linksRunBetweenTheFirstAndLastPage() {
        let middle = Pager(number: 2, total: 120, path: "/admin/staff", query: "q=%E5%BC%A0")
        #expect(middle.count == 3)
        #expect(middle.previous == "/admin/staff?q=%E5%BC%A0&page=1")
        #expect(middle.next == "/admin/staff?q=%E5%BC%A0&page=3")
        #expect(middle.range == 50..<100)
        let last = Pager(number: 3, total: 120, path: "/admin/departments")
        #expect(last.next == nil && last.previous == "/admin/departments?page=2")
        let empty = Pager(number: 1, total: 0, path: "/x")
        #expect(empty.count == 1 && empty.previous == nil && empty.next == nil)
    }

    @Test func aPageBeyondTheEndLinksBackToTheLastPage() {
        let beyond = Pager(number: 9, total: 51, path: "/x")
        #expect(beyond.previous == "/x?page=2")
        #expect(beyond.next == nil)
    }
}
