/// A set of numbers (the text numbers of the services and shipping methods a file names) that a store offers a
/// number to for every row: a number already in it is known from a small table of those inserted (one slot per
/// hash; a number written over by another that shares its slot is inserted again, which changes nothing), without
/// the set's hashing, some 130 instructions an insert.
public struct NumberSet<Number: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// An empty one.
    public init() {}

    /// The numbers inserted.
    public private(set) var numbers = Set<Number>()
    /// Numbers known to be in `numbers`, by a slot of their hash (`Number.max`: none).
    private var inserted = [Number](repeating: .max, count: 64)

    public mutating func insert(_ number: Number) {
        let slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: number) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        guard inserted[slot] != number || number == .max else { return }
        numbers.insert(number)
        inserted[slot] = number
    }
}
