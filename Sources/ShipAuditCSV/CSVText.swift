import ShipAuditStorage

/// Writes CSV that opens cleanly in Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, and text cells
/// that would start a formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'` so a spreadsheet shows them as text.
///
/// Cells are appended as bytes: appending to a `String` checked and grew it per cell (a tenth of a large report's
/// rendering).
public struct CSVText {
    public private(set) var bytes: [UInt8]

    /// Starts the text, with the byte-order mark unless it continues another text.
    public init(byteOrderMark: Bool = true, capacity: Int = 0) {
        bytes = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        bytes.reserveCapacity(capacity)
    }

    /// Continues another text in `buffer`'s room (emptied): the rows of a slice of a large report.
    public init(reusing buffer: inout [UInt8], capacity: Int) {
        bytes = []
        swap(&bytes, &buffer)
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(capacity)
    }

    /// Hands the bytes written to `buffer`, leaving this text empty.
    public mutating func moveBytes(to buffer: inout [UInt8]) { swap(&bytes, &buffer) }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() { append(cell: field, first: index == 0) }
        endRow()
    }

    /// Appends one cell of a row (a comma before it unless it is the row's `first`); `endRow` ends the row.
    public mutating func append(cell: String, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        Self.append(cell: cell, to: &bytes)
    }

    /// Ends a row written cell by cell.
    public mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// The cell as written.
    public static func cell(_ value: String) -> String {
        var out: [UInt8] = []
        append(cell: value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a cell of locations, `file:line` each, separated by spaces (`SourceLocation.description`), the
    /// files' names from `names` (`FileNames.all`): a flag's sources were a `String` each, joined, and a look under
    /// the file table's lock per location.
    public mutating func append(locations: [SourceLocation], names: [String]) {
        bytes.append(0x2C)
        var cell: [UInt8] = []
        cell.reserveCapacity(locations.count * 48)
        for (index, location) in locations.enumerated() {
            if index > 0 { cell.append(0x20) }
            let number = Int(location.fileNumber)
            (number < names.count ? names[number] : location.file).withBytes { cell.append(contentsOf: $0) }
            cell.append(0x3A)
            NumberText.append(location.line, to: &cell)
        }
        cell.withUnsafeBufferPointer { Self.append(cellBytes: $0, to: &bytes) }
    }

    private static func append(cell value: String, to out: inout [UInt8]) {
        value.withBytes { append(cellBytes: $0, to: &out) }
    }

    /// A cell from its UTF-8 bytes, quoted and neutralised as needed. Control characters from the data (ESC, BEL,
    /// the C1 controls) and the marks that reorder text (U+202A-U+202E, U+2066-U+2069) are written as visible text
    /// (`\x1b`, `[U+202E]`): `cat rejects.csv` on a terminal must not run an escape sequence.
    private static func append(cellBytes bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if mayHoldControls(bytes), let visible = visibleControls(bytes) {
            visible.withUnsafeBufferPointer { appendNeutral(cellBytes: $0, to: &out) }
            return
        }
        appendNeutral(cellBytes: bytes, to: &out)
    }

    /// True when a cell has a byte below 0x20 other than tab, LF and CR, 0x7F, or any byte above 0x7F: eight bytes
    /// at a time (most cells are plain ASCII and are ruled out at once).
    private static func mayHoldControls(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones = WordBytes.ones
        return WordBytes.any(
            bytes,
            word: { word in word & WordBytes.highs != 0 || (word &- 0x20 &* ones) & ~word & WordBytes.highs != 0 },
            byte: { $0 < 0x20 || $0 >= 0x7F })
    }

    /// The cell with its control characters and reordering marks written as text; nil when it has none.
    private static func visibleControls(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var changed = false
        var index = 0
        func hex(_ value: UInt32, width: Int) -> [UInt8] {
            let digits = String(value, radix: 16, uppercase: width > 2)
            return Array((String(repeating: "0", count: max(0, width - digits.count)) + digits).utf8)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D || byte == 0x7F {
                out += Array("\\x".utf8) + hex(UInt32(byte), width: 2)
                (changed, index) = (true, index + 1)
            } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                out += Array("\\x".utf8) + hex(UInt32(bytes[index + 1]), width: 2)
                (changed, index) = (true, index + 2)
            } else if byte == 0xE2, index + 2 < bytes.count,
                bytes[index + 1] == 0x80 && (0xAA...0xAE).contains(bytes[index + 2])
                    || bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2])
            {
                let value = 0x2000 | UInt32(bytes[index + 1] & 0x0F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                out += Array("[U+".utf8) + hex(value, width: 4) + [0x5D]
                (changed, index) = (true, index + 3)
            } else {
                out.append(byte)
                index += 1
            }
        }
        return changed ? out : nil
    }

    private static func appendNeutral(cellBytes bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // A formula's first character: = + - @ tab CR (all ASCII), unless the cell is a number (its text made
        // only then).
        let formula =
            bytes.first.map { $0 == 0x3D || $0 == 0x2B || $0 == 0x2D || $0 == 0x40 || $0 == 0x09 || $0 == 0x0D } == true
            && Double(String(decoding: bytes, as: UTF8.self)) == nil
        let quoted = needsQuotes(bytes)
        guard formula || quoted else {
            out.append(contentsOf: bytes)
            return
        }
        if quoted { out.append(0x22) }
        if formula { out.append(0x27) }
        // Quotes doubled (a cell with one is quoted): the runs between them appended whole (Foundation's
        // replacingOccurrences bridges through NSString on Linux).
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x22 { end += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            if end < bytes.count {
                out.append(0x22)
                out.append(0x22)
                end += 1
            }
            start = end
        }
        if quoted { out.append(0x22) }
    }

    /// True when a cell holds a comma, quote, LF or CR: eight bytes at a time (a word holds one of the four when one
    /// of its bytes, XORed with it, is zero), where a test per byte took a call and four comparisons.
    public static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        WordBytes.any(
            bytes,
            word: { word in
                WordBytes.has(word, 0x2C) || WordBytes.has(word, 0x22) || WordBytes.has(word, 0x0A)
                    || WordBytes.has(word, 0x0D)
            }, byte: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    }
}
