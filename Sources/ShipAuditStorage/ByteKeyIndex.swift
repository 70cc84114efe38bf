import CMalloc
import Foundation

/// Keys (tracking numbers) as bytes in one buffer, found through an open-addressing table of their positions: a
/// key costs its bytes and about twelve more, where a `[String: Int32]` costs a heap string per key longer than 15
/// bytes and a hashed `String` per lookup.
///
/// A table entry holds the key's position and, in the bits the position does not need, a few more bits of the key's
/// hash (a tag): a probe that meets another key with another tag moves on without reading that key's bytes. With a
/// million keys, the table, the keys' starts and their bytes are each far larger than the caches, so comparing keys
/// was two cache misses per occupied slot met (a new tracking number met one or two before its free slot).
public struct ByteKeyIndex: Sendable {
    private var bytes: [UInt8] = []
    /// Key `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private var starts: [UInt32] = [0]
    /// Entries: 0 for an empty slot, else the key's position + 1 in the low `positionBits` bits and the hash's tag in
    /// the bits above. The size is a power of two, at most three quarters full.
    private var table = [UInt32](repeating: 0, count: 16)
    /// Bits of an entry for the position + 1: log2 of the table's size (the table is never full, so a position + 1 is
    /// below its size).
    private var positionBits = 4
    /// Counts changes, so that a slot from `lookup` is used only while it is still valid.
    public private(set) var changes = 0

    /// An empty index.
    public init() {}

    /// The number of keys.
    public var count: Int { starts.count - 1 }

    /// Makes room for this many keys.
    public mutating func reserve(_ keys: Int) {
        starts.reserveCapacity(keys + 1)
        bytes.reserveCapacity(keys * 20)
        if Self.isCrowded(keys, table.count) { rebuild(keys: keys) }
        changes += 1
    }

    /// The position of `key`, nil when absent.
    public func position(of key: String) -> Int? { lookup(key).position }

    /// The position of the key with these bytes, nil when absent.
    public func position(bytes key: UnsafeBufferPointer<UInt8>) -> Int? { find(key).position }

    /// The position of `key`, adding it when new.
    public mutating func insert(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { insert(bytes: $0) }
    }

    /// The position of the key with these bytes, adding it when new.
    public mutating func insert(bytes key: UnsafeBufferPointer<UInt8>) -> Int {
        let (found, slot) = find(key)
        if let found { return found }
        return append(key, at: slot)
    }

    /// True when the key at `position` has these bytes.
    public func key(at position: Int, is key: UnsafeBufferPointer<UInt8>) -> Bool { equals(position, key) }

