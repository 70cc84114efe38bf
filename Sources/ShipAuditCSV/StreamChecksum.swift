/// A 64-bit checksum of a stream of bytes, the same however the stream is cut into blocks: 8-byte little-endian
/// words, word `i` mixed into lane `i % 4` (xored in, multiplied by an odd constant and rotated: a bijection of the
/// lane, so a changed word always changes its lane), the lanes then folded together with the last partial word and
/// the byte count. Four lanes are four independent chains of multiplies, which the processor runs side by side: one
/// chain was a multiply's latency per 8 bytes of every file read.
public struct StreamChecksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9ce4_cbf2_2325_8422,
        0x2325_8422_9ce4_cbf2
    )
    /// Whole words mixed so far: the next word goes to lane `words % 4`.
    private var words = 0
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var total: UInt64 = 0

    /// Adds the next bytes of the stream.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var index = 0
        while pendingCount > 0, index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
            if pendingCount == 8 {
                mix(pending)
                (pending, pendingCount) = (0, 0)
            }
        }
        func word(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        while words & 3 != 0, index + 8 <= bytes.count {
            mix(word(index))
            index += 8
        }
        while index + 32 <= bytes.count {
            lanes = (
                Self.step(lanes.0, word(index)), Self.step(lanes.1, word(index + 8)),
                Self.step(lanes.2, word(index + 16)),
                Self.step(lanes.3, word(index + 24))
            )
            words += 4
            index += 32
        }
        while index + 8 <= bytes.count {
            mix(word(index))
            index += 8
        }
        while index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
        }
    }

    /// The checksum of the bytes added so far.
    public var value: UInt64 {
        var hash = Self.step(Self.step(Self.step(lanes.0, lanes.1), lanes.2), lanes.3)
        hash = Self.step(hash, pending)
        return Self.step(hash, total)
    }

    /// Mixes one whole word into its lane.
    private mutating func mix(_ word: UInt64) {
        switch words & 3 {
        case 0: lanes.0 = Self.step(lanes.0, word)
        case 1: lanes.1 = Self.step(lanes.1, word)
        case 2: lanes.2 = Self.step(lanes.2, word)
        default: lanes.3 = Self.step(lanes.3, word)
        }
        words += 1
    }

    private static func step(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product << 29 | product >> 35
    }
}
