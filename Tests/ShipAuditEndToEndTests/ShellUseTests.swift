import Foundation
import Testing

/// The analyst at a shell: explain, table, filters, standard input, a closed pipe.
struct ShellUseTests {
    static let samples = [
        "--orders", "samples/orders_export.csv", "--catalog", "samples/products_export.csv",
        "--shipments", "samples/shipments.csv", "--tracking", "samples/tracking.csv",
        "--config", "samples/shipaudit.toml", "--as-of", "2026-11-19T02:00:00-05:00",
    ]

    @Test("explain #1059: rows, weight, promise and every rule's outcome (golden)")
    func explain() throws {
        let result = try Shell.run(["explain", "#1059"] + Self.samples)
        #expect(result.status == 1)
        try Shell.expectGolden(result.stdout, "explain/1059.txt")
    }

    @Test("explain says why a clean order was not flagged, and exits 0")
    func explainClean() throws {
        let result = try Shell.run(["explain", "1042"] + Self.samples)
        #expect(result.status == 0)
        #expect(
            result.stdout.split(separator: "\n").contains {
                $0.hasPrefix("  weight_short ") && $0.hasSuffix(" passed")
            },
            "\(result.stdout)")
        #expect(result.stdout.contains("promised Mon 2026-11-23"))
        #expect(result.stdout.contains("(samples/tracking.csv:"))
    }

    @Test("explain with invoices: each charge line of the order's packages with its row, and the shipping P&L")
    func explainInvoices() throws {
        let invoices = ["--invoices", "samples/invoices"]
        let billed = try Shell.run(["explain", "#1052"] + Self.samples + invoices)
        #expect(billed.status == 1)
        let section = billed.stdout.components(separatedBy: "\nInvoices\n").last?.components(separatedBy: "\n\n")
            .first
        #expect(
            section
                == """
                  1Z5R89390157567165  ups 691317025 of 2026-11-18  Next Day Air Residential  31.20 USD (samples/invoices/Invoice_0000A1B2C3_111826.csv:9)
                  1Z5R89390157567165  ups 691317099 of 2026-11-18  Next Day Air Residential  31.20 USD (samples/invoices/Invoice_0000A1B2C3_111826.csv:16)
                  1Z5R89390157567172  ups 691317025 of 2026-11-18  Next Day Air Residential  31.20 USD (samples/invoices/Invoice_0000A1B2C3_111826.csv:8)
                  shipping P&L: paid 34.95, labels 93.60, adjustments 0.00, credits 0.00, cost 93.60, net -58.65 USD
                """, "\(billed.stdout)")
        let unbilled = try Shell.run(["explain", "1042"] + Self.samples + invoices)
        #expect(unbilled.stdout.contains("\nInvoices\n  none of the invoices given bills this order's packages\n"))
        // Without invoices, no such section.
        let without = try Shell.run(["explain", "1042"] + Self.samples)
        #expect(!without.stdout.contains("\nInvoices\n"))
    }

    @Test("explain an order in no export: exit 2 with a one-line error")
    func explainUnknown() throws {
        let result = try Shell.run(["explain", "4242"] + Self.samples)
        #expect(result.status == 2)
        #expect(result.stderr == "shipaudit: error: order 4242 is not in the orders export (27 orders read)\n")
    }

    @Test("--format table with filters: only what was asked, most urgent first")
    func table() throws {
        let out = Shell.scratch().appendingPathComponent("r").path
        let result = try Shell.run(
            ["analyze"] + Self.samples + [
                "--out", out, "--format", "table", "--rule", "delivery_at_risk", "--min-severity", "high",
            ])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ORDER  RULE") == true)
        #expect(lines.count == 6)
        #expect(lines[1].hasPrefix("#1056") && lines[2].hasPrefix("#1059"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("--order keeps one order's flags; --since drops older orders")
    func orderFilter() throws {
        let out = Shell.scratch().appendingPathComponent("r").path
        let one = try Shell.run(["analyze"] + Self.samples + ["--out", out, "--format", "table", "--order", "#1041"])
        #expect(one.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("#1041") })
        #expect(one.stdout.split(separator: "\n").count == 4)
        let recent = try Shell.run(
            ["analyze"] + Self.samples + ["--out", out, "--format", "table", "--since", "2026-11-18"])
        #expect(!recent.stdout.contains("#1041") && recent.stdout.contains("#1059"))
    }

    @Test("orders read from standard input with -")
    func stdin() throws {
        let dir = Shell.scratch()
        let orders = try String(
            contentsOf: Shell.root.appendingPathComponent("samples/orders_export.csv"), encoding: .utf8)
        let arguments =
            ["analyze", "--orders", "-"] + Array(Self.samples.dropFirst(2)) + [
                "--out", dir.appendingPathComponent("r").path,
            ]
        let result = try Shell.run(arguments, stdin: orders)
        #expect(result.status == 1)
        #expect(result.stdout.contains("27 orders"))
    }

    @Test("a closed pipe ends the command quietly with exit 0")
    func brokenPipe() throws {
        let dir = Shell.scratch()
        var orders = "Name,Financial Status,Created at,Lineitem quantity,Lineitem sku,Shipping Method\n"
        for n in 0..<3000 { orders += "#\(n),paid,2026-11-02 10:00:00 -0500,1,A,UPS Ground\n" }
        Shell.write(orders, "orders.csv", in: dir)
        Shell.write(
            "Order - Number,Shipment - Tracking Number,Shipment - Service\n#1,1Z1,UPS Ground\n", "shipments.csv",
            in: dir)
        let command =
            "'\(Shell.binary)' analyze --orders orders.csv --shipments shipments.csv --as-of 2026-11-19T02:00:00Z --out r --format json | head -c 100 >/dev/null; echo ${PIPESTATUS[0]}"
        let result = try Shell.runBash(command, in: dir)
        #expect(result.stdout == "0\n")
        #expect(result.stderr == "")
    }
}

