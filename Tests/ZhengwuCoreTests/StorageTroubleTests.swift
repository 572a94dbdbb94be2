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

@Suite("Database outages")
struct DatabaseOutageTests {
    @Test(arguments: [
        "PSQLError(code: serverClosedConnection, underlying: nil)",
        "PSQLError(code: connectionError, underlying: NIOConnectionError(host: 127.0.0.1, port: 5432, dnsAError: nil))",
        "PSQLError(code: server, serverInfo: [sqlState: 57P01, message: terminating connection due to administrator command])",
        "PSQLError(code: server, serverInfo: [sqlState: 57P03, message: the database system is starting up])",
        "connectionRequestTimeout",
        "PostgreSQL connection closed by the server (serverClosedConnection)",
    ])
    func recognised(description: String) {
        #expect(DatabaseOutage.matches(description))
    }

    @Test func faultsOfThePlatformAreNot() {
        #expect(!DatabaseOutage.matches("PSQLError(code: server, serverInfo: [sqlState: 23505, message: duplicate key value])"))
        #expect(!DatabaseOutage.matches("UNIQUE constraint failed: tickets.number"))
    }
}
