import Foundation
import ShipAuditStorage

/// Cell texts that mean "no value" (`na`, `N/A`, `-`, `null`, `(none)`, ...): an Iceland Post scan export writes `na`
/// for a scan not made yet, and such a cell is read as empty in every column, never as a value to refuse.
public struct NullMarkers: Sendable {
    /// The markers, lower-cased ASCII, by length.
    private let byLength: [[[UInt8]]]
    /// The bytes a marker can start with (either case), as bits: most cells are ruled out by their first byte and
    /// their length without touching the lists.
    public let firstBytesLow: UInt64, firstBytesHigh: UInt64
    /// Markers are shorter than this.
    public let lengths: Int

    /// The markers exports use.
    public static let builtIn = ["na", "n/a", "n.a.", "-", "--", "null", "none", "(none)", "nil", "#n/a"]

    /// Markers from `texts` (compared without case).
    public init(_ texts: [String] = NullMarkers.builtIn) {
        let lowered = texts.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        let longest = lowered.map(\.count).max() ?? 0
        var table = [[[UInt8]]](repeating: [], count: longest + 1)
        var low: UInt64 = 0, high: UInt64 = 0
        for marker in lowered {
            table[marker.count].append(marker)
            for byte in [marker[0], marker[0] >= 0x61 && marker[0] <= 0x7A ? marker[0] - 0x20 : marker[0]] {
                if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
            }
        }
        byLength = table
        (firstBytesLow, firstBytesHigh, lengths) = (low, high, longest + 1)
    }

    /// True when the cell's bytes are a marker, whatever their case.
    @inlinable
    public func matches(_ cell: ByteView) -> Bool {
        Self.mayMatch(cell, low: firstBytesLow, high: firstBytesHigh, lengths: lengths) && isMarker(cell)
    }

    /// True when a cell's length and first byte are a marker's (`isMarker` then says): tested for every cell read,
    /// with the masks held where the caller reads them without reference counting.
    @inlinable @inline(__always)
    public static func mayMatch(_ cell: ByteView, low: UInt64, high: UInt64, lengths: Int) -> Bool {
        let count = cell.count
        guard count > 0, count < lengths else { return false }
        let first = cell[0]
        let bit = first < 64 ? low >> UInt64(first) : first < 128 ? high >> UInt64(first - 64) : 0
        return bit & 1 != 0
    }

    /// True when the cell is one of the markers, whatever its case.
    public func isMarker(_ cell: ByteView) -> Bool {
        let candidates = byLength[cell.count]
        if candidates.isEmpty { return false }
        return candidates.contains { marker in
            for index in 0..<marker.count {
                let byte = cell[index]
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lowered != marker[index] { return false }
            }
            return true
        }
    }
}
