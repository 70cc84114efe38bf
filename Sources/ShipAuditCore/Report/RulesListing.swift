import ShipAuditCSV
import ShipAuditStorage
/// The text of `shipaudit rules`: each rule, whether it is on, what it flags, and the thresholds in effect.
public enum RulesListing {
    /// Renders the listing for a configuration.
    public static func render(_ configuration: Configuration) -> String {
        let weight = configuration.weight
        var out = ""
        for type in RuleCatalog.descriptions {
            let state = configuration.disabledRules.contains(type.id) ? " (disabled)" : ""
            out += "\(type.id)\(state)\n  \(type.summary)\n"
            if type.id.hasPrefix("weight") {
                out += "  packaging \(WeightComparison.format(weight.packagingPerPackage)) per package; tolerance max(\(WeightComparison.format(weight.toleranceAbsolute)), \(weight.tolerancePercent)% of expected)\n"
            }
            let delivery = configuration.delivery, promise = configuration.promise
            switch type.id {
            case NotShippedRule.id: out += "  grace \(delivery.notShippedGraceHours) hours after the ship-by day; cutoff \(promise.cutoffText), \(promise.processingDays) processing days\n"
            case LabelNeverScannedRule.id: out += "  after \(delivery.neverScannedBusinessHours) business hours without a carrier scan\n"
            case DeliveryAtRiskRule.id: out += "  no scan for \(delivery.stalledHours) hours; transit days: " + ServiceTier.allCases.map { "\($0.rawValue) \(promise.transit($0))" }.joined(separator: ", ") + "\n"
            case LateDeliveryRule.id: out += "  claim window \(delivery.claimWindowDays) days\n"
            case LostInTransitRule.id: out += "  no scan for \(delivery.lostAfterDays) days\n"
            default: break
            }
            if type.id == WeightShortRule.id {
                out += "  reship without investigation below \(Money(configuration.policy.investigateAbove, configuration.defaultCurrency).description)\n"
            }
        }
        return out
    }
}
