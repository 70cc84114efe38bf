import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct LabelNeverScannedRuleTests {
    @Test("label Monday, only 'label created' since: flagged after 24 business hours")
    func flagged() throws {
        var scenario = Scenario()
        scenario.labels = ["2026-11-16 11:00:00 -0500"]
        scenario.scans = [[("2026-11-16 11:00:00 -0500", "Shipment information sent to FedEx", nil)]]
        let finding = try #require(scenario.run(LabelNeverScannedRule()).finding)
        #expect(finding.message.contains("63 business hours, label created only"))
        #expect(finding.sources.contains { $0.file == "tracking.csv" })
    }

    @Test("a package with no tracking rows at all counts as never scanned")
    func noRows() {
        var scenario = Scenario()
        scenario.labels = ["2026-11-16 11:00:00 -0500"]
        #expect(scenario.run(LabelNeverScannedRule()).finding?.message.contains("no tracking rows") == true)
    }

    @Test("a carrier the tracking data has no parcel of: not judged, and the reason names the carrier")
    func carrierNotInTracking() {
        var scenario = Scenario()
        scenario.labels = ["2026-11-16 11:00:00 -0500"]
        scenario.carriersWithTracking = ["usps"]
        #expect(scenario.run(LabelNeverScannedRule()).skipReason?.0 == "the tracking data holds no parcel of ups")
        scenario.carriersWithTracking = ["ups", "usps"]
        #expect(scenario.run(LabelNeverScannedRule()).finding != nil)
    }

    @Test("weekends do not count: a Friday-evening label is not late on Monday morning")
    func weekend() {
        var scenario = Scenario()
        scenario.labels = ["2026-11-20 18:00:00 -0500"]
        scenario.asOf = "2026-11-23T08:00:00-05:00"
        #expect(scenario.run(LabelNeverScannedRule()).isPassed)
    }

    @Test("scanned, or no tracking file given: not flagged")
    func scanned() {
        var scenario = Scenario()
        scenario.labels = ["2026-11-16 11:00:00 -0500"]
        scenario.scans = [[("2026-11-16 18:00:00 -0500", "Origin Scan", nil)]]
        #expect(scenario.run(LabelNeverScannedRule()).isPassed)
        scenario.scans = []
        scenario.hasTracking = false
        #expect(scenario.run(LabelNeverScannedRule()).skipReason?.0 == "no tracking data given (--tracking)")
    }

    @Test("a label older than the tracking data, with no rows, is not judged")
    func beforeTracking() {
        var scenario = Scenario()
        scenario.labels = ["2026-11-02 11:00:00 -0500"]
        scenario.trackingBegins = "2026-11-10 00:00:00 -0500"
        #expect(scenario.run(LabelNeverScannedRule()).isPassed)
    }
}

/// The carriers the tracking data covers, as the match finds them.
struct TrackingCoverageTests {
    @Test("the samples' tracking data covers the carriers of the packages it has rows for, and only those")
    func carriers() throws {
        let (configuration, files, _) = try Fixture.samples()
        let matched = try Analysis(configuration: configuration).match(files)
        let withRows = Set(
            matched.orders.flatMap { order in
                zip(order.packages, order.tracking).compactMap { $1 == nil ? nil : $0.carrier }
            })
        #expect(!withRows.isEmpty && matched.carriersWithTracking == withRows)
        let withoutTracking = try Analysis(configuration: configuration).match(files.filter { $0.kind != .tracking })
        #expect(withoutTracking.carriersWithTracking.isEmpty)
    }
}
