import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Hostile strings in every input field end up inert in every report, through the real binary.
struct OutputSafetyTests {
    static let hostile = [
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "=HYPERLINK(\"http://evil\",\"x\")",
        "+SUM(A1)", "@cmd", "[x](javascript:alert(1))", "\u{1B}[31mred", String(repeating: "long", count: 3000),
    ]

    @Test("every field hostile: HTML, Markdown, CSV, JSON and the table stay inert")
    func hostileEverywhere() throws {
        let dir = Shell.scratch()
        var orders = "order_id,sku,quantity,item_name,shipping_method,currency,unit_price\n"
        var shipments = "order_id,tracking_number,carrier,service,weight,weight_unit\n"
        func cell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        for (index, text) in Self.hostile.enumerated() {
            orders += "\(cell(text + "\(index)")),\(cell(text)),1,\(cell(text)),\(cell(text)),USD,5\n"
            shipments += "\(cell(text + "\(index)")),\(cell(text)),\(cell(text)),\(cell(text)),1,kg\n"
            shipments += "\(cell(text + "unknown\(index)")),T\(index),\(cell(text)),\(cell(text)),1,kg\n"
        }
        Shell.write(orders, "orders.csv", in: dir)
        Shell.write(shipments, "shipments.csv", in: dir)
        let result = try Shell.run(
            [
                "analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "--out", "out", "--format",
                "table",
                "--as-of", "2026-11-19T02:00:00Z",
            ], in: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"), "terminal escapes from input reach the table")

        let html = try String(contentsOf: dir.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("onmouseover=\""))
        #expect(!html.contains("\u{1B}"))
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        #expect(parser.parse(), "report.html is not well-formed")

        let markdown = try String(contentsOf: dir.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.replacingOccurrences(of: "\\]", with: "").contains("]("))

        let csv = String(decoding: try Data(contentsOf: dir.appendingPathComponent("out/flags.csv")), as: UTF8.self)
        for line in csv.split(separator: "\r\n") {
            var quoted = false
            var cellStart = true
            for character in line {
                if cellStart && !quoted {
                    #expect(!"=+@".contains(character), "a cell starts with \(character): \(line.prefix(80))")
                }
                cellStart = false
                if character == "\"" { quoted.toggle() } else if character == "," && !quoted { cellStart = true }
            }
        }
        let json = try String(contentsOf: dir.appendingPathComponent("out/report.json"), encoding: .utf8)
        #expect(!json.contains("<script>") && !json.contains("\u{1B}"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }
}
