/// An array that grows by fixed-size chunks: appending never copies what is stored, and no more than one chunk is
/// spare, where a growing `Array` holds up to twice its elements while it doubles (and both copies while it moves).
struct ChunkedArray<Element: Sendable>: Sendable {
    private static var chunkShift: Int { 15 }
    private static var chunkSize: Int { 1 << chunkShift }
    private var chunks: [[Element]] = []

    /// The number of elements.
    private(set) var count = 0

    init() {}

    mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    subscript(index: Int) -> Element {
        get { chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)] }
        _modify { yield &chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)] }
    }

    /// Every element, in order.
    var elements: some Sequence<Element> { chunks.joined() }
}
