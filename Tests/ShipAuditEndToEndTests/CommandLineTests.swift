import Foundation
import Testing

/// The binary on broken and edge-case inputs: exit codes and the exact one-line error text.
struct CommandLineTests {
    static let ordersHeader =
        "Name,Financial Status,Currency,Shipping,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem requires shipping,Cancelled at"
    static let shipmentsHeader =
        "Order - Number,Shipment - Carrier,Shipment - Service,Shipment - Tracking Number,Shipment - Weight (Oz)"
    static let products = "Handle,Title,Variant SKU,Variant Grams\nw,Widget,W-1,454\n"

    /// A clean one-order set in a new directory; `orders`/`shipments` replace the defaults.
    static func inputs(orders: String? = nil, shipments: String? = nil) -> (URL, [String]) {
        let dir = Shell.scratch()
        Shell.write(
            orders
                ?? "\(ordersHeader)\n#1,paid,USD,9.00,UPS Ground,2026-11-16 10:00:00 -0500,1,Widget,20.00,W-1,true,\n",
            "orders.csv", in: dir)
        Shell.write(
            shipments ?? "\(shipmentsHeader)\n#1,ups,UPS® Ground,1Z5R89390357567127,20\n", "shipments.csv", in: dir)
        Shell.write(products, "products.csv", in: dir)
        return (
            dir,
            [
                "analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "--catalog", "products.csv",
                "--as-of", "2026-11-19T02:00:00Z", "--out", "out",
            ]
        )
    }

