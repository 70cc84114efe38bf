import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The check stage writes findings to a temporary file as slices of orders are checked and reads them back once the
/// stores are let go (`FindingSpill`): what comes back must be the same findings, field for field and byte for byte
/// in every report, and nothing may be left on disk.
struct FindingSpillTests {
    /// Every field a finding has, each as its report writes it.
    static func describe(_ finding: Finding) -> String {
        var json: [UInt8] = []
        ReportJSONWriter.flag(finding, indent: 0, asOf: Date(timeIntervalSince1970: 0), into: &json)
        let sources = finding.sources.map { "\($0.fileNumber):\($0.line)" }.joined(separator: " ")
        return [
            String(decoding: json, as: UTF8.self), finding.moneyKind, sources,
            finding.moneyAtStake.map { "\($0.amount)" } ?? "-",
            finding.deadline.map { "\($0.timeIntervalSinceReferenceDate.bitPattern)" } ?? "-",
            finding.orderDate.map { "\($0.timeIntervalSinceReferenceDate.bitPattern)" } ?? "-",
        ].joined(separator: "\n")
    }

    /// Findings with every kind of value: no money and odd amounts, times with fractions of a second, texts with
    /// quotes, non-ASCII and control characters, long and empty texts, many sources, nested evidence.
    static func varied(_ count: Int) -> [Finding] {
        let amounts: [Decimal?] = [
            nil, Decimal(string: "12.50")!, Decimal(string: "-0.01")!, Decimal(string: "123456789.123456789")!, 0,
        ]
        return (0..<count).map { index in
            var finding = Finding(
                rule: RuleCatalog.ids[index % RuleCatalog.ids.count], severity: Severity.allCases[index % 3],
                orderId: String(1000 + index),
                orderName: index % 7 == 0 ? "Order \"\(index)\" — ünïcode ✓" : "#\(1000 + index)",
                message: index % 11 == 0
                    ? ""
                    : "Paid UPS Next Day Air®, shipped \(String(repeating: "ground ", count: index % 40))\u{7}\n\t<&>",
                evidence: [
                    ("paid", .string("UPS® Next Day Air")), ("grams", .number("1234.5")), ("count", .int(index - 500)),
                    (
                        "shipped",
                        .array([
                            .object([("tracking_number", .string("1Z\(index)")), ("late", .bool(index % 2 == 0))]),
                            .null,
                        ])
                    ),
                ],
                moneyAtStake: amounts[index % amounts.count].map { Money($0, index % 4 == 0 ? "EUR" : "USD") },
                action: index % 5 == 0 ? "Reship now" : "Ask the carrier \(index)",
                sources: (0..<(index % 6)).map { SourceLocation(file: "file-\($0 % 3).csv", line: index * 10 + $0) },
                moneyKind: "goods value",
                deadline: index % 3 == 0 ? nil : Date(timeIntervalSince1970: 1_795_000_000.123 + Double(index)),
                owner: Owner.allCases[index % Owner.allCases.count])
            finding.carrier = index % 2 == 0 ? "ups" : ""
            finding.service = index % 3 == 0 ? "UPS® Ground — residential" : "FedEx 2Day®"
            finding.orderDate = index % 4 == 0 ? nil : Date(timeIntervalSince1970: -86_400.5 * Double(index))
            return finding
        }
    }

