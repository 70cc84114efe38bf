import Foundation

/// A JSON value whose objects keep their key order, so reports are byte-for-byte deterministic.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number written exactly as given (decimal text, never re-rounded through a Double).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// JSON text already rendered for its place, in parts (see `array(count:indent:element:)`), written as is.
    case parts(ReportText)

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// An array of `count` elements rendered in slices on every core, for the long arrays of large reports; the
    /// text is the same as `.array` would write at `indent`, rendered slice by slice when it is written.
    public static func array(count: Int, indent: Int, element: @escaping @Sendable (Int) -> JSONValue) -> JSONValue {
        array(count: count, indent: indent) { position, out in element(position).write(to: &out, indent: indent + 1) }
    }

    /// `array(count:indent:element:)` with each element written by `write` into the slice's bytes at `indent + 1`
    /// (after its indent, before its separator), for elements with a writer of their own (`ReportJSONWriter.flag`).
    public static func array(count: Int, indent: Int, write: @escaping @Sendable (Int, inout JSONByteSink) -> Void)
        -> JSONValue
    {
        if count == 0 { return .array([]) }
        var text = ReportText("[\n")
        text.append(
            SlicedText.parts(count: count) { slice, out in
                out.reserveCapacity(slice.count * 2_048)
                var sink = JSONByteSink(taking: &out)
                for position in slice {
                    pad(indent + 1, &sink)
                    write(position, &sink)
                    sink.put(position == count - 1 ? "\n" : ",\n")
                }
                sink.finish(into: &out)
            })
        var close: [UInt8] = []
        pad(indent, &close)
        close.put("]")
        text.append(bytes: close)
        return .parts(text)
    }

    /// Two spaces per level.
    public static func pad(_ level: Int, _ out: inout some JSONOutput) {
        // One append of as many spaces as needed (a large report writes about sixty indents per flag).
        var remaining = 2 * level
        while remaining > 0 {
            let count = min(remaining, spaces.utf8CodeUnitCount)
            out.put(UnsafeBufferPointer(start: spaces.utf8Start, count: count))
            remaining -= count
        }
    }

    /// `lead` (`,` and a new line between keys), `pad(level)` and then `"key": ` for a key `isPlain` says needs no
    /// escape, gathered and appended at once: a flag writes some forty keys, and each append is a call with its checks.
    public static func padAndKey(
        _ level: Int, _ key: UnsafeBufferPointer<UInt8>, lead: StaticString = "", _ out: inout some JSONOutput
    ) {
        let before = lead.utf8CodeUnitCount, pad = 2 * level, count = key.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: before + pad + count + 4) { buffer in
            let base = buffer.baseAddress!
            if before > 0 { base.initialize(from: lead.utf8Start, count: before) }
            (base + before).initialize(repeating: 0x20, count: pad)
            base[before + pad] = 0x22
            if let start = key.baseAddress { (base + before + pad + 1).initialize(from: start, count: count) }
            base[before + pad + 1 + count] = 0x22
            base[before + pad + 2 + count] = 0x3A
            base[before + pad + 3 + count] = 0x20
            out.put(UnsafeBufferPointer(buffer))
        }
    }

    private static let spaces: StaticString = "                                                                "

    /// The text of a `.string`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Pretty-printed JSON with two-space indents and a final newline.
    public func rendered() -> String {
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// `rendered()` in parts: a large array made by `array(count:indent:element:)` stays in its slices' parts.
    public func renderedText() -> ReportText {
        var out = JSONTextOutput()
        write(to: &out, indent: 0)
        out.put("\n")
        return out.finished()
    }

    /// Appends the value's text at `indent` (for tests and callers that build a `String`).
    public func write(to out: inout String, indent: Int) {
        var bytes: [UInt8] = []
        write(to: &bytes, indent: indent)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the value's UTF-8 at `indent`: bytes appended to an array (or parts), where `String` appends cost a
    /// check and a copy of small strings each.
    public func write(to out: inout some JSONOutput, indent: Int) {
        switch self {
        case .parts(let text): out.put(parts: text)
        case .null: out.put("null")
        case .bool(let value): out.put(value ? "true" : "false")
        case .int(let value): Self.append(String(value), &out)
        case .number(let text): Self.append(text, &out)
        case .string(let text): Self.escape(text, into: &out)
        case .array(let values):
            if values.isEmpty { out.put("[]"); return }
            out.put("[\n")
            for index in values.indices {
                Self.pad(indent + 1, &out)
                values[index].write(to: &out, indent: indent + 1)
                out.put(index == values.count - 1 ? "\n" : ",\n")
            }
            Self.pad(indent, &out)
            out.put("]")
        case .object(let pairs):
            if pairs.isEmpty { out.put("{}"); return }
            out.put("{\n")
            for index in pairs.indices {
                Self.pad(indent + 1, &out)
                Self.escape(pairs[index].0, into: &out)
                out.put(": ")
                pairs[index].1.write(to: &out, indent: indent + 1)
                out.put(index == pairs.count - 1 ? "\n" : ",\n")
            }
            Self.pad(indent, &out)
            out.put("}")
        }
    }

    private static func append(_ text: String, _ out: inout some JSONOutput) {
        text.withBytes { out.put($0) }
    }

    /// Escapes quotes, backslashes and every control character; `<`, `>` and `&` too, so the JSON is inert in HTML.
    public static func escape(_ text: String, into out: inout String) {
        var bytes: [UInt8] = []
        escape(text, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// True when every byte is written as it is: printable ASCII but `"`, `\\`, `<`, `>` and `&`. Eight bytes at a
    /// time (a word has a byte below 0x20, at or above 0x7F, or equal to one of the five, by the usual bit tricks),
    /// where testing byte by byte took seven comparisons a byte; a large report escapes some 100 MB.
    public static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones = WordBytes.ones
        return !WordBytes.any(
            bytes,
            word: { word in
                word & WordBytes.highs != 0 || (word &- 0x20 &* ones) & ~word & WordBytes.highs != 0
                    || WordBytes.has(word, 0x7F)
                    || WordBytes.has(word, 0x22) || WordBytes.has(word, 0x5C) || WordBytes.has(word, 0x3C)
                    || WordBytes.has(word, 0x3E) || WordBytes.has(word, 0x26)
            },
            byte: { byte in
                !(byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E
                    && byte != 0x26)
            })
    }

    /// True when one of a word's bytes is one `escape` does not write as it is: below 0x20, 0x7F, `"`, `\\`, `<`, `>`,
    /// `&`, or 0xE2 (which may start U+2028 or U+2029).
    @inline(__always) private static func mayNeedEscape(_ word: UInt64) -> Bool {
        (word &- 0x20 &* WordBytes.ones) & ~word & WordBytes.highs != 0 || WordBytes.has(word, 0x7F)
            || WordBytes.has(word, 0x22)
            || WordBytes.has(word, 0x5C) || WordBytes.has(word, 0x3C) || WordBytes.has(word, 0x3E)
            || WordBytes.has(word, 0x26)
            || WordBytes.has(word, 0xE2)
    }

    /// `escape` appending UTF-8 bytes.
    public static func escape(_ text: String, into out: inout some JSONOutput) {
        text.withBytes { escape(bytes: $0, into: &out) }
    }

    /// `escape` of a text's UTF-8 bytes.
    public static func escape(bytes: UnsafeBufferPointer<UInt8>, into out: inout some JSONOutput) {
        out.put(0x22)
        defer { out.put(0x22) }
        do {
            // Plain printable ASCII with nothing to escape is appended whole.
            if isPlain(bytes) {
                out.put(bytes)
                return
            }
            func unicode(_ value: UInt32) { append(NumberText.unicodeEscape(value), &out) }
            var index = 0
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            while index < bytes.count {
                // A run of bytes written as they are (non-ASCII UTF-8 included, as in `UPS®`) goes out in one piece;
                // found eight bytes at a time, then byte by byte up to the one that is not.
                var end = index
                while end + 8 <= bytes.count, !mayNeedEscape(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) {
                    end += 8
                }
                while end < bytes.count, case let byte = bytes[end], byte >= 0x20, byte != 0x7F, byte != 0x22,
                    byte != 0x5C,
                    byte != 0x3C, byte != 0x3E, byte != 0x26, byte != 0xE2
                {
                    end += 1
                }
                if end > index {
                    out.put(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    if index == bytes.count { break }
                }
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x22: out.put("\\\"")
                case 0x5C: out.put("\\\\")
                case 0x0A: out.put("\\n")
                case 0x0D: out.put("\\r")
                case 0x09: out.put("\\t")
                case 0x3C, 0x3E, 0x26, 0..<0x20, 0x7F: unicode(UInt32(byte))
                // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript; U+202A-U+202E (E2 80 AA-AE) and
                // U+2066-U+2069 (E2 81 A6-A9) reorder text on screen: all written as escapes.
                case 0xE2
                where index + 1 < bytes.count
                    && (bytes[index] == 0x80 && (0xA8...0xAE).contains(bytes[index + 1])
                        || bytes[index] == 0x81 && (0xA6...0xA9).contains(bytes[index + 1])):
                    unicode(0x2000 | UInt32(bytes[index] & 0x0F) << 6 | UInt32(bytes[index + 1] & 0x3F))
                    index += 2
                default: out.put(byte)
                }
            }
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// True for `null` (without rendering, as `==` does).
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// An object written key by key straight into bytes, as `JSONValue.object` writes it at `indent`: for the objects a
/// large report writes per flag, without a `JSONValue` tree to build and take apart for each.
public struct JSONObjectWriter {
    private let indent: Int
    private let oneLine: Bool
    private var empty = true

    /// Starts an object (its `{`) at `indent`; `oneLine`: its keys on one line (`{"a": 1, "b": 2}`), for the many
    /// small flat objects of a large report (a line each, a sixth of the bytes).
    public init(indent: Int, oneLine: Bool = false, _ out: inout some JSONOutput) {
        (self.indent, self.oneLine) = (indent, oneLine)
        out.put(0x7B)
    }

    /// Writes a key (plain ASCII) and the `: ` after it; the value follows.
    public mutating func key(_ key: StaticString, _ out: inout some JSONOutput) {
        JSONValue.padAndKey(
            oneLine ? 0 : indent + 1, UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount),
            lead: oneLine ? (empty ? "" : ", ") : (empty ? "\n" : ",\n"), &out)
        empty = false
    }

    /// A string value.
    public mutating func string(_ key: StaticString, _ value: String, _ out: inout some JSONOutput) {
        self.key(key, &out)
        JSONValue.escape(value, into: &out)
    }

    /// Ends the object (`{}` when it has no key, as `JSONValue.object` writes one).
    public func close(_ out: inout some JSONOutput) {
        if empty || oneLine { out.put("}"); return }
        // A new line, the indent and `}`, appended at once (as `key`).
        let pad = 2 * indent
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: pad + 2) { buffer in
            buffer[0] = 0x0A
            (buffer.baseAddress! + 1).initialize(repeating: 0x20, count: pad)
            buffer[pad + 1] = 0x7D
            out.put(UnsafeBufferPointer(buffer))
        }
    }
}

/// Where JSON text is written: a byte array, or a text in parts.
public protocol JSONOutput {
    /// Appends one byte.
    mutating func put(_ byte: UInt8)
    /// Appends bytes.
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Appends text already rendered in parts.
    mutating func put(parts: ReportText)
}

extension JSONOutput {
    /// Appends the bytes.
    public mutating func put(bytes: [UInt8]) { bytes.withUnsafeBufferPointer { put($0) } }

    /// Appends a constant's UTF-8.
    public mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

extension Array: JSONOutput where Element == UInt8 {
    public mutating func put(_ byte: UInt8) { append(byte) }
    public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
    public mutating func put(parts: ReportText) { for part in parts.parts { append(contentsOf: part) } }
}

/// JSON bytes gathered in a small buffer of the sink's own and handed to an array 16 KB at a time, for a large
/// report's flags: each append to an array checks its uniqueness and room and copies through two calls (some 100
/// instructions for the few bytes of a key or a number), and a flag's JSON is some 130 appends.
///
/// It owns its buffer until `finish`: one sink per slice, never copied.
public struct JSONByteSink: JSONOutput {
    private var bytes: [UInt8]
    private let room: UnsafeMutablePointer<UInt8>
    private var used = 0
    private static let size = 16_384

    /// A sink appending to the bytes of `buffer`, which it takes (leaving it empty): taken by a swap, the bytes stay
    /// the only reference to their storage, so a slice's buffer written before is filled again in place.
    public init(taking buffer: inout [UInt8]) {
        bytes = []
        swap(&bytes, &buffer)
        room = .allocate(capacity: Self.size)
    }

    /// Hands the bytes (the buffer's own, then those written) back to `buffer`; the sink's own room is let go, and
    /// the sink is not used again. A `consuming` method returning the bytes copied them: its `self` was a second
    /// reference to the storage when the last room was appended, so each slice of a large report (3.4 MB) was
    /// copied into new memory, page faults and all.
    public mutating func finish(into buffer: inout [UInt8]) {
        flush()
        room.deallocate()
        swap(&bytes, &buffer)
    }

    public mutating func put(_ byte: UInt8) {
        if used == Self.size { flush() }
        room[used] = byte
        used &+= 1
    }

    public mutating func put(_ source: UnsafeBufferPointer<UInt8>) {
        let count = source.count
        guard count > 0, let start = source.baseAddress else { return }
        if count > Self.size &- used {
            flush()
            if count > Self.size { return bytes.append(contentsOf: source) }
        }
        // Keys, numbers and separators are a few bytes: copied here, without a call.
        if count <= 16 {
            for offset in 0..<count { room[used &+ offset] = start[offset] }
        } else {
            (room + used).update(from: start, count: count)
        }
        used &+= count
    }

    public mutating func put(parts: ReportText) {
        flush()
        for part in parts.parts { bytes.append(contentsOf: part) }
    }

    private mutating func flush() {
        bytes.append(contentsOf: UnsafeBufferPointer(start: room, count: used))
        used = 0
    }
}

/// JSON written into a `ReportText`: bytes gather into the current part; parts already rendered are kept as they are.
public struct JSONTextOutput: JSONOutput {
    private var text = ReportText()
    private var current: [UInt8] = []

    public mutating func put(_ byte: UInt8) { current.append(byte) }
    public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { current.append(contentsOf: bytes) }
    public mutating func put(parts: ReportText) {
        text.append(bytes: current)
        current = []
        text.append(parts)
    }

    /// The text written.
    public mutating func finished() -> ReportText {
        text.append(bytes: current)
        current = []
        return text
    }
}
