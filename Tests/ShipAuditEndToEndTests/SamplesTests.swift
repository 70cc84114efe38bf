import Foundation
import Testing

/// `shipaudit analyze` on samples/, as the README runs it: exit code, summary and every report file are golden.
struct SamplesTests {
    static func analyzeSamples(out: String) throws -> Shell.Result {
        try Shell.run([
            "analyze", "--orders", "samples/orders_export.csv", "--catalog", "samples/products_export.csv",
            "--shipments", "samples/shipments.csv", "--tracking", "samples/tracking.csv", "--invoices",
            "samples/invoices", "--config", "samples/shipaudit.toml",
            "--as-of", "2026-11-19T02:00:00-05:00", "--out", out,
        ])
    }

    /// report.json of a fresh run on samples/, parsed.
    static func sampleReport() throws -> [String: Any] {
        let out = Shell.scratch().appendingPathComponent("report").path
        _ = try analyzeSamples(out: out)
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(
        "money at stake counts each order once: the headline is the sum of the orders' exposures, each at most its flags'"
    )
    func exposureOnce() throws {
        let json = try Self.sampleReport()
        let summary = try #require(json["summary"] as? [String: Any])
        let headline = try #require((summary["money_at_stake"] as? [[String: Any]])?.first?["amount"] as? Double)
        let exposures = try #require(json["exposure_by_order"] as? [[String: Any]])
        var byOrder: [String: Double] = [:]
        for entry in exposures {
            byOrder["\(entry["order_id"]!)"] = (entry["money_at_stake"] as? [String: Any])?["amount"] as? Double
        }
        #expect(abs(byOrder.values.reduce(0, +) - headline) < 0.005)
        let flags = try #require(json["flags"] as? [[String: Any]])
        var flagSums: [String: Double] = [:]
        for flag in flags {
            let amount = (flag["money_at_stake"] as? [String: Any])?["amount"] as? Double ?? 0
            flagSums["\(flag["order_id"]!)", default: 0] += amount
        }
        for (id, exposure) in byOrder { #expect(exposure <= flagSums[id]! + 0.005, "order \(id)") }
        // #1041 is worth 79.98 of goods and 34.95 of shipping: its three flags (154.92 summed) count 114.93.
        #expect(byOrder["1041"] == 114.93 && flagSums["1041"]! > 154.9)
        #expect((summary["money_counted"] as? String)?.hasPrefix("Money at stake counts each order once") == true)
    }

    @Test("samples: exit 1 (flags found), golden summary, report.json, flags.csv, rejects.csv, claims.csv")
    func golden() throws {
        let out = Shell.scratch().appendingPathComponent("report").path
        let result = try Self.analyzeSamples(out: out)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        try Shell.expectGolden(result.stdout.replacingOccurrences(of: out, with: "OUT"), "samples/summary.txt")
        for name in ["report.json", "flags.csv", "rejects.csv", "report.md", "claims.csv"] {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(name)")), as: UTF8.self)
            try Shell.expectGolden(text, "samples/\(name)")
        }
        // The manager's page sums the invoices up: money to recover by carrier and reason, disputes by deadline.
        let html = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.html")), as: UTF8.self)
        #expect(html.contains("<h2>Carrier invoices: money to recover</h2>"))
        #expect(html.contains("<td>duplicate charge</td><td class=\"num\">1</td><td class=\"num\">31.20 USD</td>"))
        let claims = try String(contentsOfFile: "\(out)/claims.csv", encoding: .utf8)
        let deadlines = claims.split(separator: "\r\n").dropFirst().map { $0.prefix(25) }
        #expect(deadlines.count == 9 && deadlines == deadlines.sorted())
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter {
            $0.hasPrefix(".") && $0 != ".runs"
        }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        // One run's set, the one `current` names; the reports' names are links into it.
        let runs = try FileManager.default.contentsOfDirectory(atPath: out + "/.runs")
        #expect(runs.count == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current") == ".runs/\(runs[0])")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: out + "/report.html") == "current/report.html")
    }

    @Test("every planted discrepancy is flagged and nothing else")
    func planted() throws {
        let json = try Self.sampleReport()
        let flags = try #require(json["flags"] as? [[String: Any]])
        let pairs = Set(flags.map { "\($0["order_id"]!) \($0["rule"]!)" })
        #expect(
            pairs == [
                "1041 service_downgrade", "1041 weight_short", "1041 delivery_at_risk", "1044 duplicate_tracking",
                "1045 service_upgrade", "1046 weight_short", "1047 service_downgrade", "1047 delivery_at_risk",
                "1048 weight_over", "1054 weight_short", "1055 weight_short", "1056 service_downgrade",
                "1056 delivery_at_risk",
                "1058 late_delivery", "1059 service_downgrade", "1059 delivery_at_risk", "1060 not_shipped",
                "1062 label_never_scanned", "1063 carrier_exception", "1064 returned_to_sender", "1065 lost_in_transit",
                "1066 duplicate_tracking", "1067 shipped_late", "1067 delivery_at_risk", "9999 unknown_order",
                // The invoices (samples/invoices, planted by scripts/make_samples.py).
                "1044 billed_weight_over", "1063 billed_weight_over", "1045 dim_weight_mismatch",
                "1054 billed_service_mismatch", "1052 voided_label_billed", "1052 duplicate_charge",
                "1056 address_correction_charge", "1065 residential_surcharge", "1058 guarantee_refund_missing",
                // Orders whose charges pass the shipping paid: #1043's two 2Day labels for one 21.00 rate, and the
                // orders the planted overcharges put in the red.
                "1043 shipping_loss", "1045 shipping_loss", "1052 shipping_loss", "1054 shipping_loss",
                "1056 shipping_loss", "1065 shipping_loss",
            ])
        for flag in flags {
            let sources = try #require(flag["sources"] as? [[String: Any]])
            #expect(!sources.isEmpty && sources.allSatisfy { ($0["line"] as? Int ?? 0) > 0 })
            // An invoice's dispute names the invoice's row and the shipments export's.
            let files = Set(sources.compactMap { $0["file"] as? String })
            if [
                "billed_weight_over", "dim_weight_mismatch", "billed_service_mismatch", "voided_label_billed",
                "duplicate_charge", "address_correction_charge", "residential_surcharge", "guarantee_refund_missing",
            ]
            .contains(flag["rule"] as? String ?? "") {
                #expect(
                    files.contains("samples/shipments.csv") && files.contains { $0.hasPrefix("samples/invoices/") },
                    "\(flag["order_id"]!) \(flag["rule"]!): \(files)")
            }
        }
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["rows_read"] as? Int == (summary["rows_used"] as! Int) + (summary["rows_rejected"] as! Int))
        for input in try #require(json["inputs"] as? [[String: Any]]) {
            #expect(input["rows_read"] as? Int == (input["rows_used"] as! Int) + (input["rows_rejected"] as! Int))
        }
    }

    @Test("the same inputs and --as-of give the same bytes")
    func deterministic() throws {
        let first = Shell.scratch().appendingPathComponent("r").path,
            second = Shell.scratch().appendingPathComponent("r").path
        _ = try Self.analyzeSamples(out: first)
        _ = try Self.analyzeSamples(out: second)
        for name in ["report.json", "flags.csv", "rejects.csv", "report.md", "report.html"] {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: "\(first)/\(name)"))
                    == Data(contentsOf: URL(fileURLWithPath: "\(second)/\(name)")))
        }
    }

    @Test("the overnight order shipped Ground is flagged the night before the promise, with a reship-by deadline")
    func reshipStory() throws {
        let json = try Self.sampleReport()
        let flags = try #require(json["flags"] as? [[String: Any]])
        let risk = try #require(
            flags.first { $0["order_id"] as? String == "1059" && $0["rule"] as? String == "delivery_at_risk" })
        let evidence = try #require(risk["evidence"] as? [String: Any])
        #expect(evidence["reship_by"] as? String == "2026-11-19T14:00:00-05:00")
        #expect((evidence["promise_computation"] as? String)?.contains("after the 14:00 cutoff") == true)
        #expect((risk["action"] as? String)?.hasPrefix("Reship in overnight service by Thu 2026-11-19 14:00") == true)
    }
}

