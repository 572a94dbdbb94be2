import Testing
@testable import ZhengwuCore

@Suite("Storage trouble")
struct StorageTroubleTests {
    @Test(arguments: [
        ("SQLiteError(reason: full, message: \"database or disk is full\")", StorageTrouble.full),
        ("could not extend file \"base/16384/2619\": No space left on device (53100)", .full),
        ("SQLiteError(reason: readOnly, message: \"attempt to write a readonly database\")", .readOnly),
        ("disk I/O error: Read-only file system", .readOnly),
        ("cannot execute INSERT in a read-only transaction (25006)", .readOnly),
    ])
    func recognised(description: String, trouble: StorageTrouble) {
        #expect(StorageTrouble.classify(description) == trouble)
    }

    @Test func otherFaultsAreNot() {
        #expect(StorageTrouble.classify("UNIQUE constraint failed: tickets.number") == nil)
        #expect(StorageTrouble.classify("connection reset by peer") == nil)
    }
}
