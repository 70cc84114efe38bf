/// The list of rules a run applies, in report order. A test checks every `*Rule.swift` file is listed here.
public enum RuleCatalog {
    /// Every rule.
    public static let all: [any Rule] = [ServiceDowngradeRule(), ServiceUpgradeRule(), WeightShortRule(), WeightOverRule()]

    /// Their ids.
    public static var ids: [String] { all.map { type(of: $0).id } }
}
