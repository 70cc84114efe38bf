import ShipAuditCSV
import ShipAuditStorage

/// Every distinct service name of the inputs resolved once, at match time, and found from then on by the stores' text
/// numbers: the orders' shipping methods, the packages' (service, carrier) pairs and their requested services. A
/// million orders repeat a handful of names; a lookup by number is one small hash, where looking a name up by its
/// text hashed and compared the whole strings (about 1,900 instructions per package).
struct ServiceMemo: Sendable {
    private var answers: [UInt64: ResolvedService?] = [:]
    /// The tiers of the resolved answers, by the same keys: the rules' quick test reads only tiers, for every package
    /// of every order, and a tier is found without hashing the key through `Hasher` or copying a `ResolvedService`'s
    /// strings.
    private var tiers = TierTable()

    /// Resolves the distinct names of `orders` and `shipments` with `directory`.
    init(orders: OrderStore, shipments: ShipmentStore, directory: ServiceDirectory) {
        for number in orders.shippingMethodNumbers {
            answers[Self.methodKey(number)] = .some(directory.resolve(orders.text(number: number)))
        }
        let numbers = shipments.serviceNumbers
        for pair in numbers.pairs {
            let (service, carrier) = (UInt32(pair >> 32), UInt32(truncatingIfNeeded: pair))
            answers[Self.packageKey(service, carrier)] = .some(
                directory.resolve(
                    shipments.text(number: service),
                    carrier: shipments.text(number: carrier)))
        }
        for number in numbers.requested {
            answers[Self.requestedKey(number)] = .some(directory.resolve(shipments.text(number: number)))
        }
        for case let (key, answer?) in answers { tiers.insert(key, answer.tier) }
    }

    /// The tier of `method(number)`.
    func methodTier(_ number: UInt32) -> ServiceTier? { tiers[Self.methodKey(number)] }

    /// The tier of `package(service:carrier:)`.
    func packageTier(service: UInt32, carrier: UInt32) -> ServiceTier? { tiers[Self.packageKey(service, carrier)] }

    /// The tier of `requested(number)`.
    func requestedTier(_ number: UInt32) -> ServiceTier? { tiers[Self.requestedKey(number)] }

    /// The order's shipping method (a text number of the orders' table) resolved.
    func method(_ number: UInt32) -> ResolvedService? { answers[Self.methodKey(number)] ?? nil }

    /// A package's service and carrier (text numbers of the shipments' table) resolved.
    func package(service: UInt32, carrier: UInt32) -> ResolvedService? {
        answers[Self.packageKey(service, carrier)] ?? nil
    }

    /// A package's requested service (a text number of the shipments' table) resolved.
    func requested(_ number: UInt32) -> ResolvedService? { answers[Self.requestedKey(number)] ?? nil }

    /// The memo with its answers in strings of its own (see `MatchedOrders.withOwnStrings`).
    func withOwnStrings() -> ServiceMemo {
        var copy = self
        copy.answers = answers.mapValues { answer in
            answer.map {
                ResolvedService(
                    written: $0.written.withOwnStorage, tier: $0.tier,
                    canonicalName: $0.canonicalName?.withOwnStorage, guaranteed: $0.guaranteed)
            }
        }
        return copy
    }

    // Keys of the three kinds apart: a kind in the top two bits, text numbers below.
    private static func methodKey(_ number: UInt32) -> UInt64 { 1 << 62 | UInt64(number) }
    private static func requestedKey(_ number: UInt32) -> UInt64 { 2 << 62 | UInt64(number) }
    private static func packageKey(_ service: UInt32, _ carrier: UInt32) -> UInt64 {
        UInt64(service) << 31 | UInt64(carrier) // below 2^63: both numbers are under 2^31
    }
}

/// Tiers by 64-bit key in an open-addressing table (a handful of keys: the distinct service names of a run).
struct TierTable: Sendable {
    /// Keys + 1 (0: empty) and tiers, side by side; the size is a power of two, at most half full.
    private var keys = [UInt64](repeating: 0, count: 16)
    private var values = [ServiceTier?](repeating: nil, count: 16)
    private var count = 0

    subscript(key: UInt64) -> ServiceTier? {
        let mask = keys.count - 1
        var slot = Self.slot(key, mask)
        while true {
            let stored = keys[slot]
            if stored == 0 { return nil }
            if stored == key &+ 1 { return values[slot] }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, _ tier: ServiceTier) {
        if (count + 1) * 2 > keys.count {
            let old = zip(keys, values)
            keys = [UInt64](repeating: 0, count: keys.count * 2)
            values = [ServiceTier?](repeating: nil, count: keys.count)
            count = 0
            for (stored, value) in old where stored != 0 { insert(stored &- 1, value!) }
        }
        let mask = keys.count - 1
        var slot = Self.slot(key, mask)
        while keys[slot] != 0 && keys[slot] != key &+ 1 { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = key &+ 1
        values[slot] = tier
    }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}
