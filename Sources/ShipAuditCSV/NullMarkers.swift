import Foundation
import ShipAuditStorage

/// Cell texts that mean "no value" (`na`, `N/A`, `-`, `null`, `(none)`, ...): an Iceland Post scan export writes `na`
/// for a scan not made yet, and such a cell is read as empty in every column, never as a value to refuse.
public struct NullMarkers: Sendable {
    /// The markers, lower-cased ASCII, by length.
    private let byLength: [[[UInt8]]]

    /// The markers exports use.
    public static let builtIn = ["na", "n/a", "n.a.", "-", "--", "null", "none", "(none)", "nil", "#n/a"]

    /// Markers from `texts` (compared without case).
    public init(_ texts: [String] = NullMarkers.builtIn) {
        let lowered = texts.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        let longest = lowered.map(\.count).max() ?? 0
        var table = [[[UInt8]]](repeating: [], count: longest + 1)
        for marker in lowered { table[marker.count].append(marker) }
        byLength = table
    }

    /// True when the cell's bytes are a marker, whatever their case.
    @inlinable
    public func matches(_ cell: ByteView) -> Bool {
        let count = cell.count
        guard count > 0, count < lengths else { return false }
        return isMarker(cell)
    }

    /// Markers are shorter than this.
    @usableFromInline var lengths: Int { byLength.count }

    @usableFromInline
    func isMarker(_ cell: ByteView) -> Bool {
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
