import Foundation
import ShipAuditStorage

/// What spreadsheets leave in cells: Excel's guard `="0123"` (written so that Excel keeps leading zeros) and a leading
/// `'` (its text prefix). Both are unwrapped to the value they protect.
public enum CellHygiene {
    /// The value inside an Excel guard or after a text prefix; nil when the cell has neither.
    @inlinable
    public static func unwrapped(_ cell: ByteView) -> ByteView? {
        let count = cell.count
        guard count >= 2 else { return nil }
        if cell[0] == UInt8(ascii: "="), count >= 3, cell[1] == UInt8(ascii: "\""),
            cell[count - 1] == UInt8(ascii: "\"")
        {
            return cell.dropping(first: 2, last: 1)
        }
        if cell[0] == UInt8(ascii: "'") { return cell.dropping(first: 1, last: 0) }
        return nil
    }
}

extension TextDecoder {
    /// `decode(_:)` of a cell's view.
    public func decode(_ view: ByteView) -> String { decode(view.buffer) }
}
