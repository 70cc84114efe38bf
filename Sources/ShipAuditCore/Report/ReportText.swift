/// A report file's text as UTF-8 in parts, in order. A large report's flags are rendered in slices on every core and
/// written part by part: joining them into one `String` copied every byte several times, validated it as UTF-8 again
/// and faulted in as much fresh memory as the report (most of the render stage's time at a million orders).
public struct ReportText: Sendable {
    /// The parts, in order; their concatenation is the text.
    public private(set) var parts: [[UInt8]] = []

    /// An empty text.
    public init() {}

    /// The text of `string`, as one part.
    public init(_ string: String) { append(string) }

    /// Appends a string as a part of its own.
    public mutating func append(_ string: String) {
        if !string.isEmpty { parts.append(Array(string.utf8)) }
    }

    /// Appends UTF-8 bytes as a part of their own (no copy of the bytes).
    mutating func append(bytes: [UInt8]) {
        if !bytes.isEmpty { parts.append(bytes) }
    }

    /// Appends every part of `other`.
    mutating func append(_ other: ReportText) { parts += other.parts }

    /// The length of the text in bytes.
    public var byteCount: Int { parts.reduce(0) { $0 + $1.count } }

    /// The whole text as one string (standard output, tests).
    public var string: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        for part in parts { bytes += part }
        return String(decoding: bytes, as: UTF8.self)
    }
}
