import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `report.md`: the manager's report as Markdown, for email and chat. Every input string is escaped.
public enum MarkdownWriter {
    /// Renders the report; times are shown in `zone`.
    public static func render(_ report: Report, zone: TimeZone, flagsShown: Int = ReportSettings().flagsShown) -> String
    {
        render(report, digest: ReportDigest(report, flagsShown: flagsShown), zone: zone)
    }

    /// Renders the report with its digest already made (the HTML and Markdown reports share one).
    public static func render(_ report: Report, digest: ReportDigest, zone: TimeZone) -> String {
        var out = "# Shipment audit\n\n"
        out += "As of \(ReportDigest.when(report.asOf, zone)) (\(escape(report.clock.label(for: zone)))).\n\n"
        if report.clock.zone == zone, !report.clock.notes.isEmpty {
            out += report.clock.notes.map(escape).joined(separator: " ") + "\n\n"
        }
        let money = escape(report.moneyAtStake.map(\.readable).joined(separator: ", "))
        out += "| Orders analysed | Orders flagged | Flags | Money at stake |\n|---:|---:|---:|---:|\n"
        out +=
            "| \(Money.grouped(String(report.coverage.orders))) | \(Money.grouped(String(report.flaggedOrders))) | \(Money.grouped(String(report.findings.count))) | \(money.isEmpty ? "0" : money) |\n\n"
        out += escape(Report.exposureRule) + "\n\n"
        let missed = report.missedDeadlines
        if missed.flags > 0 {
            let amount = escape(missed.money.map(\.readable).joined(separator: ", "))
            out +=
                "**Deadlines missed: \(missed.flags) flag\(missed.flags == 1 ? "" : "s")"
                + (amount.isEmpty ? "" : ", \(amount) at stake") + "** (listed last: the time to act has passed).\n\n"
        }
        if let changes = report.changes {
            out += "## Since the last run\n\n"
            out +=
                "\(changes.new.count) new, \(changes.stillOpen.count) still open, \(changes.resolved.count) resolved.\n\n"
            if !changes.stillOpen.isEmpty {
                out +=
                    "Still open, oldest first: "
                    + changes.stillOpen.map {
                        "\(escape($0.orderId)) \(ReportDigest.title($0.rule)) (\($0.daysOpen) day\($0.daysOpen == 1 ? "" : "s"))"
                    }.joined(separator: ", ") + ".\n\n"
            }
            if !changes.resolved.isEmpty {
                out +=
                    "Resolved: "
                    + changes.resolved.map { "\(escape($0.orderId)) \(ReportDigest.title($0.rule))" }.joined(
                        separator: ", ") + ".\n\n"
            }
            if changes.trend.count > 1 {
                out += "| Run (as of) | Orders | Flagged orders | Flags | Money at stake |\n|---|---:|---:|---:|---:|\n"
                for run in changes.trend {
                    out +=
                        "| \(ReportDigest.when(run.asOf, zone)) | \(run.orders) | \(run.flaggedOrders) | \(run.flags) | \(escape(run.money)) |\n"
                }
                out += "\n"
            }
        }
        out += "## What to do first\n\n"
        if digest.actions.isEmpty { out += "Nothing flagged.\n\n" }
        if !digest.actionGroups.isEmpty {
            out += "| Owner | What | Flags | At stake | First deadline |\n|---|---|---:|---:|---|\n"
            for group in digest.actionGroups {
                let first = group.firstOpenDeadline.map { ReportDigest.when($0, zone) } ?? "none open"
                let missed = group.missed > 0 ? " (\(Money.grouped(String(group.missed))) missed)" : ""
                out +=
                    "| \(group.owner) | \(ReportDigest.title(group.rule)) | \(Money.grouped(String(group.flags))) | \(escape(group.money.map(\.readable).joined(separator: ", "))) | \(first)\(missed) |\n"
            }
            out += "\n"
        }
        for (index, finding) in digest.actions.enumerated() {
            let by =
                finding.deadline.map {
                    report.deadlineMissed(finding)
                        ? " **deadline missed \(ReportDigest.when($0, zone))**"
                        : " **by \(ReportDigest.when($0, zone))**"
                } ?? ""
            let stake = finding.moneyAtStake.map { " (\(escape($0.readable)) \(escape(finding.moneyKind)))" } ?? ""
            out +=
                "\(index + 1). \(escape(finding.orderName)) · \(ReportDigest.title(finding.rule)) · \(finding.owner.rawValue)\(by): \(escape(finding.action))\(stake)\n"
        }
        if digest.hiddenFlags > 0 { out += "\n\(escape(digest.hiddenNote))\n" }
        out += invoiceSection(digest, zone: zone)
        out += "\n## Flags by rule\n\n| Rule | Flags |\n|---|---:|\n"
        for bar in digest.flagsByRule { out += "| \(bar.label) | \(bar.text) |\n" }
        if !digest.moneyByRule.isEmpty {
            out += "\n## Money at stake by rule\n\n| Rule | Money |\n|---|---:|\n"
            for bar in digest.moneyByRule { out += "| \(bar.label) | \(bar.text) |\n" }
        }
        if !digest.flagsByCarrier.isEmpty {
            out += "\n## Flags by carrier and service\n\n| Carrier · service | Flags |\n|---|---:|\n"
            for bar in digest.flagsByCarrier { out += "| \(escape(bar.label)) | \(bar.text) |\n" }
        }
        out += digest.hiddenFlags > 0 ? "\n## The \(digest.actions.count) most urgent flags\n\n" : "\n## Every flag\n\n"
        out += "| Order | Rule | Severity | What happened | Evidence rows |\n|---|---|---|---|---|\n"
        for finding in digest.shownFindings {
            out +=
                "| \(escape(finding.orderName)) | \(ReportDigest.title(finding.rule)) | \(finding.severity.rawValue) | \(escape(finding.message)) | \(escape(finding.sources.map(\.description).joined(separator: " "))) |\n"
        }
        out += "\n## Coverage and data quality\n\n"
        for line in digest.coverageLines { out += "- \(escape(line))\n" }
        if !digest.rejectGroups.isEmpty {
            out += "\n| File | Column | Rows rejected | Reason |\n|---|---|---:|---|\n"
            for group in digest.rejectGroups {
                out +=
                    "| \(escape(group.file)) | \(escape(group.column)) | \(group.count) | \(escape(group.reason)) |\n"
            }
        }
        return out
    }

