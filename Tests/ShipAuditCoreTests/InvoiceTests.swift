import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Carrier invoices: the UPS Billing Data CSV read by position without a header, the shipaudit invoices layout, and
/// the checks on them (rows made up; column names as UPS's schema has them).
struct InvoiceTests {
    /// A UPS Billing Data row: 250 fields (or `width`), these by name, every other empty.
    static func upsRow(_ values: [String: String], width: Int = 250) -> String {
        let names = BuiltInProfiles.upsBillingDataColumns
        return (0..<width).map { values[names[$0]] ?? "" }.joined(separator: ",")
    }

    static func charge(
        invoice: String, date: String, tracking: String, code: String = "SHP", description: String, amount: String,
        width: Int = 250, total: String = "", package: [String: String] = [:]
    ) -> String {
        upsRow(
            [
                "Version": "2.1", "Account Number": "0000A1B2C3", "Invoice Date": date, "Invoice Number": invoice,
                "Invoice Currency Code": "USD", "Tracking Number": tracking, "Charge Category Code": "SHP",
                "Charge Category Detail Code": code, "Charge Description": description, "Net Amount": amount,
                "Shipment Date": "2026-11-16", "Invoice Amount": total,
            ].merging(package) { _, given in given }, width: width)
    }

    static let shipments = """
        order_id,tracking_number,carrier,service,voided
        A,1ZAAA0000000000001,ups,UPS Ground,
        B,1ZBBB0000000000002,ups,UPS Ground,yes
        C,1ZCCC0000000000003,ups,UPS Ground,yes

        """

    static let orders =
        "order_id,created_at,sku,quantity\nA,2026-11-16T10:00:00-05:00,W,1\nB,2026-11-16T10:00:00-05:00,W,1\n"
        + "C,2026-11-16T10:00:00-05:00,W,1\n"

    /// The FedEx Billing Online "All Columns" header (156 columns, 25 repeated charge pairs), from
    /// ../shared/reference/invoices.md §2.3.
    static let fedExHeader =
        "Bill to Account Number,Invoice Date,Invoice Number,Store ID,Original Amount Due,Current Balance,Payor,Ground Tracking ID Prefix,Express or Ground Tracking ID,Transportation Charge Amount,Net Charge Amount,Service Type,Ground Service,Shipment Date,POD Delivery Date,POD Delivery Time,POD Service Area Code,POD Signature Description,Actual Weight Amount,Actual Weight Units,Rated Weight Amount,Rated Weight Units,Number of Pieces,Bundle Number,Meter Number,TDMasterTrackingID,Service Packaging,Dim Length,Dim Width,Dim Height,Dim Divisor,Dim Unit,Recipient Name,Recipient Company,Recipient Address Line 1,Recipient Address Line 2,Recipient City,Recipient State,Recipient Zip Code,Recipient Country/Territory,Shipper Company,Shipper Name,Shipper Address Line 1,Shipper Address Line 2,Shipper City,Shipper State,Shipper Zip Code,Shipper Country/Territory,Original Customer Reference,Original Ref#2,Original Ref#3/PO Number,Original Department Reference Description,Updated Customer Reference,Updated Ref#2,Updated Ref#3/PO Number,Updated Department Reference Description,RMA#,Original Recipient Address Line 1,Original Recipient Address Line 2,Original Recipient City,Original Recipient State,Original Recipient Zip Code,Original Recipient Country/Territory,Zone Code,Cost Allocation,Alternate Address Line 1,Alternate Address Line 2,Alternate City,Alternate State Province,Alternate Zip Code,Alternate Country/Territory Code,CrossRefTrackingID Prefix,CrossRefTrackingID,Entry Date,Entry Number,Customs Value,Customs Value Currency Code,Declared Value,Declared Value Currency Code,Commodity Description,Commodity Country/Territory Code,Commodity Description,Commodity Country/Territory Code,Commodity Description,Commodity Country/Territory Code,Commodity Description,Commodity Country/Territory Code,Currency Conversion Date,Currency Conversion Rate,Multiweight Number,Multiweight Total Multiweight Units,Multiweight Total Multiweight Weight,Multiweight Total Shipment Charge Amount,Multiweight Total Shipment Weight,Ground Tracking ID Address Correction Discount Charge Amount,Ground Tracking ID Address Correction Gross Charge Amount,Rated Method,Sort Hub,Estimated Weight,Estimated Weight Unit,Postal Class,Process Category,Package Size,Delivery Confirmation,Tendered Date,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Tracking ID Charge Description,Tracking ID Charge Amount,Shipment Notes"

