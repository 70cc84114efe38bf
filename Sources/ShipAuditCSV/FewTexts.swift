import Foundation
import ShipAuditStorage

/// The text numbers a column of few texts gave its cells (a shipment's carrier, service and requested service; an
/// order's currency and shipping method), kept by the cells' bytes: a cell seen before gets its number by comparing it
/// with the few kept cells in turn (`ByteKeyIndex.positionAmongFew`), without the UTF-8 check and the hashed lookup in
/// the store's text table (some 200 instructions a cell, three times for every package). A column with more than
/// `ByteKeyIndex.few` different cells is left to the table: from then on nothing is kept or compared.
///
/// The number is whatever the loader made of the cell's bytes, so the kept cells hold for one file and one column
/// (a file may be read as Windows-1252): `forget()` between files.
public struct FewTexts: Sendable {
    /// An empty one.
    public init() {}

    private var cells = ByteKeyIndex()
    private var numbers: [UInt32] = []
    /// True once the column had more different cells than are kept.
    private var many = false

    /// The number kept for a cell with these bytes, nil when none is.
    public func number(of cell: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !many, let position = cells.positionAmongFew(bytes: cell) else { return nil }
        return numbers[position]
    }

    /// Keeps the number made for a cell that `number(of:)` did not know.
    public mutating func keep(_ cell: UnsafeBufferPointer<UInt8>, _ number: UInt32) {
        guard !many else { return }
        guard cells.count < ByteKeyIndex.few else {
            forget()
            many = true
            return
        }
        if cells.insert(bytes: cell) == numbers.count { numbers.append(number) }
    }

    /// Forgets every kept cell (a new file).
    public mutating func forget() {
        cells = ByteKeyIndex()
        numbers = []
        many = false
    }
}

extension FewTexts {
    /// `number(of:)` of a cell's view.
    @inlinable public func number(of cell: ByteView) -> UInt32? { number(of: cell.buffer) }
    /// `keep(_:_:)` of a cell's view.
    @inlinable public mutating func keep(_ cell: ByteView, _ number: UInt32) { keep(cell.buffer, number) }
}
