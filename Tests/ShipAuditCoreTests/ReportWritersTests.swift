import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The manager's reports: well-formed, self-contained, and inert whatever the input strings hold.
struct ReportWritersTests {
    static let hostile =
        "<script>alert(1)</script>\" onmouseover=\"x' [link](javascript:alert(1)) *b* |\u{1B}[31m\u{0}\n=HYPERLINK(\"http://evil\")"

    /// A report whose every input-derived string is hostile.
    static func hostileReport() -> Report {
        var finding = Finding(
            rule: "service_downgrade", severity: .high, orderId: hostile, orderName: hostile, message: hostile,
            evidence: [
                ("paid_service", .string(hostile)), ("shipped", .array([.object([("service", .string(hostile))])])),
            ],
            moneyAtStake: Money(Decimal(string: "12.50")!, "USD"), action: hostile,
            sources: [SourceLocation(file: hostile, line: 3)], moneyKind: "shipping paid",
            deadline: Date(timeIntervalSince1970: 1_795_000_000), owner: .warehouse)
        finding.carrier = hostile
        finding.service = hostile
        var coverage = Coverage()
        coverage.orders = 1
        coverage.unknownServices = [hostile: 2]
        coverage.skips = [
            SkipCount(
                rule: "weight_short", reason: "weight not verifiable: SKU without a catalog weight", orders: 1,
                items: [hostile])
        ]
        return Report(
            asOf: Date(timeIntervalSince1970: 1_795_000_000),
            inputs: [
                InputSummary(
                    path: hostile, kind: .orders, profile: "shopify-orders", rowsRead: 2, rowsUsed: 1, rowsRejected: 1)
            ],
            findings: [finding], coverage: coverage,
            rejects: [
                InputProblem(
                    SourceLocation(file: hostile, line: 4), column: hostile, value: hostile,
                    reason: "\"\(hostile)\" is not a whole number")
            ],
            warnings: [], packages: 1)
    }

    @Test("report.html is well-formed, has no script, loads nothing from outside")
    func htmlSelfContained() throws {
        let html = HTMLWriter.render(Self.hostileReport(), zone: Fixture.newYork)
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains(" onmouseover=\""))
        for external in ["src=", "href=", "@import", "url("] { #expect(!html.contains(external), "\(external) found") }
        #expect(!html.contains("\u{1B}") && !html.contains("\u{0}"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39;"))
    }

    @Test("report.md escapes markup, links and table pipes")
    func markdownInert() {
        let md = MarkdownWriter.render(Self.hostileReport(), zone: Fixture.newYork)
        #expect(!md.contains("<script>"))
        #expect(!md.replacingOccurrences(of: "\\]", with: "").contains("]("), "an unescaped ] could close a link")
        #expect(md.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(!md.contains("\u{1B}") && !md.contains("\u{0}"))
        for line in md.split(separator: "\n") where line.hasPrefix("| ") && line.contains(" | high | ") {
            #expect(line.components(separatedBy: " | ").count == 5, "a pipe in the input split a table cell: \(line)")
        }
    }

    @Test("a large array written in slices through the sink's buffer is the array rendered whole, long texts included")
    func slicedArrayThroughSink() {
        let values: [JSONValue] = (0..<5_000).map { index in
            index % 1_000 == 7
                ? .string(String(repeating: "x\u{2028}\"", count: 9_000))
                : .object([("n", .int(index)), ("s", .string("v\(index) ×"))])
        }
        let sliced = JSONValue.object([("a", .array(count: values.count, indent: 1) { values[$0] })])
        #expect(sliced.rendered() == JSONValue.object([("a", .array(values))]).rendered())
    }

