import ShipAuditCSV
import ShipAuditStorage

/// A file's header row, looked up by normalized name (trim, case-fold, collapse spaces), never by position.
public struct Header: Sendable {
    /// The headers as written (BOM and surrounding spaces removed).
    public let names: [String]
    /// The names normalized (`normalize`), by position.
    private let normalized: [String]
    private let positions: [String: Int]
    /// The headers holding U+FFFD, normalized, with their positions (found once: every lookup that misses reads
    /// them).
    private let damaged: [(letters: [Character], index: Int)]

    /// Builds the lookup; the first of two equal names wins.
    public init(_ names: [String]) {
        self.names = names
        normalized = names.map(Self.normalize)
        var positions = [String: Int](minimumCapacity: normalized.count)
        var damaged: [(letters: [Character], index: Int)] = []
        for (index, key) in normalized.enumerated() where positions[key] == nil {
            positions[key] = index
            // U+FFFD is EF BF BD in UTF-8: a name without the byte EF has none.
            if key.utf8.contains(0xEF) && key.unicodeScalars.contains("\u{FFFD}") {
                damaged.append((Array(key), index))
            }
        }
        self.positions = positions
        self.damaged = damaged
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
        let open = names.indices.lazy.filter { !taken.contains(names[$0]) }
        // "Product Name" for "Product", "Qty" for "Qty (units)": one contains the other.
        if let contained = open.first(where: { index in
            let header = normalized[index]
            return header.count >= 3 && (wanted.hasPrefix(header) || header.hasPrefix(wanted))
        }) {
            return names[contained]
        }
        let target = Array(wanted.unicodeScalars)
        let limit = max(2, target.count / 3)
        // The first header at the least distance; texts whose lengths differ by more than the limit are further
        // apart than it, and a measure stops once it passes the best so far.
        var best: (index: Int, distance: Int)?
        for index in open {
            // Lengths first (no letters copied for a name too long or too short: a header can have thousands).
            guard abs(normalized[index].unicodeScalars.count - target.count) <= limit else { continue }
            let letters = Array(normalized[index].unicodeScalars)
            if let distance = Self.distance(letters, target, atMost: (best?.distance ?? limit + 1) - 1) {
                best = (index, distance)
            }
        }
        return best.map { names[$0.index] }
    }

    /// The edit distance between two texts (insertions, deletions, substitutions).
    public static func distance<Letter: Equatable>(_ a: [Letter], _ b: [Letter]) -> Int {
        distance(a, b, atMost: max(a.count, b.count))!
    }

    /// The edit distance between two texts, nil when it is more than `bound` (worked out row by row, and stopped
    /// once a row has nothing at or below the bound: a header is compared with every name a profile knows).
    static func distance<Letter: Equatable>(_ a: [Letter], _ b: [Letter], atMost bound: Int) -> Int? {
        guard bound >= 0 else { return nil }
        if a.isEmpty { return b.count <= bound ? b.count : nil }
        var previous = Array(0...b.count)
        var current = previous
        for (i, ca) in a.enumerated() {
            current[0] = i + 1
            var least = current[0]
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
                least = min(least, current[j + 1])
            }
            if least > bound { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
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
