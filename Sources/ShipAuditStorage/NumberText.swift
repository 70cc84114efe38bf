/// Number formatting without Foundation's `String(format:)`, which bridges through NSString on Linux and showed up
/// in the profile once per order (dates in promises, weights in evidence).
public enum NumberText {
    /// `n` with leading zeros to `width` digits (`7`, 2 → `07`).
    public static func padded(_ n: Int, _ width: Int) -> String {
        if n >= 0, n < 10_000, width <= 4 {
            return fixed { $0.digits(n, width: max(width, n < 10 ? 1 : n < 100 ? 2 : n < 1_000 ? 3 : 4)) }
        }
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `n`'s decimal digits (`-` first when negative) appended to `out` without making a `String`: the line numbers
    /// of a large report's sources, some ten per flag.
    public static func append(_ n: Int, to out: inout some JSONOutput) {
        guard n >= 0 else { return String(n).withBytes { out.put($0) } }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var writer = ASCIIWriter(buffer: buffer)
            writer.number(n)
            out.put(UnsafeBufferPointer(rebasing: buffer[0..<writer.count]))
        }
    }

    /// ASCII text of at most 32 bytes, written by `body` into one buffer: dates and times are made this way, where
    /// interpolating padded parts made a `String` per part.
    public static func fixed(_ body: (inout ASCIIWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            var writer = ASCIIWriter(buffer: buffer)
            body(&writer)
            return writer.count
        }
    }

    /// Writes ASCII into a buffer of at least 32 bytes (`fixed`).
    public struct ASCIIWriter {
        public let buffer: UnsafeMutableBufferPointer<UInt8>
        public private(set) var count = 0

        public init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        public mutating func put(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }

        public mutating func put(_ text: StaticString) {
            for index in 0..<text.utf8CodeUnitCount { put(text.utf8Start[index]) }
        }

        /// `2026-11-26` (a year of four digits).
        public mutating func date(_ year: Int, _ month: Int, _ day: Int) {
            digits(year, width: 4)
            put(0x2D)
            digits(month, width: 2)
            put(0x2D)
            digits(day, width: 2)
        }

        /// `15:40` for a second of the day.
        public mutating func clock(_ secondOfDay: Int) {
            digits(secondOfDay / 3600, width: 2)
            put(0x3A)
            digits(secondOfDay % 3600 / 60, width: 2)
        }

        /// `n` (0 or more) in as many digits as it has.
        public mutating func number(_ n: Int) {
            var width = 1, bound = 10
            while n >= bound, width < 19 {
                width += 1
                bound = bound &* 10
            }
            digits(n, width: width)
        }

        /// `tenths` as `-12.3` (below 10^12 in magnitude).
        public mutating func oneDecimal(tenths: Int) {
            if tenths < 0 { put(0x2D) }
            let magnitude = Int(tenths.magnitude)
            number(magnitude / 10)
            put(0x2E)
            put(UInt8(48 + magnitude % 10))
        }

        /// `n` (0 or more, below 10^width) in exactly `width` digits, with leading zeros.
        public mutating func digits(_ n: Int, width: Int) {
            var value = n
            for index in stride(from: count + width - 1, through: count, by: -1) {
                buffer[index] = UInt8(48 + value % 10)
                value /= 10
            }
            count += width
        }
    }

    /// `value` rounded to one decimal: `1021.4`, `-56.7`, `0.0`.
    public static func oneDecimal(_ value: Double) -> String {
        // Beyond a trillion, or not a number at all, printed by the C library: never converted to an `Int` that
        // cannot hold it.
        guard value.isFinite, abs(value) < 1e11 else { return value.isFinite ? String(format: "%.1f", value) : "?" }
        return fixed { $0.oneDecimal(tenths: Int((value * 10).rounded())) }
    }

    /// `\u003c`-style JSON escape of a scalar.
    public static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
