/// A moment in 4 bytes, as the stores keep times: whole seconds since 2000-01-01T00:00:00Z in an `Int32`
/// (1931-12-13 to 2068-01-19). A time with a fraction of a second or outside that range does not pack (`init` is nil)
/// and is kept whole beside by the store that holds it; packing and unpacking are exact.
public struct PackedTime: Sendable, Equatable, BitwiseCopyable {
    public let raw: Int32

    /// No time (NaN seconds).
    public static let none = PackedTime(raw: Int32.min)
    /// A time that does not pack, kept whole by the store beside the packed record.
    public static let wide = PackedTime(raw: Int32.min + 1)

    /// Seconds since 1970 of 2000-01-01T00:00:00Z.
    private static let epoch: Double = 946_684_800

    private init(raw: Int32) { self.raw = raw }

    /// The packed form of seconds since 1970 (NaN: `none`); nil when it does not pack.
    @inline(__always)
    public init?(_ seconds: Double) {
        if seconds.isNaN {
            self = .none
            return
        }
        let offset = seconds - Self.epoch
        guard offset > Double(Int32.min) + 1, offset <= Double(Int32.max) else { return nil }
        // Whole seconds only: the truncated value is the value.
        let whole = Int32(offset)
        guard Double(whole) == offset else { return nil }
        raw = whole
    }

    /// The packed form of seconds since 1970, `wide` when it does not pack.
    public static func packing(_ seconds: Double) -> PackedTime { PackedTime(seconds) ?? .wide }

    /// A time as whole seconds and milliseconds (0–999): nil unless it is exactly `whole + milliseconds / 1000`, as
    /// the times with milliseconds of carrier APIs read (`…T22:51:40.620Z`).
    @inline(__always)
    public static func splitting(_ seconds: Double) -> (time: PackedTime, milliseconds: UInt16)? {
        if let whole = PackedTime(seconds) { return (whole, 0) }
        return splittingFraction(seconds)
    }

    private static func splittingFraction(_ seconds: Double) -> (time: PackedTime, milliseconds: UInt16)? {
        guard seconds.isFinite else { return nil }
        let floor = seconds.rounded(.down)
        guard let whole = PackedTime(floor) else { return nil }
        let milliseconds = ((seconds - floor) * 1000).rounded()
        guard milliseconds >= 1, milliseconds < 1000, floor + milliseconds / 1000 == seconds else { return nil }
        return (whole, UInt16(milliseconds))
    }

    /// The time `splitting` split, from its milliseconds.
    @inline(__always)
    public func seconds(milliseconds: UInt16) -> Double {
        milliseconds == 0 ? seconds : seconds + Double(milliseconds) / 1000
    }

    /// Seconds since 1970; NaN for `none` (and meaningless for `wide`).
    public var seconds: Double { raw == Int32.min ? .nan : Double(raw) + Self.epoch }
}

extension Double {
    /// Lowers these seconds (NaN: none yet) to `seconds` when that is earlier; NaN `seconds` is none. For running
    /// minimums of times kept as seconds since 1970 (the stores' earliest label and scan).
    public mutating func lower(to seconds: Double) {
        if !seconds.isNaN, isNaN || seconds < self { self = seconds }
    }
}
