import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// One package: a label with a tracking number, as a shipment export lists it.
public struct Shipment: Sendable {
    /// Normalized order number it ships (matches `Order.id`).
    public var orderId: String
    /// Tracking number as text (never a number: leading zeros and 22 digits must survive).
    public var trackingNumber: String
    /// Carrier as the export names it (`ups`, `FedEx`, `stamps_com`).
    public var carrier: String
    /// The service on the label (`UPS® Ground`).
    public var service: String
    /// The service the order asked for, when the shipment export carries it (ShipStation `Carrier - Service Requested`).
    public var serviceRequested: String?
    /// Shipping the customer paid, when the shipment export carries it.
    public var shippingPaid: Decimal?
    /// What the label cost the merchant, when known.
    public var labelCost: Decimal?
    /// The measured (label or carrier scale) weight.
    public var weight: Weight?
    /// When it shipped (label created).
    public var shippedAt: Date?
    /// When it was delivered, when the shipment export says (ShipStation `Delivery - Date`).
    public var deliveredAt: Date?
    /// The row it came from.
    public var source: SourceLocation

    /// Creates a package.
    public init(
        orderId: String, trackingNumber: String, carrier: String, service: String, serviceRequested: String? = nil,
        shippingPaid: Decimal? = nil, labelCost: Decimal? = nil, weight: Weight?, shippedAt: Date? = nil,
        deliveredAt: Date? = nil, source: SourceLocation
    ) {
        self.orderId = orderId
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.service = service
        self.serviceRequested = serviceRequested
        self.shippingPaid = shippingPaid
        self.labelCost = labelCost
        self.weight = weight
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.source = source
    }
}

/// A catalog entry: the weight of one unit of a SKU.
public struct CatalogItem: Sendable {
    /// Normalized SKU.
    public var sku: String
    /// Weight of one unit.
    public var unitWeight: Weight
    /// The row it came from.
    public var source: SourceLocation

    /// Creates an entry.
    public init(sku: String, unitWeight: Weight, source: SourceLocation) {
        self.sku = sku
        self.unitWeight = unitWeight
        self.source = source
    }
}