    @Test("evidence written value by value packs to the same bytes as its tree, and unpacks to it")
    func evidenceWrittenValueByValue() {
        let long = String(repeating: "UPS® → 日本 \"q\" ", count: 30)
        let tree: [(String, JSONValue)] = [
            ("s", .string(long)), ("e", .string("")), ("i", .int(-5)), ("big", .int(Int.max)), ("t", .bool(true)),
            ("f", .bool(false)),
            ("n", .null), ("m", .money(Decimal(string: "12.5")!)), ("nm", .null), ("g", .grams(Weight(grams: 453.592))),
            ("a", .array([.object([("k", .string("v")), ("x", .array([]))]), .string("w")])),
        ]
        var out = Evidence()
        out.string("s", long)
        out.string("e", "")
        out.int("i", -5)
        out.int("big", Int.max)
        out.bool("t", true)
        out.bool("f", false)
        out.null("n")
        out.money("m", Decimal(string: "12.5"))
        out.money("nm", nil)
        out.grams("g", Weight(grams: 453.592))
        var inner = Evidence()
        inner.string("k", "v")
        inner.pair("x", .array([]))
        out.pair("a", .array([.object(inner.pairs), .string("w")]))
        #expect(Evidence(tree).packed == PackedJSON.pack(tree))
        #expect(out.count == tree.count && out.packed == PackedJSON.pack(tree))
        // Nested objects and arrays, and pairs appended from another object, pack as their tree does.
        var entry = Evidence()
        entry.string("sku", "W")
        var claim = Evidence()
        claim.string("file_by", "2026-12-01")
        var nestedOut = Evidence()
        nestedOut.array("contents", objects: [entry, entry])
        nestedOut.array("consistent_with", strings: ["1 × W", "2 × V"])
        nestedOut.object("claim", claim)
        nestedOut.object("none", nil)
        nestedOut.string("absent", nil)
        nestedOut += entry
        let nestedTree: [(String, JSONValue)] = [
            ("contents", .array([.object([("sku", .string("W"))]), .object([("sku", .string("W"))])])),
            ("consistent_with", .array([.string("1 × W"), .string("2 × V")])),
            ("claim", .object([("file_by", .string("2026-12-01"))])), ("none", .null), ("absent", .null),
            ("sku", .string("W")),
        ]
        #expect(nestedOut.packed == PackedJSON.pack(nestedTree))
        #expect(out.packed == PackedJSON.pack(tree))
        #expect(JSONValue.object(PackedJSON.unpackObject(out.packed)).rendered() == JSONValue.object(tree).rendered())
    }

    @Test(
        "a sink fills the buffer it is given in place when it has room, and hands back its bytes after the buffer's own"
    )
    func sinkReusesItsBuffer() {
        var buffer: [UInt8] = Array("[".utf8)
        buffer.reserveCapacity(1 << 20)
        let storage = buffer.withUnsafeBufferPointer { $0.baseAddress }
        var sink = JSONByteSink(taking: &buffer)
        #expect(buffer.isEmpty)
        // More than the sink's own room (16 KB), so that it hands its room to the buffer several times.
        for index in 0..<10_000 { JSONValue.escape("k\(index)\u{2028}", into: &sink) }
        sink.finish(into: &buffer)
        var expected: [UInt8] = Array("[".utf8)
        for index in 0..<10_000 { JSONValue.escape("k\(index)\u{2028}", into: &expected) }
        #expect(buffer == expected)
        #expect(buffer.withUnsafeBufferPointer { $0.baseAddress } == storage)
    }

