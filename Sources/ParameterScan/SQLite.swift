import _CSQLite

/// A SQLite error with the database file and SQLite's own message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary result code (SQLITE_FULL = 13: the disk or the file's page limit is full).
    public let code: Int32
    public let message: String
    public let path: String
    public var isFull: Bool { code & 0xff == SQLITE_FULL }
    public var description: String { "\(path): \(message) (SQLite code \(code))" }
}

/// One connection to a SQLite file: the only place that calls the C API. Not Sendable: one owner (the scan's writer).
final class SQLiteDatabase {
    let path: String
    private var handle: OpaquePointer?

    /// Opens (creating it if `create`) the file. A file that is not a SQLite database fails at the first statement
    /// (SQLite reads lazily), which `ScanStore` issues right away.
    init(path: String, create: Bool, readOnly: Bool = false) throws {
        self.path = path
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            handle = nil
            throw SQLiteError(code: status, message: message, path: path)
        }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), path: path)
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw error(status) }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status) }
        return SQLiteStatement(database: self, statement: statement)
    }

    /// BEGIN IMMEDIATE … COMMIT, rolled back if `body` throws (the file is never left half-written).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

/// A prepared statement; values are bound by 1-based position.
final class SQLiteStatement {
    let database: SQLiteDatabase
    private let statement: OpaquePointer
    /// SQLite copies bound text (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(database: SQLiteDatabase, statement: OpaquePointer) {
        self.database = database; self.statement = statement
    }
    deinit { sqlite3_finalize(statement) }

    enum Value: Equatable, Sendable {
        case null, integer(Int64), real(Double), text(String)
    }

    func bind(_ values: [Value]) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (i, value) in values.enumerated() {
            let k = Int32(i + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, k)
            case .integer(let x): status = sqlite3_bind_int64(statement, k, x)
            // NaN would become NULL silently and ±∞ is not what a reader expects: the caller maps them to NULL.
            case .real(let x): status = x.isFinite ? sqlite3_bind_double(statement, k, x) : sqlite3_bind_null(statement, k)
            case .text(let s): status = sqlite3_bind_text(statement, k, s, -1, Self.transient)
            }
            guard status == SQLITE_OK else { throw database.error(status) }
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [Value] = []) throws {
        try bind(values)
        let status = sqlite3_step(statement)
        guard status == SQLITE_DONE || status == SQLITE_ROW else { throw database.error(status) }
        sqlite3_reset(statement)
    }

    /// All rows of a query, each as its column values.
    func rows(_ values: [Value] = []) throws -> [[Value]] {
        try bind(values)
        var result = [[Value]]()
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw database.error(status) }
            let n = sqlite3_column_count(statement)
            result.append((0..<n).map { column($0) })
        }
        sqlite3_reset(statement)
        return result
    }

    var columnNames: [String] {
        (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    private func column(_ i: Int32) -> Value {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, i))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, i)))
        default: return .null
        }
    }
}

extension SQLiteStatement.Value {
    var double: Double? {
        switch self {
        case .real(let x): return x
        case .integer(let x): return Double(x)
        default: return nil
        }
    }
    var int: Int? { if case .integer(let x) = self { return Int(x) } else { return nil } }
    var string: String? { if case .text(let s) = self { return s } else { return nil } }
    init(_ x: Double?) { self = x.map { .real($0) } ?? .null }
    init(_ s: String?) { self = s.map { .text($0) } ?? .null }
}
