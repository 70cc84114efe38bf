import ShipAuditCSV
import ShipAuditStorage

/// The text of `shipaudit rules`: each rule, whether it is on, what it flags, and the thresholds in effect, all from
/// the rule's own file (`RuleDescription.summary` and `thresholds`).
public enum RulesListing {
    /// Renders the listing for a configuration.
    public static func render(_ configuration: Configuration) -> String {
        var out = ""
        for type in RuleCatalog.descriptions {
            let state = configuration.disabledRules.contains(type.id) ? " (disabled)" : ""
            out += "\(type.id)\(state)\n  \(type.summary)\n"
            for line in type.thresholds(configuration) { out += "  \(line)\n" }
        }
        return out
    }
}
