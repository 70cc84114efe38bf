import Foundation

/// The bytes of several cells in one key, each after its length (so that `ab|c` and `a|bc` differ): two rows with
/// the same key have the same cells. The loader compares a row's key with the last row's to skip reading cells that
/// repeat (an invoice's lines, a package's lines), and swaps the two keys rather than copying one into the other.
public final class CellKey: @unchecked Sendable {
    // Unchecked: a key belongs to one loader on one thread, and a class's checked stored properties cost a dynamic
    // exclusivity check per access (most of the time of adding a cell).
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// The key's length in bytes.
    @exclusivity(unchecked) public private(set) var count = 0

    /// An empty key.
    public init() {
        capacity = 256
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Empties the key, keeping its storage.
    public func reset() { count = 0 }

    /// Adds a cell's bytes.
    public func add(_ cell: ByteView) { add(cell.buffer) }

    /// Adds a text's UTF-8.
    public func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// Adds an empty cell.
    public func addEmpty() { add(UnsafeBufferPointer(start: nil, count: 0)) }

    /// True when both keys have the same bytes.
    public func same(as other: CellKey) -> Bool {
        count == other.count && memcmp(storage, other.storage, count) == 0
    }

    /// The key's bytes, copied (to keep it in a dictionary).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    private func add(_ cell: UnsafeBufferPointer<UInt8>) {
        let needed = count + 4 + cell.count
        if needed > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, capacity * 2))
            grown.update(from: storage, count: count)
            storage.deallocate()
            (storage, capacity) = (grown, max(needed, capacity * 2))
        }
        var length = UInt32(truncatingIfNeeded: cell.count).littleEndian
        withUnsafeBytes(of: &length) {
            (storage + count).update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: 4)
        }
        if let base = cell.baseAddress, !cell.isEmpty { (storage + count + 4).update(from: base, count: cell.count) }
        count = needed
    }
}
