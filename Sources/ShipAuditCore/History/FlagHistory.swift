import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What changed since the previous run, for the report: new flags, flags still open with their age, flags resolved,
/// and the headline numbers of recent runs.
public struct HistoryChanges: Sendable {
    /// A flag that was open before and still is.
    public struct Open: Sendable {
        public let orderId: String
        public let rule: String
        public let firstSeen: Date
        public let daysOpen: Int
    }

    /// A flag that is no longer raised, or was marked resolved by hand.
    public struct Resolved: Sendable {
        public let orderId: String
        public let rule: String
        public let firstSeen: Date
        public let resolvedAt: Date
        public let note: String?
    }

    /// One past run's headline numbers.
    public struct RunSummary: Sendable {
        public let asOf: Date
        public let orders: Int
        public let flaggedOrders: Int
        public let flags: Int
        public let money: String
    }

    /// (order, rule) of flags first seen in this run.
    public let new: [(orderId: String, rule: String)]
    /// Flags seen before and still raised, oldest first.
    public let stillOpen: [Open]
    /// Flags raised last time and not now.
    public let resolved: [Resolved]
    /// Flags still raised but marked resolved by hand (not counted as open).
    public let resolvedByHand: [Resolved]
    /// Recent runs, oldest first, this one last.
    public let trend: [RunSummary]
    /// The history file.
    public let path: String
}

/// The history of flags across nightly runs in an embedded SQLite file: each flag keyed by (order, rule) with first
/// seen, last seen, resolved; each run with its inputs, as-of, counts and exit code. A run is one transaction.
public final class FlagHistory {
    private let database: SQLiteDatabase
    /// The file.
    public let path: String

    /// The layout of the history's tables this version writes (`PRAGMA user_version`). A history of a newer layout
    /// is refused rather than changed; an older one is brought up to this one by `migrations`.
    public static let schemaVersion = 2

    /// A history file written by a newer shipaudit.
    public struct NewerSchema: Error, CustomStringConvertible {
        public let path: String, version: Int
        public var description: String {
            "\(path): the history was written by a newer shipaudit (layout \(version), this one reads up to "
                + "\(FlagHistory.schemaVersion)) (upgrade shipaudit, or use --history with another file)"
        }
    }