    @Test(
        "Markdown, HTML and JSON escaping byte by byte give the same text as character by character",
        arguments: [
            "plain", "a_b\r\nc|d\u{1}e", "x\ty\nz\r", "[link](u) `c` *b* ~s~ <i>", "Café_[x]\r\n\u{7F}", "\"q\" & 'a'",
            "2 × WDG → Fri ≥ 1\u{85}\u{9F}\u{A0}\u{FFFE}\u{FFFF}\u{FFFD}", "line\u{2028}sep\u{2029}\u{1B}[31m 日本 🚚",
            // Long runs, read eight bytes at a time, with the special bytes at every place of a word.
            "Packages weigh 109.2 oz (3095 g), expected 176.2 oz (2 × SKU-00812 at 67.1 oz) & more",
            "abcdefgh\"bcdefgh\\cdefgh<defgh>efgh&fgh\ngh\u{7F}h\u{1}12345678\u{2028}1234567 ≥ 12345678×",
        ])
    func escapingPaths(text: String) {
        var md = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~": md += "\\\(character)"
            case "\n", "\r", "\r\n", "\t": md += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                    md.append(character)
                }
            }
        }
        #expect(MarkdownWriter.escape(text) == md)
        var html = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            case "\n", "\t": html += " "
            default:
                if scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && scalar.value != 0xFFFE
                    && scalar.value != 0xFFFF
                {
                    html.unicodeScalars.append(scalar)
                }
            }
        }
        #expect(HTMLWriter.escape(text) == html)
        var json = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": json += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    json += String(format: "\\u%04x", scalar.value)
                } else {
                    json.unicodeScalars.append(scalar)
                }
            }
        }
        var escaped = ""
        JSONValue.escape(text, into: &escaped)
        #expect(escaped == json + "\"")
    }

    @Test("flags.csv neutralises formulas; report.json escapes markup; the table drops terminal escapes")
    func otherFormats() throws {
        let report = Self.hostileReport()
        let csv = FlagsCSVWriter.render(report)
        #expect(!csv.contains(",=") && !csv.contains("\r\n="), "a cell starts with a formula")
        #expect(CSVText.cell("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVText.cell("+1") == "+1" && CSVText.cell("-5.00") == "-5.00" && CSVText.cell("@x") == "'@x")
        let json = ReportJSONWriter.render(report)
        #expect(!json.contains("<script>") && json.contains("\\u003cscript\\u003e"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(parsed is [String: Any])
        let table = TableWriter.render(report, zone: Fixture.newYork, colour: false)
        #expect(!table.contains("\u{1B}") && !table.contains("\u{0}"))
    }

    @Test("the action list puts deadlines first, then severity")
    func urgency() {
        func finding(_ id: String, _ severity: Severity, deadline: Double?) -> Finding {
            Finding(
                rule: "not_shipped", severity: severity, orderId: id, orderName: id, message: "", evidence: [],
                moneyAtStake: nil,
                action: "", sources: [], deadline: deadline.map { Date(timeIntervalSince1970: $0) })
        }
        let report = Report(
            asOf: Date(timeIntervalSince1970: 0), inputs: [],
            findings: [
                finding("1", .high, deadline: nil), finding("2", .low, deadline: 200),
                finding("3", .medium, deadline: nil), finding("4", .low, deadline: 100),
            ],
            coverage: Coverage(), rejects: [], warnings: [], packages: 0)
        #expect(ReportDigest(report).actions.map(\.orderId) == ["4", "2", "1", "3"])
        // Once a deadline has passed, its flag is listed last, marked missed, and counted apart.
        let later = Report(
            asOf: Date(timeIntervalSince1970: 150), inputs: [], findings: report.findings, coverage: Coverage(),
            rejects: [], warnings: [], packages: 0)
        #expect(ReportDigest(later).actions.map(\.orderId) == ["2", "1", "3", "4"])
        #expect(later.missedDeadlines.flags == 1)
        #expect(FlagsCSVWriter.render(later).contains(",yes,"))
        #expect(ReportJSONWriter.render(later).contains("\"deadline_missed\": true"))
        #expect(MarkdownWriter.render(later, zone: Fixture.newYork).contains("**Deadlines missed: 1 flag**"))
        #expect(HTMLWriter.render(later, zone: Fixture.newYork).contains("<span class=\"missed\">missed: "))
        #expect(SummaryWriter.render(later, written: []).contains("deadlines missed: 1 flag (listed last"))
    }

    @Test("the manager's reports show the most urgent flags up to flags_shown, and say how many are left out")
    func flagsShown() {
        func finding(_ id: String, _ severity: Severity, deadline: Double?) -> Finding {
            Finding(
                rule: "not_shipped", severity: severity, orderId: id, orderName: "#\(id)", message: "message \(id)",
                evidence: [],
                moneyAtStake: nil, action: "act", sources: [],
                deadline: deadline.map { Date(timeIntervalSince1970: $0) })
        }
        let report = Report(
            asOf: Date(timeIntervalSince1970: 0), inputs: [],
            findings: [
                finding("1", .high, deadline: nil), finding("2", .low, deadline: 200),
                finding("3", .medium, deadline: nil), finding("4", .low, deadline: 100),
            ],
            coverage: Coverage(), rejects: [], warnings: [], packages: 0)
        let digest = ReportDigest(report, flagsShown: 2)
        #expect(digest.actions.map(\.orderId) == ["4", "2"])
        #expect(digest.shownFindings.map(\.orderId) == ["2", "4"], "the evidence table keeps the report's order")
        #expect(digest.hiddenFlags == 2)
        let html = HTMLWriter.render(report, zone: Fixture.newYork, flagsShown: 2)
        #expect(html.contains("Showing the 2 most urgent of 4 flags; the other 2 are in flags.csv and report.json"))
        #expect(html.contains("The 2 most urgent flags, with their evidence") && !html.contains("Every flag"))
        #expect(html.contains("message 4") && !html.contains("message 1") && !html.contains("message 3"))
        let markdown = MarkdownWriter.render(report, zone: Fixture.newYork, flagsShown: 2)
        #expect(
            markdown.contains("Showing the 2 most urgent of 4 flags") && markdown.contains("## The 2 most urgent flags")
        )
        #expect(
            !markdown.contains("message 1")
                && markdown.contains("## Flags by rule\n\n| Rule | Flags |\n|---|---:|\n| Not shipped | 4 |"))
        let all = ReportDigest(report, flagsShown: 4)
        #expect(all.hiddenFlags == 0 && all.shownFindings.map(\.orderId) == ["1", "2", "3", "4"])
        #expect(!HTMLWriter.render(report, zone: Fixture.newYork, flagsShown: 4).contains("Showing the"))
    }

    @Test("evidence packed into bytes unpacks to the same values and is written from the bytes as the values would be")
    func packedEvidence() {
        var generator = SystemRandomNumberGenerator()
        let texts = [
            "", "plain", "UPS® Ground", "a \"quoted\" <b>&</b>", "line\nbreak\u{2028}", "日本 🚚",
            String(repeating: "x", count: 300),
        ]
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 2 ? 6 : 9), using: &generator) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .int([0, 1, -1, 127, 128, -129, Int.max, Int.min, 86_400].randomElement(using: &generator)!)
            case 3: return .number(["12.50", "-0.01", "1e3", "0"].randomElement(using: &generator)!)
            case 4, 5: return .string(texts.randomElement(using: &generator)!)
            case 6: return .array((0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth + 1) })
            case 7:
                return .object(
                    (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                        (texts.randomElement(using: &generator)!, value(depth + 1))
                    })
            default: return .parts(ReportText("\"pre-rendered\""))
            }
        }
        for _ in 0..<500 {
            let pairs = (0..<Int.random(in: 0...6, using: &generator)).map { index in ("key_\(index)", value(0)) }
            let finding = Finding(
                rule: "weight_short", severity: .low, orderId: "1", orderName: "#1", message: "m",
                evidence: Evidence(pairs),
                moneyAtStake: nil, action: "a", sources: [])
            #expect(JSONValue.object(finding.evidence) == JSONValue.object(pairs))
            for indent in [0, 1, 3] {
                var expected: [UInt8] = [], written: [UInt8] = []
                JSONValue.object(pairs).write(to: &expected, indent: indent)
                PackedJSON.write(finding.packedEvidence, to: &written, indent: indent)
                #expect(written == expected, "\(String(decoding: expected, as: UTF8.self))")
            }
        }
    }

    @Test(
        "a text in slices is rendered as it is written: in order, a few slices ahead at most, and no further once the writer fails"
    )
    func streamedSlices() throws {
        final class Counts: @unchecked Sendable {
            let lock = NSLock()
            var rendered = 0, written = 0, mostAhead = 0
        }
        let counts = Counts()
        let text = SlicedText.parts(count: 1_000, sliceSize: 7) { slice in
            counts.lock.withLock {
                counts.rendered += 1
                counts.mostAhead = max(counts.mostAhead, counts.rendered - counts.written)
            }
            // Slices take uneven time, so that they finish out of order.
            if slice.lowerBound % 3 == 0 { usleep(200) }
            return Array(slice.map { "\($0)," }.joined().utf8)
        }
        var joined: [UInt8] = []
        try text.forEachPart { part in
            joined += part
            // A slow writer at first: the workers would run ahead if nothing held them.
            if joined.count < 400 { usleep(2_000) }
            counts.lock.withLock { counts.written += 1 }
        }
        #expect(String(decoding: joined, as: UTF8.self) == (0..<1_000).map { "\($0)," }.joined())
        let window = ProcessInfo.processInfo.activeProcessorCount * SlicedText.Slices.aheadPerCore
        #expect(counts.rendered == 143 && counts.mostAhead <= window + 1, "at most the window ahead of the writer")
        // The writer fails on its third part: rendering stops soon after, and the error comes back.
        struct Full: Error {}
        counts.lock.withLock { (counts.rendered, counts.written) = (0, 0) }
        #expect(throws: Full.self) {
            try text.forEachPart { _ in
                let written = counts.lock.withLock {
                    counts.written += 1
                    return counts.written
                }
                if written == 3 { throw Full() }
            }
        }
        #expect(counts.lock.withLock { counts.rendered } <= 3 + window + ProcessInfo.processInfo.activeProcessorCount)
        #expect(ReportText().parts.isEmpty && SlicedText.parts(count: 0) { _ in [1] }.parts.isEmpty)
    }

    @Test(
        "a flag's sources cell written from the bytes is the cell of the locations' descriptions, for names that need quoting or look like formulas"
    )
    func sourcesCell() {
        let names = ["plain.csv", "a,b.csv", "-x.csv", "=evil.csv", "say \"hi\".csv", "dir/ünï.csv"]
        for first in names {
            for second in names {
                let locations = [
                    SourceLocation(file: first, line: 0), SourceLocation(file: second, line: 7),
                    SourceLocation(file: first, line: 12_345),
                ]
                var written = CSVText(byteOrderMark: false)
                written.append(cell: "x", first: true)
                written.append(locations: locations, names: FileNames.all())
                var expected = CSVText(byteOrderMark: false)
                expected.append(cell: "x", first: true)
                expected.append(cell: locations.map(\.description).joined(separator: " "))
                #expect(written.bytes == expected.bytes, "\(first) \(second)")
            }
        }
    }

    @Test(
        "slices rendered into the room of slices written before: each starts empty, whether the writer keeps the parts or not"
    )
    func reusedSliceRoom() throws {
        let text = SlicedText.parts(count: 2_000, sliceSize: 13) { slice, out in
            #expect(out.isEmpty)
            out.reserveCapacity(4_096)
            for position in slice { out += Array("\(position);".utf8) }
        }
        let expected = (0..<2_000).map { "\($0);" }.joined()
        var written: [UInt8] = []
        try text.forEachPart { written += $0 }
        #expect(String(decoding: written, as: UTF8.self) == expected)
        // A writer that keeps every part (`parts`): the room is not reused under it.
        let kept = text.parts
        #expect(kept.count == 154 && String(decoding: kept.joined(), as: UTF8.self) == expected)
    }

    @Test("long flag lists rendered in slices on every core read the same as rendered in one piece")
    func slicedRendering() throws {
        let findings = (0..<5_000).map { index in
            Finding(
                rule: "weight_short", severity: .high, orderId: String(index), orderName: "#\(index)",
                message: "short, \"by\" \(index) g",
                evidence: [("expected", .string("\(index) g")), ("units", .array([.int(index), .null]))],
                moneyAtStake: nil,
                action: index % 3 == 0 ? "=reship" : "reship",
                sources: [SourceLocation(file: "o.csv", line: index + 2)], deadline: nil)
        }
        let report = Report(
            asOf: Date(timeIntervalSince1970: 0), inputs: [], findings: findings, coverage: Coverage(), rejects: [],
            warnings: [], packages: 0)
        var serial = CSVText()
        serial.append(FlagsCSVWriter.header)
        for finding in findings {
            serial.append([
                finding.orderId, finding.orderName, finding.rule, finding.severity.rawValue, "", "", finding.moneyKind,
                finding.owner.rawValue, "", "", "", finding.action, finding.message, finding.carrier, finding.service,
                finding.sources.map(\.description).joined(separator: " "), "", "", "", "",
            ])
        }
        #expect(FlagsCSVWriter.render(report) == serial.text)
        for indent in [0, 1, 3] {
            let values = findings.map {
                JSONValue.object([("order_id", .string($0.orderId)), ("evidence", .object($0.evidence))])
            }
            var whole = "", sliced = ""
            JSONValue.array(values).write(to: &whole, indent: indent)
            JSONValue.array(count: values.count, indent: indent) { values[$0] }.write(to: &sliced, indent: indent)
            #expect(sliced == whole)
        }
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(ReportJSONWriter.render(report).utf8)) as? [String: Any])
        #expect((parsed["flags"] as? [Any])?.count == 5_000)
        #expect(JSONValue.array(count: 0, indent: 1) { _ in .null }.rendered() == "[]\n")
    }

    @Test("[report] flags_shown is read from the config and checked")
    func flagsShownConfig() throws {
        #expect(try ConfigLoader.parse("[report]\nflags_shown = 20\n", path: "c.toml").report.flagsShown == 20)
        #expect(try ConfigLoader.parse("", path: "c.toml").report.flagsShown == 500)
        let error = #expect(throws: InputProblem.self) {
            try ConfigLoader.parse("[report]\nflags_shown = 0\n", path: "c.toml")
        }
        #expect(error?.description.contains("flags_shown") == true)
        #expect(throws: InputProblem.self) { try ConfigLoader.parse("[report]\nflags_show = 10\n", path: "c.toml") }
    }

    @Test("filters keep what they name")
    func filters() {
        var a = Finding(
            rule: "not_shipped", severity: .high, orderId: "1", orderName: "#1", message: "", evidence: [],
            moneyAtStake: nil, action: "", sources: [])
        a.carrier = "ups"; a.service = "UPS Ground"; a.orderDate = Date(timeIntervalSince1970: 1000)
        var filter = FindingFilter()
        filter.carrier = "ground"
        #expect(filter.keeps(a))
        filter.minimumSeverity = .high
        filter.rules = ["late_delivery"]
        #expect(!filter.keeps(a))
        filter.rules = []
        filter.since = Date(timeIntervalSince1970: 2000)
        #expect(!filter.keeps(a))
    }

    @Test("the eight-bytes-at-a-time test for text JSON writes as it is agrees with the byte-by-byte one")
    func plainJSONText() {
        var state: UInt64 = 42
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let special: [UInt8] = [
            0x22, 0x5C, 0x3C, 0x3E, 0x26, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x00, 0x0A, 0xE2, 0x21, 0x5B, 0x5D, 0x3D, 0x3F,
            0x25, 0x27,
        ]
        for length in 0..<40 {
            for _ in 0..<300 {
                // Mostly plain letters, with now and then one byte of the edge cases at a random place.
                var bytes = (0..<length).map { _ in UInt8(0x41 + Int(next() % 26)) }
                if length > 0, next() % 2 == 0 { bytes[Int(next()) % length] = special[Int(next()) % special.count] }
                let expected = bytes.allSatisfy {
                    $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26
                }
                bytes.withUnsafeBufferPointer { #expect(JSONValue.isPlain($0) == expected, "\(bytes)") }
            }
        }
    }

    @Test("an object written key by key is the text JSONValue.object writes, an empty one included")
    func objectWriter() {
        for indent in [0, 2] {
            var empty: [UInt8] = []
            JSONObjectWriter(indent: indent, &empty).close(&empty)
            var expected: [UInt8] = []
            JSONValue.object([]).write(to: &expected, indent: indent)
            #expect(empty == expected)
            var two: [UInt8] = []
            var object = JSONObjectWriter(indent: indent, &two)
            object.string("a", "x \"y\" <z>", &two)
            object.key("b", &two)
            two.put("null")
            object.close(&two)
            expected = []
            JSONValue.object([("a", .string("x \"y\" <z>")), ("b", .null)]).write(to: &expected, indent: indent)
            #expect(two == expected)
        }
    }
}