    @Test("findings written to the spill come back field for field, however the records fall across reads")
    func roundTrip() throws {
        let directory = Fixture.scratchRoot.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let findings = Self.varied(3_000)
        let spill = FindingSpill(directory: directory)
        #expect(spill.isOnDisk)
        // In uneven batches, as slices of the check have them; one record larger than a read block (4 MB).
        var huge = findings[0]
        huge.action = String(repeating: "a long action ", count: 400_000)
        var batches: [[Finding]] = [
            Array(findings[0..<1]), [], Array(findings[1..<700]), [huge], Array(findings[700...]),
        ]
        for batch in batches {
            var bytes: [UInt8] = []
            FindingCodec.encode(batch, into: &bytes)
            spill.append(encoded: bytes, count: batch.count)
        }
        // The file is already gone from the directory: only the open descriptor keeps it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        let back = spill.findings()
        batches[3] = [huge]
        let expected = batches.flatMap { $0 }
        #expect(back.count == expected.count)
        #expect(zip(back, expected).allSatisfy { Self.describe($0) == Self.describe($1) })
        #expect(back[700].action.utf8.count == huge.action.utf8.count)
        // Closed once read back (as a run does, on the release thread); closing again changes nothing.
        spill.closeFile()
        #expect(!spill.isOnDisk)
        spill.closeFile()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test("a spill that cannot make its file keeps the findings in memory, and gives them back the same")
    func withoutAFile() {
        let spill = FindingSpill(directory: "/nonexistent/shipaudit-\(UUID().uuidString)")
        #expect(!spill.isOnDisk)
        let findings = Self.varied(200)
        for start in stride(from: 0, to: 200, by: 64) {
            let batch = Array(findings[start..<min(start + 64, 200)])
            var bytes: [UInt8] = []
            FindingCodec.encode(batch, into: &bytes)
            spill.append(encoded: bytes, count: batch.count)
        }
        let back = spill.findings()
        #expect(back.map(Self.describe) == findings.map(Self.describe))
    }

    @Test("a spill whose writes fail (a full disk) keeps those findings in memory, after the ones already written")
    func fullDisk() {
        let findings = Self.varied(300)
        let spill = FindingSpill(descriptor: open("/dev/full", O_RDWR))
        #expect(spill.isOnDisk)
        for start in stride(from: 0, to: 300, by: 100) {
            var bytes: [UInt8] = []
            FindingCodec.encode(Array(findings[start..<start + 100]), into: &bytes)
            spill.append(encoded: bytes, count: 100)
        }
        #expect(!spill.isOnDisk)
        #expect(spill.findings().map(Self.describe) == findings.map(Self.describe))
    }

    @Test("the check with a spill gives the same findings, in the same order, and the same coverage as without")
    func checkWithSpill() throws {
        let directory = Fixture.scratchRoot.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configuration = Configuration()
        // More orders than one slice of the check (4,096), so that slices finish out of order on two cores.
        let matched = OrderMatcher(configuration: configuration).match(QuickTestTests.inputs(count: 20_000, seed: 41))
        let asOf = QuickTestTests.start.addingTimeInterval(14 * 86_400)
        let held = Checker(configuration: configuration).check(matched, asOf: asOf)
        let spill = FindingSpill(directory: directory)
        let checked = Checker(configuration: configuration).check(matched, asOf: asOf, spill: spill)
        let (spilled, totals) = checked.findingsAndTotals()
        #expect(held.findings.count > 2_000 && spilled.count == held.findings.count && spill.count <= spilled.count)
        #expect(spilled.map(Self.describe) == held.findings.map(Self.describe))
        // The totals worked out beside the sort are the report's of the same findings.
        let expected = Report.totals(held.findings)
        #expect(totals.orders == expected.orders && totals.orders == Set(held.findings.map(\.orderId)).count)
        #expect(
            totals.byRule.map { "\($0.0)=\($0.1)" } == expected.byRule.map { "\($0.0)=\($0.1)" }
                && totals.money == expected.money)
        #expect(
            checked.coverage.ordersChecked == held.coverage.ordersChecked
                && checked.coverage.skips == held.coverage.skips)
        #expect(checked.coverage.packagesMatched == held.coverage.packagesMatched)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test(
        "cross-order flags go through the spill as the rules make them: a shipments export for unknown orders gives the same flags, coverage and order"
    )
    func crossOrderFlags() throws {
        let directory = Fixture.scratchRoot.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var loaded = LoadedInputs()
        for id in 1...50 {
            loaded.orders[String(id)] = Order(
                id: String(id), displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: id + 1))
        }
        // 9,000 packages for orders in no export (more than two slices' worth of flags), some sharing tracking numbers
        // with known orders' packages.
        for index in 0..<9_000 {
            let order = index % 10 == 0 ? String(1 + index % 50) : String(100_000 - index / 2)
            loaded.shipments.append(
                Shipment(
                    orderId: order, trackingNumber: "1Z\(index % 10 == 0 ? index + 1 : index)", carrier: "ups",
                    service: "UPS Ground", labelCost: Decimal(index % 7), weight: nil,
                    source: SourceLocation(file: "s.csv", line: index + 2)))
        }
        let configuration = Configuration()
        let matched = OrderMatcher(configuration: configuration).match(loaded)
        let asOf = QuickTestTests.start
        let held = Checker(configuration: configuration).check(matched, asOf: asOf)
        let checked = Checker(configuration: configuration).check(
            matched, asOf: asOf, spill: FindingSpill(directory: directory))
        let spilled = checked.findings()
        #expect(held.findings.filter { $0.rule == UnknownOrderRule.id }.count == 4_500)
        #expect(held.findings.contains { $0.rule == DuplicateTrackingRule.id })
        #expect(spilled.map(Self.describe) == held.findings.map(Self.describe))
        #expect(checked.coverage.packagesWithoutOrder == held.coverage.packagesWithoutOrder)
        #expect(held.coverage.packagesWithoutOrder.count == 8_100)
        #expect(
            held.coverage.packagesWithoutOrder.first
                == PackageWithoutOrder(
                    orderId: "100000", trackingNumber: "1Z1", source: SourceLocation(file: "s.csv", line: 3)))
    }
}