    /// The position of `key` (nil when absent) and the table slot where it is or would go, for `insert(_:at:)`.
    public func lookup(_ key: String) -> (position: Int?, slot: Int) {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// Adds `key`, absent, at the slot `lookup` gave for it when `changes` was `asOf`: one probe instead of two when
    /// a caller looks a key up and then adds it. After any other change, the key is looked up again.
    public mutating func insert(_ key: String, at slot: Int, asOf: Int) -> Int {
        guard asOf == changes else { return insert(key) }
        var key = key
        return key.withUTF8 { append($0, at: slot) }
    }

    /// Adds an absent key at a free slot found for it since the last change.
    private mutating func append(_ key: UnsafeBufferPointer<UInt8>, at slot: Int) -> Int {
        changes += 1
        let position = count
        bytes.append(contentsOf: key)
        starts.append(UInt32(bytes.count))
        table[slot] = UInt32(position + 1) | tag(Self.hash(key))
        if Self.isCrowded(count, table.count) { rebuild(keys: count + 1) }
        return position
    }

    /// `position(bytes:)` for an index of a few keys (a file's status texts, looked up for every scan): the keys are
    /// compared in turn, lengths first, without hashing the key; past `few` keys, the table as usual.
    public func positionAmongFew(bytes key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard count <= Self.few else { return find(key).position }
        // The keys' starts and bytes taken once, not per key compared (`equals` takes them for each).
        let length = key.count
        return starts.withUnsafeBufferPointer { starts in
            bytes.withUnsafeBufferPointer { all in
                for position in 0..<starts.count - 1 {
                    let start = Int(starts[position])
                    guard Int(starts[position + 1]) - start == length else { continue }
                    if length == 0
                        || Self.same(
                            UnsafeRawPointer(all.baseAddress! + start), UnsafeRawPointer(key.baseAddress!), length)
                    {
                        return position
                    }
                }
                return nil
            }
        }
    }

    /// Up to this many keys, `positionAmongFew(bytes:)` compares them in turn.
    public static let few = 8

    /// The position of `key`, trying `near` and the position after it first: a caller walking keys in about the order
    /// they were inserted compares one or two keys next to each other in memory instead of probing the table (a
    /// cache miss per key in a large index).
    public func position(bytes key: UnsafeBufferPointer<UInt8>, near: Int) -> Int? {
        if near >= 0, near < count, equals(near, key) { return near }
        if near + 1 >= 0, near + 1 < count, equals(near + 1, key) { return near + 1 }
        return find(key).position
    }

    /// Runs `body` on the bytes of the key at a position.
    public func withKey<Result>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(starts[position])..<Int(starts[position + 1])]))
        }
    }

    /// The key at a position.
    public func key(at position: Int) -> String {
        String(decoding: bytes[Int(starts[position])..<Int(starts[position + 1])], as: UTF8.self)
    }

    /// Starts loading the table slot where a lookup of `key` begins: a caller that knows its next keys a few rows ahead
    /// overlaps the cache miss of each lookup (one per new key in a table of a million) with its work on the rows
    /// between. Changes nothing.
    public func prefetch(bytes key: UnsafeBufferPointer<UInt8>) {
        let slot = Int(truncatingIfNeeded: Self.hash(key)) & (table.count - 1)
        table.withUnsafeBufferPointer { shipaudit_prefetch($0.baseAddress! + slot) }
    }

    /// The position of `key` if present, and the slot where it is or would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (position: Int?, slot: Int) {
        let mask = table.count - 1
        let hash = Self.hash(key)
        let tag = tag(hash), positionMask = UInt32(1) << positionBits &- 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return table.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == 0 { return (nil, slot) }
                if entry & ~positionMask == tag {
                    let position = Int(entry & positionMask) - 1
                    if equals(position, key) { return (position, slot) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The tag of a hash for this table: its top bits, above the position's (the slot takes the low bits).
    private func tag(_ hash: UInt64) -> UInt32 { Self.tag(hash, positionBits: positionBits) }

    /// The tag of a hash in a table whose entries keep a position + 1 in their low `positionBits` bits.
    public static func tag(_ hash: UInt64, positionBits: Int) -> UInt32 {
        positionBits >= 32 ? 0 : UInt32(truncatingIfNeeded: hash >> (32 + UInt64(positionBits))) << positionBits
    }

    /// True when `keys` keys would fill more than three quarters of `size` slots.
    private static func isCrowded(_ keys: Int, _ size: Int) -> Bool { keys * 4 > size * 3 }

    /// The smallest power-of-two table (16 at least) that `keys` keys fill at most three quarters of, and the bits an
    /// entry's position + 1 takes in it (log2 of the size: the table is never full, so a position + 1 is below it).
    public static func tableSize(keys: Int) -> (size: Int, positionBits: Int) {
        var size = 16
        while isCrowded(keys, size) { size *= 2 }
        return (size, min(32, size.trailingZeroBitCount))
    }

    private func equals(_ position: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[position]), end = Int(starts[position + 1])
        guard end - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            key.isEmpty
                || Self.same(UnsafeRawPointer(all.baseAddress! + start), UnsafeRawPointer(key.baseAddress!), key.count)
        }
    }

    /// True when `count` bytes (at least one) at `a` and `b` are equal: keys of up to 32 bytes (order numbers, SKUs,
    /// and tracking numbers: UPS's have 18 characters, USPS's 20 to 22) by overlapping loads each side, without a call
    /// to `memcmp`; longer ones by `memcmp`.
    @inline(__always)
    public static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        switch count {
        case 17...32:
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        case 8...16:
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        case 4...7:
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                    == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        case 1...3:
            // Bytes 0, count / 2 and count - 1 are every byte of a key this short.
            return a.load(as: UInt8.self) == b.load(as: UInt8.self)
                && a.load(fromByteOffset: count >> 1, as: UInt8.self)
                    == b.load(fromByteOffset: count >> 1, as: UInt8.self)
                && a.load(fromByteOffset: count - 1, as: UInt8.self)
                    == b.load(fromByteOffset: count - 1, as: UInt8.self)
        default:
            return count <= 0 || memcmp(a, b, count) == 0
        }
    }

    /// The smallest table not crowded by `keys` keys, every key entered again (with the tag bits of its size).
    private mutating func rebuild(keys: Int) {
        let size: Int
        (size, positionBits) = Self.tableSize(keys: keys)
        var table = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        bytes.withUnsafeBufferPointer { all in
            for position in 0..<count {
                let key = UnsafeBufferPointer(rebasing: all[Int(starts[position])..<Int(starts[position + 1])])
                let hash = Self.hash(key)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while table[slot] != 0 { slot = (slot + 1) & mask }
                table[slot] = UInt32(position + 1) | tag(hash)
            }
        }
        self.table = table
    }

    /// A 64-bit hash of the bytes taken eight at a time (one multiply per word, where FNV-1a made a dependent
    /// multiply per byte: 36 in a shipping method's name), with a final mix so that the low bits (the slot) depend
    /// on every byte.
    public static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: key.count)
        guard let base = key.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= key.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash = hash << 29 | hash >> 35
            index += 8
        }
        // The bytes after the last whole word, by loads that may overlap bytes already hashed (every byte is in
        // one of the loads), without a loop per byte: the last eight bytes, two overlapping fours, or three bytes.
        let count = key.count
        if index < count {
            let tail: UInt64
            if count >= 8 {
                tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                tail =
                    UInt64(raw.loadUnaligned(as: UInt32.self)) << 32
                    | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            } else {
                tail = UInt64(key[0]) << 16 | UInt64(key[count >> 1]) << 8 | UInt64(key[count - 1])
            }
            hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        return mix(hash)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}

// The index as the domain's stores call it, with keys as views.
extension ByteKeyIndex {
    /// `position(bytes:)` of a view.
    @inlinable public func position(bytes key: ByteView) -> Int? { position(bytes: key.buffer) }
    /// `position(bytes:near:)` of a view.
    @inlinable public func position(bytes key: ByteView, near: Int) -> Int? { position(bytes: key.buffer, near: near) }
    /// `insert(bytes:)` of a view.
    @inlinable public mutating func insert(bytes key: ByteView) -> Int { insert(bytes: key.buffer) }
    /// `key(at:is:)` of a view.
    @inlinable public func key(at position: Int, is key: ByteView) -> Bool { self.key(at: position, is: key.buffer) }
    /// `positionAmongFew(bytes:)` of a view.
    @inlinable public func positionAmongFew(bytes key: ByteView) -> Int? { positionAmongFew(bytes: key.buffer) }
    /// `prefetch(bytes:)` of a view.
    @inlinable public func prefetch(bytes key: ByteView) { prefetch(bytes: key.buffer) }
    /// `hash(_:)` of a view.
    @inlinable public static func hash(_ key: ByteView) -> UInt64 { hash(key.buffer) }
}
