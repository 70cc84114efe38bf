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
        let pad = Self.pad(indent + 1)
        let elements = SlicedText.joined(count: count) { slice in
            var out = ""
            for position in slice {
                out += pad
                element(position).write(to: &out, indent: indent + 1)
                out += position == count - 1 ? "\n" : ",\n"
            }
            return out
        }
        return .rendered("[\n" + elements + Self.pad(indent) + "]")
    }

    /// Two spaces per level; the common levels made once.
    private static let pads = (0..<12).map { String(repeating: "  ", count: $0) }
    private static func pad(_ level: Int) -> String { level < pads.count ? pads[level] : String(repeating: "  ", count: level) }

    /// The text of a `.string`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Pretty-printed JSON with two-space indents and a final newline.
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    func write(to out: inout String, indent: Int) {
        let pad = Self.pad(indent + 1)
        let closePad = Self.pad(indent)
        switch self {
        case .rendered(let text): out += text
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let text): out += text
        case .string(let text): Self.escape(text, into: &out)
        case .array(let values):
            if values.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += pad
                value.write(to: &out, indent: indent + 1)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                out += pad
                Self.escape(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        }
    }

    /// Escapes quotes, backslashes and every control character; `<`, `>` and `&` too, so the JSON is inert in HTML.
    static func escape(_ text: String, into out: inout String) {
        out += "\""
        // Plain printable ASCII with nothing to escape is appended whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26 }) {
            out += text
            out += "\""
            return
        }
        text.withBytes { bytes in
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            func unicode(_ value: UInt32) { escaped += Array(NumberText.unicodeEscape(value).utf8) }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x22: escaped += [0x5C, 0x22]
                case 0x5C: escaped += [0x5C, 0x5C]
                case 0x0A: escaped += [0x5C, 0x6E]
                case 0x0D: escaped += [0x5C, 0x72]
                case 0x09: escaped += [0x5C, 0x74]
                case 0x3C, 0x3E, 0x26, 0..<0x20, 0x7F: unicode(UInt32(byte))
                // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript.
                case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                    unicode(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029)
                    index += 2
                default: escaped.append(byte)
                }
            }
            out += String(decoding: escaped, as: UTF8.self)
        }
        out += "\""
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// True for `null` (without rendering, as `==` does).
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
