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

/// An optional value that cannot be read is left out with one warning per column; the row still counts.
struct OptionalValueTests {
    @Test("a carrier's event export: its Weight UOM column is read, an unreadable weight is a warning, not a reject")
    func unreadableWeight() throws {
        let tracking = Fixture.temporary(
            """
            Tracking Number,Status Description,Event Time,Package Weight,Weight UOM
            1Z999AA10123456784,Origin Scan,2026-11-16T18:00:00-05:00,2.5,LBS
            1Z999AA10123456784,Departure Scan,2026-11-17T02:00:00-05:00,two,LBS
            1Z999AA10123456785,Origin Scan,2026-11-16T19:00:00-05:00,,

            """, name: "tracking.csv")
        let loaded = try Fixture.load([InputFile(path: tracking, kind: .tracking)])
        #expect(loaded.rejects.isEmpty)
        #expect(loaded.inputs.first?.rowsUsed == 3)
        let number = "1Z999AA10123456784"
        let position = try #require(number.withByteView { loaded.tracking.position(bytes: $0) })
        // 2.5 lb from the first scan, with the unit from `Weight UOM`.
        #expect(loaded.tracking.parcel(at: position, trackingNumber: number).weight.map { $0.grams.rounded() } == 1134)
        let warning = try #require(loaded.warnings.first { $0.column == "Package Weight" })
        #expect(
            warning.reason.hasPrefix(
                "1 value could not be read and was left out, the rows used all the same (first, line 3: "))
    }
}
