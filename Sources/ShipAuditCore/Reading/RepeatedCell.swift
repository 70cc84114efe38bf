import Foundation

/// The last value read from a cell of one column, kept with the cell's bytes: a Shopify export repeats an order's
/// `Created at` on each of its continuation rows, and the same bytes give the same date without parsing them again.
/// Cells up to 32 bytes are kept; a longer one is read every time.
struct RepeatedCell<Value> {
    private var kept: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The kept cell's length; -1: none kept.
    private var count = -1
    private var value: Value?

    /// The value of `cell`: the kept one when the bytes are the kept cell's, otherwise `read(cell)`, then kept.
    mutating func value<Failure: Error>(of cell: UnsafeBufferPointer<UInt8>,
                                        _ read: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Value?) throws(Failure) -> Value? {
        let same = withUnsafeBytes(of: &kept) { room in
            cell.count == count && (cell.isEmpty || memcmp(room.baseAddress!, cell.baseAddress!, cell.count) == 0)
        }
        if same { return value }
        let fresh = try read(cell)
        if cell.count <= 32 {
            withUnsafeMutableBytes(of: &kept) { room in
                if let base = cell.baseAddress { room.baseAddress!.copyMemory(from: base, byteCount: cell.count) }
            }
            (count, value) = (cell.count, fresh)
        } else {
            count = -1
        }
        return fresh
    }

    /// Forgets the kept cell (a new file: its dates may be read another way).
    mutating func forget() { count = -1 }
}
