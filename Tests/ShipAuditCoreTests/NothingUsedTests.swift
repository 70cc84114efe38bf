import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Nothing judged on nothing: a file whose every row is rejected stops the run with the most common reasons.
struct NothingUsedTests {
    @Test("every row rejected: an error naming the count and the commonest reasons, values left out")
    func everyRowRejected() throws {
        let rows = (1...46).map { "\($0),A,\($0) units" }.joined(separator: "\n")
        let orders = Fixture.temporary("order_id,sku,quantity\n\(rows)\n", name: "orders.csv")
        do {
            _ = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
            Issue.record("no error")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "\(orders): no row could be used (46 rejected); most often: column \"quantity\": "))
            #expect(error.description.contains("(46 rows)"))
        }
    }

    @Test("one row used among rejects: the run goes on")
    func oneRowUsed() throws {
        let orders = Fixture.temporary("order_id,sku,quantity\n1,A,two\n2,A,1\n", name: "orders.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.loaded.rejects.count == 1 && matched.orders.count == 1)
    }
}
