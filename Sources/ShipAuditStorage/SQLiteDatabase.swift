import CSQLite
import Foundation

/// An error from SQLite, with the statement that failed.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's message.
    public let message: String
    /// What shipaudit was doing.
    public let context: String

    /// Creates an error.
    public init(message: String, context: String) { (self.message, self.context) = (message, context) }

    public var description: String { "\(context): \(message)" }
}

/// One SQLite connection, owned: opened in `init`, closed in `deinit`. Every return code is checked where it is
/// called and turned into a `DatabaseError`. Nothing outside the History folder imports CSQLite.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// A bindable value.
    public enum Value {
        case text(String)
        case int(Int)
        case null
    }

    public init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw DatabaseError(message: message, context: "opening \(path)")
        }
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit { sqlite3_close(handle) }

    /// Runs statements without results.
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw DatabaseError(message: message, context: String(sql.prefix(60)))
        }
    }

    /// Runs one statement with bound values; returns its rows as text columns (nil for NULL).
    @discardableResult
    public func query(_ sql: String, _ values: [Value] = []) throws -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw DatabaseError(message: String(cString: sqlite3_errmsg(handle)), context: String(sql.prefix(60)))
        }
        defer { sqlite3_finalize(statement) }
        // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .text(let text): code = sqlite3_bind_text(statement, position, text, -1, transient)
            case .int(let number): code = sqlite3_bind_int64(statement, position, Int64(number))
            case .null: code = sqlite3_bind_null(statement, position)
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(
                    message: String(cString: sqlite3_errmsg(handle)), context: "binding \(String(sql.prefix(40)))")
            }
        }
        var rows: [[String?]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(message: String(cString: sqlite3_errmsg(handle)), context: String(sql.prefix(60)))
            }
            let count = sqlite3_column_count(statement)
            rows.append(
                (0..<count).map { column in
                    sqlite3_column_text(statement, column).map { String(cString: $0) }
                })
        }
        return rows
    }
}