/// Text for a terminal: controls shown escaped, never sent.
struct TerminalTextTests {
    @Test("controls and bidi overrides escaped; line feeds kept or made spaces; plain text untouched")
    func escaped() {
        #expect(TerminalText.escaped("a\u{1B}b\nc") == "a\\x1bb\nc")
        #expect(TerminalText.escaped("x\u{07}\r\u{7F}\u{85}y") == "x\\x07\\x0d\\x7f\\x85y")
        #expect(TerminalText.escaped("\u{202E}abc") == "\\u{202E}abc")
        #expect(TerminalText.escaped("tab\there\nline", keepingNewlines: false) == "tab here line")
        #expect(TerminalText.escaped("plain é 日本") == "plain é 日本")
    }
}

/// The table on a terminal fits its width by wrapping; piped, nothing is cut.
struct TableWidthTests {
    @Test("a long action wraps within the width; without a width it stays whole")
    func wraps() {
        let action = Array(repeating: "Reship overnight by Thu 2026-11-19 14:00 so it still arrives", count: 3)
            .joined(separator: "; ")
        let report = Report(
            asOf: Date(timeIntervalSince1970: 0), inputs: [],
            findings: [
                Finding(
                    rule: "not_shipped", severity: .high, orderId: "1", orderName: "#1", message: "", evidence: [],
                    moneyAtStake: nil, action: action, sources: [], deadline: nil)
            ], coverage: Coverage(), rejects: [], warnings: [], packages: 0)
        let narrow = TableWriter.render(report, zone: Fixture.newYork, colour: false, width: 100)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(narrow.split(separator: "\n").count > 2 && !narrow.contains("…"))
        #expect(
            narrow.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ").contains(
                action))
        let piped = TableWriter.render(report, zone: Fixture.newYork, colour: false)
        #expect(piped.contains(action) && piped.split(separator: "\n").count == 2)
    }
}