/// A store with only its orders export: the run works, judges what the export's own fulfilment facts can tell, and
/// says which checks need the other exports.
struct OrdersOnlyTests {
    @Test(
        "--orders alone: no fulfilled order flagged, the unfulfilled overdue one is, the rest listed as needing --shipments"
    )
    func ordersAlone() throws {
        let out = Shell.scratch().appendingPathComponent("report").path
        let result = try Shell.run([
            "analyze", "--orders", "samples/orders_export.csv", "--config", "samples/shipaudit.toml",
            "--as-of", "2026-11-19T02:00:00-05:00", "--out", out, "--no-history",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let flags = try #require(json["flags"] as? [[String: Any]])
        // #1060 is marked unfulfilled and overdue; #1051 is not due yet, #1061 is unpaid; every other order's lines
        // are marked fulfilled by the store.
        #expect(flags.map { "\($0["order_id"]!) \($0["rule"]!)" } == ["1060 not_shipped"])
        #expect(
            result.stdout.contains(
                "needs --shipments: carrier_exception, delivery_at_risk, duplicate_tracking, label_never_scanned, "
                    + "late_delivery, lost_in_transit, returned_to_sender, service_downgrade, service_upgrade, "
                    + "unknown_order, weight_over, weight_short not checked (26 orders)"))
        #expect(!result.stdout.contains("no fulfilment status"))
    }

    @Test("every order pending payment (cash on delivery): exit 0, and the summary says why nothing is due")
    func allPending() throws {
        let dir = Shell.scratch()
        let orders = dir.appendingPathComponent("orders.csv")
        try Data(
            """
            order_id,created_at,sku,quantity,financial_status,fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,pending,pending
            2,2026-11-11 09:00:00 -0500,W,1,Pendiente,pending

            """.utf8
        ).write(to: orders)
        let result = try Shell.run([
            "analyze", "--orders", orders.path, "--as-of", "2026-11-19T02:00:00-05:00", "--out",
            dir.appendingPathComponent("out").path, "--no-history",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("every order checked is pending payment, so none is due to ship"))
    }
}

/// The HTML report at a phone's width: nothing wider than the window (Chromium, where it is installed).
struct PhoneWidthTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(
        "at a phone's width the page is no wider than the window; at a desktop's, and printed on A4 or Letter, neither",
        .enabled(if: chromium != nil, "needs headless Chromium (scripts/screenshot.sh installs it)"))
    func phone() throws {
        let dir = Shell.scratch()
        let out = dir.appendingPathComponent("r").path
        let args = ShellUseTests.samples.map { $0.hasPrefix("samples/") ? Shell.root.path + "/" + $0 : $0 }
        _ = try Shell.run(["analyze"] + args + ["--out", out, "--no-history"], in: dir)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        // The report has no script; a copy gets one that writes the page's and the window's widths in its title.
        let probe = html.replacingOccurrences(
            of: "</body>",
            with:
                "<script>document.title='W'+document.documentElement.scrollWidth+'x'+window.innerWidth</script></body>")
        try probe.write(toFile: out + "/probe.html", atomically: true, encoding: .utf8)
        // Printed: the print rules applied on screen at a sheet's printable width (A4 and Letter with Chromium's
        // default margins, at 96 px an inch: 190 mm and 7.7 in).
        let printed = probe.replacingOccurrences(of: "@media print{", with: "@media all{")
        #expect(printed != probe, "the report has print rules")
        try printed.write(toFile: out + "/print.html", atomically: true, encoding: .utf8)
        for (width, page) in [(400, "probe"), (1400, "probe"), (718, "print"), (739, "print")] {
            let result = try Shell.runBash(
                "\(Self.chromium!) --headless --no-sandbox --disable-gpu --window-size=\(width),900 "
                    + "--virtual-time-budget=2000 --dump-dom file://\(out)/\(page).html 2>/dev/null", in: dir)
            let title = try #require(
                result.stdout.range(of: "<title>W[0-9]+x[0-9]+</title>", options: .regularExpression).map {
                    result.stdout[$0]
                })
            let numbers = title.dropFirst(8).dropLast(8).split(separator: "x").compactMap { Int($0) }
            #expect(numbers.count == 2 && numbers[0] <= numbers[1], "\(page) at \(width) px: \(title)")
        }
    }
}
