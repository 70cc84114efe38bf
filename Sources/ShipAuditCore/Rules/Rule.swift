/// What a rule sees besides the order: the catalog and the configuration.
public struct RuleContext: Sendable {
    /// Catalog entries by SKU.
    public let catalog: [String: CatalogItem]
    /// The run's configuration.
    public let configuration: Configuration
    /// False when no catalog file was given: weights cannot be checked at all.
    public let hasCatalog: Bool

    /// Creates a context.
    public init(catalog: [String: CatalogItem], configuration: Configuration, hasCatalog: Bool = true) {
        self.catalog = catalog
        self.configuration = configuration
        self.hasCatalog = hasCatalog
    }
}

/// What one rule concluded about one order.
public enum RuleOutcome: Sendable {
    /// Checked, nothing wrong.
    case passed
    /// Checked, something wrong.
    case flagged(Finding)
    /// Could not be checked, and why (with the items concerned, e.g. SKUs missing from the catalog).
    case skipped(reason: String, items: [String] = [])
}

/// A check: one per file, its id is its name in reports and config, its documentation is its `summary`.
public protocol Rule: Sendable {
    /// The id in reports and config (`service_downgrade`).
    static var id: String { get }
    /// What it flags, its evidence and its default thresholds, for `shipaudit rules`.
    static var summary: String { get }
    /// Checks one order.
    func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome
}
