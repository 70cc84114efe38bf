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
    /// JSON text already rendered for its place (see `array(count:element:)`), written as is.
    case rendered(String)

    /// A decimal amount with two fraction digits.
    public static func money(_ amount: Decimal) -> JSONValue { .number(Money.format(amount)) }

    /// A weight in grams, to the tenth of a gram.
    public static func grams(_ weight: Weight) -> JSONValue { .number(NumberText.oneDecimal(weight.grams)) }

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// An array of `count` elements rendered in slices on every core, for the long arrays of large reports; the
    /// text is the same as `.array` would write at `indent`.
    public static func array(count: Int, indent: Int, element: @Sendable (Int) -> JSONValue) -> JSONValue {
        if count == 0 { return .array([]) }
        let elements = SlicedText.joined(count: count) { slice in
            var out: [UInt8] = []
            for position in slice {
                pad(indent + 1, &out)
                element(position).write(to: &out, indent: indent + 1)
                out.append(contentsOf: position == count - 1 ? [0x0A] : [0x2C, 0x0A])
            }
            return String(decoding: out, as: UTF8.self)
        }
        var close: [UInt8] = []
        pad(indent, &close)
        return .rendered("[\n" + elements + String(decoding: close, as: UTF8.self) + "]")
    }

    /// Two spaces per level.
    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

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

    /// Appends the value's text at `indent` (for tests and callers that build a `String`).
    func write(to out: inout String, indent: Int) {
        var bytes: [UInt8] = []
        write(to: &bytes, indent: indent)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the value's UTF-8 at `indent`: bytes appended to an array, where `String` appends cost a check and
    /// a copy of small strings each.
    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .rendered(let text): Self.append(text, &out)
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let value): Self.append(value ? "true" : "false", &out)
        case .int(let value): Self.append(String(value), &out)
        case .number(let text): Self.append(text, &out)
        case .string(let text): Self.escape(text, into: &out)
        case .array(let values):
            if values.isEmpty { out.append(contentsOf: [0x5B, 0x5D]); return }
            out.append(contentsOf: [0x5B, 0x0A])
            for index in values.indices {
                Self.pad(indent + 1, &out)
                values[index].write(to: &out, indent: indent + 1)
                out.append(contentsOf: index == values.count - 1 ? [0x0A] : [0x2C, 0x0A])
            }
            Self.pad(indent, &out)
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { out.append(contentsOf: [0x7B, 0x7D]); return }
            out.append(contentsOf: [0x7B, 0x0A])
            for index in pairs.indices {
                Self.pad(indent + 1, &out)
                Self.escape(pairs[index].0, into: &out)
                out.append(contentsOf: [0x3A, 0x20])
                pairs[index].1.write(to: &out, indent: indent + 1)
                out.append(contentsOf: index == pairs.count - 1 ? [0x0A] : [0x2C, 0x0A])
            }
            Self.pad(indent, &out)
            out.append(0x7D)
        }
    }

    private static func append(_ text: String, _ out: inout [UInt8]) {
        text.withBytes { out.append(contentsOf: $0) }
    }

    /// Escapes quotes, backslashes and every control character; `<`, `>` and `&` too, so the JSON is inert in HTML.
    static func escape(_ text: String, into out: inout String) {
        var bytes: [UInt8] = []
        escape(text, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `escape` appending UTF-8 bytes.
    static func escape(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        text.withBytes { bytes in
            // Plain printable ASCII with nothing to escape is appended whole.
            if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26 }) {
                out.append(contentsOf: bytes)
                return
            }
            func unicode(_ value: UInt32) { append(NumberText.unicodeEscape(value), &out) }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x3C, 0x3E, 0x26, 0..<0x20, 0x7F: unicode(UInt32(byte))
                // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript.
                case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                    unicode(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029)
                    index += 2
                default: out.append(byte)
                }
            }
        }
        out.append(0x22)
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// True for `null` (without rendering, as `==` does).
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
