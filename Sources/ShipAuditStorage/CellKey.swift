/// The bytes of several cells in one key, each after its length (so that `ab|c` and `a|bc` differ): two rows with
/// the same key have the same cells. Its storage is kept from row to row.
public struct CellKey: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Empties the key, keeping its storage.
    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// Adds a cell's bytes.
    public mutating func add(_ cell: ByteView) { add(cell.buffer) }

    /// Adds a text's UTF-8.
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// Adds an empty cell.
    public mutating func addEmpty() { add(UnsafeBufferPointer(start: nil, count: 0)) }

    private mutating func add(_ cell: UnsafeBufferPointer<UInt8>) {
        let count = UInt32(truncatingIfNeeded: cell.count)
        bytes.append(UInt8(truncatingIfNeeded: count))
        bytes.append(UInt8(truncatingIfNeeded: count >> 8))
        bytes.append(UInt8(truncatingIfNeeded: count >> 16))
        bytes.append(UInt8(truncatingIfNeeded: count >> 24))
        bytes.append(contentsOf: cell)
    }
}
