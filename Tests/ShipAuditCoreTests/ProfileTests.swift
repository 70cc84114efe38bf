import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Each built-in profile on fixtures with the real headers.
struct ProfileTests {
    @Test(
        "a header's normal form: lower case, single spaces, underscores as spaces, the same whether already normal or not"
    )
    func normalForm() {
        #expect(Header.normalize("  Tracking_Number ") == "tracking number")
        #expect(Header.normalize("tracking number") == "tracking number")
        #expect(Header.normalize("a\tb") == "a b")
        let letters: [Character] = ["a", "B", " ", "_", "\t", "1", "-", "#", "\u{7F}"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let name = String(
                (0..<Int.random(in: 0...8, using: &random)).map { _ in letters.randomElement(using: &random)! })
            let reference = name.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" }).joined(
                separator: " ")
            #expect(Header.normalize(name) == reference, "\(Array(name.utf8))")
            #expect(Header.normalize(Header.normalize(name)) == reference)
        }
    }

    @Test("Shopify orders: 79 columns, continuation rows folded into their order, order fields carried forward")
    func shopifyOrders() throws {
        let loaded = try Fixture.load([InputFile(path: Fixture.path("profiles/shopify_orders.csv"), kind: .orders)])
        #expect(loaded.inputs[0].profile == "shopify-orders")
        #expect(loaded.inputs[0].rowsRead == 5 && loaded.inputs[0].rowsUsed == 5 && loaded.inputs[0].rowsRejected == 0)
        #expect(loaded.orders.count == 3)
        let order = try #require(loaded.orders["1042"])
        #expect(order.displayName == "#1042")
        #expect(order.lines.map(\.sku) == ["WDG-STL-S", "WDG-KIT"])
        #expect(order.lines.map(\.quantity) == [1, 2])
        #expect(order.shippingMethod == "Standard Shipping (3-5 business days)")
        #expect(order.shippingPaid == Decimal(string: "12.50"))
        #expect(order.currency == "USD")
        #expect(order.lines[1].source.line == 4)
        #expect(ReportJSONWriter.timestamp(order.createdAt!) == "2024-03-01T16:02:39Z")
        #expect(loaded.orders["1043"]?.lines.count == 2)
    }

    @Test("an order's display name is the cell as written, however its number is written")
    func displayNames() throws {
        let names = ["#1041", "1042", "##1043", "#01044", "#SO-1045", "1046 ", "#1047"]
        let rows = names.enumerated().map { index, name in "\(name),paid,SKU-\(index),1,12.50,USD" }
        let path = Fixture.temporary(
            (["Name,Financial Status,Lineitem sku,Lineitem quantity,Lineitem price,Currency"] + rows)
                .joined(separator: "\n") + "\n", name: "names.csv")
        let loaded = try Fixture.load([InputFile(path: path, kind: .orders)])
        #expect(loaded.inputs[0].rowsUsed == names.count)
        let expected = [
            "1041": "#1041", "1042": "1042", "1043": "##1043", "1044": "#01044", "SO-1045": "#SO-1045", "1046": "1046",
            "1047": "#1047",
        ]
        for (id, display) in expected { #expect(loaded.orders[id]?.displayName == display, "\(id)") }
    }

    @Test("ShipStation shipments: columns by name, weight in ounces, dates in the store's zone")
    func shipStation() throws {
        let loaded = try Fixture.load([
            InputFile(path: Fixture.path("profiles/shipstation_shipments.csv"), kind: .shipments)
        ])
        #expect(loaded.inputs[0].profile == "shipstation-shipments")
        #expect(loaded.shipments.count == 4)
        let first = loaded.shipments[0]
        #expect(first.orderId == "1041")
        #expect(first.service == "UPS® Ground")
        #expect(first.serviceRequested == "UPS Next Day Air")
        #expect(first.trackingNumber == "1ZA1B2C30348291744")
        #expect(abs(first.weight!.grams - 453.59) < 0.01)
        #expect(first.labelCost == Decimal(string: "11.48"))
        #expect(ReportJSONWriter.timestamp(first.shippedAt!) == "2024-03-01T21:02:11Z")
    }

    @Test(
        "Shopify products: variant rows give weights in grams; image-only rows are used but add nothing; zero grams is no weight"
    )
    func shopifyProducts() throws {
        let loaded = try Fixture.load([InputFile(path: Fixture.path("profiles/shopify_products.csv"), kind: .catalog)])
        #expect(loaded.inputs[0].profile == "shopify-products")
        #expect(loaded.inputs[0].rowsRead == 4 && loaded.inputs[0].rowsUsed == 4)
        #expect(loaded.catalog["WDG-STL-L"]?.unitWeight.grams == 454)
        #expect(loaded.catalog["WDG-STL-S"]?.unitWeight.grams == 227)
        #expect(loaded.catalog["GIFT-25"] == nil)
        #expect(loaded.catalogSkusWithoutWeight == ["GIFT-25"])
    }

    @Test(
        "shipaudit layouts: orders with blank or repeated order fields, catalog units in a column or the cell, duplicate package rows"
    )
    func shipAuditLayouts() throws {
        let loaded = try Fixture.load([
            InputFile(path: Fixture.path("profiles/shipaudit_orders.csv"), kind: .orders),
            InputFile(path: Fixture.path("profiles/shipaudit_catalog.csv"), kind: .catalog),
            InputFile(path: Fixture.path("profiles/shipaudit_shipments.csv"), kind: .shipments),
        ])
        #expect(loaded.inputs.map(\.profile) == ["shipaudit-orders", "shipaudit-catalog", "shipaudit-shipments"])
        let order = try #require(loaded.orders["SO-2001"])
        #expect(order.lines.count == 2 && order.currency == "EUR" && order.shippingMethod == "DHL Express Worldwide")
        #expect(loaded.orders["SO-2002"]?.isCancelled == true)
        #expect(abs(loaded.catalog["WDG-ALU"]!.unitWeight.grams - 340.19) < 0.01)
        #expect(loaded.catalog["WDG-KIT"]?.unitWeight.grams == 170)
        #expect(loaded.catalogSkusWithoutWeight == ["WDG-EMPTY"])
        #expect(loaded.shipments.count == 2)
        let matched = OrderMatcher(configuration: Configuration()).match(loaded)
        #expect(matched.orders.first { $0.order.id == "SO-2001" }?.packages.count == 1)
    }

    @Test("a shipments file given as orders is named for what it is")
    func wrongKind() throws {
        let error = #expect(throws: InputProblem.self) {
            try Fixture.load([InputFile(path: Fixture.path("profiles/shipstation_shipments.csv"), kind: .orders)])
        }
        #expect(
            error?.description.contains(
                "looks like a ShipStation shipments export (shipments), but was given as orders") == true)
        #expect(error?.hint.contains("--shipments") == true)
    }

    @Test("a missing required column names the column and the closest header")
    func missingColumn() throws {
        let path = Fixture.temporary("Name,Lineitem qty,Lineitem sku\n#1,2,A\n")
        let error = #expect(throws: InputProblem.self) { try Fixture.load([InputFile(path: path, kind: .orders)]) }
        let text = try #require(error?.description)
        #expect(text.contains(":1: "))
        #expect(text.contains("\"Lineitem quantity\""))
        #expect(text.contains("did you mean \"Lineitem qty\"?"))
    }

    @Test(
        "the closest header: the first at the least distance; a bounded distance is the distance or nil past its bound")
    func closestHeader() {
        let header = Header(["Order ID", "Tracking Nunber", "Trackng Number", "Ship Date"])
        #expect(header.closest(to: "tracking_number") == "Tracking Nunber")
        #expect(header.closest(to: "Tracking Number", excluding: ["Tracking Nunber"]) == "Trackng Number")
        #expect(header.closest(to: "Carrier") == nil)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let letters: [Character] = ["a", "b", "c", "é"]
            let a = (0..<Int.random(in: 0...7, using: &generator)).map { _ in letters.randomElement(using: &generator)!
            }
            let b = (0..<Int.random(in: 0...7, using: &generator)).map { _ in letters.randomElement(using: &generator)!
            }
            let full = Header.distance(a, b)
            let bound = Int.random(in: -1...8, using: &generator)
            #expect(Header.distance(a, b, atMost: bound) == (full <= bound ? full : nil), "\(a) \(b) \(bound)")
        }
    }

    @Test("headers are matched by normalized name, never by position")
    func headerNormalization() throws {
        let path = Fixture.temporary(" lineitem  SKU ;NAME;Lineitem Quantity\nA;#7;3\n")
        let loaded = try Fixture.load([InputFile(path: path, kind: .orders)])
        #expect(loaded.orders["7"]?.lines.first?.quantity == 3)
    }

    @Test("a ragged row and a bad value are rejected with file, line and column; the order is then not checked")
    func rejects() throws {
        let path = Fixture.temporary("Name,Lineitem quantity,Lineitem sku\n#1,2,A\n#1,two,B\n#2,1\n#3,1,C\n")
        let loaded = try Fixture.load([InputFile(path: path, kind: .orders)])
        #expect(loaded.inputs[0].rowsRead == 4 && loaded.inputs[0].rowsUsed == 2 && loaded.inputs[0].rowsRejected == 2)
        #expect(
            loaded.rejects[0].description
                == "\(path):3: column \"Lineitem quantity\": \"two\" is not a whole number (write the quantity as digits, e.g. 2)"
        )
        #expect(loaded.rejects[1].location.line == 4)
        #expect(loaded.rejects[1].reason.contains("has 2 fields but the header has 3"))
        #expect(loaded.ordersWithRejectedRows == ["1", "2"])
    }

    @Test(
        "empty file, header only, missing file: one clear error each",
        arguments: [
            ("", "is empty"), ("Name,Lineitem quantity,Lineitem sku\n", "has a header but no data rows"),
        ])
    func wholeFileErrors(text: String, expected: String) {
        let path = Fixture.temporary(text)
        let error = #expect(throws: InputProblem.self) { try Fixture.load([InputFile(path: path, kind: .orders)]) }
        #expect(error?.reason == expected)
    }

    @Test("a file that does not exist")
    func missingFile() {
        let error = #expect(throws: InputProblem.self) {
            try Fixture.load([InputFile(path: "/nonexistent/o.csv", kind: .orders)])
        }
        #expect(error?.description == "/nonexistent/o.csv: does not exist (check the path passed to --orders)")
    }

    @Test("a named profile overrides recognition, and an unknown one is refused")
    func namedProfile() throws {
        let path = Fixture.temporary("order_id,sku,quantity\n1,A,1\n")
        #expect(throws: InputProblem.self) {
            try Fixture.load([InputFile(path: path, kind: .orders, profileId: "shopify-orders")])
        }
        let error = #expect(throws: InputProblem.self) {
            try Fixture.load([InputFile(path: path, kind: .orders, profileId: "woo")])
        }
        #expect(error?.hint.contains("shopify-orders") == true)
    }

    @Test("one order in two overlapping exports is read once, from the first file, with a warning")
    func orderInTwoFiles() throws {
        let header = "Name,Lineitem quantity,Lineitem sku\n"
        let monday = Fixture.temporary(header + "#1,2,A\n#1,1,B\n#2,1,A\n", name: "monday.csv")
        let tuesday = Fixture.temporary(header + "#2,1,A\n#3,1,C\n", name: "tuesday.csv")
        let loaded = try Fixture.load([InputFile(path: monday, kind: .orders), InputFile(path: tuesday, kind: .orders)])
        #expect(loaded.orders["1"]?.lines.count == 2)
        #expect(loaded.orders["2"]?.lines.count == 1)
        #expect(loaded.orders["3"]?.lines.count == 1)
        #expect(loaded.inputs[1].rowsRead == 2 && loaded.inputs[1].rowsUsed == 2)
        #expect(loaded.warnings.count == 1)
        #expect(
            loaded.warnings[0].description.hasPrefix("\(tuesday): 1 row belongs to orders already read from \(monday)"))
    }

    @Test("an invoice in two files (a second download, overlapping dates) is read once, from the first, with a warning")
    func invoiceInTwoFiles() throws {
        let header = "carrier,invoice_number,invoice_date,tracking_number,charge_description,net_amount,currency\n"
        let lines = [
            "ups,000691317025,2026-11-21,1Z5R89390357567127,Ground,11.48,USD\n",
            "ups,000691317025,2026-11-21,1Z5R89390357567127,Fuel Surcharge,1.72,USD\n",
            // The number UPS recycles, on another date: another invoice.
            "ups,691317025,2026-12-19,1Z5R89390357567128,Ground,9.10,USD\n",
        ]
        let first = Fixture.temporary(header + lines[0] + lines[1], name: "Invoice_691317025.csv")
        let second = Fixture.temporary(header + lines[1] + lines[0] + lines[2], name: "Invoice_691317025 (1).csv")
        let loaded = try Fixture.load([
            InputFile(path: first, kind: .invoices), InputFile(path: second, kind: .invoices),
        ])
        #expect(loaded.invoices.count == 3)
        #expect(loaded.invoices.lines.map(\.amount) == [Decimal(string: "11.48")!, Decimal(string: "1.72")!, 9.1])
        #expect(loaded.inputs[1].rowsRead == 3 && loaded.inputs[1].rowsUsed == 3 && loaded.inputs[1].rowsRejected == 0)
        #expect(loaded.warnings.count == 1)
        #expect(
            loaded.warnings[0].description.hasPrefix(
                "\(second): 2 rows belong to invoices already read from \(first); those invoices are taken from"))
    }

    @Test("rows with no value in any field are blank lines, not rejected rows")
    func emptyRows() throws {
        let path = Fixture.temporary("Name,Lineitem quantity,Lineitem sku\n#1,2,A\n,,\n , ,\n")
        let loaded = try Fixture.load([InputFile(path: path, kind: .orders)])
        #expect(loaded.inputs[0].rowsRead == 1 && loaded.inputs[0].rowsRejected == 0)
    }

    @Test("A field's ordinal is its position among allCases, so FieldMap keeps each field in its own slot")
    func fieldOrdinals() {
        #expect(Field.allCases.map(\.ordinal) == Array(0..<Field.allCases.count))
        var map = FieldMap<String>()
        for field in Field.allCases { map[field] = field.rawValue }
        #expect(Field.allCases.allSatisfy { map[$0] == $0.rawValue })
        #expect(FieldMap([.sku: "A"]).values == ["A"] && FieldMap<String>()[.sku] == nil)
    }
}
