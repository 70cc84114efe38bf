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
        #expect(result.stdout.contains("weight_short         passed"))
        #expect(result.stdout.contains("promised Mon 2026-11-23"))
        #expect(result.stdout.contains("(samples/tracking.csv:"))
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