    /// Opens (or creates) the history file.
    public init(path: String) throws {
        self.path = path
        database = try SQLiteDatabase(path: path)
        let version = Int(try database.query("PRAGMA user_version").first?.first.flatMap { $0 } ?? "0") ?? 0
        guard version <= Self.schemaVersion else { throw NewerSchema(path: path, version: version) }
        try database.execute(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS runs (
                id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, as_of TEXT NOT NULL, recorded_at TEXT NOT NULL,
                inputs TEXT NOT NULL, orders INTEGER NOT NULL, flagged_orders INTEGER NOT NULL, flags INTEGER NOT NULL,
                money TEXT NOT NULL, exit_code INTEGER NOT NULL, generator TEXT NOT NULL DEFAULT '');
            CREATE TABLE IF NOT EXISTS flags (
                order_id TEXT NOT NULL, rule TEXT NOT NULL, order_name TEXT NOT NULL, severity TEXT NOT NULL,
                first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, resolved_at TEXT, resolved_note TEXT,
                resolved_by_hand INTEGER NOT NULL DEFAULT 0, message TEXT NOT NULL, action TEXT NOT NULL, evidence TEXT NOT NULL,
                PRIMARY KEY (order_id, rule));
            CREATE TABLE IF NOT EXISTS notes (
                order_id TEXT NOT NULL, rule TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL);
            """)
        // Migrations, from the file's layout up. 0 (before the layout had a number) and 1 have the tables above but
        // for 2's column naming the program that recorded each run.
        if version < 2 {
            let columns = try database.query("PRAGMA table_info(runs)").compactMap { $0.count > 1 ? $0[1] : nil }
            if !columns.contains("generator") {
                try database.execute("ALTER TABLE runs ADD COLUMN generator TEXT NOT NULL DEFAULT ''")
            }
        }
        if version < Self.schemaVersion { try database.execute("PRAGMA user_version = \(Self.schemaVersion)") }
    }

    static func time(_ date: Date) -> String { ReportJSONWriter.timestamp(date) }
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? TimestampParser(timeZone: TimeZone(identifier: "UTC")!).parse(text).get()
    }

    /// Records a run and returns what changed. The same fingerprint (as-of, inputs, settings) a second time changes
    /// nothing and returns the same changes. `beforeCommit` runs inside the transaction (the caller writes its
    /// reports to temporary names there); if it throws, or the process dies, the history stays as it was.
    /// The fingerprint of the last run recorded (nil: none yet).
    public func lastFingerprint() throws -> String? {
        try database.query("SELECT fingerprint FROM runs ORDER BY id DESC LIMIT 1").first?.first ?? nil
    }

    public func record(
        _ report: Report, fingerprint: String, exitCode: Int,
        beforeCommit: (HistoryChanges) throws -> Void
    ) throws -> HistoryChanges {
        let asOf = Self.time(report.asOf)
        try database.execute("BEGIN IMMEDIATE")
        do {
            let known = try database.query("SELECT id FROM runs WHERE fingerprint = ?", [.text(fingerprint)])
            if known.isEmpty {
                try apply(report, asOf: asOf)
                let inputs = JSONValue.array(
                    report.inputs.map { input in
                        .object([
                            ("path", .string(input.path)), ("kind", .string(input.kind.rawValue)),
                            ("bytes", .int(input.bytes)),
                            ("checksum", .string(input.checksum)), ("rows_read", .int(input.rowsRead)),
                        ])
                    }
                ).rendered()
                try database.query(
                    """
                    INSERT INTO runs (fingerprint, as_of, recorded_at, inputs, orders, flagged_orders, flags, money, exit_code,
                        generator)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(fingerprint), .text(asOf), .text(Self.time(Date())), .text(inputs),
                        .int(report.coverage.orders),
                        .int(report.flaggedOrders), .int(report.findings.count),
                        .text(report.moneyAtStake.map(\.description).joined(separator: ", ")), .int(exitCode),
                        .text("\(Generator.name) \(Generator.version)"),
                    ])
            }
            let changes = try self.changes(report, asOf: asOf)
            try beforeCommit(changes)
            try database.execute("COMMIT")
            return changes
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    private func apply(_ report: Report, asOf: String) throws {
        var current: Set<String> = []
        for finding in report.findings {
            current.insert("\(finding.orderId)\u{0}\(finding.rule)")
            let evidence = PackedJSON.rendered(finding.packedEvidence)
            let existing = try database.query(
                "SELECT resolved_at, resolved_by_hand FROM flags WHERE order_id = ? AND rule = ?",
                [.text(finding.orderId), .text(finding.rule)])
            if let row = existing.first {
                let byHand = row[1] == "1"
                // A flag resolved on its own and raised again starts over; one resolved by hand stays resolved.
                let reopened = row[0] != nil && !byHand
                try database.query(
                    """
                    UPDATE flags SET last_seen = ?, severity = ?, message = ?, action = ?, evidence = ?, order_name = ?,
                    first_seen = CASE WHEN ? THEN ? ELSE first_seen END,
                    resolved_at = CASE WHEN ? THEN NULL ELSE resolved_at END
                    WHERE order_id = ? AND rule = ?
                    """,
                    [
                        .text(asOf), .text(finding.severity.rawValue), .text(finding.message), .text(finding.action),
                        .text(evidence), .text(finding.orderName), .int(reopened ? 1 : 0), .text(asOf),
                        .int(reopened ? 1 : 0),
                        .text(finding.orderId), .text(finding.rule),
                    ])
            } else {
                try database.query(
                    """
                    INSERT INTO flags (order_id, rule, order_name, severity, first_seen, last_seen, message, action, evidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(finding.orderId), .text(finding.rule), .text(finding.orderName),
                        .text(finding.severity.rawValue),
                        .text(asOf), .text(asOf), .text(finding.message), .text(finding.action), .text(evidence),
                    ])
            }
        }
        // Open flags not raised now are resolved as of this run.
        for row in try database.query("SELECT order_id, rule FROM flags WHERE resolved_at IS NULL") {
            guard let order = row[0], let rule = row[1], !current.contains("\(order)\u{0}\(rule)") else { continue }
            try database.query(
                "UPDATE flags SET resolved_at = ? WHERE order_id = ? AND rule = ?",
                [.text(asOf), .text(order), .text(rule)])
        }
    }

    private func changes(_ report: Report, asOf: String) throws -> HistoryChanges {
        var new: [(String, String)] = []
        var open: [HistoryChanges.Open] = []
        var byHand: [HistoryChanges.Resolved] = []
        let now = report.asOf
        for finding in report.findings {
            guard
                let row = try database.query(
                    "SELECT first_seen, resolved_at, resolved_by_hand, resolved_note FROM flags WHERE order_id = ? AND rule = ?",
                    [.text(finding.orderId), .text(finding.rule)]
                ).first,
                let firstSeen = Self.date(row[0])
            else { continue }
            if row[2] == "1", let resolved = Self.date(row[1]) {
                byHand.append(
                    .init(
                        orderId: finding.orderId, rule: finding.rule, firstSeen: firstSeen, resolvedAt: resolved,
                        note: row[3]))
            } else if row[0] == asOf {
                new.append((finding.orderId, finding.rule))
            } else {
                open.append(
                    .init(
                        orderId: finding.orderId, rule: finding.rule, firstSeen: firstSeen,
                        daysOpen: max(0, Int(now.timeIntervalSince(firstSeen) / 86_400))))
            }
        }
        open.sort { ($0.firstSeen, $0.orderId, $0.rule) < ($1.firstSeen, $1.orderId, $1.rule) }
        let resolved = try database.query(
            """
            SELECT order_id, rule, first_seen, resolved_at, resolved_note FROM flags
            WHERE resolved_at = ? AND resolved_by_hand = 0 ORDER BY order_id, rule
            """, [.text(asOf)]
        ).compactMap { row -> HistoryChanges.Resolved? in
            guard let order = row[0], let rule = row[1], let first = Self.date(row[2]), let at = Self.date(row[3])
            else { return nil }
            return .init(orderId: order, rule: rule, firstSeen: first, resolvedAt: at, note: row[4])
        }
        let trend = try database.query(
            """
            SELECT as_of, orders, flagged_orders, flags, money FROM
            (SELECT as_of, orders, flagged_orders, flags, money, id FROM runs WHERE as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 7)
            ORDER BY as_of, id
            """, [.text(asOf)]
        ).compactMap { row -> HistoryChanges.RunSummary? in
            guard let at = Self.date(row[0]) else { return nil }
            return .init(
                asOf: at, orders: Int(row[1] ?? "") ?? 0, flaggedOrders: Int(row[2] ?? "") ?? 0,
                flags: Int(row[3] ?? "") ?? 0,
                money: row[4] ?? "")
        }
        return HistoryChanges(
            new: new.sorted { OrderMatcher.orderKeyLess($0.0, $1.0) || ($0.0 == $1.0 && $0.1 < $1.1) },
            stillOpen: open, resolved: resolved, resolvedByHand: byHand, trend: trend, path: path)
    }

    /// Marks a flag resolved by hand ("credit issued"): it stops appearing as open.
    public func resolve(orderId: String, rule: String, note: String, at: Date) throws {
        try database.execute("BEGIN IMMEDIATE")
        do {
            let updated = try database.query(
                "SELECT 1 FROM flags WHERE order_id = ? AND rule = ?", [.text(orderId), .text(rule)])
            guard !updated.isEmpty else {
                throw DatabaseError(message: "no flag \(rule) on order \(orderId) in the history", context: "resolve")
            }
            try database.query(
                "UPDATE flags SET resolved_at = ?, resolved_by_hand = 1, resolved_note = ? WHERE order_id = ? AND rule = ?",
                [.text(Self.time(at)), .text(note), .text(orderId), .text(rule)])
            try database.query(
                "INSERT INTO notes (order_id, rule, at, note) VALUES (?, ?, ?, ?)",
                [.text(orderId), .text(rule), .text(Self.time(at)), .text(note)])
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Past runs, newest first: as-of, counts, money, exit code, when recorded, and by which program.
    public func runs(limit: Int = 30) throws -> [[String?]] {
        try database.query(
            "SELECT as_of, orders, flagged_orders, flags, money, exit_code, recorded_at, generator FROM runs ORDER BY as_of DESC, id DESC LIMIT ?",
            [.int(limit)])
    }

    /// One order's flags over time: rule, severity, first seen, last seen, resolved, by hand, note, message.
    public func flags(orderId: String) throws -> [[String?]] {
        try database.query(
            """
            SELECT rule, severity, first_seen, last_seen, resolved_at, resolved_by_hand, resolved_note, message
            FROM flags WHERE order_id = ? ORDER BY first_seen, rule
            """, [.text(orderId)])
    }
}
