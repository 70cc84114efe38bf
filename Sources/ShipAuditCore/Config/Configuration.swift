import Foundation

/// Everything a run can be told in `shipaudit.toml`, with the defaults used when the file is silent.
public struct Configuration: Sendable {
    /// Zone for dates written without an offset (ShipStation, `yyyymmdd`).
    public var timeZone = TimeZone(identifier: "America/New_York")!
    /// Currency for orders whose export has none.
    public var defaultCurrency = "USD"
    /// Merchant checkout rate titles → tier (`"Standard Shipping (3-5 business days)" = "ground"`).
    public var rateTitles: [String: ServiceTier] = [:]
    /// Extra carrier service names → tier, for services the built-in table lacks.
    public var services: [String: ServiceTier] = [:]
    /// Profiles to use per input kind instead of recognising them.
    public var profiles: [InputKind: String] = [:]
    /// Weight check thresholds.
    public var weight = WeightSettings()
    /// Remedies.
    public var policy = PolicySettings()
    /// Rule ids switched off.
    public var disabledRules: Set<String> = []

    /// The defaults.
    public init() {}
}

/// Thresholds of the weight check.
public struct WeightSettings: Sendable, Equatable {
    /// Box and filler added per package to the contents' weight.
    public var packagingPerPackage = Weight(4, .ounces)
    /// A difference up to this weight is never flagged (scales and catalog weights are not exact).
    public var toleranceAbsolute = Weight(2, .ounces)
    /// A difference up to this share of the expected weight is never flagged; the larger of the two applies.
    public var tolerancePercent = 5.0

    /// The defaults.
    public init() {}

    /// The tolerance for an expected weight: max(absolute, percent × expected).
    public func tolerance(for expected: Weight) -> Weight {
        Weight(grams: max(toleranceAbsolute.grams, expected.grams * tolerancePercent / 100))
    }
}

/// How flags turn into recommended actions.
public struct PolicySettings: Sendable, Equatable {
    /// Below this goods value, a short shipment is reshipped or credited at once, without an investigation.
    public var investigateAbove: Decimal = 50

    /// The defaults.
    public init() {}
}
