import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What a carrier's invoice says it measured and billed for one package: weights, the dimensions keyed for it, the
/// zone and the receiver. Repeated on each of the package's charge lines (UPS) or given once per row (FedEx); every
/// part is optional, as layouts and lines differ in what they carry.
public struct BilledPackage: Sendable, Hashable {
    /// The weight the package was billed at.
    public var billedWeight: Weight?
    /// The unit the invoice bills weights in (UPS `L` pounds, `K` kilograms), nil when it does not say.
    public var weightUnit: WeightUnit?
    /// True when billed by dimensional weight, false by actual weight, nil when the invoice does not say.
    public var dimensional: Bool?
    /// The weight the shipper entered on the label.
    public var enteredWeight: Weight?
    /// The weight on the carrier's scale.
    public var scaleWeight: Weight?
    /// The dimensions keyed for the package, in inches.
    public var dimensions: Dimensions?
    /// The divisor the invoice says it used (FedEx's `Dim Divisor`).
    public var statedDivisor: Double?
    /// The zone billed.
    public var zone = ""
    /// The receiver's company, as the invoice names it (empty for a person).
    public var receiverCompany = ""
    /// When the carrier delivered it, as the invoice says.
    public var deliveredAt: Date?

    /// Nothing known.
    public init() {}

    /// True when nothing is known of the package beyond its charges.
    public var isEmpty: Bool { self == BilledPackage() }

    /// UPS's `Billed Weight Type`: 1 actual, 2 dimensional, 8 scanned actual, 9 scanned dimensional (others unknown);
    /// words in other layouts (`Dimensional`, `DIM`, `Actual`).
    public static func isDimensional(_ text: String) -> Bool? {
        switch text.trimmingSpaces().lowercased() {
        case "2", "9", "02", "09", "d", "dim", "dimensional", "dimensional weight": true
        case "1", "8", "01", "08", "a", "actual", "actual weight": false
        default: nil
        }
    }
}

/// A package's length, width and height, in inches.
public struct Dimensions: Sendable, Hashable, CustomStringConvertible {
    public var length: Double, width: Double, height: Double

    /// Dimensions in inches.
    public init(length: Double, width: Double, height: Double) {
        (self.length, self.width, self.height) = (length, width, height)
    }

    /// Reads `12.0x 9.0x 7.0` or `12 x 9 x 7` (UPS's Package Dimensions) in `unit` (`IN`, `CM`; inches when empty);
    /// nil when it is not three positive numbers or the unit is not one of those.
    public init?(text: String, unit: String) {
        let parts = text.split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == "*" || $0 == "×" })
        guard parts.count == 3 else { return nil }
        let numbers = parts.compactMap { Double($0.trimmingSpaces()) }
        guard numbers.count == 3 else { return nil }
        self.init(numbers: numbers, unit: unit)
    }

    /// Three numbers in `unit` (`IN`, `I`, `CM`, `C`; inches when empty); nil when one is not positive and finite or
    /// the unit is unknown.
    public init?(numbers: [Double], unit: String) {
        guard numbers.count == 3, numbers.allSatisfy({ $0.isFinite && $0 > 0 && $0 < 100_000 }) else { return nil }
        let factor: Double
        switch unit.trimmingSpaces().lowercased() {
        case "", "in", "i", "inch", "inches": factor = 1
        case "cm", "c", "centimeters", "centimetres": factor = 1 / 2.54
        default: return nil
        }
        self.init(length: numbers[0] * factor, width: numbers[1] * factor, height: numbers[2] * factor)
    }

    /// `12 × 9 × 7 in`.
    public var description: String {
        [length, width, height].map { Self.format($0) }.joined(separator: " × ") + " in"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
