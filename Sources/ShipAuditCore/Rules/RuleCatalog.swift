import ShipAuditCSV
import ShipAuditStorage

/// The list of rules a run applies, in report order. A test checks every `*Rule.swift` file is listed here.
public enum RuleCatalog {
    /// Every per-order rule.
    public static let all: [any Rule] = [
        ServiceDowngradeRule(), ServiceUpgradeRule(), WeightShortRule(), WeightOverRule(),
        NotShippedRule(), ShippedLateRule(), LabelNeverScannedRule(), DeliveryAtRiskRule(), LateDeliveryRule(),
        CarrierExceptionRule(), ReturnedToSenderRule(), LostInTransitRule(), ShippingLossRule(),
    ]

    /// Every rule across orders.
    public static let inputRules: [any InputRule] = [
        UnknownOrderRule(), DuplicateTrackingRule(),
    ]

    /// Every rule on one package the carriers' invoices bill.
    public static let invoiceRules: [any InvoiceRule] = [
        BilledServiceMismatchRule(), DuplicateChargeRule(), VoidedLabelBilledRule(), AddressCorrectionChargeRule(),
        BilledWeightOverRule(), DimWeightMismatchRule(), ResidentialSurchargeRule(), GuaranteeRefundMissingRule(),
    ]

    /// Every rule's type, in report order.
    public static var descriptions: [any RuleDescription.Type] {
        all.map { type(of: $0) as any RuleDescription.Type }
            + inputRules.map { type(of: $0) as any RuleDescription.Type }
            + invoiceRules.map { type(of: $0) as any RuleDescription.Type }
    }

    /// Their ids.
    public static var ids: [String] { descriptions.map { $0.id } }
}
