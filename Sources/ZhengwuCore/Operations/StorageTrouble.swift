/// Tells a database error that means "cannot write now" (the disk is full, or the database or
/// its file system is read-only) from a fault in the platform: the first is answered with 503 and
/// a plain explanation while reads go on, and passes when space or write access returns.
///
/// The drivers' error types are not shared, so this reads their messages: SQLite's result texts
/// and PostgreSQL's SQLSTATE codes (53100 disk_full, 25006 read_only_sql_transaction) and the
/// operating system's ENOSPC and EROFS texts they pass on.
public enum StorageTrouble: String, Sendable {
    case full
    case readOnly

    public static func classify(_ description: String) -> StorageTrouble? {
        let text = description.lowercased()
        if ["database or disk is full", "no space left on device", "53100", "disk_full", "sqlite_full"].contains(where: text.contains) {
            return .full
        }
        if ["attempt to write a readonly database", "read-only file system", "readonly", "25006", "read-only transaction"]
            .contains(where: text.contains) {
            return .readOnly
        }
        return nil
    }
}

/// Tells a database error that means "the database cannot be reached now" (PostgreSQL is
/// stopped, restarting or recovering, or the connection to it was cut) from a fault in the
/// platform: answered with 503 and a plain explanation, and it passes by itself once the database
/// is back, since the connection pool opens fresh connections.
///
/// Read from the drivers' messages as StorageTrouble is: PostgresNIO's error codes, the
/// SQLSTATE codes of class 08 (connection exception) and 57P01-57P03 (shutting down, starting
/// up), and the pool's wait for a connection running out.
public enum DatabaseOutage {
    public static func matches(_ description: String) -> Bool {
        let text = description.lowercased()
        return ["connectionerror", "serverclosedconnection", "clientclosedconnection", "uncleanshutdown",
                "57p01", "57p02", "57p03", "sqlstate: 08", "connection refused", "connectionrequesttimeout"]
            .contains(where: text.contains)
    }
}