/// "What to do first" opens with the flags by kind of action; numbers people read are grouped by thousands.
struct ActionGroupsTests {
    @Test("flags grouped by rule and owner, first open deadline first, missed ones counted apart")
    func groups() {
        func finding(_ id: String, _ rule: String, deadline: Double?, money: String) -> Finding {
            Finding(
                rule: rule, severity: .medium, orderId: id, orderName: id, message: "", evidence: [],
                moneyAtStake: Money(Decimal(string: money)!, "USD"), action: "", sources: [],
                deadline: deadline.map { Date(timeIntervalSince1970: $0) })
        }
        let report = Report(
            asOf: Date(timeIntervalSince1970: 1000), inputs: [],
            findings: [
                finding("1", "late_delivery", deadline: 5000, money: "1200.00"),
                finding("2", "late_delivery", deadline: 500, money: "1000.50"),
                finding("3", "weight_short", deadline: nil, money: "10.00"),
                finding("4", "not_shipped", deadline: 2000, money: "5.00"),
            ], coverage: Coverage(), rejects: [], warnings: [], packages: 0)
        let groups = ReportDigest(report).actionGroups
        #expect(groups.map(\.rule) == ["not_shipped", "late_delivery", "weight_short"])
        #expect(groups[1].flags == 2 && groups[1].missed == 1 && groups[1].money.first?.readable == "2,200.50 USD")
        #expect(MarkdownWriter.render(report, zone: Fixture.newYork).contains("| 2,200.50 USD |"))
    }

