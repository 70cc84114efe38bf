import CSQLite
import Foundation

/// An error from SQLite, with the statement that failed.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// SQLite's message.
    public let message: String
    /// What shipaudit was doing.
    public let context: String

    /// SQLite's extended result code (0: not from SQLite).
    public let code: Int32
    /// The system's error number behind an I/O failure (0: none).
    public let systemError: Int32

    /// The one line a user sees: the file, the cause, the hint.
    public func line(_ path: String) -> String {
        let (cause, hint) = plain
        return "\(path): \(cause)" + (hint.isEmpty ? "" : " (\(hint))")
    }

    /// Creates an error.
    public init(message: String, context: String, code: Int32 = 0, systemError: Int32 = 0) {
        (self.message, self.context, self.code, self.systemError) = (message, context, code, systemError)
    }

    public var description: String { "\(context): \(message)" }

    /// What went wrong in plain words, and what to do, without SQL: for the one line a user sees.
    public var plain: (cause: String, hint: String) {
        if code == 0 && systemError == 0 { return (message, "") }
        let primary = code & 0xFF
        if systemError == ENOSPC || systemError == EDQUOT || primary == SQLITE_FULL {
            return ("the disk is full", "free some disk space")
        }
        switch primary {
        case SQLITE_NOTADB:
            return (
                "is not a shipaudit history (not an SQLite database)",
                "point --history at the history file, or move this file away to start a new history"
            )
        case SQLITE_CORRUPT:
            return ("the history is damaged", "restore it from a backup, or move it away to start a new history")
        case SQLITE_BUSY, SQLITE_LOCKED:
            return ("the history is locked by another process", "wait for it to finish, then run again")
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH:
            return ("the history cannot be written", "check its permissions and the directory's")
        case SQLITE_CANTOPEN:
            return ("the history cannot be opened", "check the path and that its directory exists and is writable")
        case SQLITE_IOERR:
            return (
                "the disk failed while writing the history"
                    + (systemError != 0 ? " (\(String(cString: strerror(systemError))))" : ""),
                "check the disk"
            )
        default:
            return (
                "the history could not be used: \(message)", "check the file, or move it away to start a new history"
            )
        }
    }
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
            let code = handle.map { sqlite3_extended_errcode($0) } ?? SQLITE_CANTOPEN
            let system = handle.map { sqlite3_system_errno($0) } ?? 0
            sqlite3_close(handle)
            throw DatabaseError(message: message, context: "opening \(path)", code: code, systemError: system)
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
            throw failure(message, String(sql.prefix(60)))
        }
    }

    /// The error for the call that just failed, with SQLite's codes.
    private func failure(_ message: String, _ context: String) -> DatabaseError {
        DatabaseError(
            message: message, context: context, code: sqlite3_extended_errcode(handle),
            systemError: sqlite3_system_errno(handle))
    }

    /// Runs one statement with bound values; returns its rows as text columns (nil for NULL).
    @discardableResult
    public func query(_ sql: String, _ values: [Value] = []) throws -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw failure(String(cString: sqlite3_errmsg(handle)), String(sql.prefix(60)))
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
                throw failure(String(cString: sqlite3_errmsg(handle)), "binding \(String(sql.prefix(40)))")
            }
        }
        var rows: [[String?]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw failure(String(cString: sqlite3_errmsg(handle)), String(sql.prefix(60)))
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
