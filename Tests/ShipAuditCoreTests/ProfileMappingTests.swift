import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Profiles defined in the config: headerless files, rows above the header, constants, encodings, errors.
struct ProfileMappingTests {
    func load(_ config: String, _ text: [UInt8], kind: InputKind, profile: String? = nil) throws -> LoadedInputs {
        let configuration = try ConfigLoader.parse(config, path: "c.toml")
        let path = Fixture.temporary("")
        FileManager.default.createFile(atPath: path, contents: Data(text))
        var loader = InputLoader(
            timeZone: Fixture.newYork, profiles: configuration.customProfiles + BuiltInProfiles.all)
        try loader.load(InputFile(path: path, kind: kind, profileId: profile))
        return loader.loaded
    }

    @Test("a holiday in year 99999999999 is an error, not an overflow (found by fuzzing)")
    func hugeYear() {
        #expect(throws: InputProblem.self) {
            _ = try ConfigLoader.parse("[calendar]\nholidays = [\"99999999999-01-01\"]\n", path: "c.toml")
        }
        #expect(LocalDay(iso: "0-01-01") == nil && LocalDay(iso: "2026-11-26") != nil)
    }

    @Test("a table header without a name's first letter is an error at its line, not a stop (found by fuzzing)")
    func nonASCIITableName() {
        for text in [
            "[Ü]\n", "[store]\ncutoff = \"14:00\"\n[[ é ]]\n", "[\u{FFFD}", "[#", "[", "[ =x]", "[[,", "[[[e", "[ [a]",
            "s=4\n[\r-", "[\u{0305}", "y=[}", "a = [1, }", "a = [\n}", "a = [ # c\n }",
        ] {
            do {
                _ = try ConfigLoader.parse(text, path: "c.toml")
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.reason.contains("config is not valid TOML"), "\(error.description)")
            }
        }
        // Brackets and braces inside strings and comments, and arrays over several lines, are TOML as usual.
        let valid = "# [#\n[store]\ncurrency = \"USD\" # }\n[calendar]\nholidays = [\n  \"2026-12-25\", # [}\n]\n"
        #expect((try? ConfigLoader.parse(valid, path: "c.toml")) != nil)
        // Quoted, the name reaches the parser, which reads it (and the config refuses it as an unknown table).
        #expect(throws: InputProblem.self) { _ = try ConfigLoader.parse("[\"Ü\"]\n", path: "c.toml") }
    }

    @Test("a headerless file with positional column names and a constant currency")
    func headerless() throws {
        let config = """
            [profiles.erp]
            kind = "orders"
            header = ["no", "item", "count", "when"]
            date_format = "%d.%m.%Y"
            [profiles.erp.columns]
            order_id = "no"
            sku = "item"
            quantity = "count"
            created_at = "when"
            currency = { value = "EUR" }
            """
        let loaded = try load(
            config, Array("A-1,WDG,2,16.11.2026\nA-1,KIT,1,16.11.2026\n".utf8), kind: .orders, profile: "erp")
        let order = try #require(loaded.orders["A-1"])
        #expect(order.lines.map(\.quantity) == [2, 1])
        #expect(order.currency == "EUR")
        #expect(loaded.inputs[0].rowsRead == 2)
        #expect(order.lines[0].source.line == 1)
    }

    @Test("texts read from the cells' bytes equal the texts read as strings: case, statuses, non-ASCII, Windows-1252")
    func textsFromBytes() throws {
        let config = """
            [profiles.erp]
            kind = "orders"
            [profiles.erp.columns]
            order_id = "no"
            sku = "item"
            item_name = "name"
            quantity = "count"
            currency = "cur"
            shipping_method = "method"
            financial_status = "paid"
            fulfillment_status = "line"
            cancelled_at = "cancelled"
            """
        let header = "no,item,name,count,cur,method,paid,line,cancelled\n"
        let rows = """
            1,wdg-1, Widget ,1,usd,UPS Ground,PAID,Fulfilled,
            2,WDG-1,Widget,1,USD,UPS Ground,Refunded,,
            3,Wdg-2,Grüße Box,1,eur,UPS® Ground,Partially_Paid,FULFILLED,
            4,WDG-3,Box,1,USD,UPS Ground,paid,partial, 2026-11-01
            5,ÄBC,Box,1,Usd,UPS Ground,  pending ,,
            """
        let loaded = try load(config, Array((header + rows + "\n").utf8), kind: .orders, profile: "erp")
        let one = try #require(loaded.orders["1"]), two = try #require(loaded.orders["2"])
        let three = try #require(loaded.orders["3"]), four = try #require(loaded.orders["4"]),
            five = try #require(loaded.orders["5"])
        #expect(
            one.lines[0].sku == "WDG-1" && one.lines[0].name == "Widget" && one.currency == "USD"
                && one.shippingMethod == "UPS Ground")
        #expect(one.isPaid && !one.isCancelled && one.lines[0].isFulfilled == true)
        #expect(two.isCancelled && two.lines[0].isFulfilled == nil && two.lines[0].sku == "WDG-1")
        #expect(
            three.lines[0].sku == "WDG-2" && three.lines[0].name == "Grüße Box" && three.currency == "EUR"
                && three.shippingMethod == "UPS® Ground")
        #expect(!three.isPaid && three.lines[0].isFulfilled == true)
        // "partial": something shipped (fulfilled), and only part of it.
        #expect(
            four.isCancelled && four.isPaid && four.lines[0].isFulfilled == true && four.lines[0].isPartiallyFulfilled)
        #expect(five.lines[0].sku == "ÄBC" && five.currency == "USD" && !five.isPaid)
        // The same rows in Windows-1252 (ü as FC): the text path, the same values.
        let latin = Array((header + "6,wdg-9,Gr").utf8) + [0xFC] + Array("n,1,usd,UPS Ground,PAID,fulfilled,\n".utf8)
        let six = try #require(try load(config, latin, kind: .orders, profile: "erp").orders["6"])
        #expect(
            six.lines[0].sku == "WDG-9" && six.lines[0].name == "Grün" && six.currency == "USD" && six.isPaid
                && six.lines[0].isFulfilled == true)
    }

    @Test("title rows above the header are skipped; Windows-1252 is read as such")
    func skipAndEncoding() throws {
        let config = """
            [profiles.excel]
            kind = "catalog"
            skip_rows = 2
            encoding = "windows-1252"
            [profiles.excel.columns]
            sku = "Art.-Nr."
            unit_weight = { column = "Gewicht", unit = "kg" }
            item_name = "Bezeichnung"
            """
        let bytes =
            Array("Katalog Export\nStand 11/2026\nArt.-Nr.,Bezeichnung,Gewicht\nW1,Gr".utf8) + [0xFC]
            + Array("n,0.5\n".utf8)
        let loaded = try load(config, bytes, kind: .catalog, profile: "excel")
        #expect(loaded.catalog["W1"]?.unitWeight.grams == 500)
        #expect(loaded.catalog["W1"]?.source.line == 4)
        #expect(loaded.warnings.isEmpty)
    }

    @Test(
        "config errors name the key",
        arguments: [
            (
                "[profiles.x]\nkind = \"orders\"\n[profiles.x.columns]\norder_id = \"A\"\nsku = \"B\"\n",
                "quantity: is required for orders but not mapped"
            ),
            ("[profiles.x]\nkind = \"parcels\"\n[profiles.x.columns]\n", "kind: is missing or not one of"),
            (
                "[profiles.x]\nkind = \"tracking\"\ndate_format = \"%Q\"\n[profiles.x.columns]\ntracking_number = \"T\"\nstatus = \"S\"\n",
                "has a directive this tool does not read"
            ),
            (
                "[profiles.x]\nkind = \"tracking\"\n[profiles.x.columns]\ntracking_number = \"T\"\nstatus = \"S\"\nstatuss = \"U\"\n",
                "unknown key in [profiles.x.columns] (did you mean \"status\"?)"
            ),
            (
                "[profiles.x]\nkind = \"tracking\"\n[profiles.x.columns]\ntracking_number = \"T\"\nstatus = \"S\"\n[profiles.x.statuses]\n\"Zugestellt\" = \"done\"\n",
                "is not a status"
            ),
        ])
    func errors(config: String, expected: String) {
        let error = #expect(throws: InputProblem.self) { try ConfigLoader.parse(config, path: "c.toml") }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
    }

    @Test(
        "date formats",
        arguments: [
            ("%d/%m/%Y %H:%M", "16/11/2026 10:14", "2026-11-16T15:14:00Z"),
            ("%d.%m.%Y", "03.07.2026", "2026-07-03T04:00:00Z"),
            ("%d %b %Y %I:%M %p", "16 Nov 2026 4:02 PM", "2026-11-16T21:02:00Z"),
            ("%Y%m%d %H%M%S %z", "20261116 101500 +0100", "2026-11-16T09:15:00Z"),
            ("%d.%m.%Y %H:%M", "20.11.2026", "2026-11-20T05:00:00Z"),
        ])
    func dateFormats(pattern: String, value: String, expected: String) throws {
        #expect(
            ReportJSONWriter.timestamp(try DateFormat(pattern, timeZone: Fixture.newYork).parse(value).get())
                == expected)
    }

    @Test("a value that does not fit the format is refused with the format")
    func badDate() {
        let error = #expect(throws: ValueError.self) {
            try DateFormat("%d/%m/%Y", timeZone: Fixture.newYork).parse("2026-11-16").get()
        }
        #expect(error?.reason == "\"2026-11-16\" does not fit the date format \"%d/%m/%Y\"")
    }
}
