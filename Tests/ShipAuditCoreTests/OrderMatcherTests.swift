import Foundation
import Testing
@testable import ShipAuditCore

struct OrderMatcherTests {
    @Test("an unmapped rate title falls back to the shipment export's requested service when that one is known")
    func requestedFallback() throws {
        var scenario = Scenario()
        scenario.method = "Fast & Free"
        scenario.requested = "UPS 2nd Day Air"
        let matched = scenario.matched
        #expect(matched.paidService?.tier == .twoDay)
        #expect(matched.paidServiceText == "UPS 2nd Day Air")
        #expect(matched.paidServiceSource?.file == "shipments.csv")
    }

    @Test("a known rate title wins over the requested service")
    func orderFirst() {
        var scenario = Scenario()
        scenario.requested = "UPS Ground"
        #expect(scenario.matched.paidService?.tier == .overnight)
    }

    @Test("numeric order numbers sort as numbers, others after them")
    func sorting() {
        #expect(["1041", "998", "SO-1", "10"].sorted(by: OrderMatcher.orderKeyLess) == ["10", "998", "1041", "SO-1"])
        // The match stage's order of store positions agrees with the comparison, signs and ties included.
        var generator = SystemRandomNumberGenerator()
        let pool = ["1041", "998", "SO-1", "10", "+5", "5", "-3", "A-2", "a-2", "99999999999999999999", "0", "B"]
        for _ in 0..<50 {
            let ids = Array(pool.shuffled(using: &generator).prefix(Int.random(in: 0...pool.count, using: &generator)))
            #expect(OrderMatcher.orderKeyOrder(count: ids.count) { ids[$0] }.map { ids[Int($0)] } == ids.sorted(by: OrderMatcher.orderKeyLess))
        }
    }
}
