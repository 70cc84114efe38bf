import Foundation
import ShipAuditStorage

/// The last cell of one column, kept as bytes, with the value read from it: a Shopify export repeats an order's
/// `Created at` on each of its continuation rows, and the same bytes give the same date without parsing them again;
/// the rows a loader looks ahead at repeat an order number or a tracking number the same way. Cells up to 32 bytes
/// are kept; a longer one is never taken for a repeat.
public struct RepeatedCell<Value> {
    /// An empty one.
    public init() {}

    private var kept: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The kept cell's length; -1: none kept.
    private var count = -1
    private var value: Value?

    /// True when `cell` has the kept cell's bytes; otherwise `cell` is kept from now on (its value not yet read).
    public mutating func repeats(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        if cell.count == count {
            guard let base = cell.baseAddress else { return true }
            if withUnsafeBytes(of: &kept, { ByteKeyIndex.same($0.baseAddress!, UnsafeRawPointer(base), cell.count) }) {
                return true
            }
        }
        guard cell.count <= 32 else {
            count = -1
            return false
        }
        withUnsafeMutableBytes(of: &kept) { room in
            if let base = cell.baseAddress { room.baseAddress!.copyMemory(from: base, byteCount: cell.count) }
        }
        count = cell.count
        return false
    }

    /// The value of `cell`: the kept one when the bytes are the kept cell's, otherwise `read(cell)`, then kept.
    public mutating func value<Failure: Error>(
        of cell: UnsafeBufferPointer<UInt8>,
        _ read: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Value?
    ) throws(Failure) -> Value? {
        if repeats(cell) { return value }
        do {
            value = try read(cell)
        } catch {
            count = -1
            throw error
        }
        return value
    }

    /// Forgets the kept cell (a new file: its dates may be read another way).
    public mutating func forget() { count = -1 }
}

extension RepeatedCell {
    /// `repeats(_:)` of a cell's view.
    @inlinable public mutating func repeats(_ cell: ByteView) -> Bool { repeats(cell.buffer) }

    /// `value(of:_:)` of a cell's view.
    @inlinable
    public mutating func value<Failure: Error>(
        of cell: ByteView, _ read: (ByteView) throws(Failure) -> Value?
    ) throws(Failure) -> Value? {
        try value(of: cell.buffer) { (bytes) throws(Failure) in try read(ByteView(bytes)) }
    }
}
