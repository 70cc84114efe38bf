import Foundation

/// Tests on eight bytes at a time (the usual bit tricks: a word has a zero byte when `(w - 0x01…) & ~w & 0x80…` is not
/// zero), for scans of report text where a test per byte took several comparisons a byte.
public enum WordBytes {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// True when one of the word's bytes is zero.
    @inline(__always) public static func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }

    /// True when one of the word's bytes is `byte`.
    @inline(__always) public static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZero(word ^ (UInt64(byte) &* ones))
    }

    /// True when `word` is true of a word of `bytes` (taken eight at a time), or `byte` of one of the last bytes.
    @inline(__always) public static func any(
        _ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool
    ) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                if word(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
                index += 8
            }
        }
        while index < bytes.count {
            if byte(bytes[index]) { return true }
            index += 1
        }
        return false
    }
}
