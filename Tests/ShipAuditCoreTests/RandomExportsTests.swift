import Foundation
import FoundationXML
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Property tests on random exports (orders, catalog, shipments, tracking, invoices): valid ones made from the layouts'
/// real headers, then damaged at random (cells
/// swapped for hostile text, quotes and delimiters, rows cut or doubled, bytes flipped). Whatever the damage, every
/// row is used or rejected, every report parses, and no report carries a raw control character.
struct RandomExportsTests {
    /// SplitMix64: a seeded generator, so a failure names the seed that reproduces it.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let hostile = [
        "", "n/a", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "\u{1B}[31mred", "\u{202E}txt.exe", "a\"b",
        "x,y", "line\nbreak", "\u{0}", "\u{7}", "9999999999999999999999", "-5", "0x10", "1e3", "€ 12,50", "(12.00)",
        "12/31/2026", "31/12/2026", "2026-02-30", "Dez. 1, 2026", "\u{FFFD}", "XuÃ¢n", "=\"0123\"", "'0042",
        "UPS® Ground", "   ", "N/A", "PENDING",
    ]

    /// A valid bundle of exports for `orders` orders.
    static func bundle(orders: Int, using random: inout Seeded) -> [InputKind: [[String]]] {
        let skus = ["W-1", "W-2", "KIT", "CASE"]
        let services = ["UPS Ground", "UPS Next Day Air", "FedEx 2Day", "USPS Priority Mail", "Express"]
        var orderRows = [
            [
                "order_id", "created_at", "currency", "shipping_paid", "shipping_method", "financial_status",
                "sku", "item_name", "quantity", "unit_price", "fulfillment_status",
            ]
        ]
        var shipments = [["order_id", "tracking_number", "carrier", "service", "weight", "weight_unit", "shipped_at"]]
        var tracking = [["tracking_number", "status", "time"]]
        var invoices = [
            [
                "carrier", "invoice_number", "invoice_date", "tracking_number", "charge_code", "charge_description",
                "net_amount", "currency", "billed_weight", "billed_weight_type", "scale_weight", "weight_unit",
                "dimensions", "receiver_company", "delivered_at",
            ]
        ]
        for order in 0..<orders {
            let service = services.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                orderRows.append([
                    "#\(1000 + order)", "2026-11-\(10 + order % 8)T10:\(10 + order % 50):00-05:00", "USD", "12.50",
                    service, ["paid", "pending", "refunded"].randomElement(using: &random)!,
                    skus.randomElement(using: &random)!, "Widget", "\(Int.random(in: 1...4, using: &random))",
                    "19.99", ["fulfilled", "unfulfilled", ""].randomElement(using: &random)!,
                ])
            }
            if Bool.random(using: &random) {
                let number = "1Z\(100_000 + order)"
                shipments.append([
                    "#\(1000 + order)", number, "ups", services.randomElement(using: &random)!,
                    "\(Int.random(in: 4...80, using: &random))", "oz", "2026-11-\(11 + order % 8)T16:00:00-05:00",
                ])
                tracking.append([
                    number, ["in_transit", "delivered", "exception", "label_created"].randomElement(using: &random)!,
                    "2026-11-\(12 + order % 7)T09:00:00-05:00",
                ])
                // Its charges on one of two invoices: a label, a surcharge, now and then a correction or a credit.
                let invoice = ["691317025", "691317099"].randomElement(using: &random)!
                for (code, description) in [
                    ("SHP", services.randomElement(using: &random)!),
                    ["RES", "ADC", "SCC", "GSR", "FSC"].randomElement(using: &random).map { ($0, "\($0) charge") }!,
                ] {
                    invoices.append([
                        "ups", invoice, "2026-11-21", number, code, description,
                        "\(Int.random(in: -5...40, using: &random)).\(Int.random(in: 10...99, using: &random))", "USD",
                        "\(Int.random(in: 1...20, using: &random))", ["1", "2", ""].randomElement(using: &random)!,
                        "\(Int.random(in: 0...15, using: &random)).5", "lb",
                        ["12x9x7", "", "10 x 8 x 4"].randomElement(using: &random)!,
                        ["", "Acme LLC"].randomElement(using: &random)!, "2026-11-\(13 + order % 6)",
                    ])
                }
            }
        }
        let catalog = [["sku", "unit_weight", "weight_unit"]] + skus.map { [$0, "16", "oz"] }
        return [.orders: orderRows, .catalog: catalog, .shipments: shipments, .tracking: tracking, .invoices: invoices]
    }

    /// `rows` as CSV text, quoted where needed, with random damage below the header.
    static func text(_ rows: [[String]], damage: Int, using random: inout Seeded) -> String {
        var rows = rows
        for _ in 0..<damage where rows.count > 1 {
            let row = Int.random(in: 1..<rows.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0, 1:
                let column = Int.random(in: 0..<rows[row].count, using: &random)
                rows[row][column] = hostile.randomElement(using: &random)!
            case 2: rows[row].removeLast()
            case 3: rows.insert(rows[row], at: row)
            default: rows[row].append("extra")
            }
        }
        var out = ""
        for row in rows {
            out +=
                row.map { cell in
                    cell.contains(where: { ",\"\n\r".contains($0) })
                        ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
                }.joined(separator: ",") + "\n"
        }
        return out
    }

    @Test("random exports, randomly damaged: rows read = used + rejected, reports parse, no raw control character")
    func properties() throws {
        var disputes = 0
        for seed in UInt64(1)...40 {
            var random = Seeded(state: seed)
            let exports = Self.bundle(orders: Int.random(in: 1...25, using: &random), using: &random)
            let damage = Int.random(in: 0...12, using: &random)
            var files: [InputFile] = []
            for kind in [InputKind.orders, .catalog, .shipments, .tracking, .invoices] {
                var text = Self.text(exports[kind]!, damage: damage, using: &random)
                // Now and then a flipped byte anywhere below the header.
                if Int.random(in: 0..<4, using: &random) == 0, let newline = text.utf8.firstIndex(of: 0x0A) {
                    var bytes = Array(text.utf8)
                    let start = text.utf8.distance(from: text.utf8.startIndex, to: newline) + 1
                    if start < bytes.count {
                        bytes[Int.random(in: start..<bytes.count, using: &random)] ^= 0x80
                    }
                    text = String(decoding: bytes, as: UTF8.self)
                }
                files.append(InputFile(path: Fixture.temporary(text, name: "\(kind.rawValue).csv"), kind: kind))
            }
            let asOf = Date(timeIntervalSince1970: 1_795_000_000)
            let report: Report
            do {
                report = try Analysis(configuration: Configuration()).run(files, asOf: asOf)
            } catch {
                // A file damaged past reading is refused whole, with one line naming it: also an answer.
                #expect(!error.description.contains("\n"), "seed \(seed): \(error.description)")
                continue
            }
            for input in report.inputs {
                #expect(input.rowsRead == input.rowsUsed + input.rowsRejected, "seed \(seed): \(input.path)")
            }
            let rendered = ReportFiles.render(report, zone: Fixture.newYork) { name, text in (name, text.string) }
            for case .success(let (name, text)) in rendered.map(\.saved) {
                let controls = text.unicodeScalars.filter {
                    ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F
                        || (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                }
                #expect(controls.isEmpty, "seed \(seed): \(name) holds \(controls.map { String($0.value, radix: 16) })")
                switch name {
                case "report.json":
                    #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "seed \(seed)")
                case "report.html":
                    let parser = XMLParser(data: Data(text.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
                    #expect(parser.parse(), "seed \(seed): report.html is not well-formed")
                case "flags.csv", "rejects.csv", "claims.csv":
                    let counts = try CSVReaderTests.parse(bytes: Array(text.utf8)).records.map(\.count)
                    #expect(Set(counts).count <= 1, "seed \(seed): \(name) rows of \(Set(counts)) fields")
                    if name == "claims.csv" { disputes += counts.count - 1 }
                default: break
                }
            }
        }
        // The invoices' checks ran on the damaged exports too: some of their disputes reached claims.csv.
        #expect(disputes > 0)
    }
}