/// Manners of a Unix command: version, exit codes that follow what is shown, output errors, colour, typos.
struct CommandMannersTests {
    @Test("--version prints the version; report.json names its generator")
    func version() throws {
        let result = try Shell.run(["--version"])
        #expect(result.status == 0 && result.stdout == "0.9.0\n")
        let out = Shell.scratch().appendingPathComponent("r").path
        _ = try Shell.run(["analyze"] + ShellUseTests.samples + ["--out", out, "--no-history"])
        let json = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        #expect(json.contains("\"generator\": {") && json.contains("\"version\": \"0.9.0\""))
    }

    @Test("with filters, exit 1 only when a shown flag passes them")
    func filteredExit() throws {
        let out = Shell.scratch().appendingPathComponent("r").path
        let clean = try Shell.run(
            ["analyze"] + ShellUseTests.samples + ["--out", out, "--no-history", "--order", "1042"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let flagged = try Shell.run(
            ["analyze"] + ShellUseTests.samples + ["--out", out, "--no-history", "--order", "1041"])
        #expect(flagged.status == 1)
    }

    @Test("a failed write to standard output is exit 2 with one line; a closed pipe stays quiet")
    func failedWrite() throws {
        let dir = Shell.scratch()
        let args = (["analyze"] + ShellUseTests.samples + ["--out", "r", "--no-history", "--format", "json"]).map {
            $0.hasPrefix("samples/") ? Shell.root.path + "/" + $0 : $0
        }.joined(separator: " ")
        let full = try Shell.runBash("\(Shell.binary) \(args) > /dev/full", in: dir)
        #expect(full.status == 2)
        #expect(full.stderr == "shipaudit: error: cannot write to standard output: No space left on device\n")
        let pipe = try Shell.runBash("\(Shell.binary) \(args) | head -c 10 > /dev/null; echo ${PIPESTATUS[0]}", in: dir)
        // Flags found (1), and nothing said about the pipe.
        #expect(pipe.stdout == "1\n" && pipe.stderr.isEmpty)
    }

    @Test("NO_COLOR: no colour even where there would be; a mistyped option names the closest valid one")
    func colourAndTypos() throws {
        let typo = try Shell.run(["analyze", "--ordres", "samples/orders_export.csv"])
        #expect(typo.status == 2)
        #expect(typo.stderr.hasPrefix("Error: unknown option '--ordres' (did you mean '--orders'?)"))
        let dir = Shell.scratch()
        let args = (["analyze"] + ShellUseTests.samples + ["--out", "r", "--no-history", "--format", "table"]).map {
            $0.hasPrefix("samples/") ? Shell.root.path + "/" + $0 : $0
        }.joined(separator: " ")
        // `script` gives the run a terminal, where colour is on unless NO_COLOR says otherwise.
        let tty = try Shell.runBash("NO_COLOR=1 script -qec '\(Shell.binary) \(args)' /dev/null < /dev/null", in: dir)
        #expect(tty.stdout.contains("ORDER  RULE"), "\(tty.stdout) \(tty.stderr)")
        // No colour (SGR `ESC[…m`); the progress line's erase (`ESC[K`) is no colour.
        #expect(tty.stdout.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil)
        let coloured = try Shell.runBash(
            "unset NO_COLOR; script -qec '\(Shell.binary) \(args)' /dev/null < /dev/null", in: dir)
        #expect(coloured.stdout.contains("ORDER  RULE"), "\(coloured.stdout) \(coloured.stderr)")
        #expect(coloured.stdout.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) != nil)
    }
}

/// `explain` and `analyze` agree on every sample order: the same rules flag it, and the same exit code.
struct ExplainAgreesTests {
    @Test("for every order in samples/, explain's flagged rules and exit code are analyze's")
    func everyOrder() throws {
        let out = Shell.scratch().appendingPathComponent("r").path
        _ = try Shell.run(["analyze"] + ShellUseTests.samples + ["--out", out, "--no-history"])
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let flags = try #require(json["flags"] as? [[String: Any]])
        var flagged: [String: Set<String>] = [:]
        for flag in flags { flagged["\(flag["order_id"]!)", default: []].insert("\(flag["rule"]!)") }
        let orders = try String(contentsOfFile: Shell.root.path + "/samples/orders_export.csv", encoding: .utf8)
        let ids = Set(
            orders.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("#") else { return nil }
                return String(line.prefix { $0 != "," }.dropFirst())
            })
        #expect(ids.count == 27)
        for id in ids.sorted() {
            let result = try Shell.run(["explain", id] + ShellUseTests.samples)
            let rules = Set(
                result.stdout.split(separator: "\n").filter { $0.contains(" FLAGGED ") }.map {
                    String($0.split(separator: " ").first ?? "")
                })
            #expect(rules == (flagged[id] ?? []), "order \(id): explain \(rules), analyze \(flagged[id] ?? [])")
            #expect(result.status == ((flagged[id] ?? []).isEmpty ? 0 : 1), "order \(id)")
        }
    }
}

/// An ad-hoc question answered on standard output, with nothing written.
struct NoWriteTests {
    @Test("--no-write: the answer on stdout, no report directory, no history, the same exit code")
    func noWrite() throws {
        let dir = Shell.scratch()
        let args = ShellUseTests.samples.map { $0.hasPrefix("samples/") ? Shell.root.path + "/" + $0 : $0 }
        let result = try Shell.run(["analyze"] + args + ["--no-write", "--format", "json"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"schema\": \"shipaudit.report/1\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing written")
        let summary = try Shell.run(["analyze"] + args + ["--no-write"], in: dir)
        #expect(summary.stdout.contains("shipaudit: 27 orders") && !summary.stdout.contains("reports:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}

/// Control characters from the data never reach the terminal as they are.
struct TerminalSafetyTests {
    @Test("ESC, BEL, CR and a bidi override in a shipping method are shown escaped in the summary and explain")
    func escaped() throws {
        let dir = Shell.scratch()
        let orders = dir.appendingPathComponent("orders.csv")
        try Data(
            "order_id,created_at,sku,quantity,shipping_method,fulfillment_status\n1,2026-11-10 09:00:00 -0500,W,1,\"Evil\u{1B}[2J\u{07}\r\u{202E}Ship\",pending\n"
                .utf8
        ).write(to: orders)
        let summary = try Shell.run(
            ["analyze", "--orders", orders.path, "--out", dir.appendingPathComponent("r").path, "--no-history"])
        #expect(
            !summary.stdout.contains("\u{1B}") && !summary.stdout.contains("\u{07}") && !summary.stdout.contains("\r"))
        #expect(summary.stdout.contains("Evil\\x1b[2J\\x07\\x0d\\u{202E}Ship"), "\(summary.stdout)")
        let explain = try Shell.run(["explain", "1", "--orders", orders.path])
        #expect(!explain.stdout.contains("\u{1B}") && !explain.stdout.contains("\u{202E}"))
    }
}

/// `explain` names the rejected row that kept an order from being checked.
struct ExplainRejectedRowTests {
    @Test("#1057's shipment row was rejected: explain says where and why")
    func rejectedRow() throws {
        let result = try Shell.run(["explain", "1057"] + ShellUseTests.samples)
        #expect(result.stdout.contains("Rows of this order that were rejected"))
        #expect(
            result.stdout.contains(
                "samples/shipments.csv:20: column \"Shipment - Tracking Number\": \"5.68284E+14\" is a tracking number Excel turned into a number"
            ))
    }
}
