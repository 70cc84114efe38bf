import ShipAuditCSV
import ShipAuditStorage

/// A file's header row, looked up by normalized name (trim, case-fold, collapse spaces), never by position.
public struct Header: Sendable {
    /// The headers as written (BOM and surrounding spaces removed).
    public let names: [String]
    private let positions: [String: Int]
    /// The headers holding U+FFFD, normalized, with their positions (found once: every lookup that misses reads
    /// them).
    private let damaged: [(letters: [Character], index: Int)]

    /// Builds the lookup; the first of two equal names wins.
    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let key = Self.normalize(name)
            if positions[key] == nil { positions[key] = index }
        }
        self.positions = positions
        damaged = positions.filter { $0.key.unicodeScalars.contains("\u{FFFD}") }.map { (Array($0.key), $0.value) }
            .sorted { $0.1 < $1.1 }
    }

    /// The position of a header, or nil. A header whose letters were replaced by U+FFFD (a damaged export:
    /// `N\u{FFFD}mero de orden`) matches a name with any one letter in each such place, so one mapping reads both the
    /// damaged and the clean export.
    public func index(of name: String) -> Int? { index(key: Self.normalize(name)) }

    /// `index(of:)` of a name already normalized (`ColumnChoice.key`, `Profile.signatureKeys`).
    public func index(key wanted: String) -> Int? {
        if let exact = positions[wanted] { return exact }
        guard !damaged.isEmpty else { return nil }
        let letters = Array(wanted)
        return damaged.first { candidate in
            candidate.letters.count == letters.count
                && zip(candidate.letters, letters).allSatisfy { $0 == $1 || $0 == "\u{FFFD}" }
        }?.index
    }

    /// The key headers are compared by.
    public static func normalize(_ name: String) -> String {
        // Most headers are ASCII: folded byte by byte (this runs for every header of every file and every column a
        // profile names).
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(name.utf8.count)
            var space = false
            for byte in name.utf8 {
                switch byte {
                case 0x09...0x0D, 0x20, 0x5F:
                    space = !out.isEmpty
                default:
                    if space { out.append(0x20) }
                    space = false
                    out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        // Underscores count as spaces, so `tracking_number` and `Tracking Number` are one header.
        return name.replacingOccurrences(of: "\u{FEFF}", with: "").lowercased()
            .split(whereSeparator: { $0.isWhitespace || $0 == "_" }).joined(separator: " ")
    }

    /// The header closest to `name` by edit distance, when it is close enough to be a likely typo.
    public func closest(to name: String, excluding taken: Set<String> = []) -> String? {
        let wanted = Self.normalize(name)
        let open = names.filter { !taken.contains($0) }.map { (name: $0, normalized: Self.normalize($0)) }
        // "Product Name" for "Product", "Qty" for "Qty (units)": one contains the other.
        if let contained = open.first(where: { header in
            header.normalized.count >= 3
                && (wanted.hasPrefix(header.normalized) || header.normalized.hasPrefix(wanted))
        }) {
            return contained.name
        }
        let target = Array(wanted)
        let limit = max(2, target.count / 3)
        // Texts whose lengths differ by more than the limit are further apart than it: not measured.
        let scored = open.lazy.map { (name: $0.name, letters: Array($0.normalized)) }
            .filter { abs($0.letters.count - target.count) <= limit }
            .map { ($0.name, Self.distance($0.letters, target)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// The edit distance between two texts (insertions, deletions, substitutions).
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Header {
    /// The most columns a header may have: the widest real exports have a few hundred (a Shopify order export 79).
    public static let maximumColumns = 20_000

    /// The error for a header of `count` columns, more than `maximumColumns`.
    static func tooWide(_ count: Int, path: String, line: Int = 1) -> InputProblem {
        InputProblem(
            SourceLocation(file: path, line: line),
            reason: "has \(count) columns, more than the \(maximumColumns) an export can have",
            hint: "check the delimiter (--delimiter) and that the file is a CSV export")
    }
}
