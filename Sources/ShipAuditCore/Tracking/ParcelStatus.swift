import ShipAuditCSV
import ShipAuditStorage

/// Where a parcel is, in one vocabulary whatever the carrier or tracking service wrote.
public enum ParcelStatus: String, Sendable, CaseIterable, Comparable, BitwiseCopyable {
    case labelCreated = "label_created"
    case inTransit = "in_transit"
    case outForDelivery = "out_for_delivery"
    case availableForPickup = "available_for_pickup"
    case exception
    case returned
    case delivered
    case unknown

    /// True for statuses that mean the carrier has physically had the parcel.
    public var isScan: Bool { self != .labelCreated && self != .unknown }

    public static func < (a: ParcelStatus, b: ParcelStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Normalizes a status code or text: AfterShip tags, EasyPost, karrio, Shippo and ShipEngine statuses, UPS
    /// status types and FedEx codes (formats.md §7, §4c, §5c), then carriers' scan texts by keyword. `extra` (from
    /// the config) is tried first. Nil when nothing matches: the caller counts it as unknown, never guesses.
    public static func normalize(_ text: String, extra: [String: ParcelStatus] = [:]) -> ParcelStatus? {
        let key = ServiceDirectory.key(text)
        guard !key.isEmpty else { return nil }
        if let mapped = extra[key] { return mapped }
        if let known = codes[key] { return known }
        // Carrier scan texts: keywords, most specific first.
        let lower = KeywordText(text)
        let rules: [([String], ParcelStatus)] = [
            (["out for delivery", "on vehicle for delivery", "with delivery courier"], .outForDelivery),
            (
                [
                    "return to sender", "returned to sender", "returning to sender", "return to shipper",
                    "returned to shipper", "being returned",
                ], .returned
            ),
            (
                [
                    "not delivered", "undeliverable", "delivery attempt", "attempted", "exception", "delivery failed",
                    "failed delivery", "damaged", "refused", "address issue", "incorrect address", "held by customs",
                ], .exception
            ),
            (
                [
                    "available for pickup", "ready for pickup", "held at", "hold at location", "at access point",
                    "awaiting collection",
                ], .availableForPickup
            ),
            (["delivered"], .delivered),
            (
                [
                    "label created", "label printed", "shipment information sent", "shipping label created",
                    "pre-shipment", "pre-transit", "order processed", "awaiting item", "info received",
                    "electronic notification",
                ], .labelCreated
            ),
            (
                [
                    "in transit", "departed", "arrived", "picked up", "pickup scan", "origin scan", "destination scan",
                    "accepted", "processed", "processing", "on the way", "on its way", "moving through", "loaded",
                    "export scan", "import scan", "sorting", "in-transit", "shipment received", "delay", "arrival",
                    "departure",
                    "hub scan", "facility scan",
                ], .inTransit
            ),
        ]
        for (words, status) in rules where words.contains(where: lower.contains) { return status }
        return nil
    }

    /// Exact codes and tags, by comparison key (letters and digits, lower case).
    static let codes: [String: ParcelStatus] = {
        var table: [String: ParcelStatus] = [:]
        func add(_ status: ParcelStatus, _ names: [String]) {
            for name in names { table[ServiceDirectory.key(name)] = status }
        }
        add(
            .labelCreated,
            [
                "Pending", "InfoReceived", "pre_transit", "PRE_TRANSIT", "label_created", "LABEL_PRINTED",
                "LABEL_PURCHASED", "CONFIRMED", "SUBMITTED", "MP", "M", "OC", "manifest",
            ])
        add(
            .inTransit,
            [
                "InTransit", "in_transit", "TRANSIT", "accepted", "IT", "IX", "I", "P", "PU", "DP", "AR", "AF",
                "delivery_delayed", "DELAYED", "DY", "DD", "CARRIER_PICKED_UP", "PICKED_UP", "transit",
            ])
        add(.outForDelivery, ["OutForDelivery", "out_for_delivery", "OUT_FOR_DELIVERY", "OT", "OD"])
        add(.delivered, ["Delivered", "delivered", "DELIVERED", "D", "DL"])
        add(
            .availableForPickup,
            ["AvailableForPickup", "available_for_pickup", "ready_for_pickup", "READY_FOR_PICKUP", "HL"])
        add(
            .exception,
            [
                "Exception", "exception", "AttemptFail", "attempted_delivery", "ATTEMPTED_DELIVERY", "failure",
                "FAILURE", "error", "on_hold", "delivery_failed", "NOT_DELIVERED", "X", "DE", "SE", "CA", "cancelled",
            ])
        add(.returned, ["return_to_sender", "RETURNED", "returned", "RS"])
        add(.unknown, ["unknown", "UNKNOWN", "Expired"])
        return table
    }()
}
