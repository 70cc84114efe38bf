import Foundation

/// JSON values packed into bytes, as a finding keeps its evidence: a tag byte per value, lengths and integers as
/// varints, texts as their UTF-8. A flag's evidence as a tree of `JSONValue`s is a dozen heap objects (arrays of
/// pairs, strings over 15 bytes), about a kilobyte; packed it is one array of a few hundred bytes. Unpacking gives
/// back values that render exactly as the packed ones did.
public enum PackedJSON {
    fileprivate enum Tag: UInt8 {
        case null, falseValue, trueValue, int, number, string, array, object, parts
    }

    /// The packed bytes of an object's pairs, in an array of exactly their size.
    public static func pack(_ pairs: [(String, JSONValue)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        putObject(pairs, &out)
        return out.withUnsafeBufferPointer { Array($0) }
    }

    /// The pairs of an object packed by `pack`.
    public static func unpackObject(_ bytes: [UInt8]) -> [(String, JSONValue)] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            guard case .object(let pairs) = reader.value() else { return [] }
            return pairs
        }
    }

    /// Writes a packed object as `JSONValue.write` writes the unpacked one at `indent`, straight from the bytes.
    public static func write(_ bytes: [UInt8], to out: inout some JSONOutput, indent: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            reader.write(to: &out, indent: indent)
        }
    }

    /// A packed object as `JSONValue.rendered()` renders the unpacked one (indented, a final newline).
    public static func rendered(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        write(bytes, to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    private static func putObject(_ pairs: [(String, JSONValue)], _ out: inout [UInt8]) {
        out.append(Tag.object.rawValue)
        putLength(pairs.count, &out)
        for (key, value) in pairs {
            putText(key, &out)
            put(value, &out)
        }
    }

    fileprivate static func put(_ value: JSONValue, _ out: inout [UInt8]) {
        switch value {
        case .null: out.append(Tag.null.rawValue)
        case .bool(let flag): out.append(flag ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let number):
            out.append(Tag.int.rawValue)
            putInteger(number, &out)
        case .number(let text):
            out.append(Tag.number.rawValue)
            putText(text, &out)
        case .string(let text):
            out.append(Tag.string.rawValue)
            putText(text, &out)
        case .array(let values):
            out.append(Tag.array.rawValue)
            putLength(values.count, &out)
            for value in values { put(value, &out) }
        case .object(let pairs): putObject(pairs, &out)
        case .parts(let text):
            out.append(Tag.parts.rawValue)
            let parts = text.parts
            putLength(parts.count, &out)
            for part in parts {
                putLength(part.count, &out)
                out += part
            }
        }
    }

    /// A length or count (or a zigzagged integer's bits), seven bits a byte.
    /// Appends a length (or any non-negative integer) as a varint: seven bits a byte, low bits first.
    public static func putLength(_ value: Int, _ out: inout [UInt8]) {
        var rest = UInt(bitPattern: value)
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    /// An integer, zigzagged (small negative numbers stay short) and as a varint.
    fileprivate static func putInteger(_ number: Int, _ out: inout [UInt8]) {
        putLength(Int(bitPattern: UInt(bitPattern: (number << 1) ^ (number >> 63))), &out)
    }

    fileprivate static func putText(_ text: String, _ out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            putLength(bytes.count, &out)
            out.append(contentsOf: bytes)
        }
    }

    private struct Reader {
        public let bytes: UnsafeBufferPointer<UInt8>
        public var index = 0

        public mutating func length() -> Int {
            var value: UInt = 0, shift: UInt = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                value |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(bitPattern: value)
        }

        /// The bytes of the next text.
        public mutating func textBytes() -> UnsafeBufferPointer<UInt8> {
            let count = min(length(), bytes.count - index)
            defer { index += count }
            return UnsafeBufferPointer(rebasing: bytes[index..<index + count])
        }

        /// Writes the next value as `JSONValue.write` would.
        public mutating func write(to out: inout some JSONOutput, indent: Int) {
            guard index < bytes.count, let tag = Tag(rawValue: bytes[index]) else { out.put("null"); return }
            index += 1
            switch tag {
            case .null: out.put("null")
            case .falseValue: out.put("false")
            case .trueValue: out.put("true")
            case .int:
                let bits = UInt(bitPattern: length())
                var digits = String(Int(bitPattern: bits >> 1) ^ -Int(bitPattern: bits & 1))
                digits.withUTF8 { out.put($0) }
            case .number: out.put(textBytes())
            case .string: JSONValue.escape(bytes: textBytes(), into: &out)
            case .array, .object:
                let count = length()
                if count == 0 { out.put(tag == .array ? "[]" : "{}"); return }
                out.put(tag == .array ? "[\n" : "{\n")
                for element in 0..<count {
                    if tag == .object {
                        let key = textBytes()
                        // A plain key (evidence keys are) with its indent, quotes and colon in one piece.
                        if JSONValue.isPlain(key) {
                            JSONValue.padAndKey(indent + 1, key, &out)
                        } else {
                            JSONValue.pad(indent + 1, &out)
                            JSONValue.escape(bytes: key, into: &out)
                            out.put(": ")
                        }
                    } else {
                        JSONValue.pad(indent + 1, &out)
                    }
                    write(to: &out, indent: indent + 1)
                    out.put(element == count - 1 ? "\n" : ",\n")
                }
                JSONValue.pad(indent, &out)
                out.put(tag == .array ? "]" : "}")
            case .parts:
                index -= 1
                if case .parts(let text) = value() { out.put(parts: text) }
            }
        }

        public mutating func text() -> String {
            let count = min(length(), bytes.count - index)
            defer { index += count }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + count]), as: UTF8.self)
        }

        public mutating func value() -> JSONValue {
            guard index < bytes.count, let tag = Tag(rawValue: bytes[index]) else { return .null }
            index += 1
            switch tag {
            case .null: return .null
            case .falseValue: return .bool(false)
            case .trueValue: return .bool(true)
            case .int:
                let bits = UInt(bitPattern: length())
                return .int(Int(bitPattern: bits >> 1) ^ -Int(bitPattern: bits & 1))
            case .number: return .number(text())
            case .string: return .string(text())
            case .array:
                let count = length()
                var values: [JSONValue] = []
                values.reserveCapacity(count)
                for _ in 0..<count { values.append(value()) }
                return .array(values)
            case .object:
                let count = length()
                var pairs: [(String, JSONValue)] = []
                pairs.reserveCapacity(count)
                for _ in 0..<count {
                    let key = text()
                    pairs.append((key, value()))
                }
                return .object(pairs)
            case .parts:
                var text = ReportText()
                for _ in 0..<length() {
                    let count = min(length(), bytes.count - index)
                    text.append(bytes: Array(bytes[index..<index + count]))
                    index += count
                }
                return .parts(text)
            }
        }
    }
}

