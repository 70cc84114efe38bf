/// The text of `shipaudit rules`: each rule, whether it is on, what it flags, and the thresholds in effect.
public enum RulesListing {
    /// Renders the listing for a configuration.
    public static func render(_ configuration: Configuration) -> String {
        let weight = configuration.weight
        var out = ""
        for rule in RuleCatalog.all {
            let type = type(of: rule)
            let state = configuration.disabledRules.contains(type.id) ? " (disabled)" : ""
            out += "\(type.id)\(state)\n  \(type.summary)\n"
            if type.id.hasPrefix("weight") {
                out += "  packaging \(WeightComparison.format(weight.packagingPerPackage)) per package; tolerance max(\(WeightComparison.format(weight.toleranceAbsolute)), \(weight.tolerancePercent)% of expected)\n"
            }
            if type.id == WeightShortRule.id {
                out += "  reship without investigation below \(Money(configuration.policy.investigateAbove, configuration.defaultCurrency).description)\n"
            }
        }
        return out
    }
}