    /// A FedEx Billing Online file of `rows` under `header` (pandas renames the repeats `….1`, `….2`).
    static func fedEx(_ rows: [[String: String]], header: String = fedExHeader) -> String {
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var lines = [header]
        for row in rows {
            var cells = [String](repeating: "", count: names.count)
            for (key, value) in row {
                if let position = Int(key) {
                    cells[position] = value
                } else if let index = names.firstIndex(of: key) {
                    cells[index] = value
                }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A FedEx row: its figures by header, its charges in the pairs by position.
    static func fedExRow(
        tracking: String, net: String, transportation: String, rated: String = "", actual: String = "",
        dimensions: (String, String, String)? = nil, divisor: String = "", charges: [(String, String)] = [],
        invoice: String = "9-148-48578", service: String = "FedEx Ground", company: String = ""
    ) -> [String: String] {
        var row = [
            "Invoice Number": invoice, "Invoice Date": "2026-11-21", "Express or Ground Tracking ID": tracking,
            "Net Charge Amount": net, "Transportation Charge Amount": transportation, "Service Type": service,
            "Shipment Date": "2026-11-16", "Rated Weight Amount": rated, "Rated Weight Units": "LB",
            "Actual Weight Amount": actual, "Actual Weight Units": "LB", "Dim Divisor": divisor,
            "Recipient Company": company,
        ]
        if let dimensions {
            (row["Dim Length"], row["Dim Width"], row["Dim Height"]) = dimensions
            row["Dim Unit"] = "I"
        }
        let first = fedExHeader.split(separator: ",").firstIndex(of: "Tracking ID Charge Description")!
        for (index, charge) in charges.enumerated() {
            row[String(first + 2 * index)] = charge.0
            row[String(first + 2 * index + 1)] = charge.1
        }
        return row
    }

    static func run(
        _ invoices: [String], orders: String = orders, shipments: String = shipments, tracking: String? = nil,
        configuration: Configuration = Configuration()
    ) throws -> (
        findings: [Finding], matched: MatchedInputs
    ) {
        let orders = Fixture.temporary(orders, name: "orders.csv")
        let files =
            [InputFile(path: orders, kind: .orders), InputFile(path: Fixture.temporary(shipments), kind: .shipments)]
            + invoices.enumerated().map {
                InputFile(path: Fixture.temporary($0.element, name: "Invoice_\($0.offset).csv"), kind: .invoices)
            } + (tracking.map { [InputFile(path: Fixture.temporary($0, name: "tracking.csv"), kind: .tracking)] } ?? [])
        let matched = try Analysis(configuration: configuration).match(files)
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-12-01T12:00:00-05:00").get()
        return (Checker(configuration: matched.configuration).check(matched, asOf: asOf).findings, matched)
    }

    @Test(
        "a repeated header's suffix is cut as the pattern (\\.\\d+|\\s*\\(\\d+\\)|\\s\\d+)$ cuts it, on random headers")
    func repeatBase() throws {
        #expect(InvoiceRows.repeatBase("tracking id charge amount.1") == "tracking id charge amount")
        #expect(InvoiceRows.repeatBase("tracking id charge amount (2)") == "tracking id charge amount")
        #expect(InvoiceRows.repeatBase("tracking id charge amount 25") == "tracking id charge amount")
        #expect(InvoiceRows.repeatBase("charge (x)") == "charge (x)")
        let letters: [Character] = ["a", " ", ".", "(", ")", "1", "2", "é"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = String(
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                    letters.randomElement(using: &generator)!
                })
            var expected = text
            if let range = text.range(of: #"(\.\d+|\s*\(\d+\)|\s\d+)$"#, options: .regularExpression) {
                expected.removeSubrange(range)
            }
            #expect(InvoiceRows.repeatBase(text) == expected, "\(text)")
        }
    }

    @Test(
        "a FedEx Billing Online file gives a line per charge: its transportation charge, each charge pair by position (renamed repeats too), and the rest of its net charge"
    )
    func fedExBillingOnline() throws {
        let rows = [
            Self.fedExRow(
                tracking: "794600000001", net: "13.60", transportation: "10.00", rated: "5", actual: "4.2",
                charges: [("Fuel Surcharge", "1.60"), ("Residential Delivery Charge", "4.00"), ("Discount", "-2.00")]),
            // The pairs do not add up to the net charge: the rest is one more line. Its service is in `Ground
            // Service`, `Service Type` being empty.
            Self.fedExRow(
                tracking: "794600000002", net: "12.00", transportation: "10.00", charges: [("Fuel Surcharge", "1.50")],
                service: ""
            )
            .merging(["Ground Service": "FedEx Ground"]) { $1 },
        ]
        // As pandas writes the repeated headers back: `Tracking ID Charge Description.1`, ….
        var seen = 0
        let renamed = Self.fedExHeader.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard name.hasPrefix("Tracking ID Charge") else { return String(name) }
            defer { seen += 1 }
            return seen < 2 ? String(name) : "\(name).\(seen / 2)"
        }.joined(separator: ",")
        for header in [Self.fedExHeader, renamed] {
            let shipments =
                Self.shipments + "A2,794600000001,fedex,FedEx Ground,\nA3,794600000002,fedex,FedEx Ground,\n"
            let (_, matched) = try Self.run([Self.fedEx(rows, header: header)], shipments: shipments)
            let lines = matched.loaded.invoices.lines
            #expect(matched.loaded.inputs.last?.profile == "fedex-billing-online")
            #expect(
                lines.map(\.description) == [
                    "FedEx Ground", "Fuel Surcharge", "Residential Delivery Charge", "Discount", "FedEx Ground",
                    "Fuel Surcharge", "Other charges (the difference to the net charge)",
                ])
            #expect(lines.map(\.code) == ["FRT", "", "RES", "", "FRT", "", "OTHER"])
            #expect(
                lines.map { Money.format($0.amount) } == ["10.00", "1.60", "4.00", "-2.00", "10.00", "1.50", "0.50"])
            #expect(
                lines.allSatisfy { $0.carrier == "fedex" && $0.invoiceNumber == "914848578" && $0.currency == "USD" })
            #expect(
                lines[0].package.billedWeight == Weight(5, .pounds)
                    && lines[0].package.scaleWeight == Weight(4.2, .pounds))
            #expect(lines.first?.source.line == 2 && lines.last?.source.line == 3)
        }
        // A pair's amount that is not one rejects its row, naming the pair's column, not the cell.
        var bad = rows[0]
        bad[String(Self.fedExHeader.split(separator: ",").firstIndex(of: "Tracking ID Charge Amount")!)] = "abc"
        let shipments = Self.shipments + "A2,794600000001,fedex,FedEx Ground,\nA3,794600000002,fedex,FedEx Ground,\n"
        let (_, damaged) = try Self.run([Self.fedEx([bad, rows[1]])], shipments: shipments)
        let reject = try #require(damaged.loaded.rejects.first)
        #expect(reject.column == "Tracking ID Charge Amount" && reject.value == "abc" && reject.location.line == 2)
    }

    @Test("UPS's GB variant: semicolons, day-first dates, decimal commas and a version written 2,1")
    func upsBillingDataGB() throws {
        let names = BuiltInProfiles.upsBillingDataColumns
        func row(_ values: [String: String]) -> String { names.map { values[$0] ?? "" }.joined(separator: ";") }
        let common = [
            "Version": "2,1", "Invoice Number": "0000691317025", "Invoice Date": "05/12/2026",
            "Invoice Currency Code": "GBP", "Tracking Number": "1ZAAA0000000000001", "Shipment Date": "13/11/2026",
            "Billed Weight": "2,5", "Billed Weight Unit of Measure": "K", "Billed Weight Type": "1",
            "Scale weight quantity": "1,2",
        ]
        let file =
            [
                row(
                    common.merging([
                        "Charge Category Detail Code": "SHP", "Charge Description": "Standard", "Net Amount": "11,48",
                    ]) { $1 }),
                row(
                    common.merging([
                        "Charge Category Detail Code": "FSC", "Charge Description": "Fuel Surcharge",
                        "Net Amount": "1,72",
                    ]) { $1 }),
            ].joined(separator: "\r\n") + "\r\n"
        // The ship date's 13 says the file is day first, and its invoice date 05/12 is then 5 December.
        let (findings, matched) = try Self.run([file])
        let lines = matched.loaded.invoices.lines
        #expect(
            lines.map { Money.format($0.amount) } == ["11.48", "1.72"] && lines.allSatisfy { $0.currency == "GBP" })
        let day = try #require(lines.first?.invoiceDate)
        #expect(LocalDay(day, in: TimeZone(identifier: "UTC")!).description == "2026-12-05")
        #expect(lines.first?.package.billedWeight == Weight(2.5, .kilograms))
        // 1.2 kg rounds up to 1.5 kg: 2.5 kg billed is 1 kg over.
        let flag = try #require(findings.first { $0.rule == BilledWeightOverRule.id })
        #expect(
            flag.evidence("billed_weight") == .string("2.5 kg") && flag.evidence("scale_weight") == .string("1.5 kg"))
        // Dates that no value decides are not guessed: the file is refused, with the setting that says.
        let ambiguous = file.replacingOccurrences(of: "13/11/2026", with: "03/12/2026")
        let error = #expect(throws: InputProblem.self) { try Self.run([ambiguous]) }
        #expect(error?.reason.contains("could be day first or month first") == true)
        #expect(error?.hint.contains("date_order") == true)
    }

    @Test(
        "the carrier's scale weight on an invoice is the measured weight of a package the shipments export gives none, and the weight flag cites the invoice's row"
    )
    func scaleWeightMeasures() throws {
        let orders = Fixture.temporary(
            "order_id,created_at,sku,quantity\nA,2026-11-16T10:00:00-05:00,W,2\nB,2026-11-16T10:00:00-05:00,W,2\n",
            name: "orders.csv")
        let catalog = Fixture.temporary("sku,unit_weight,weight_unit\nW,1,lb\n", name: "catalog.csv")
        // A weighs 1.1 lb on the carrier's scale for two 1 lb widgets: one is missing. B has a weight of its own.
        let shipments = Fixture.temporary(
            "order_id,tracking_number,carrier,service,weight,weight_unit\nA,1ZAAA0000000000001,ups,UPS Ground,,\n"
                + "B,1ZBBB0000000000002,ups,UPS Ground,2.3,lb\n", name: "shipments.csv")
        let invoice = Fixture.temporary(
            [
                Self.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", description: "Ground",
                    amount: "9.10", package: ["Scale weight quantity": "1.1", "Billed Weight Unit of Measure": "L"]),
                Self.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZBBB0000000000002", description: "Ground",
                    amount: "9.10", package: ["Scale weight quantity": "0.5", "Billed Weight Unit of Measure": "L"]),
            ].joined(separator: "\n") + "\n", name: "Invoice_1.csv")
        let files = [
            InputFile(path: orders, kind: .orders), InputFile(path: catalog, kind: .catalog),
            InputFile(path: shipments, kind: .shipments), InputFile(path: invoice, kind: .invoices),
        ]
        let matched = try Analysis(configuration: Configuration()).match(files)
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-12-01T12:00:00-05:00").get()
        let findings = Checker(configuration: matched.configuration).check(matched, asOf: asOf).findings
        let short = findings.filter { $0.rule == WeightShortRule.id }
        // B's own 2.3 lb is its weight: the invoice's 0.5 lb does not replace it.
        #expect(short.map(\.orderId) == ["A"])
        #expect(short.first?.sources.contains { $0.file.hasSuffix("Invoice_1.csv") && $0.line == 1 } == true)
    }

    @Test("a headerless UPS file is read by position (trimmed placeholders too); invoice numbers lose leading zeros")
    func upsBillingData() throws {
        let first =
            [
                Self.charge(
                    invoice: "000000691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48"),
                Self.charge(
                    invoice: "000000691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "FSC",
                    description: "Fuel Surcharge", amount: "1.72", width: 240),
            ].joined(separator: "\n") + "\n"
        let (_, matched) = try Self.run([first])
        let input = try #require(matched.loaded.inputs.first { $0.kind == .invoices })
        #expect(input.profile == "ups-billing-data" && input.rowsRejected == 0, "\(matched.loaded.rejects)")
        let lines = matched.loaded.invoices.lines
        #expect(lines.map(\.invoiceNumber) == ["691317025", "691317025"] && lines.map(\.carrier) == ["ups", "ups"])
        #expect(lines.map(\.amount) == [Decimal(string: "11.48")!, Decimal(string: "1.72")!])
        // `inspect` names the layout, though the file has no header row.
        let text = try FileInspector.inspect(
            path: Fixture.temporary(first, name: "Invoice_691317025_112126.csv"), kind: nil, delimiter: nil,
            timeZone: Fixture.newYork)
        #expect(text.contains("recognised: ups-billing-data"), "\(text.prefix(300))")
    }

    @Test("an invoice whose lines do not add up to its stated total is a warning, not a dispute")
    func unreconciled() throws {
        func invoice(_ number: String, total: String) -> String {
            [
                Self.charge(
                    invoice: number, date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48", total: total),
                // An invoice-level line (no package) counts toward the total too.
                Self.charge(
                    invoice: number, date: "2026-11-21", tracking: "", code: "SVCH",
                    description: "Service Charge", amount: "1.72", total: total),
            ].joined(separator: "\n") + "\n"
        }
        let (findings, matched) = try Self.run([
            invoice("691317025", total: "13.20"), invoice("691317099", total: "20.00"),
        ])
        let warnings = matched.loaded.warnings.map(\.reason).filter { $0.contains("add up to") }
        #expect(warnings == ["invoice ups 691317099 of 2026-11-21: its lines add up to 13.20 but it states 20.00"])
        #expect(!findings.contains { $0.rule == DuplicateChargeRule.id && $0.orderId != "A" })
    }

    @Test(
        "the shipaudit invoices layout; a charge line without an amount, or with a tracking number Excel turned into a number, rejected with its reason; a tracking number written loosely is the package's; a placeholder names none"
    )
    func shipauditLayout() throws {
        let invoice = """
            carrier,invoice_number,invoice_date,tracking_number,charge_code,charge_description,net_amount,currency
            fedex,123456789,2026-11-21,1ZAAA0000000000001,TRN,Transportation,11.48,USD
            fedex,123456789,2026-11-21,1ZAAA0000000000001,FSC,Fuel Surcharge,,USD
            fedex,123456789,2026-11-21,1.23457E+17,TRN,Transportation,11.48,USD
            fedex,123456789,2026-11-21,1zaaa 0000 0000 0000 1,RES,Residential Surcharge,4.10,USD
            fedex,123456789,2026-11-21,,FEE,Service fee,2.00,USD
            fedex,123456789,2026-11-21,N/A,TRN,Transportation,11.48,USD
            fedex,123456789,2026-11-21,PENDING,TRN,Transportation,11.48,USD
            fedex,123456789,2026-11-21,477179081230.0,TRN,Transportation,19.30,USD
            fedex,123456789,2026-11-21,9400111201080805483016.0,TRN,Transportation,7.35,USD

            """
        let (_, matched) = try Self.run([invoice])
        let lines = matched.loaded.invoices.lines
        #expect(lines.map(\.carrier) == ["fedex", "fedex", "fedex"])
        // A number a data frame wrote as a float is the package's number while it is exact (15 digits or fewer).
        #expect(lines.map(\.trackingNumber) == ["1ZAAA0000000000001", "1ZAAA0000000000001", "477179081230"])
        #expect(matched.loaded.rejects.map(\.column) == ["net_amount", "tracking_number", "tracking_number"])
        #expect(matched.loaded.rejects[1].reason.contains("Excel") == true)
        #expect(matched.loaded.rejects[2].reason.contains("15 digits") == true)
        let summary = try #require(matched.loaded.inputs.first { $0.kind == .invoices })
        // The placeholders name no package: two more lines of the invoice's own, no package "NA" or "PENDING".
        #expect(summary.rowsRead == 9 && summary.rowsUsed == 6 && summary.rowsRejected == 3)
    }

    /// A warehouse's (3PL's) invoice: one row per package, a column per charge, no net amount.
    static let chargeColumnsConfig = """
        [profiles.warehouse-invoice]
        kind = "invoices"
        [profiles.warehouse-invoice.columns]
        invoice_number = "Invoice #"
        invoice_date = "Invoice Date"
        tracking_number = "Tracking #"
        carrier = "Carrier"
        service = "Service"
        [profiles.warehouse-invoice.charges]
        "Postage" = "label"
        "Fuel Surcharge" = "surcharge"
        "Residential Fee" = "residential"
        "Carrier Adjustment" = "weight_correction"

        """

    @Test(
        "a layout with a column per charge: each amount a line of its kind, the net their sum, an empty row and a bad amount rejected with their reasons"
    )
    func chargeColumns() throws {
        let invoice = """
            Invoice #,Invoice Date,Tracking #,Carrier,Service,Postage,Fuel Surcharge,Residential Fee,Carrier Adjustment
            W-7,2026-11-21,1ZAAA0000000000001,UPS,UPS Ground,11.48,1.72,,
            W-7,2026-11-21,1ZBBB0000000000002,UPS,UPS Ground,9.10,"1,05",4.90,12.75
            W-7,2026-11-21,1ZCCC0000000000003,UPS,UPS Ground,,,,
            W-7,2026-11-21,1ZCCC0000000000003,UPS,UPS Ground,7.00,abc,,

            """
        let configuration = try ConfigLoader.parse(Self.chargeColumnsConfig, path: "c.toml")
        let (findings, matched) = try Self.run([invoice], configuration: configuration)
        let lines = matched.loaded.invoices.lines
        #expect(lines.map(\.code) == ["FRT", "", "FRT", "", "RES", "SCC"])
        #expect(
            lines.map(\.description) == [
                "UPS Ground", "Fuel Surcharge", "UPS Ground", "Fuel Surcharge", "Residential Fee", "Carrier Adjustment",
            ])
        #expect(lines.map(\.amount) == ["11.48", "1.72", "9.10", "1.05", "4.90", "12.75"].map { Decimal(string: $0)! })
        #expect(lines.map(\.kind) == [.other, .other, .other, .other, .residential, .weightCorrection])
        #expect(matched.loaded.rejects.map(\.location.line) == [4, 5])
        #expect(matched.loaded.rejects.map(\.reason) == ["has no amount in any charge column", "is not an amount"])
        #expect(matched.loaded.rejects.last?.column == "Fuel Surcharge")
        // The weight correction cannot be judged without a billed weight: counted as not judged, not passed.
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-12-01T12:00:00-05:00").get()
        let coverage = Checker(configuration: matched.configuration).check(matched, asOf: asOf).coverage
        let skip = coverage.skips.first { $0.rule == BilledWeightOverRule.id }
        #expect(skip?.reason == BilledWeightOverRule.noBilledWeight && skip?.items == ["1ZBBB0000000000002"])
        #expect(!findings.contains { $0.rule == BilledWeightOverRule.id })
        // `profiles show` prints the charges as they were mapped.
        let profile = try #require(configuration.customProfiles.first)
        #expect(
            ProfileMapping.render(profile).contains(
                "[profiles.warehouse-invoice.charges]\n\"Carrier Adjustment\" = \"weight_correction\""))
    }

    @Test(
        "charge columns without a service column: the label's charge names no service, so billed_service_mismatch counts the package as not judged"
    )
    func chargeColumnsWithoutService() throws {
        let invoice = """
            Invoice #,Invoice Date,Tracking #,Postage,Fuel Surcharge
            W-7,2026-11-21,1ZAAA0000000000001,11.48,1.72

            """
        let configuration = try ConfigLoader.parse(
            Self.chargeColumnsConfig.replacingOccurrences(of: "service = \"Service\"\n", with: "")
                .replacingOccurrences(of: "carrier = \"Carrier\"\n", with: "")
                .replacingOccurrences(of: "\"Residential Fee\" = \"residential\"\n", with: "")
                .replacingOccurrences(of: "\"Carrier Adjustment\" = \"weight_correction\"\n", with: ""),
            path: "c.toml")
        let (_, matched) = try Self.run([invoice], configuration: configuration)
        #expect(matched.loaded.invoices.lines.map(\.code) == ["", ""])
        #expect(matched.loaded.invoices.lines.map(\.description) == ["Postage", "Fuel Surcharge"])
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-12-01T12:00:00-05:00").get()
        let coverage = Checker(configuration: matched.configuration).check(matched, asOf: asOf).coverage
        let skip = coverage.skips.first { $0.rule == BilledServiceMismatchRule.id }
        #expect(skip?.reason == BilledServiceMismatchRule.noBilledService && skip?.items == ["1ZAAA0000000000001"])
    }

    @Test("charge columns: a column missing from the file, a kind not known, charges on another kind of layout")
    func chargeColumnProblems() throws {
        let configuration = try ConfigLoader.parse(Self.chargeColumnsConfig, path: "c.toml")
        let renamed =
            "Invoice #,Invoice Date,Tracking #,Carrier,Service,Postage,Fuel Surcharges,Residential Fee,Carrier Adjustment\n"
        let missing = #expect(throws: InputProblem.self) { try Self.run([renamed], configuration: configuration) }
        #expect(missing?.column == "Fuel Surcharge")
        #expect(missing?.hint == "did you mean \"Fuel Surcharges\"?")
        let unknown = #expect(throws: InputProblem.self) {
            try ConfigLoader.parse(
                Self.chargeColumnsConfig.replacingOccurrences(of: "= \"surcharge\"", with: "= \"fuel\""), path: "c.toml"
            )
        }
        #expect(unknown?.reason.contains("is not a kind of charge") == true)
        #expect(unknown?.hint.contains("label, surcharge, residential") == true)
        let orders = #expect(throws: InputProblem.self) {
            try ConfigLoader.parse(
                Self.chargeColumnsConfig.replacingOccurrences(of: "kind = \"invoices\"", with: "kind = \"shipments\""),
                path: "c.toml")
        }
        #expect(orders?.reason.contains("is for invoice layouts") == true)
    }
}