    /// Markdown-inert text: characters that format, link or open HTML are backslash-escaped (with `[` and `]`
    /// escaped, parentheses cannot form a link); line breaks become spaces.
    public static func escape(_ text: String) -> String {
        // Plain printable ASCII with none of Markdown's special characters is returned as it is.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !isSpecial($0) }) { return text }
        return escapeBytes(text)
    }

    /// `escape` byte by byte. A control character is always a character of its own (CR LF is one), so dropping
    /// control bytes drops exactly the characters that hold one; bytes of other non-ASCII characters are copied.
    private static func escapeBytes(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var previous: UInt8 = 0
        let bytes = Array(text.utf8)
        var skip = 0
        for (index, byte) in bytes.enumerated() {
            defer { previous = byte }
            if skip > 0 {
                skip -= 1
                continue
            }
            if byte == 0xE2 || byte == 0xD8, let bidi = TerminalText.bidiMark(bytes, at: index) {
                // A mark that reorders text on screen is shown by name, never applied.
                out.append(contentsOf: bidi.mark.utf8)
                skip = bidi.length - 1
            } else if isSpecial(byte) {
                out.append(0x5C)
                out.append(byte)
            } else if byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if !(byte == 0x0A && previous == 0x0D) { out.append(0x20) }
            } else if byte >= 0x20 && byte != 0x7F {
                out.append(byte) // includes every byte of a non-ASCII character
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|`, `~`.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x7C, 0x7E: true
        default: false
        }
    }

    /// The carriers' invoices (as `HTMLWriter.invoiceSection`); nothing without disputes.
    static func invoiceSection(_ digest: ReportDigest, zone: TimeZone) -> String {
        let disputes = digest.disputes
        guard !disputes.all.isEmpty else { return "" }
        func money(_ total: InvoiceDisputes.Total) -> String {
            total.money.isEmpty ? "—" : escape(total.money.map(\.readable).joined(separator: ", "))
        }
        var out = "\n## Carrier invoices: money to recover\n\n"
        out +=
            "\(Money.grouped(String(disputes.total.disputes))) disputes, \(disputes.total.money.isEmpty ? "0" : money(disputes.total)) to recover"
        out +=
            disputes.missed.disputes > 0
            ? "; windows missed: \(Money.grouped(String(disputes.missed.disputes))) (\(money(disputes.missed))).\n"
            : ".\n"
        for (title, totals) in [("Carrier", disputes.byCarrier), ("Reason", disputes.byReason)] {
            out += "\n| \(title) | Disputes | To recover |\n|---|---:|---:|\n"
            for total in totals {
                out += "| \(escape(total.label)) | \(Money.grouped(String(total.disputes))) | \(money(total)) |\n"
            }
        }
        let shown = disputes.all.prefix(max(digest.actions.count, 1))
        out += "\n| Dispute by | Carrier | Invoice | Tracking number | Reason | Amount |\n|---|---|---|---|---|---:|\n"
        for dispute in shown {
            let by =
                dispute.finding.deadline.map {
                    (dispute.missed ? "missed: " : "") + ReportDigest.when($0, zone)
                } ?? "no deadline"
            out +=
                "| \(by) | \(escape(dispute.carrier)) | \(escape(dispute.invoiceNumber)) \(escape(dispute.invoiceDate)) | \(escape(dispute.trackingNumber)) | \(escape(dispute.reason)) | \(escape(dispute.finding.moneyAtStake?.readable ?? "the rate difference")) |\n"
        }
        out += "\nclaims.csv lists every dispute with its evidence, ready for the carrier's bulk dispute form.\n"
        return out
    }
}
