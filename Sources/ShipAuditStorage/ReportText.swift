import Foundation

/// A report file's text as UTF-8 in parts, in order. A large report's flags are a part rendered in slices
/// (`SlicedText`) only when the text is written: `forEachPart` renders them on every core a few slices ahead of the
/// writer and lets each go once written, so a report of a million flags never sits in memory whole (joining the
/// parts into one `String` copied every byte several times; holding every slice until the end held the whole file).
public struct ReportText: Sendable {
    /// A run of the text: bytes, or slices rendered when written.
    public enum Piece: Sendable {
        case bytes([UInt8])
        case slices(SlicedText.Slices)
    }

    private var pieces: [Piece] = []

    /// An empty text.
    public init() {}

    /// The text of `string`, as one part.
    public init(_ string: String) { append(string) }

    /// A text of one part rendered in slices when written.
    public init(slices: SlicedText.Slices) {
        if slices.count > 0 { pieces = [.slices(slices)] }
    }

    /// Appends a string as a part of its own.
    public mutating func append(_ string: String) {
        if !string.isEmpty { pieces.append(.bytes(Array(string.utf8))) }
    }

    /// Appends UTF-8 bytes as a part of their own (no copy of the bytes).
    public mutating func append(bytes: [UInt8]) {
        if !bytes.isEmpty { pieces.append(.bytes(bytes)) }
    }

    /// Appends every part of `other`, unrendered slices as they are.
    public mutating func append(_ other: ReportText) { pieces += other.pieces }

    /// Calls `body` with each part in order. Slices are rendered on every core, at most a few ahead of `body`, and
    /// each is let go once `body` has had it; an error from `body` stops the rendering and is rethrown.
    public func forEachPart(_ body: ([UInt8]) throws -> Void) throws {
        for piece in pieces {
            switch piece {
            case .bytes(let bytes): try body(bytes)
            case .slices(let slices): try slices.forEach(body)
            }
        }
    }

    /// Every part, rendered (tests, standard output: the whole text in memory).
    public var parts: [[UInt8]] {
        var parts: [[UInt8]] = []
        // `body` never throws here.
        try? forEachPart { parts.append($0) }
        return parts
    }

    /// The whole text as one string (standard output, tests).
    public var string: String {
        var bytes: [UInt8] = []
        try? forEachPart { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
