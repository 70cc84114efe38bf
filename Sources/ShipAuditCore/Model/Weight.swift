import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// A unit of mass as exports write it.
public enum WeightUnit: String, Sendable, CaseIterable, BitwiseCopyable {
    case grams = "g", kilograms = "kg", ounces = "oz", pounds = "lb"

    /// Grams in one of this unit.
    public var grams: Double {
        switch self {
        case .grams: 1
        case .kilograms: 1000
        case .ounces: 28.349523125
        case .pounds: 453.59237
        }
    }

    /// Recognises the spellings carriers and platforms use: `g`, `grams`, `kg`, `KGS`, `oz`, `ounces`, `lb`, `LBS`,
    /// `pounds`, and the one-letter bill codes `L`, `K`, `O`, `G`.
    public init?(spelling: some StringProtocol) {
        // Most cells have no unit (the column says it, or there is no unit column): nothing to normalize.
        if spelling.isEmpty { return nil }
        switch spelling.lowercased().trimmingSpaces().removing(".") {
        case "g", "gr", "grs", "gram", "grams", "gm", "gms": self = .grams
        case "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "k": self = .kilograms
        case "oz", "ozs", "ounce", "ounces", "o": self = .ounces
        case "lb", "lbs", "pound", "pounds", "l", "#": self = .pounds
        default: return nil
        }
    }
}

/// A mass, held in grams.
public struct Weight: Sendable, Hashable, Comparable {
    /// The mass in grams.
    public var grams: Double

    /// The heaviest weight read from an export or the config (1,000 tonnes): more is refused, so every weight and
    /// every sum of them stays far inside what the reports can print.
    public static let maximumGrams = 1e9

    /// Creates a weight from grams.
    public init(grams: Double) { self.grams = grams }

    /// Creates a weight from an amount in a unit.
    public init(_ amount: Double, _ unit: WeightUnit) { grams = amount * unit.grams }

    /// The weight in a unit.
    public func value(in unit: WeightUnit) -> Double { grams / unit.grams }

    /// `1247 g`, rounded to the gram.
    public var description: String { grams.isFinite && abs(grams) < 1e15 ? "\(Int(grams.rounded())) g" : "\(grams) g" }

    public static func < (a: Weight, b: Weight) -> Bool { a.grams < b.grams }
    public static func + (a: Weight, b: Weight) -> Weight { Weight(grams: a.grams + b.grams) }
    public static func - (a: Weight, b: Weight) -> Weight { Weight(grams: a.grams - b.grams) }
}