    @Test("nothing flagged: exit 0, reports written")
    func clean() throws {
        let (dir, args) = Self.inputs()
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 orders, 1 packages matched, 1 orders checked, 0 flagged"))
        #expect(result.stdout.contains("rows: 3 read = 3 used + 0 rejected"))
        for name in ["report.json", "flags.csv", "rejects.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(name)").path))
        }
    }

    @Test("a missing required column: exit 2 and one line naming file, line, column and the closest header")
    func missingColumn() throws {
        let (dir, args) = Self.inputs(orders: "Name,Lineitem qty,Lineitem sku\n#1,1,W-1\n")
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "shipaudit: error: orders.csv:1: column \"Lineitem quantity\": required column is missing (Shopify \"Export orders\" CSV needs \"Lineitem quantity\") (did you mean \"Lineitem qty\"?)\n"
        )
        #expect(
            !FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/report.json").path),
            "no report from a failed run")
    }

    @Test("a ragged row lands in rejects.csv with file and line; --strict turns it into exit 2")
    func raggedRow() throws {
        let (dir, args) = Self.inputs(
            shipments: "\(Self.shipmentsHeader)\n#1,ups,UPS® Ground,1Z5R89390357567127,20\n#1,ups,UPS® Ground\n")
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("rows: 4 read = 3 used + 1 rejected"))
        let rejects = String(
            decoding: try Data(contentsOf: dir.appendingPathComponent("out/rejects.csv")), as: UTF8.self)
        #expect(
            rejects
                == "\u{FEFF}file,line,column,value,reason\r\nshipments.csv,3,,,\"has 3 fields but the header has 5 (a field may contain an unquoted delimiter, or the row was cut short)\"\r\n"
        )
        let strict = try Shell.run(args + ["--strict"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("1 row(s) rejected and --strict is set"))
    }

    @Test("flags found: exit 1")
    func flagged() throws {
        let (dir, args) = Self.inputs(shipments: "\(Self.shipmentsHeader)\n#1,ups,UPS® Ground,1Z5R89390357567127,4\n")
        #expect(try Shell.run(args, in: dir).status == 1)
    }

    @Test("a missing input file: exit 2, one line")
    func missingFile() throws {
        let (dir, args) = Self.inputs()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("shipments.csv"))
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 2)
        #expect(
            result.stderr == "shipaudit: error: shipments.csv: does not exist (check the path passed to --shipments)\n")
    }

    @Test("a quote never closed: exit 2 naming the line it opened on")
    func openQuote() throws {
        let (dir, args) = Self.inputs(
            shipments:
                "\(Self.shipmentsHeader)\n#1,ups,UPS® Ground,1Z5R89390357567127,20\n#2,ups,\"UPS Ground,1Z,20\n#3,ups,x,y,1\n"
        )
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "shipaudit: error: shipments.csv:3: a quoted field starting on this line is never closed"))
        #expect(result.stderr.components(separatedBy: "\n").count == 2)
    }

    @Test("a quote never closed deep in a 5 MB file: the same one-line error, naming its line")
    func openQuoteInLargeFile() throws {
        // About 5 MB, the quote opening on line 120,002: the line is counted across many blocks and batches.
        var text = "\(Self.shipmentsHeader)\n"
        for index in 0..<120_000 { text += "#\(index % 3 + 1),ups,\"UPS® Ground, signed\",1Z\(index),20\n" }
        text += "#2,ups,\"UPS Ground,1Z,20\n#3,ups,x,y,1\n"
        let (dir, args) = Self.inputs(shipments: text)
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "shipaudit: error: shipments.csv:120002: a quoted field starting on this line is never closed"))
        #expect(result.stderr.components(separatedBy: "\n").count == 2)
    }

    @Test("a binary file given as orders: exit 2, one line, no crash")
    func binaryFile() throws {
        let (dir, args) = Self.inputs()
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in bytes.indices { bytes[index] = UInt8((index * 7919) % 256) }
        FileManager.default.createFile(atPath: dir.appendingPathComponent("orders.csv").path, contents: Data(bytes))
        let result = try Shell.run(args, in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("shipaudit: error: orders.csv"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("a typo in the config: exit 2 with a suggestion")
    func configTypo() throws {
        let (dir, args) = Self.inputs()
        Shell.write("[weight]\ntolerence = \"2 oz\"\n", "shipaudit.toml", in: dir)
        let result = try Shell.run(args + ["--config", "shipaudit.toml"], in: dir)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "shipaudit: error: shipaudit.toml: weight.tolerence: unknown key in [weight] (did you mean \"tolerance\"?)\n"
        )
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            ["analyze"], ["analyze", "--orders", "o.csv"], ["frobnicate"], ["analyze", "--delimiter", "pipe"],
        ])
    func usage(arguments: [String]) throws {
        let result = try Shell.run(arguments, in: Shell.scratch())
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    @Test("--out pointing at an input is refused")
    func outOverInput() throws {
        let (dir, args) = Self.inputs()
        var arguments = args
        arguments[arguments.count - 1] = "orders.csv"
        let result = try Shell.run(arguments, in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("would overwrite the input orders.csv"))
    }

    @Test("a bad --as-of: exit 2")
    func badAsOf() throws {
        let (dir, args) = Self.inputs()
        var arguments = args
        arguments[arguments.firstIndex(of: "--as-of")! + 1] = "tomorrow"
        let result = try Shell.run(arguments, in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("shipaudit: error: --as-of: \"tomorrow\" is not a date"))
    }

    @Test("--help texts are golden", arguments: [["--help"], ["analyze", "--help"], ["rules", "--help"]])
    func help(arguments: [String]) throws {
        let result = try Shell.run(arguments, in: Shell.scratch())
        #expect(result.status == 0)
        try Shell.expectGolden(
            result.stdout,
            "help/\(arguments.dropLast().joined(separator: "-").isEmpty ? "shipaudit" : arguments.dropLast().joined(separator: "-")).txt"
        )
    }

    @Test("rules lists every rule with its thresholds")
    func rules() throws {
        let result = try Shell.run(["rules"], in: Shell.scratch())
        #expect(result.status == 0)
        for id in ["service_downgrade", "service_upgrade", "weight_short", "weight_over"] {
            #expect(result.stdout.contains(id))
        }
        #expect(result.stdout.contains("tolerance max(2.0 oz (57 g), 5.0% of expected)"))
    }

    @Test(
        "reports that cannot be written: exit 2, one line naming the file, the previous reports kept, no temporary file left"
    )
    func reportsCannotBeWritten() throws {
        let dir = Shell.scratch()
        let out = dir.appendingPathComponent("out").path
        let samples = Shell.root.appendingPathComponent("samples").path
        let arguments = [
            "analyze", "--orders", "\(samples)/orders_export.csv", "--catalog", "\(samples)/products_export.csv",
            "--shipments", "\(samples)/shipments.csv", "--tracking", "\(samples)/tracking.csv",
            "--config", "\(samples)/shipaudit.toml", "--as-of", "2026-11-19T02:00:00-05:00", "--out", out,
            "--no-history", "--quiet",
        ]
        let first = try Shell.run(arguments, in: dir)
        #expect(first.status == 1, "\(first.stderr)")
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let json = try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))
        // Files of at most 8 KB (the reports are larger): every write past it fails with EFBIG instead of a signal.
        let quoted = ([Shell.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let second = try Shell.runBash("trap '' XFSZ; ulimit -f 16; exec \(quoted)", in: dir)
        #expect(second.status == 2, "\(second.stderr)")
        let lines = second.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(second.stderr)")
        #expect(second.stderr.contains("cannot write the report: File too large"), "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.json")) == json)
    }

    @Test("a report directory that is not writable: exit 2 before anything is read, one line naming the directory")
    func reportDirectoryNotWritable() throws {
        let dir = Shell.scratch()
        let out = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: out)
        let samples = Shell.root.appendingPathComponent("samples").path
        let arguments = [
            Shell.binary, "analyze", "--orders", "\(samples)/orders_export.csv", "--catalog",
            "\(samples)/products_export.csv",
            "--shipments", "\(samples)/shipments.csv", "--tracking", "\(samples)/tracking.csv",
            "--config", "\(samples)/shipaudit.toml", "--out", out, "--no-history", "--log-level", "info",
        ]
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        // root may write anywhere: the run is made as nobody then.
        let result = try Shell.runBash(
            "if [ \"$(id -u)\" = 0 ]; then exec setpriv --reuid=65534 --regid=65534 --clear-groups \(quoted); else exec \(quoted); fi",
            in: dir)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr
                == "shipaudit: error: \(out): cannot write the reports there: Permission denied (check the directory is writable or pass another --out)\n",
            "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }
}
