import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct ValueParsersTests {
    let newYork = TimestampParser(timeZone: TimeZone(identifier: "America/New_York")!)

    func iso(_ date: Date) -> String { ReportJSONWriter.timestamp(date) }

    @Test("a column's few texts give back the numbers kept for their bytes; past eight different ones, none is kept")
    func fewTexts() {
        var few = FewTexts()
        func number(_ text: String) -> UInt32? {
            var text = text
            return text.withUTF8 { few.number(of: $0) }
        }
        func keep(_ text: String, _ number: UInt32) {
            var text = text
            text.withUTF8 { few.keep($0, number) }
        }
        #expect(number("UPS Ground") == nil)
        keep("UPS Ground", 7)
        keep("UPS Next Day Air®", 9)
        #expect(number("UPS Ground") == 7 && number("UPS Next Day Air®") == 9)
        #expect(number("UPS Groun") == nil && number("ups ground") == nil)
        few.forget()
        #expect(number("UPS Ground") == nil)
        // Eight different texts are kept; a ninth makes the column one of many, and nothing is answered any more.
        for index in 0..<8 { keep("service \(index)", UInt32(index + 1)) }
        #expect((0..<8).map { number("service \($0)") } == (1...8).map { UInt32($0) })
        keep("service 8", 9)
        #expect(number("service 8") == nil && number("service 0") == nil)
        keep("service 0", 1)
        #expect(number("service 0") == nil)
        few.forget()
        keep("service 0", 1)
        #expect(number("service 0") == 1)
    }

    @Test(
        "a repeated cell gives the value read for the same bytes; other bytes, a long cell and a new file are read again"
    )
    func repeatedCell() {
        var cell = RepeatedCell<Int>()
        var reads = 0
        func value(_ text: String) -> Int? {
            var text = text
            return text.withUTF8 { bytes in
                cell.value(of: bytes) { bytes in
                    reads += 1; return bytes.isEmpty ? nil : bytes.count
                }
            }
        }
        let long = String(repeating: "x", count: 33)
        #expect(value("2026-10-01 10:00:00 -0400") == 25 && reads == 1)
        #expect(value("2026-10-01 10:00:00 -0400") == 25 && reads == 1)
        #expect(value("2026-10-01 10:00:01 -0400") == 25 && reads == 2)
        #expect(value("") == nil && reads == 3)
        #expect(value("") == nil && reads == 3)
        #expect(value(long) == 33 && value(long) == 33 && reads == 5)
        #expect(value("ab") == 2 && reads == 6)
        cell.forget()
        #expect(value("ab") == 2 && reads == 7)
        // A read that fails keeps nothing: the same bytes are read (and fail) again.
        struct Bad: Error {}
        var failing = RepeatedCell<Int>()
        var tries = 0
        for _ in 0..<2 {
            var text = "not a date"
            #expect(throws: Bad.self) {
                try text.withUTF8 { bytes throws(Bad) in
                    try failing.value(of: bytes) { _ throws(Bad) in
                        tries += 1; throw Bad()
                    }
                }
            }
        }
        #expect(tries == 2)
        // `repeats`: true for the bytes kept last, which it keeps otherwise.
        var keys = RepeatedCell<Void>()
        let answers = ["1Z1", "1Z1", "1Z2", "1Z1", "1Z1", long, long].map { key in
            var key = key
            return key.withUTF8 { keys.repeats($0) }
        }
        #expect(answers == [false, true, false, false, true, false, false])
    }

    @Test(
        "date styles of real exports",
        arguments: [
            ("2026-03-01 10:15:00 -0500", "2026-03-01T15:15:00Z"), // Shopify
            ("2026-03-01T10:15:00Z", "2026-03-01T10:15:00Z"), // ISO 8601
            ("2026-03-01T10:15:00+05:30", "2026-03-01T04:45:00Z"),
            ("2026-03-01T10:15:00.250-05:00", "2026-03-01T15:15:00Z"),
            ("3/1/2026 4:02:11 PM", "2026-03-01T21:02:11Z"), // ShipStation, New York (EST)
            ("3/1/2026 12:05:00 AM", "2026-03-01T05:05:00Z"),
            ("7/1/2026 16:02", "2026-07-01T20:02:00Z"), // after Excel, EDT
            ("20260301", "2026-03-01T05:00:00Z"), // yyyymmdd, midnight local
            ("20260301163000", "2026-03-01T21:30:00Z"),
            ("2026-07-04", "2026-07-04T04:00:00Z"),
        ])
    func dates(text: String, expected: String) throws {
        #expect(try iso(newYork.parse(text).get()) == expected)
    }

    @Test(
        "impossible or unreadable dates are refused",
        arguments: ["2026-02-30 10:00:00", "13/1/2026", "1.3.2026", "yesterday", "2026-03-01 25:00", "3/1/226"])
    func badDates(text: String) {
        #expect(throws: ValueError.self) { try newYork.parse(text).get() }
    }

    @Test(
        "a clean tracking number is capitals and digits only, not empty",
        arguments: [
            ("1Z999AA10123456784", true), ("9400111899223100000000", true), ("A", true), ("0", true), ("Z9", true),
            ("", false), ("1z999AA10123456784", false), ("1Z999AA1012345678 ", false), ("1Z-999", false), ("@", false),
            ("[", false), ("/", false), (":", false), ("1Z999AA10123456784\u{00C9}", false),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", true),
        ])
    func cleanTrackingNumbers(text: String, clean: Bool) {
        var text = text
        #expect(text.withUTF8 { ValueParsers.isCleanTrackingNumber($0) } == clean)
    }

    @Test("the clean test, eight bytes at a time, agrees with a byte-by-byte one for every byte at every place")
    func cleanTrackingNumberBytes() {
        for count in 1...26 {
            for place in 0..<count {
                for byte in 0...255 {
                    var bytes = [UInt8](repeating: 0x41, count: count)
                    bytes[place] = UInt8(byte)
                    let expected = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
                    #expect(
                        bytes.withUnsafeBufferPointer(ValueParsers.isCleanTrackingNumber) == expected,
                        "\(count) \(place) \(byte)")
                }
            }
        }
    }

    @Test(
        "weights with the unit in the cell or in the column",
        arguments: [
            ("1.00 LBS", nil, 453.59), ("16", WeightUnit.ounces, 453.59), ("16oz", nil, 453.59), ("0.5 kg", nil, 500),
            ("454", WeightUnit.grams, 454), ("2 L", nil, 907.18), ("12 g", WeightUnit.ounces, 12),
            ("1 lb 4 oz", nil, 566.99),
        ] as [(String, WeightUnit?, Double)])
    func weights(text: String, unit: WeightUnit?, grams: Double) throws {
        let weight = try ValueParsers.weight(text, defaultUnit: unit).get()
        #expect(abs(weight.grams - grams) < 0.01)
    }

    @Test(
        "bad weights are refused with a reason",
        arguments: ["heavy", "-2 oz", "3 stone", "12", "1.2.3 kg", "1 lb 4", "", "1,234 kg"])
    func badWeights(text: String) {
        #expect(throws: ValueError.self) { try ValueParsers.weight(text, defaultUnit: nil).get() }
    }

    @Test(
        "money is decimal",
        arguments: [
            ("34.95", "34.95"), ("$1,234.50", "1234.5"), ("-5.00", "-5"), ("USD 12", "12"), ("0.0001", "0.0001"),
            ("7.10000000", "7.1"), (".5", "0.5"), ("12,50", "12.5"), ("15,00€", "15"), ("€ 12,00", "12"),
            ("R$ 1.234,56", "1234.56"), ("12.00 USD", "12"), ("(12.00)", "-12"), ("12.00-", "-12"),
            ("1'234.50", "1234.5"), ("1 234,50", "1234.5"), ("1.234.567", "1234567"), ("1,234,567", "1234567"),
            ("€ -12,00", "-12"), ("kr 99,95", "99.95"), ("₺1.299,90", "1299.9"),
        ])
    func money(text: String, expected: String) throws {
        #expect(try ValueParsers.money(text).get() == Decimal(string: expected)!)
    }

    @Test(
        "ambiguous or non-numeric amounts are refused",
        arguments: [
            "1,234", "12,5,0", "1.23,4.5", "abc", "12.34567", "99999999999999999999", "12 apples 5", "A-1", "SKU 12",
        ])
    func badMoney(text: String) {
        #expect(throws: ValueError.self) { try ValueParsers.money(text).get() }
    }

    @Test("a file's decimal mark settles the values that could be read either way")
    func decimalMark() throws {
        #expect(try ValueParsers.money("1.234", decimalMark: ",").get() == 1234)
        #expect(try ValueParsers.money("1,234", decimalMark: ",").get() == Decimal(string: "1.234")!)
        #expect(try ValueParsers.money("1,234", decimalMark: ".").get() == 1234)
        #expect(try ValueParsers.weight("1,5 kg", defaultUnit: nil).get().grams == 1500)
        #expect(try ValueParsers.weight("1.500", defaultUnit: .kilograms, decimalMark: ",").get().grams == 1_500_000)
        guard case .failure(let error) = ValueParsers.money("1,234") else { return }
        #expect(error.reason.contains("could be 1234 or 1.234") && error.hint.contains("decimal_mark"))
    }

    @Test("money adds exactly")
    func moneyExact() throws {
        let sum = try ValueParsers.money("0.10").get() + ValueParsers.money("0.20").get()
        #expect(Money.format(sum) == "0.30")
    }

    @Test(
        "order numbers normalize",
        arguments: [
            ("#1041", "1041"), (" 1041 ", "1041"), ("01041", "1041"), ("so-77", "SO-77"), ("##12", "12"),
            ("#0", "0"), ("000", "0"), ("# 12", "12"), ("\u{00A0}#7\u{00A0}", "7"), ("à-1", "À-1"),
            // written as a float by a spreadsheet or a data frame: the same order; a real fraction is kept
            ("1041.0", "1041"), ("#1041.00", "1041"), ("1041.5", "1041.5"), ("1041.", "1041."), (".0", ".0"),
            ("1234567890123456.0", "1234567890123456.0"),
        ])
    func orderNumbers(text: String, expected: String) {
        #expect(ValueParsers.orderNumber(text) == expected)
    }

    @Test("an order number read from the cell's bytes is the text's, or is left to the text")
    func plainOrderNumbers() {
        let long = ["123456789", "#12345678:", "#1234567/9", "12345678901234567", "1234567812345678a"]
        for cell in [
            "#1041", "1041", "01041", "##12", "#0", "000", "0", "#", "", "12a", "+5", "-5", "# 12", "1 2", "١٢", "#007",
            "99999999999999999999", "1041.0",
        ] + long {
            var bytes = cell
            let plain = bytes.withUTF8 { ValueParsers.plainOrderNumber($0).map { String(decoding: $0, as: UTF8.self) } }
            #expect(plain == nil || plain == ValueParsers.orderNumber(cell), "\(cell)")
            // The usual forms are all read from the bytes.
            #expect(
                (plain != nil)
                    == [
                        "#1041", "1041", "01041", "##12", "#007", "99999999999999999999", "123456789",
                        "12345678901234567",
                    ].contains(cell), "\(cell)")
        }
    }

    @Test("tracking numbers stay text; scientific notation is refused with an Excel hint")
    func tracking() throws {
        #expect(try ValueParsers.trackingNumber("'9400111201080805483016").get() == "9400111201080805483016")
        #expect(try ValueParsers.trackingNumber("1z5r8939 0357567127").get() == "1Z5R89390357567127")
        #expect(try ValueParsers.trackingNumber("000123450000000027").get() == "000123450000000027")
        let error = #expect(throws: ValueError.self) { try ValueParsers.trackingNumber("7.90535E+11").get() }
        #expect(error?.hint.contains("Excel") == true)
        // A FedEx number through pandas or a spreadsheet's number format: exact up to 15 digits, refused beyond.
        #expect(try ValueParsers.trackingNumber("477179081230.0").get() == "477179081230")
        #expect(try ValueParsers.trackingNumber("'796221370855.00").get() == "796221370855")
        #expect(try ValueParsers.trackingNumber("1Z5R.0").get() == "1Z5R.0")
        let long = #expect(throws: ValueError.self) {
            try ValueParsers.trackingNumber("9400111201080805483016.0").get()
        }
        #expect(long?.reason.contains("15 digits") == true)
    }

    @Test("quantities are whole numbers")
    func quantities() throws {
        #expect(try ValueParsers.quantity("2").get() == 2)
        #expect(try ValueParsers.quantity("2.0").get() == 2)
        #expect(throws: ValueError.self) { try ValueParsers.quantity("two").get() }
        #expect(throws: ValueError.self) { try ValueParsers.quantity("1.5").get() }
        #expect(throws: ValueError.self) { try ValueParsers.quantity("-1").get() }
    }

    @Test(
        "yes/no cells",
        arguments: [
            ("TRUE", true), ("Yes", true), (" y ", true), ("1", true), ("x", true), ("t", true),
            ("false", false), ("NO", false), ("n", false), ("0", false), ("", false), ("F", false),
            ("\u{00A0}yes\u{00A0}", true),
        ])
    func flags(text: String, expected: Bool) throws {
        #expect(try ValueParsers.flag(text).get() == expected)
    }

    @Test("other yes/no cells are refused", arguments: ["nope", "yess", "2", "ja", "truefalse", "é"])
    func badFlags(text: String) {
        #expect(throws: ValueError.self) { try ValueParsers.flag(text).get() }
    }

    @Test("the one-pass reading of money cells gives what the checked reading gives, for every shape")
    func plainMoneyCells() {
        var random = SeededNumbers(seed: 11)
        func next(_ bound: Int) -> Int { random.next(bound) }
        var cells = [
            "", ".", "0", "00", "12", "12.", ".5", "88.17", "1.2345", "1.23456", "1.23450", "-1.5", "+2", "1..2",
            "1.2.3",
            "12a", " 12", "99999999999999", "999999999999999", "99999999999999.9999", "9999999999.9999", "0.0000",
            "144.53", "0.99", "00.00", "12345.67", "123456.78", "9.8", "1.234", "a1.23", "1.2a", "12.3 ", "-1.23",
            "1,23",
        ]
        let alphabet = Array("0123456789.-+ a".utf8)
        for _ in 0..<20_000 {
            cells.append(
                String(
                    decoding: (0..<next(18)).map { _ in
                        next(4) == 0 ? alphabet[next(alphabet.count)] : alphabet[next(11)]
                    }, as: UTF8.self))
        }
        for cell in cells {
            cell.withBytes { bytes in
                #expect(ValueParsers.plainStoredMoney(bytes) == ValueParsers.checkedStoredMoney(bytes), "\(cell)")
            }
        }
    }

    @Test("amounts format the same from their digits as from their description")
    func moneyFormat() {
        var amounts: [Decimal] = [
            "0", "0.004", "0.005", "0.015", "-0.004", "12.5", "12.50", "-12.5", "1200", "1e5", "123456.789",
            "99999999999.99", "1e13", "-7.125", "3.14159", "0.1",
        ].map { Decimal(string: $0)! }
        amounts += (0..<2_000).map { Decimal($0 * 37 % 100_003) / 100 - 300 }
        amounts += (0..<500).map { Decimal($0) * Decimal(string: "0.0125")! }
        for amount in amounts {
            var value = amount, rounded = Decimal()
            NSDecimalRound(&rounded, &value, 2, .bankers)
            #expect(Money.format(amount) == Money.byDescription(rounded), "\(amount)")
        }
        #expect(Money.format(Decimal(string: "-0.004")!) == Money.byDescription(0))
        #expect(Money.format(Decimal(string: "12.5")!) == "12.50")
    }

    @Test("a sum of amounts in ten-thousandths is the sum of the Decimals, whatever the amounts")
    func amountSums() {
        let odd: [Decimal] = [
            "0", "12.50", "-12.5", "0.00001", "1e5", "1e-7", "123456.789", "-7.125", "3.14159", "1e18",
            "922337203685477.5807", "922337203685477.5807", "-99999999999.9999", "1e30",
        ].map { Decimal(string: $0)! }
        var random = SeededNumbers(seed: 7)
        let lists: [[Decimal]] = [
            [], odd, odd.reversed(), (0..<5_000).map { _ in Decimal(random.next(2_000_000) - 1_000_000) / 100 },
            (0..<300).map { _ in Decimal(random.next(90_000)) * Decimal(string: "0.0125")! },
            [Decimal(string: "922337203685477.5807")!, Decimal(string: "0.0001")!, Decimal(string: "-0.0001")!],
        ]
        for list in lists {
            var sum = AmountSum(), expected = Decimal()
            for amount in list {
                sum.add(amount)
                expected += amount
            }
            #expect(sum.total == expected, "\(list.prefix(4))")
            #expect(Money.format(sum.total) == Money.format(expected))
        }
        #expect(AmountSum.tenThousandths(Decimal(string: "12.5")!) == 125_000)
        #expect(AmountSum.tenThousandths(Decimal(string: "-0.0001")!) == -1)
        #expect(AmountSum.tenThousandths(Decimal(string: "0.00001")!) == nil)
        #expect(AmountSum.tenThousandths(Decimal(string: "1e30")!) == nil)
    }

    @Test("times with their offset at fixed places read directly give the full reading's instant, and nothing else")
    func offsetTimes() {
        var random = SeededNumbers(seed: 3)
        func next(_ bound: Int) -> Int { random.next(bound) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let parser = TimestampParser(timeZone: TimeZone(identifier: "America/New_York")!)
        var direct = 0
        for _ in 0..<100_000 {
            let year = [1969, 1970, 2000, 2024, 2026, 2100, 1900, 9999, 0][next(9)]
            let (month, day, hour, minute, second) = (next(14), next(33), next(26), next(62), next(62))
            let (offsetHours, offsetMinutes, sign) = (next(20), next(61), ["+", "-", "x"][next(3)])
            var text =
                next(2) == 0
                ? "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))\(sign)\(two(offsetHours)):\(two(offsetMinutes))"
                : "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second)) \(sign)\(two(offsetHours))\(two(offsetMinutes))"
            if next(8) == 0 {
                var bytes = Array(text.utf8)
                bytes[next(bytes.count)] = [0x30, 0x39, 0x3A, 0x2D, 0x20, 0x54, 0x61, 0x2F][next(8)]
                text = String(decoding: bytes, as: UTF8.self)
            }
            let full: Double? =
                if case .success(let date) = parser.parse(text) { date.timeIntervalSince1970 } else { nil }
            text.withBytes { bytes in
                if let seconds = TimestampParser.offsetSeconds(bytes) {
                    direct += 1
                    #expect(seconds == full, "\(text)")
                }
                #expect(parser.date(bytes)?.timeIntervalSince1970 == full, "\(text)")
            }
        }
        #expect(direct > 30_000)
    }

    @Test("the calendar's short way for 1970-2099 counts the days as the general algorithm does, on every date")
    func daysFromCivil() {
        var expected = TimestampParser.hinnantDays(1960, 1, 1)
        for year in 1960...2110 {
            for month in 1...12 {
                for day in 1...TimestampParser.daysIn(month, year) {
                    #expect(TimestampParser.daysFromCivil(year, month, day) == expected, "\(year)-\(month)-\(day)")
                    #expect(TimestampParser.hinnantDays(year, month, day) == expected, "\(year)-\(month)-\(day)")
                    expected += 1
                }
            }
        }
        #expect(TimestampParser.daysFromCivil(1970, 1, 1) == 0)
        #expect(TimestampParser.daysFromCivil(2000, 3, 1) == 11_017)
        #expect(TimestampParser.daysFromCivil(2099, 12, 31) == 47_481)
    }

    @Test("the fast readers of the usual date shapes give the scanner's fields, and leave everything else to it")
    func fastDateShapes() {
        var random = SeededNumbers(seed: 7)
        func next(_ bound: Int) -> Int { random.next(bound) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var texts = [
            "2026-10-01T18:00:00-04:00", "2026-10-01 10:05:00 -0400", "2026-10-01T18:00:00Z", "2026-10-01 18:00:00",
            "10/1/2026 4:05:00 PM", "3/1/2026 12:05:00 AM", "12/31/2026 11:59:59 pm", "3/1/2026 4:02 PM", "3/1/2026",
            "2026-13-01T18:00:00Z", "2026-02-30 10:00:00", "10/1/2026 13:05:00 PM", "10/1/2026 0:05:00 AM",
            "2026-10-01T18:00:00+19:00", "2026-10-01T18:00:00-04:60", "2026-10-01x18:00:00Z", "20261001",
            "10/1/26 4:05:00 PM",
            "2026-10-01T18:00:00.5Z", "2026-10-01T18:00:00 +0530", "10/1/2026  4:05:00 PM", "10/1/2026 4:05:00 XM",
            "2026-10-01T18:00:00.620Z", "2026-10-01T18:00:00,25-04:00", "2026-10-01 18:00:00.123456789 -0400",
            "2026-10-01T18:00:00.1234567890Z", "2026-10-01T18:00:00.Z", "2026-10-01T18:00:00.620+0530",
            "2026-10-01T18:00:00.620 +05:30", "2026-10-01T18:00:00.62x",
        ]
        for _ in 0..<3_000 {
            let (y, mo, d, h, mi, se) = (1990 + next(90), next(14), next(33), next(26), next(62), next(62))
            let zone = ["Z", "z", "-04:00", "+05:30", " -0400", " +0100", "", "+19:00", "-0460"][next(9)]
            let fraction = ["", "", ".620", ".5", ",25", ".000", ".999999", ".123456789", ".1234567890"][next(9)]
            texts.append(
                "\(y)-\(two(mo))-\(two(d))\(next(2) == 0 ? "T" : " ")\(two(h)):\(two(mi)):\(two(se))\(fraction)\(zone)")
            texts.append("\(mo)/\(d)/\(y) \(h):\(two(mi)):\(two(se)) \(["AM", "PM", "am", "pm", "Am", "XM"][next(6)])")
        }
        for text in texts {
            var copy = text
            copy.withUTF8 { bytes in
                var scanner = TimestampParser.Scanner(bytes)
                let scanned = scanner.parseFields()
                for fast in [TimestampParser.fixedWidthFields(bytes), TimestampParser.twelveHourFields(bytes)] {
                    guard let fast else { continue }
                    #expect(
                        scanned.map {
                            [$0.year, $0.month, $0.day, $0.hour, $0.minute, $0.second, $0.offsetSeconds ?? -1]
                        }
                            == [
                                fast.year, fast.month, fast.day, fast.hour, fast.minute, fast.second,
                                fast.offsetSeconds ?? -1,
                            ], "\(text)")
                    #expect(scanned?.fraction == fast.fraction, "\(text)")
                }
            }
        }
        // The shapes they are for are read by them, not left to the scanner.
        var iso = "2026-10-01T18:00:00-04:00", shipStation = "10/1/2026 4:05:00 PM"
        #expect(iso.withUTF8 { TimestampParser.fixedWidthFields($0) } != nil)
        var milliseconds = "2021-02-08T22:51:40.620Z"
        #expect(milliseconds.withUTF8 { TimestampParser.fixedWidthFields($0) }?.fraction == 0.62)
        #expect(shipStation.withUTF8 { TimestampParser.twelveHourFields($0) } != nil)
    }
}

/// A repeatable stream of numbers (a 64-bit LCG's high bits) for generated test inputs.
struct SeededNumbers {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
