import CMalloc
import Foundation

/// Items with equal keys, found in one pass through an open-addressing table of their positions (the layout of
/// `ByteKeyIndex`'s table), for keys that live elsewhere (a store's records): the caller gives each item's hash and
/// says whether two items' keys are equal.
public enum KeyGroups {
    /// For each item whose key an earlier item has, that earlier item → the later items with the same key. Items for
    /// which `hasKey` is false are skipped; `visited` hears each item as the pass reaches it (to hand a store's pages
    /// back as it goes).
    ///
    /// The slot of the item 16 ahead is asked of the memory early, its hash kept until its turn: in a table of a
    /// million each item's slot is a cache miss.
    public static func repeated(
        count: Int, hasKey: (Int) -> Bool, hash: (Int) -> UInt64, same: (Int, Int) -> Bool,
        visited: (Int) -> Void = { _ in }
    ) -> [Int32: [Int]] {
        let (size, bits) = ByteKeyIndex.tableSize(keys: count)
        var table = [UInt32](repeating: 0, count: size)
        let mask = size - 1, positions = UInt32(1) << bits &- 1
        var groups: [Int32: [Int]] = [:]
        let ahead = 16
        var hashes = [UInt64](repeating: 0, count: ahead)
        for index in 0..<min(ahead, count) where hasKey(index) { hashes[index] = hash(index) }
        // Every item moves the look-ahead on, with a key or without: skipping those without left the item 16 after
        // one of them with the hash of the item 16 before it, so its key was looked for in the wrong place.
        for index in 0..<count {
            let itemHash = hashes[index % ahead]
            if index + ahead < count, hasKey(index + ahead) {
                let later = hash(index + ahead)
                hashes[index % ahead] = later
                table.withUnsafeBufferPointer {
                    shipaudit_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: later) & mask))
                }
            }
            guard hasKey(index) else { continue }
            visited(index)
            let tag = ByteKeyIndex.tag(itemHash, positionBits: bits)
            var slot = Int(truncatingIfNeeded: itemHash) & mask
            while true {
                let entry = table[slot]
                if entry == 0 {
                    table[slot] = UInt32(index + 1) | tag
                    break
                }
                if entry & ~positions == tag, case let first = Int(entry & positions) - 1, same(first, index) {
                    groups[Int32(first), default: []].append(index)
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return groups
    }
}
