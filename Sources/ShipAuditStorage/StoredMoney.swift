import Foundation

/// Money kept in 8 bytes as an exact count of ten-thousandths (a `Decimal` takes 20); `Int64.min` is "none".
/// Still decimal fixed point, never binary floating point: amounts are parsed from their digits straight into this
/// form (`ValueParsers.storedMoney`).
public enum StoredMoney {
    public static let none = Int64.min

    /// The amount back, exact.
    public static func decode(_ stored: Int64) -> Decimal? {
        stored == none
            ? nil : Decimal(sign: stored < 0 ? .minus : .plus, exponent: -4, significand: Decimal(stored.magnitude))
    }
}

/// A stored amount (`StoredMoney`) in 4 bytes, as the stores keep prices and shipping amounts: up to ±214,748.3647.
/// An amount that does not fit is `wide`, kept whole by the store beside the record; packing and unpacking are exact.
public struct PackedMoney: Sendable, Equatable, BitwiseCopyable {
    public let raw: Int32

    /// No amount.
    public static let none = PackedMoney(raw: Int32.min)
    /// An amount kept whole beside the record.
    public static let wide = PackedMoney(raw: Int32.min + 1)

    private init(raw: Int32) { self.raw = raw }

    /// The packed form of a stored amount (`StoredMoney.none`: `none`), `wide` when it does not fit.
    public static func packing(_ stored: Int64) -> PackedMoney {
        if stored == StoredMoney.none { return .none }
        guard let value = Int32(exactly: stored), value > Int32.min + 1 else { return .wide }
        return PackedMoney(raw: value)
    }

    /// The stored amount (`StoredMoney.none` for `none`; meaningless for `wide`).
    public var stored: Int64 { raw == Int32.min ? StoredMoney.none : Int64(raw) }
}