    @Test("thousands grouped for people, plain for programs")
    func grouped() {
        #expect(Money.grouped("2557999.84") == "2,557,999.84")
        #expect(Money.grouped("-1234") == "-1,234")
        #expect(Money.grouped("999") == "999")
        #expect(Money(Decimal(string: "6155214")!, "USD").description == "6155214.00 USD")
    }
}

/// flags.csv's deadlines in the store's clock: ISO 8601 with the offset, and a spreadsheet's date and time.
struct LocalTimesTests {
    @Test("a deadline at 19:00Z is 14:00 in New York, written as both forms")
    func deadlines() {
        let instant = Date(timeIntervalSince1970: 1_795_546_800) // 2026-11-24T19:00:00Z
        #expect(ReportJSONWriter.timestamp(instant) == "2026-11-24T19:00:00Z")
        #expect(ReportJSONWriter.localTimestamp(instant, Fixture.newYork) == "2026-11-24T14:00:00-05:00")
        #expect(ReportJSONWriter.spreadsheetTime(instant, Fixture.newYork) == "2026-11-24 14:00")
        let kolkata = TimeZone(identifier: "Asia/Kolkata")!
        #expect(ReportJSONWriter.localTimestamp(instant, kolkata) == "2026-11-25T00:30:00+05:30")
    }
}
