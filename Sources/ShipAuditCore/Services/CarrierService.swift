import ShipAuditCSV
import ShipAuditStorage

/// A carrier service shipaudit knows, with the names exports spell it by.
public struct CarrierService: Sendable {
    /// Carrier (`UPS`, `FedEx`, `USPS`, `DHL Express`).
    public let carrier: String
    /// The service's usual name (`UPS Next Day Air`).
    public let name: String
    /// Its speed tier.
    public let tier: ServiceTier
    /// Other spellings: API codes (`ups 01`), tokens (`ups_next_day_air`), display names (`UPS® Ground`).
    public let aliases: [String]
    /// True when the carrier guarantees the delivery date (refund if late), per formats.md §9.
    public let guaranteed: Bool

    /// Creates a service.
    public init(
        _ carrier: String, _ name: String, _ tier: ServiceTier, aliases: [String] = [], guaranteed: Bool = false
    ) {
        self.carrier = carrier
        self.name = name
        self.tier = tier
        self.aliases = aliases
        self.guaranteed = guaranteed
    }
}
