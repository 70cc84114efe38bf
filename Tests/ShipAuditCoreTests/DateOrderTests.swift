import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Day first or month first is decided per file from all its values, never value by value.
struct DateOrderTests {
    /// The problem `body` throws; nil when it throws none.
    static func problem(_ body: () throws -> Void) -> InputProblem? {
        do {
            try body()
            return nil
        } catch {
            return error as? InputProblem
        }
    }

    func created(_ file: String, configuration: Configuration = Configuration()) throws -> [String: String] {
        let matched = try Analysis(configuration: configuration).match([InputFile(path: file, kind: .orders)])
        var days: [String: String] = [:]
        for order in matched.orders {
            days[order.order.id] = order.order.createdAt.map { LocalDay($0, in: Fixture.newYork).description }
        }
        return days
    }

    @Test("a Tiendanube-style column: 24/10/2025 anywhere makes 12/10/2025 the 12th of October, not 10 December")
    func dayFirstColumn() throws {
        let orders = Fixture.temporary(
            """
            order_id,sku,quantity,created_at
            1,A,1,12/10/2025 23:10:45
            2,A,1,24/10/2025 09:00:00

            """, name: "orders.csv")
        #expect(try created(orders) == ["1": "2025-10-12", "2": "2025-10-24"])
    }

    @Test("a month-first column stays month first")
    func monthFirstColumn() throws {
        let orders = Fixture.temporary(
            "order_id,sku,quantity,created_at\n1,A,1,10/12/2025 9:00 AM\n2,A,1,10/24/2025 9:00 AM\n",
            name: "orders.csv")
        #expect(try created(orders) == ["1": "2025-10-12", "2": "2025-10-24"])
    }

    @Test("nothing decides: refused naming the column and the key; [store] date_order or a mapping's decides")
    func undecided() throws {
        let orders = Fixture.temporary(
            "order_id,sku,quantity,created_at\n1,A,1,05/06/2026\n2,A,1,07/08/2026\n", name: "orders.csv")
        let error = try #require(Self.problem { _ = try created(orders) })
        #expect(error.column == "created_at")
        #expect(error.hint.contains("[store] date_order"))
        var configuration = Configuration()
        configuration.dateOrder = .dayFirst
        #expect(try created(orders, configuration: configuration)["1"] == "2026-06-05")
        configuration.dateOrder = .monthFirst
        #expect(try created(orders, configuration: configuration)["1"] == "2026-05-06")
        let config = Fixture.temporary("[store]\ndate_order = \"day_first\"\n", name: "shipaudit.toml")
        #expect(try ConfigLoader.load(path: config).dateOrder == .dayFirst)
        let bad = Fixture.temporary("[store]\ndate_order = \"dmy\"\n", name: "shipaudit.toml")
        #expect(throws: InputProblem.self) { try ConfigLoader.load(path: bad) }
    }

    @Test("a ShipStation export written day first: the run stops and says to set date_order, never reads it wrongly")
    func shipStationDayFirst() throws {
        let orders = Fixture.temporary(
            "order_id,sku,quantity,created_at\n1001,A,1,2026-11-10 09:00:00 -0500\n", name: "orders.csv")
        let shipments = Fixture.temporary(
            """
            Order - Number,Date - Shipped Date,Shipment - Carrier,Shipment - Service,Shipment - Tracking Number
            1001,10/11/2026 4:02:11 PM,ups,UPS Ground,1Z999AA10123456784
            1002,24/11/2026 4:02:11 PM,ups,UPS Ground,1Z999AA10123456785

            """, name: "shipments.csv")
        let files = [InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments)]
        let error = try #require(Self.problem { _ = try Analysis(configuration: Configuration()).match(files) })
        #expect(error.reason.contains("day first"))
        #expect(error.hint.contains("date_order = \"day_first\""))
        var configuration = Configuration()
        configuration.dateOrder = .dayFirst
        let matched = try Analysis(configuration: configuration).match(files)
        let shipped = try #require(matched.orders.first?.packages.first?.shippedAt)
        #expect(LocalDay(shipped, in: Fixture.newYork).description == "2026-11-10")
    }

    @Test("the scan: slash fields, mixed orders, examples with their lines")
    func scan() {
        #expect(DateOrderScan.slashFields("24/10/2025 10:00").map { [$0.first, $0.second] } == [24, 10])
        #expect(DateOrderScan.slashFields("2025-10-24") == nil)
        var scan = DateOrderScan()
        scan.note("24/10/2025", column: "Fecha", line: 2)
        scan.note("10/24/2025", column: "Fecha", line: 9)
        #expect(scan.isMixed)
        guard case .failure(let problem) = scan.verdict(file: "f.csv") else {
            Issue.record("mixed orders accepted")
            return
        }
        #expect(problem.location.line == 2 && problem.reason.contains("line 9"))
    }
}

/// Month names in seven languages, and zone words after the time, read by a mapping's date format.
struct MonthNameTests {
    @Test("German, French, Spanish, Italian, Portuguese and Dutch names and abbreviations, with or without a dot")
    func names() throws {
        let utc = TimeZone(identifier: "UTC")!
        let cases: [(String, String, String)] = [
            ("%d. %b %Y", "1. Dez. 2025", "2025-12-01"), ("%d. %b %Y", "30. Nov. 2025", "2025-11-30"),
            ("%d %b %Y %H:%M", "12 déc. 2025 14:05", "2025-12-12"), ("%d %b %Y", "3 März 2026", "2026-03-03"),
            ("%d/%b/%Y", "05/ago/2025", "2025-08-05"), ("%d de %b de %Y", "7 de setembro de 2025", "2025-09-07"),
            ("%d %b %Y", "9 mrt 2025", "2025-03-09"), ("%b %d, %Y", "Sept. 4, 2025", "2025-09-04"),
            ("%d.%m.%Y %H:%M Uhr %Z", "01.12.2025 10:00 Uhr CET(UTC+1)", "2025-12-01"),
            // A weekday is skipped, whatever its language: the date says the day.
            ("%a %d %b %Y", "lun. 7 déc. 2026", "2026-12-07"),
            ("%a, %d %b %Y %H:%M:%S %z", "Mon, 07 Dec 2026 23:30:00 -0500", "2026-12-08"),
            ("%a %d.%m.%Y", "Mittwoch 02.12.2026", "2026-12-02"),
        ]
        for (pattern, text, day) in cases {
            let format = DateFormat(pattern, timeZone: utc)
            #expect(format.isValid)
            let date = try format.parse(text).get()
            #expect(LocalDay(date, in: utc).description == day, "\(text)")
        }
        guard case .failure(let error) = DateFormat("%d %b %Y", timeZone: utc).parse("3 Brumaire 2025") else {
            Issue.record("an unknown month name was read")
            return
        }
        #expect(error.reason.contains("month name this tool does not know"))
    }
}