/// Evidence written straight into `PackedJSON`'s bytes, value by value, as `PackedJSON.pack` writes the same tree:
/// for the rules that flag many orders, whose evidence as `JSONValue`s was a dozen heap objects built, packed and
/// let go per flag. An object or array is started with the number of its members, which then follow (for an
/// object, each a `key` and its value).
public struct PackedEvidence {
    private var bytes: [UInt8] = []

    /// An empty writer, with room for `capacity` bytes.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// The bytes written, in an array of exactly their size (a finding keeps them).
    public var packed: [UInt8] { bytes.withUnsafeBufferPointer { Array($0) } }

    /// Starts an object of `count` pairs.
    public mutating func object(_ count: Int) {
        bytes.append(PackedJSON.Tag.object.rawValue)
        PackedJSON.putLength(count, &bytes)
    }

    /// Starts an array of `count` values.
    public mutating func array(_ count: Int) {
        bytes.append(PackedJSON.Tag.array.rawValue)
        PackedJSON.putLength(count, &bytes)
    }

    /// A key only known at run time (its value follows).
    public mutating func key(text: String) { PackedJSON.putText(text, &bytes) }

    /// Bytes already packed (a value, or pairs), appended as they are.
    public mutating func append(packed: [UInt8]) { bytes += packed }

