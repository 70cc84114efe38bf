import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The store's clock: the zone comes from the config, else from the offsets the orders export states; the built-in US
/// holidays only for a US store.
struct StoreClockTests {
    /// A Shopify export's columns (the 79-column layout's first ones that matter), rows made up.
    static let header =
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Currency,Shipping,Shipping Method,"
        + "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem requires shipping,"
        + "Lineitem fulfillment status"

    static func italianStore() -> String {
        Fixture.temporary(
            """
            \(header)
            #1001,a@example.com,paid,,unfulfilled,,EUR,7.00,Spedizione standard,2024-01-25 13:23:17 +0100,1,Tazza,12.00,TZ-1,true,pending
            #1002,b@example.com,paid,,unfulfilled,,EUR,7.00,Spedizione standard,2024-07-10 15:30:00 +0200,1,Tazza,12.00,TZ-1,true,pending
            #1003,c@example.com,paid,,unfulfilled,,EUR,7.00,Spedizione standard,2026-11-25 15:00:00 +0100,1,Tazza,12.00,TZ-1,true,pending

            """, name: "orders_export.csv")
    }

    @Test(
        "no zone set: the export's offsets decide it, order by order, and a store outside the US keeps no US holidays")
    func fromOffsets() throws {
        let files = [InputFile(path: Self.italianStore(), kind: .orders)]
        let matched = try Analysis(configuration: Configuration()).match(files)
        let clock = matched.clock
        #expect(clock.source == .statedOffsets)
        #expect(!clock.usHolidays)
        #expect(matched.configuration.promise.calendar.holidays.isEmpty)
        for (text, seconds) in [("2024-01-25T12:00:00Z", 3600), ("2024-07-10T12:00:00Z", 7200)] {
            let instant = try TimestampParser(timeZone: .gmt).parse(text).get()
            #expect(clock.zone.secondsFromGMT(for: instant) == seconds)
        }
        #expect(clock.notes.joined().contains("UTC+01:00 and UTC+02:00"))
        #expect(clock.notes.joined().contains("[store] time_zone"))
        #expect(clock.label(for: clock.zone) == "UTC+01:00 and UTC+02:00, the export's offsets")
        // Each order's local time is the one its date states: 13:23 in the report, not New York's 07:23.
        let order = try #require(matched.orders.first { $0.order.id == "1001" })
        let placed = try #require(order.order.createdAt)
        #expect(matched.configuration.promise.describe(placed).contains("2024-01-25 13:23"))
        // Placed Wed 2026-11-25 after the 14:00 cutoff: it ships on Thursday, Thanksgiving being no holiday in Italy.
        let late = try #require(matched.orders.first { $0.order.id == "1003" })
        let shipBy = matched.configuration.promise.shipDay(for: try #require(late.order.createdAt)).day
        #expect(shipBy.description == "2026-11-26")
    }

    @Test("the same offsets read as a US store's keep the US holidays: Thanksgiving is skipped")
    func usStore() throws {
        let orders = Fixture.temporary(
            """
            \(Self.header)
            #1,a@example.com,paid,,unfulfilled,,USD,7.00,Ground,2026-11-25 15:00:00 -0500,1,Mug,12.00,MG-1,true,pending

            """, name: "orders_export.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.clock.source == .statedOffsets)
        #expect(matched.clock.zone.identifier == "America/New_York")
        #expect(matched.clock.usHolidays)
        let order = try #require(matched.orders.first)
        #expect(matched.configuration.promise.shipDay(for: order.order.createdAt!).day.description == "2026-11-27")
        // A Canadian store with the same offsets: its orders are in CAD, so no US holidays.
        let canadian = Fixture.temporary(
            try String(contentsOfFile: orders, encoding: .utf8).replacingOccurrences(of: "USD", with: "CAD"),
            name: "orders_export.csv")
        let other = try Analysis(configuration: Configuration()).match([InputFile(path: canadian, kind: .orders)])
        #expect(!other.clock.usHolidays)
    }

    @Test("a zone set in the config is used; offsets that disagree with it are counted and named once")
    func configuredDisagrees() throws {
        var configuration = Configuration()
        configuration.timeZone = Fixture.newYork
        configuration.timeZoneConfigured = true
        let matched = try Analysis(configuration: configuration).match([
            InputFile(path: Self.italianStore(), kind: .orders)
        ])
        #expect(matched.clock.source == .configured)
        #expect(matched.clock.zone == Fixture.newYork)
        #expect(matched.clock.ordersOffZone == 3)
        #expect(matched.clock.notes.contains { $0.hasPrefix("3 of 3 orders state an offset that America/New_York") })
    }

    @Test("no offsets and no zone: the default is assumed and the report says so")
    func assumed() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity
            1,2026-11-10 09:00:00,W,1

            """, name: "orders.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.clock.source == .assumed)
        #expect(matched.clock.zone.identifier == "America/New_York")
        #expect(matched.clock.notes.first?.contains("state no offset") == true)
        #expect(matched.clock.label(for: matched.clock.zone).contains("assumed"))
    }

    @Test("offsets no one zone has together: the most common one, and the others counted")
    func noZoneFits() {
        var stated = StatedOffsets()
        let day = Date(timeIntervalSince1970: 1_700_000_000)
        stated.add(day, offset: 3600)
        stated.add(day.addingTimeInterval(60), offset: 3600)
        stated.add(day, offset: -5 * 3600)
        let clock = StoreClock.decide(
            configured: nil, fallback: Fixture.newYork, stated: stated, holidaysConfigured: false
        ) { "EUR" }
        #expect(clock.zone.secondsFromGMT(for: day) == 3600)
        #expect(clock.ordersOffZone == 1)
        #expect(!clock.usHolidays)
    }

    @Test("holidays listed in the config are kept whatever the zone")
    func configuredHolidays() throws {
        var configuration = Configuration()
        let day = try #require(LocalDay(iso: "2026-12-08"))
        configuration.promise.calendar.holidays = [day]
        configuration.holidaysConfigured = true
        let matched = try Analysis(configuration: configuration).match([
            InputFile(path: Self.italianStore(), kind: .orders)
        ])
        #expect(matched.configuration.promise.calendar.holidays == [day])
        #expect(matched.clock.notes.contains { $0.contains("listed under [calendar] holidays") })
    }

    @Test("shipment dates without an offset are read in the store's zone the orders' offsets found")
    func rereadInStoreZone() throws {
        let shipments = Fixture.temporary(
            """
            order_id,tracking_number,carrier,service,shipped_at
            1001,1Z999AA10123456784,UPS,UPS Standard,2024-01-26 10:00:00

            """, name: "shipments.csv")
        let files = [
            InputFile(path: Self.italianStore(), kind: .orders), InputFile(path: shipments, kind: .shipments),
        ]
        let matched = try Analysis(configuration: Configuration()).match(files)
        let order = try #require(matched.orders.first { $0.order.id == "1001" })
        let shipped = try #require(order.packages.first?.shippedAt)
        #expect(shipped == (try TimestampParser(timeZone: .gmt).parse("2024-01-26T09:00:00Z").get()))
    }
}
