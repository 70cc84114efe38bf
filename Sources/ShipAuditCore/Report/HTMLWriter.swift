import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no external requests) that opens in any
/// browser and prints well. Every input string is escaped; the markup is well-formed XML as well as HTML.
public enum HTMLWriter {
    /// Renders the report; times are shown in `zone`.
    public static func render(_ report: Report, zone: TimeZone, flagsShown: Int = ReportSettings().flagsShown) -> String
    {
        render(report, digest: ReportDigest(report, flagsShown: flagsShown), zone: zone)
    }

    /// Renders the report with its digest already made (the HTML and Markdown reports share one).
    /// A tile for flags whose deadline passed (none when there are none): money a manager can no longer recover.
    static func missedTile(_ report: Report) -> String {
        let missed = report.missedDeadlines
        guard missed.flags > 0 else { return "" }
        let money = missed.money.map(\.readable).joined(separator: ", ")
        return tile("Deadlines missed", "\(missed.flags)" + (money.isEmpty ? "" : " · \(money)"), alert: true)
    }

    public static func render(_ report: Report, digest: ReportDigest, zone: TimeZone) -> String {
        let money = report.moneyAtStake.map(\.readable).joined(separator: ", ")
        let read = report.inputs.reduce(0) { $0 + $1.rowsRead }, used = report.inputs.reduce(0) { $0 + $1.rowsUsed }
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>Shipment audit, as of \(escape(ReportDigest.when(report.asOf, zone)))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>Shipment audit</h1><p class="muted">As of \(escape(ReportDigest.when(report.asOf, zone))) (\(escape(report.clock.label(for: zone)))). Orders where what the customer paid for is not what the carrier did.</p>\(report.clock.zone == zone && !report.clock.notes.isEmpty ? "<p class=\"muted\">" + escape(report.clock.notes.joined(separator: " ")) + "</p>" : "")</header>
            <section class="tiles">
            \(tile("Orders analysed", Money.grouped(String(report.coverage.orders))))
            \(tile("Orders flagged", Money.grouped(String(report.flaggedOrders)), alert: report.flaggedOrders > 0))
            \(tile("Money at stake", money.isEmpty ? "0" : money, alert: !money.isEmpty))
            \(tile("Rows used", "\(Money.grouped(String(used))) of \(Money.grouped(String(read)))", alert: used < read))
            \(missedTile(report))
            </section>
            <p class="muted">\(escape(Report.exposureRule))</p>

            """
        if let changes = report.changes {
            out += "<section><h2>Since the last run</h2>\n<section class=\"tiles\">"
            out += tile("New tonight", String(changes.new.count), alert: !changes.new.isEmpty)
            out += tile(
                "Still open",
                String(changes.stillOpen.count) + (changes.stillOpen.first.map { " (oldest \($0.daysOpen) d)" } ?? ""))
            out += tile("Resolved", String(changes.resolved.count))
            out += "</section>\n"
            if !changes.stillOpen.isEmpty {
                out +=
                    "<p>Still open, oldest first: "
                    + changes.stillOpen.map {
                        "\(escape($0.orderId)) \(escape(ReportDigest.title($0.rule))) (\($0.daysOpen) d)"
                    }.joined(separator: ", ") + "</p>\n"
            }
            if !changes.resolved.isEmpty {
                out +=
                    "<p>Resolved since the last run: "
                    + changes.resolved.map { "\(escape($0.orderId)) \(escape(ReportDigest.title($0.rule)))" }.joined(
                        separator: ", ") + "</p>\n"
            }
            if changes.trend.count > 1 {
                out +=
                    "<table><thead><tr><th>Run (as of)</th><th class=\"num\">Orders</th><th class=\"num\">Flagged orders</th><th class=\"num\">Flags</th><th class=\"num\">Money at stake</th></tr></thead><tbody>\n"
                for run in changes.trend {
                    out +=
                        "<tr><td>\(escape(ReportDigest.when(run.asOf, zone)))</td><td class=\"num\">\(run.orders)</td><td class=\"num\">\(run.flaggedOrders)</td><td class=\"num\">\(run.flags)</td><td class=\"num\">\(escape(run.money))</td></tr>\n"
                }
                out += "</tbody></table>\n"
            }
            out += "</section>\n"
        }
        out += "<section><h2>What to do first</h2>\n"
        if digest.actions.isEmpty {
            out += "<p>Nothing flagged.</p>\n"
        } else {
            // By kind first: one line per rule and owner, with its count, money and first open deadline.
            out +=
                "<table class=\"groups\"><thead><tr><th>Owner</th><th>What</th><th class=\"num\">Flags</th><th class=\"num\">At stake</th><th>First deadline</th></tr></thead><tbody>\n"
            for group in digest.actionGroups {
                let first =
                    group.firstOpenDeadline.map { escape(ReportDigest.when($0, zone)) }
                    ?? "<span class=\"muted\">none open</span>"
                let missed =
                    group.missed > 0
                    ? " <span class=\"missed\">\(Money.grouped(String(group.missed))) missed</span>" : ""
                out +=
                    "<tr><td class=\"owner\">\(escape(group.owner))</td><td>\(escape(ReportDigest.title(group.rule)))</td><td class=\"num\">\(Money.grouped(String(group.flags)))</td><td class=\"num\">\(escape(group.money.map(\.readable).joined(separator: ", ")))</td><td>\(first)\(missed)</td></tr>\n"
            }
            out += "</tbody></table>\n"
            out +=
                "<table class=\"actions\"><thead><tr><th>#</th><th>Act by</th><th>Order</th><th>Problem</th><th>Owner</th><th>Action</th><th class=\"num\">At stake</th></tr></thead><tbody>\n"
            for (index, finding) in digest.actions.enumerated() {
                let by =
                    finding.deadline.map {
                        report.deadlineMissed(finding)
                            ? "<span class=\"missed\">missed: \(escape(ReportDigest.when($0, zone)))</span>"
                            : escape(ReportDigest.when($0, zone))
                    }
                    ?? "<span class=\"muted\">no deadline</span>"
                let stake =
                    finding.moneyAtStake.map {
                        "\(escape($0.readable))<br/><span class=\"muted\">\(escape(finding.moneyKind))</span>"
                    } ?? ""
                out +=
                    "<tr class=\"\(finding.severity.rawValue)\"><td class=\"index\">\(index + 1)</td><td class=\"when\">\(by)</td><td class=\"order\">\(escape(finding.orderName))</td><td class=\"problem\"><span class=\"badge \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> \(escape(ReportDigest.title(finding.rule)))</td><td class=\"owner\">\(escape(finding.owner.rawValue))</td><td class=\"action\">\(escape(finding.action))</td><td class=\"num\">\(stake)</td></tr>\n"
            }
            out += "</tbody></table>\n"
            if digest.hiddenFlags > 0 { out += "<p class=\"muted\">\(escape(digest.hiddenNote))</p>\n" }
        }
        out += "</section>\n"
        out += invoiceSection(digest, report: report, zone: zone)
        out += "<section class=\"charts\">\n"
        out += chart("Flags by rule", digest.flagsByRule)
        out += chart("Money at stake by rule", digest.moneyByRule)
        out += chart("Flags by carrier and service", digest.flagsByCarrier)
        out +=
            "</section>\n<section><h2>\(digest.hiddenFlags > 0 ? "The \(digest.actions.count) most urgent flags, with their evidence" : "Every flag, with its evidence")</h2>\n"
        out +=
            "<table class=\"flags\"><thead><tr><th>Order</th><th>Rule</th><th>What happened</th><th>Evidence</th><th>Input rows</th></tr></thead><tbody>\n"
        for finding in digest.shownFindings {
            out +=
                "<tr><td class=\"order\">\(escape(finding.orderName))</td><td class=\"problem\"><span class=\"badge \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> \(escape(ReportDigest.title(finding.rule)))</td><td class=\"what\">\(escape(finding.message))</td><td class=\"evidence\">\(evidence(finding.evidence))</td><td class=\"rows\">\(finding.sources.map { escape($0.description) }.joined(separator: "<br/>"))</td></tr>\n"
        }
        out += "</tbody></table>\n</section>\n<section><h2>Coverage and data quality</h2>\n<ul>\n"
        for line in digest.coverageLines { out += "<li>\(escape(line))</li>\n" }
        out += "</ul>\n"
        if !digest.rejectGroups.isEmpty {
            out +=
                "<table><thead><tr><th>File</th><th>Column</th><th class=\"num\">Rows rejected</th><th>Reason</th></tr></thead><tbody>\n"
            for group in digest.rejectGroups {
                out +=
                    "<tr><td>\(escape(group.file))</td><td>\(escape(group.column))</td><td class=\"num\">\(group.count)</td><td>\(escape(group.reason))</td></tr>\n"
            }
            out +=
                "</tbody></table>\n<p class=\"muted\">Each rejected row is listed with its line in rejects.csv.</p>\n"
        }
        out +=
            "<p class=\"muted\">Inputs: "
            + report.inputs.map { "\(escape($0.path)) (\(escape($0.profile)), \($0.rowsRead) rows)" }.joined(
                separator: "; ") + "</p>\n"
        out +=
            "</section>\n<footer class=\"muted\">\(Generator.name) \(Generator.version) · report.json holds the same flags for other programs (schema \(ReportJSONWriter.schema)).</footer>\n</body>\n</html>\n"
        return out
    }

    /// The carriers' invoices: money to recover by carrier and by reason, the disputes by deadline (as many as the
    /// action list shows), the windows missed; nothing without disputes.
    static func invoiceSection(_ digest: ReportDigest, report: Report, zone: TimeZone) -> String {
        let disputes = digest.disputes
        guard !disputes.all.isEmpty else { return "" }
        func money(_ total: InvoiceDisputes.Total) -> String {
            total.money.isEmpty ? "—" : escape(total.money.map(\.readable).joined(separator: ", "))
        }
        var out = "<section><h2>Carrier invoices: money to recover</h2>\n<section class=\"tiles\">"
        out += tile("Disputes", Money.grouped(String(disputes.total.disputes)), alert: true)
        out += tile("To recover", disputes.total.money.isEmpty ? "0" : money(disputes.total), alert: true)
        out += tile(
            "Windows missed",
            Money.grouped(String(disputes.missed.disputes))
                + (disputes.missed.money.isEmpty ? "" : " (\(money(disputes.missed)))"),
            alert: disputes.missed.disputes > 0)
        out += "</section>\n"
        for (title, totals) in [("Carrier", disputes.byCarrier), ("Reason", disputes.byReason)] {
            out +=
                "<table><thead><tr><th>\(title)</th><th class=\"num\">Disputes</th><th class=\"num\">To recover</th></tr></thead><tbody>\n"
            for total in totals {
                out +=
                    "<tr><td>\(escape(total.label))</td><td class=\"num\">\(Money.grouped(String(total.disputes)))</td><td class=\"num\">\(money(total))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        let shown = disputes.all.prefix(max(digest.actions.count, 1))
        out +=
            "<table class=\"actions\"><thead><tr><th>Dispute by</th><th>Carrier</th><th>Invoice</th><th>Tracking number</th><th>Reason</th><th class=\"num\">Amount</th></tr></thead><tbody>\n"
        for dispute in shown {
            let by =
                dispute.finding.deadline.map {
                    dispute.missed
                        ? "<span class=\"missed\">missed: \(escape(ReportDigest.when($0, zone)))</span>"
                        : escape(ReportDigest.when($0, zone))
                } ?? "<span class=\"muted\">no deadline</span>"
            out +=
                "<tr><td class=\"when\">\(by)</td><td>\(escape(dispute.carrier))</td><td>\(escape(dispute.invoiceNumber)) <span class=\"muted\">\(escape(dispute.invoiceDate))</span></td><td class=\"tracking\">\(escape(dispute.trackingNumber))</td><td>\(escape(dispute.reason))</td><td class=\"num\">\(escape(dispute.finding.moneyAtStake?.readable ?? "the rate difference"))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        out +=
            "<p class=\"muted\">claims.csv lists \(disputes.all.count == shown.count ? "these disputes" : "all \(Money.grouped(String(disputes.all.count))) disputes") with their evidence, ready for the carrier's bulk dispute form.</p>\n</section>\n"
        return out
    }

    static func tile(_ label: String, _ value: String, alert: Bool = false) -> String {
        "<div class=\"tile\(alert ? " alert" : "")\"><div class=\"value\">\(escape(value))</div><div class=\"label\">\(escape(label))</div></div>"
    }

    /// A horizontal bar chart in inline SVG.
    static func chart(_ title: String, _ bars: [ReportDigest.Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        let shown = Array(bars.prefix(16))
        let top = max(shown.map(\.value).max() ?? 1, 1)
        let rowHeight = 22, labelWidth = 240, barWidth = 200, width = labelWidth + barWidth + 110
        var svg =
            "<figure><figcaption>\(escape(title))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(shown.count * rowHeight + 4)\" viewBox=\"0 0 \(width) \(shown.count * rowHeight + 4)\"><title>\(escape(title))</title>"
        for (index, bar) in shown.enumerated() {
            let y = index * rowHeight + 2
            let length = max(2, Int(Double(barWidth) * bar.value / top))
            svg +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"axis\">\(escape(bar.label.count > 34 ? String(bar.label.prefix(33)) + "…" : bar.label))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" class=\"bar\"/>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 15)\" class=\"axis\">\(escape(bar.text))</text>"
        }
        return svg + "</svg></figure>\n"
    }

    /// Evidence as a definition list.
    static func evidence(_ pairs: [(String, JSONValue)]) -> String {
        var out = "<dl>"
        for (key, value) in pairs where !value.isNull {
            out += "<dt>\(escape(key.underscoresAsSpaces))</dt><dd>\(escape(plain(value)))</dd>"
        }
        return out + "</dl>"
    }

    /// A JSON value as short plain text.
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): String(number)
        case .number(let text): text
        case .string(let text): text
        case .array(let values): values.map(plain).joined(separator: "; ")
        case .object(let pairs):
            pairs.filter { !$0.1.isNull }.map { "\($0.0.underscoresAsSpaces) \(plain($0.1))" }.joined(separator: ", ")
        case .parts(let text): text.string
        }
    }

    /// Text safe in element content and in quoted attributes; control characters dropped.
    public static func escape(_ text: String) -> String {
        // Most texts are plain printable ASCII with nothing to escape: returned as they are.
        if text.utf8.allSatisfy({
            $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27
        }) {
            return text
        }
        return text.withBytes { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                case 0x0A, 0x09: out.append(0x20)
                case 0..<0x20, 0x7F: break
                // A mark that reorders text on screen is shown by name, never applied.
                case 0xE2, 0xD8:
                    if let bidi = TerminalText.bidiMark(bytes, at: index - 1) {
                        out.append(contentsOf: bidi.mark.utf8)
                        index += bidi.length - 1
                    } else {
                        out.append(byte)
                    }
                // C1 controls (U+0080–U+009F) and the non-characters U+FFFE, U+FFFF are dropped.
                case 0xC2 where index < bytes.count && (0x80...0x9F).contains(bytes[index]): index += 1
                case 0xEF
                where index + 1 < bytes.count && bytes[index] == 0xBF
                    && (bytes[index + 1] == 0xBE || bytes[index + 1] == 0xBF):
                    index += 2
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static let style = """
        body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d2430;margin:24px auto;max-width:1180px;padding:0 16px}\
        h1{font-size:24px;margin:0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dde6;padding-bottom:4px}\
        .muted{color:#5d6878}.missed{color:#b42318;text-decoration:line-through}.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}\
        .tile{border:1px solid #d8dde6;border-radius:6px;padding:10px 14px;min-width:180px}.tile .value{font-size:22px;font-weight:600}\
        .tile.alert .value{color:#b3261e}.tile .label{color:#5d6878}\
        table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #e4e8ee;padding:5px 6px;text-align:left;vertical-align:top}\
        th{background:#f3f5f8;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}\
        .badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;text-transform:uppercase;color:#fff;background:#5d6878}\
        .badge.high{background:#b3261e}.badge.medium{background:#b26a00}.badge.low{background:#41627e}\
        .charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:8px 0}figcaption{font-weight:600;margin-bottom:4px}\
        .bar{fill:#41627e}.axis{font-size:12px;fill:#1d2430}\
        dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:0 8px}dt{color:#5d6878}dd{margin:0}\
        td.rows{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;min-width:14em}\
        footer{margin-top:28px;font-size:12px}td.when{white-space:nowrap}\
        svg{max-width:100%;height:auto}td{overflow-wrap:anywhere}\
        td.index{min-width:1.6em}td.order{min-width:4.5em}td.owner{min-width:5.6em}td.problem{min-width:7em}\
        td.tracking{min-width:12em}td.action{min-width:11em}td.num .muted{white-space:normal}td.what{min-width:12em}\
        @media (max-width:640px){body{margin:8px}table,tbody,tr,td{display:block;width:auto}thead{display:none}\
        tr{border-bottom:1px solid #c9d0da;padding:6px 0}td{border:none;padding:2px 0}td.num{text-align:left}\
        .tiles{gap:6px}.tile{min-width:0;flex:1 1 40%}}\
        @media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr{break-inside:avoid}.tiles{gap:6px}}
        """
}
