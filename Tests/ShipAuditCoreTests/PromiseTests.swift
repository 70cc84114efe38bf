import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The promise model: business days, holidays, cutoff, zones, DST.
struct PromiseTests {
    let settings = PromiseSettings(timeZone: Fixture.newYork)

    func promise(_ placed: String, _ tier: ServiceTier, settings: PromiseSettings? = nil) -> DeliveryPromise {
        var order = Order(id: "1", displayName: "#1", firstRow: SourceLocation(file: "o.csv", line: 2))
        order.createdAt = Scenario.date(placed)
        return (settings ?? self.settings).promise(for: order, paidTier: tier)!
    }

    @Test("a deadline from the memo of days and tiers is the promise's, across cutoffs, weekends, holidays and DST")
    func deadlineMemo() {
        var settings = PromiseSettings(timeZone: Fixture.newYork)
        settings.processingDays = 1
        settings.calendar = CarrierCalendar(holidays: [LocalDay(year: 2026, month: 11, day: 26)])
        var memo = DeadlineMemo()
        var generator = SystemRandomNumberGenerator()
        let start = Scenario.date("2026-10-25 00:00:00 -0400").timeIntervalSince1970
        var differences = 0
        for step in 0..<4_000 {
            // Every 17 minutes over six weeks (the DST change on 2026-11-01 among them), some on the cutoff exactly.
            let placed = Date(
                timeIntervalSince1970: start + Double(step) * 1_020
                    + (step % 50 == 0 ? 0 : Double.random(in: 0..<60, using: &generator)))
            for tier in ServiceTier.allCases {
                let source = SourceLocation(fileNumber: 0, line: 0)
                let whole = settings.promise(placed: placed, promised: nil, source: source, paidTier: tier)?.deadline
                if settings.deadline(placed: placed, promised: nil, paidTier: tier, memo: &memo) != whole {
                    differences += 1
                }
            }
        }
        // Three years of days, twice a day, every tier: more keys than the memo has slots, so slots are written
        // over and worked out again, and asked again in the other order.
        for pass in 0..<2 {
            for step in 0..<2_200 {
                let index = pass == 0 ? step : 2_199 - step
                let placed = Date(timeIntervalSince1970: start + Double(index) * 46_800)
                for tier in ServiceTier.allCases {
                    let whole = settings.promise(
                        placed: placed, promised: nil, source: SourceLocation(fileNumber: 0, line: 0), paidTier: tier)?
                        .deadline
                    if settings.deadline(placed: placed, promised: nil, paidTier: tier, memo: &memo) != whole {
                        differences += 1
                    }
                }
            }
        }
        let cutoff = Scenario.date("2026-11-18 14:00:00 -0500")
        for placed in [cutoff, cutoff.addingTimeInterval(1), cutoff.addingTimeInterval(-1)] {
            #expect(
                settings.deadline(placed: placed, promised: nil, paidTier: .ground, memo: &memo)
                    == settings.promise(
                        placed: placed, promised: nil, source: SourceLocation(fileNumber: 0, line: 0), paidTier: .ground
                    )?.deadline)
        }
        #expect(differences == 0)
        let promised = Scenario.date("2026-11-20 12:00:00 -0500")
        #expect(
            settings.deadline(placed: nil, promised: promised, paidTier: nil, memo: &memo)
                == settings.promise(
                    placed: nil, promised: promised, source: SourceLocation(fileNumber: 0, line: 0), paidTier: nil)?
                .deadline)
        #expect(settings.deadline(placed: cutoff, promised: nil, paidTier: nil, memo: &memo) == nil)
    }

    @Test(
        "a text built from pieces reads as the same text interpolated: constants, texts of any length and script, numbers, plurals, lists"
    )
    func textBuilder() {
        var out = TextBuilder(capacity: 4)
        let long = String(repeating: "Café → 日本 🚚 ", count: 20)
        out.put("Paid ")
        out.put("")
        out.put(long)
        out.put(-12)
        out.put(" and ")
        out.put(1, " day", " days")
        out.put(", ")
        out.put(3, " day", " days")
        out.put(": ")
        out.put(["a", "b", long], separator: "; ")
        #expect(out.text == "Paid \(long)-12 and 1 day, 3 days: a; b; \(long)")
        #expect(TextBuilder().text.isEmpty)
    }

    @Test("before the cutoff ships the same day; overnight arrives the next business day")
    func beforeCutoff() {
        let p = promise("2026-11-18 10:00:00 -0500", .overnight)
        #expect(p.shipByDay?.description == "2026-11-18")
        #expect(p.day.description == "2026-11-19")
        #expect(
            p.computation(settings)
                == "ordered Wed 2026-11-18 10:00 → ships Wed 2026-11-18 → overnight, 1 business day → promised Thu 2026-11-19"
        )
    }

    @Test("after the cutoff ships the next business day")
    func afterCutoff() {
        let p = promise("2026-11-18 15:40:00 -0500", .overnight)
        #expect(p.shipByDay?.description == "2026-11-19")
        #expect(p.day.description == "2026-11-20")
        #expect(p.computation(settings).contains("after the 14:00 cutoff"))
    }

    @Test("a Friday-afternoon order skips the weekend: ships Monday")
    func weekend() {
        let p = promise("2026-11-20 16:00:00 -0500", .twoDay)
        #expect(p.shipByDay?.labelWithWeekday == "Mon 2026-11-23")
        #expect(p.day.labelWithWeekday == "Wed 2026-11-25")
    }

    @Test("Thanksgiving is not a business day: 2-day from Wednesday lands on Monday")
    func holiday() {
        let p = promise("2026-11-25 09:00:00 -0500", .twoDay)
        #expect(p.day.labelWithWeekday == "Mon 2026-11-30")
        var noHolidays = settings
        noHolidays.calendar.holidays = []
        #expect(
            promise("2026-11-25 09:00:00 -0500", .twoDay, settings: noHolidays).day.labelWithWeekday == "Fri 2026-11-27"
        )
        #expect(promise("2026-11-25 09:00:00 -0500", .overnight).day.labelWithWeekday == "Fri 2026-11-27")
        #expect(
            promise("2026-11-25 09:00:00 -0500", .overnight, settings: noHolidays).day.labelWithWeekday
                == "Thu 2026-11-26")
    }

    @Test("Saturday delivery for tiers configured to have it")
    func saturday() {
        var withSaturday = settings
        withSaturday.calendar.saturdayDelivery = [.overnight]
        #expect(
            promise("2026-11-20 09:00:00 -0500", .overnight, settings: withSaturday).day.labelWithWeekday
                == "Sat 2026-11-21")
        #expect(promise("2026-11-20 09:00:00 -0500", .overnight).day.labelWithWeekday == "Mon 2026-11-23")
    }

    @Test("an order time in another zone is judged in the store's zone")
    func zones() {
        // 20:30 in London is 15:30 in New York: after the cutoff.
        let p = promise("2026-11-18T20:30:00+00:00", .overnight)
        #expect(p.computation(settings).hasPrefix("ordered Wed 2026-11-18 15:30, after the 14:00 cutoff"))
    }

    @Test("across the DST change the cutoff stays 14:00 local")
    func dst() {
        // 2026-11-01: clocks go back at 02:00 in New York. 13:30 EST on Monday 11-02 is before the cutoff.
        let p = promise("2026-11-02T18:30:00Z", .overnight)
        #expect(p.shipByDay?.description == "2026-11-02")
        // Ordered Friday in EDT after the cutoff, promised Tuesday in EST: the deadline is 23:59:59 EST.
        let across = promise("2026-10-30 15:00:00 -0400", .overnight)
        #expect(across.day.labelWithWeekday == "Tue 2026-11-03")
        #expect(ReportJSONWriter.timestamp(across.deadline) == "2026-11-04T04:59:59Z")
        let deadline = LocalDay(year: 2026, month: 3, day: 9).at(hour: 14, minute: 0, in: Fixture.newYork)
        #expect(ReportJSONWriter.timestamp(deadline) == "2026-03-09T18:00:00Z") // EDT after 03-08
    }

    @Test("reship deadline: the cutoff of the latest ship day that still arrives, or none")
    func reship() throws {
        let promised = LocalDay(year: 2026, month: 11, day: 20)
        let deadline = try #require(
            settings.reshipDeadline(for: promised, tier: .overnight, now: Scenario.date("2026-11-19 02:00:00 -0500")))
        #expect(settings.describe(deadline) == "Thu 2026-11-19 14:00")
        #expect(
            settings.reshipDeadline(for: promised, tier: .overnight, now: Scenario.date("2026-11-19 14:30:00 -0500"))
                == nil)
        #expect(
            settings.reshipDeadline(for: promised, tier: .ground, now: Scenario.date("2026-11-19 02:00:00 -0500"))
                == nil)
    }

    @Test("a promised date in the export wins over the computed one")
    func fromExport() throws {
        var order = Order(id: "1", displayName: "#1", firstRow: SourceLocation(file: "o.csv", line: 2))
        order.createdAt = Scenario.date("2026-11-18 10:00:00 -0500")
        order.promisedDelivery = Scenario.date("2026-11-24")
        let p = try #require(settings.promise(for: order, paidTier: .overnight))
        #expect(p.day.description == "2026-11-24" && p.source?.line == 2)
    }

    @Test("business days late count weekends only when delivered on one")
    func daysLate() {
        let calendar = CarrierCalendar()
        #expect(
            calendar.businessDays(
                from: LocalDay(year: 2026, month: 11, day: 20), to: LocalDay(year: 2026, month: 11, day: 23)) == 1)
        #expect(
            calendar.businessDays(
                from: LocalDay(year: 2026, month: 11, day: 20), to: LocalDay(year: 2026, month: 11, day: 21)) == 1)
        #expect(
            calendar.businessDays(
                from: LocalDay(year: 2026, month: 11, day: 25), to: LocalDay(year: 2026, month: 11, day: 27)) == 1)
    }

    @Test("business days counted equal the days walked one by one, for random spans and holidays, before 1970 too")
    func daysLateCounted() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let start = Int.random(in: -40_000...40_000, using: &random)
            let holidays = Set(
                (0..<Int.random(in: 0...30, using: &random)).map { _ in
                    LocalDay(number: start + Int.random(in: -20...400, using: &random))
                })
            let calendar = CarrierCalendar(holidays: holidays)
            for _ in 0..<20 {
                let (a, b) = (
                    start + Int.random(in: -5...30, using: &random), start + Int.random(in: -5...400, using: &random)
                )
                let walked =
                    b > a ? (a + 1...b).filter { calendar.isBusinessDay(LocalDay(number: $0)) || $0 == b }.count : 0
                #expect(
                    calendar.businessDays(from: LocalDay(number: a), to: LocalDay(number: b)) == walked,
                    "\(a) \(b) \(holidays.map(\.number).sorted())")
            }
        }
        // Decades apart: counted at once (a day at a time was a loop per order).
        let calendar = CarrierCalendar()
        #expect(calendar.businessDays(from: LocalDay(number: 0), to: LocalDay(number: 36_524)) == 26_088 - 12)
    }

    @Test(
        "zone offsets from the table equal the zone's own, across DST and offset changes",
        arguments: [
            "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC", "America/Sao_Paulo",
            "Pacific/Apia", "Europe/Moscow", "America/Chicago",
        ])
    func zoneOffsets(identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = ZoneOffsets.of(zone)
        #expect(ZoneOffsets.of(zone) === table)
        var generator = SystemRandomNumberGenerator()
        // 1995–2080
        var instants = (0..<3_000).map { _ in Double.random(in: 788_918_400...3_471_292_800, using: &generator) }
        var probe = Date(timeIntervalSince1970: 946_684_800)
        for _ in 0..<40 {
            guard let next = zone.nextDaylightSavingTimeTransition(after: probe) else { break }
            instants += [next.timeIntervalSince1970 - 1, next.timeIntervalSince1970, next.timeIntervalSince1970 + 0.5]
            // The start and the last moment of the UTC day of the transition, and of the days around it (the table
            // keeps an offset per day).
            let day = (next.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
            instants += [day - 86_400, day - 0.001, day, day + 86_400 - 0.001, day + 86_400]
            probe = next
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(table.secondsFromGMT(for: date) == zone.secondsFromGMT(for: date), "\(identifier) at \(date)")
        }
    }

    @Test(
        "days, weekday labels, clocks, UTC timestamps, padded numbers, tenths and weights written into one buffer read as the interpolated forms did"
    )
    func fixedTexts() {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        var generator = SystemRandomNumberGenerator()
        let days =
            [-719_528, -719_162, -1, 0, 1, 20_423, 2_932_896, 2_932_897, 3_000_000]
            + (0..<3_000).map { _ in Int.random(in: -800_000...3_100_000, using: &generator) }
        for number in days {
            let day = LocalDay(number: number)
            let z = number + 719_468, era = (z >= 0 ? z : z - 146_096) / 146_097, doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365,
                doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9
            let expected = "\(padded(yoe + era * 400 + (m <= 2 ? 1 : 0), 4))-\(padded(m, 2))-\(padded(d, 2))"
            #expect(day.description == expected)
            #expect(
                day.labelWithWeekday == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.weekday - 1] + " "
                    + expected)
            let seconds = number * 86_400 + Int.random(in: 0..<86_400, using: &generator)
            let inDay = seconds - number * 86_400
            #expect(
                ReportJSONWriter.timestamp(Date(timeIntervalSince1970: Double(seconds)))
                    == "\(expected)T\(padded(inDay / 3600, 2)):\(padded(inDay % 3600 / 60, 2)):\(padded(inDay % 60, 2))Z"
            )
        }
        let settings = PromiseSettings(timeZone: Fixture.newYork)
        for _ in 0..<2_000 {
            let date = Date(
                timeIntervalSince1970: Double(Int.random(in: -3_000_000_000...4_000_000_000, using: &generator)))
            let seconds = Int(
                (date.timeIntervalSince1970 + Double(settings.offsets.secondsFromGMT(for: date))).rounded(.down))
            let inDay = ((seconds % 86_400) + 86_400) % 86_400
            let clock = "\(padded(inDay / 3600, 2)):\(padded(inDay % 3600 / 60, 2))"
            #expect(PromiseSettings.clock(date, settings.offsets) == clock)
            #expect(settings.describe(date) == "\(LocalDay(date, in: settings.offsets).labelWithWeekday) \(clock)")
        }
        for value in [0, -0.04, -0.05, 0.05, 0.949, 12.25, -56.75, 1e11, -1e11, 1e12, 3e15]
            + (0..<2_000).map({ _ in Double.random(in: -1e6...1e6, using: &generator) })
        {
            let tenths = Int((value * 10).rounded())
            #expect(
                NumberText.oneDecimal(value) == "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)",
                "\(value)")
            let weight = Weight(grams: abs(value))
            #expect(
                WeightComparison.format(weight)
                    == "\(NumberText.oneDecimal(weight.value(in: .ounces))) oz (\(Int(weight.grams.rounded())) g)")
        }
        for n in [-12, -1, 0, 1, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 123_456]
            + (0..<500).map({ _ in Int.random(in: -100...20_000, using: &generator) })
        {
            for width in 0...5 { #expect(NumberText.padded(n, width) == padded(n, width), "\(n) \(width)") }
        }
    }
}
