/// A 64-bit checksum of a stream of bytes, the same however the stream is cut into blocks: 8-byte little-endian
/// words, each xored in, multiplied by an odd constant and rotated (a bijection of the state, so a changed word always
/// changes the result); the last partial word is mixed in with the byte count. One multiply per 8 bytes: FNV-1a's
/// multiply per byte was a chain of dependent multiplies over every byte read.
struct StreamChecksum {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var total: UInt64 = 0

    /// Adds the next bytes of the stream.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var index = 0
        while pendingCount > 0, index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
            if pendingCount == 8 { mix(pending); (pending, pendingCount) = (0, 0) }
        }
        while index + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
        }
    }

    /// The checksum of the bytes added so far.
    var value: UInt64 {
        var copy = self
        copy.mix(copy.pending)
        copy.mix(copy.total)
        return copy.hash
    }

    private mutating func mix(_ word: UInt64) {
        let product = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        hash = product << 29 | product >> 35
    }
}