    /// A pair's key (its value follows).
    public mutating func key(_ key: StaticString) {
        PackedJSON.putLength(key.utf8CodeUnitCount, &bytes)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    public mutating func string(_ text: String) {
        bytes.append(PackedJSON.Tag.string.rawValue)
        PackedJSON.putText(text, &bytes)
    }

    public mutating func int(_ number: Int) {
        bytes.append(PackedJSON.Tag.int.rawValue)
        PackedJSON.putInteger(number, &bytes)
    }

    public mutating func bool(_ flag: Bool) {
        bytes.append(flag ? PackedJSON.Tag.trueValue.rawValue : PackedJSON.Tag.falseValue.rawValue)
    }

    public mutating func null() { bytes.append(PackedJSON.Tag.null.rawValue) }

    /// A number written as `text` says (`JSONValue.number`).
    public mutating func number(_ text: String) {
        bytes.append(PackedJSON.Tag.number.rawValue)
        PackedJSON.putText(text, &bytes)
    }

    /// A pair: `key` and its text.
    public mutating func string(_ key: StaticString, _ text: String) {
        self.key(key)
        string(text)
    }

    /// A pair: `key` and its integer.
    public mutating func int(_ key: StaticString, _ number: Int) {
        self.key(key)
        int(number)
    }

    /// A value given as a tree (the rarer parts of evidence).
    public mutating func value(_ value: JSONValue) { PackedJSON.put(value, &bytes) }
}

/// A JSON object written pair by pair in packed form (`PackedJSON`), its pairs counted as they come: the packed twin
/// of `JSONValue.object`, for values written once and kept (a flag's evidence). Objects nest: an object or an array of
/// objects is itself built as a `PackedObject` and added whole.
public struct PackedObject: ExpressibleByArrayLiteral {
    /// The pairs' bytes, after the object's header (which `packed` puts in front once the count is known).
    private var body = PackedEvidence(capacity: 256)
    /// The pairs so far.
    public private(set) var count = 0

    /// An empty object.
    public init() {}

    /// An object of these pairs, in order.
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { pair(key, value) }
    }

    /// An object of these pairs, in order.
    public init(arrayLiteral pairs: (String, JSONValue)...) { self.init(pairs) }

    /// The object's bytes: the header, then the pairs.
    public var packed: [UInt8] {
        var header = PackedEvidence(capacity: 8)
        header.object(count)
        return header.packed + body.packed
    }

    /// The pairs, unpacked (for tests and for rare readers).
    public var pairs: [(String, JSONValue)] { PackedJSON.unpackObject(packed) }

    /// A pair whose key is only known at run time, or whose value is a tree.
    public mutating func pair(_ key: String, _ value: JSONValue) {
        count += 1
        body.key(text: key)
        body.value(value)
    }

    /// A pair: `key` and its text.
    public mutating func string(_ key: StaticString, _ text: String) {
        count += 1
        body.string(key, text)
    }

    /// A pair: `key` and its text, or null.
    public mutating func string(_ key: StaticString, _ text: String?) {
        guard let text else { return null(key) }
        string(key, text)
    }

    /// A pair: `key` and its integer.
    public mutating func int(_ key: StaticString, _ number: Int) {
        count += 1
        body.int(key, number)
    }

    /// A pair: `key` and true or false.
    public mutating func bool(_ key: StaticString, _ flag: Bool) {
        count += 1
        body.key(key)
        body.bool(flag)
    }

    /// A pair: `key` and null.
    public mutating func null(_ key: StaticString) {
        count += 1
        body.key(key)
        body.null()
    }

    /// A pair: `key` and a number written as `text` says.
    public mutating func number(_ key: StaticString, _ text: String?) {
        guard let text else { return null(key) }
        count += 1
        body.key(key)
        body.number(text)
    }

    /// A pair: `key` and an object, or null.
    public mutating func object(_ key: StaticString, _ object: PackedObject?) {
        guard let object else { return null(key) }
        count += 1
        body.key(key)
        body.append(packed: object.packed)
    }

    /// A pair: `key` and an array of objects.
    public mutating func array(_ key: StaticString, objects: [PackedObject]) {
        count += 1
        body.key(key)
        body.array(objects.count)
        for object in objects { body.append(packed: object.packed) }
    }

    /// A pair: `key` and an array of texts.
    public mutating func array(_ key: StaticString, strings: [String]) {
        count += 1
        body.key(key)
        body.array(strings.count)
        for text in strings { body.string(text) }
    }

    /// The pairs of `other` after these.
    public mutating func append(contentsOf other: PackedObject) {
        count += other.count
        body.append(packed: other.body.packed)
    }

    /// `append(contentsOf:)`, as an operator.
    public static func += (object: inout PackedObject, other: PackedObject) { object.append(contentsOf: other) }
}
