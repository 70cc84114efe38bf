/// Every distinct service name of the inputs resolved once, at match time, and found from then on by the stores' text
/// numbers: the orders' shipping methods, the packages' (service, carrier) pairs and their requested services. A
/// million orders repeat a handful of names; a lookup by number is one small hash, where looking a name up by its
/// text hashed and compared the whole strings (about 1,900 instructions per package).
struct ServiceMemo: Sendable {
    private var answers: [UInt64: ResolvedService?] = [:]

    /// Resolves the distinct names of `orders` and `shipments` with `directory`.
    init(orders: OrderStore, shipments: ShipmentStore, directory: ServiceDirectory) {
        for number in orders.shippingMethodNumbers {
            answers[Self.methodKey(number)] = .some(directory.resolve(orders.text(number: number)))
        }
        let numbers = shipments.serviceNumbers
        for pair in numbers.pairs {
            let (service, carrier) = (UInt32(pair >> 32), UInt32(truncatingIfNeeded: pair))
            answers[Self.packageKey(service, carrier)] = .some(directory.resolve(shipments.text(number: service),
                                                                                 carrier: shipments.text(number: carrier)))
        }
        for number in numbers.requested {
            answers[Self.requestedKey(number)] = .some(directory.resolve(shipments.text(number: number)))
        }
    }

    /// The order's shipping method (a text number of the orders' table) resolved.
    func method(_ number: UInt32) -> ResolvedService? { answers[Self.methodKey(number)] ?? nil }

    /// A package's service and carrier (text numbers of the shipments' table) resolved.
    func package(service: UInt32, carrier: UInt32) -> ResolvedService? { answers[Self.packageKey(service, carrier)] ?? nil }

    /// A package's requested service (a text number of the shipments' table) resolved.
    func requested(_ number: UInt32) -> ResolvedService? { answers[Self.requestedKey(number)] ?? nil }

    /// The memo with its answers in strings of its own (see `MatchedOrders.withOwnStrings`).
    func withOwnStrings() -> ServiceMemo {
        var copy = self
        copy.answers = answers.mapValues { answer in
            answer.map { ResolvedService(written: $0.written.withOwnStorage, tier: $0.tier,
                                         canonicalName: $0.canonicalName?.withOwnStorage, guaranteed: $0.guaranteed) }
        }
        return copy
    }

    // Keys of the three kinds apart: a kind in the top two bits, text numbers below.
    private static func methodKey(_ number: UInt32) -> UInt64 { 1 << 62 | UInt64(number) }
    private static func requestedKey(_ number: UInt32) -> UInt64 { 2 << 62 | UInt64(number) }
    private static func packageKey(_ service: UInt32, _ carrier: UInt32) -> UInt64 {
        UInt64(service) << 31 | UInt64(carrier)   // below 2^63: both numbers are under 2^31
    }
}
