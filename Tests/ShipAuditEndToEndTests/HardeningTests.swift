import Foundation
import Testing

/// Issue 30's adversarial cases, each with the input that broke the tool and the behaviour it must have now.
struct HardeningTests {
    static let orders = """
        order_id,created_at,shipping_method,shipping_paid,sku,quantity,unit_price
        A,2026-11-16T10:00:00-05:00,UPS Ground,8.00,W,2,10.00
        B,2026-11-16T10:00:00-05:00,UPS Ground,8.00,W,1,10.00

        """
    static let catalog = "sku,unit_weight,weight_unit\nW,16,oz\n"

    /// Runs `arguments` on the three files in a new directory and returns the result and the directory.
    static func run(
        orders: String = orders, catalog: String = catalog, shipments: String, config: String? = nil,
        _ extra: [String] = ["--no-write"], command: String = "analyze"
    ) throws -> (Shell.Result, URL) {
        let dir = Shell.scratch()
        Shell.write(orders, "orders.csv", in: dir)
        Shell.write(catalog, "catalog.csv", in: dir)
        Shell.write(shipments, "shipments.csv", in: dir)
        var arguments = [
            command, "--orders", "orders.csv", "--catalog", "catalog.csv", "--shipments", "shipments.csv",
            "--as-of", "2026-11-19T02:00:00-05:00",
        ]
        if let config {
            Shell.write(config, "shipaudit.toml", in: dir)
            arguments += ["--config", "shipaudit.toml"]
        }
        return (try Shell.run(arguments + extra, in: dir), dir)
    }

    static let shipmentsHeader = "order_id,tracking_number,carrier,service,weight,weight_unit\n"

    @Test("1. weights past any parcel's (1e18 oz, Int64.max g, a config of 1e20 oz) are refused with a line, no crash")
    func hugeWeights() throws {
        let (package, _) = try Self.run(
            shipments: Self.shipmentsHeader
                + "A,1ZA,ups,UPS Ground,1000000000000000000,oz\nB,1ZB,ups,UPS Ground,16,oz\n",
            ["--format", "json", "--no-write"])
        #expect(package.status == 0 || package.status == 1, "\(package.stderr)")
        #expect(package.stdout.contains("is out of range (more than 1,000,000 kg)"), "\(package.stdout.prefix(400))")
        let (catalog, _) = try Self.run(
            catalog: "sku,unit_weight,weight_unit\nW,9223372036854775807,g\nV,1,g\n",
            shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,32,oz\n", ["--format", "json", "--no-write"])
        #expect([0, 1].contains(catalog.status), "\(catalog.stderr)")
        #expect(catalog.stdout.contains("9223372036854775807"), "the row is rejected with its value")
        let (config, _) = try Self.run(
            shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,32,oz\n",
            config: "[weight]\npackaging = \"99999999999999999999 oz\"\n")
        #expect(config.status == 2 && config.stderr.split(separator: "\n").count == 1, "\(config.stderr)")
        #expect(config.stderr.contains("packaging") && config.stderr.contains("out of range"), "\(config.stderr)")
        for command in ["analyze", "explain"] {
            let extra = command == "explain" ? ["A"] : ["--no-write"]
            let (result, _) = try Self.run(
                shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,999999999999999,oz\n", extra, command: command)
            #expect(result.status < 3 && !result.stderr.contains("Fatal error"), "\(command): \(result.stderr)")
        }
    }

    @Test("2 and 3. quantities past a million, and hex or exponent forms, are rejected rows, never clamped or read")
    func quantities() throws {
        for bad in ["1000000000000", "9223372036854775807", "0x10", "0x1p3", "1e3", "2.5", "١٢"] {
            let orders = "order_id,sku,quantity\nA,W,\(bad)\nB,W,1\n"
            let (result, _) = try Self.run(
                orders: orders, shipments: Self.shipmentsHeader + "B,1ZB,ups,UPS Ground,16,oz\n",
                ["--format", "json", "--no-write"])
            #expect([0, 1].contains(result.status), "\(bad): \(result.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(bad)")
            let rejects = json["rejects"] as? [[String: Any]] ?? []
            #expect(rejects.count == 1 && rejects.first?["column"] as? String == "quantity", "\(bad): \(rejects)")
            #expect(!result.stdout.contains("2147483647"), "\(bad)")
        }
    }

    static let shipments = shipmentsHeader + "A,1ZA,ups,UPS Ground,32,oz\nB,1ZB,ups,UPS Ground,16,oz\n"

    @Test("4. the same orders file named twice (overlapping globs, ./) is read once, with a warning")
    func sameFileTwice() throws {
        let dir = Shell.scratch()
        Shell.write(Self.orders, "orders.csv", in: dir)
        Shell.write(Self.catalog, "catalog.csv", in: dir)
        Shell.write(
            Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,36,oz\nB,1ZB,ups,UPS Ground,20,oz\n", "shipments.csv", in: dir)
        let rest = [
            "--catalog", "catalog.csv", "--shipments", "shipments.csv", "--as-of", "2026-11-19T02:00:00-05:00",
            "--format", "json", "--no-write",
        ]
        let once = try Shell.run(["analyze", "--orders", "orders.csv"] + rest, in: dir)
        let thrice = try Shell.run(
            ["analyze", "--orders", "orders.csv", "--orders", "./orders.csv", "--orders", "order*.csv"] + rest, in: dir)
        #expect(thrice.status == once.status, "\(thrice.stderr)")
        #expect(thrice.stderr.contains("is the same file as orders.csv") && thrice.stderr.contains("read once"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(thrice.stdout.utf8)) as? [String: Any])
        #expect((json["inputs"] as? [Any])?.count == 3)
        // The weights fit the orders read once (no flag); lines counted twice would be short by a whole order.
        #expect(once.status == 0, "\(once.stdout.prefix(300))")
        #expect((json["flags"] as? [Any])?.isEmpty == true)
    }

    @Test("6. a FIFO with no writer, a device or a directory is refused at once with one line (analyze and inspect)")
    func notRegularFiles() throws {
        let dir = Shell.scratch()
        Shell.write(Self.orders, "orders.csv", in: dir)
        #expect(mkfifo(dir.appendingPathComponent("pipe.csv").path, 0o644) == 0)
        for (path, words) in [("pipe.csv", "named pipe"), ("/dev/zero", "is a device")] {
            let started = Date()
            let analyze = try Shell.run(
                ["analyze", "--orders", "orders.csv", "--shipments", path, "--no-write"], in: dir)
            #expect(analyze.status == 2 && analyze.stderr.contains(words), "\(analyze.stderr)")
            #expect(analyze.stderr.split(separator: "\n").count == 1)
            let inspect = try Shell.run(["inspect", path], in: dir)
            #expect(inspect.status == 2 && inspect.stderr.contains(words), "\(inspect.stderr)")
            #expect(Date().timeIntervalSince(started) < 10)
        }
        // A pipe the shell makes has a writer, and is read.
        let substituted = try Shell.runBash(
            "'\(Shell.binary)' analyze --orders <(cat orders.csv) --as-of 2026-11-19T02:00:00-05:00 --no-write", in: dir
        )
        #expect([0, 1].contains(substituted.status), "\(substituted.stderr)")
    }

    @Test("10 and 14. a lock that links to an input is refused, the input intact; a linked history shares one lock")
    func lockAndHistoryLinks() throws {
        let (first, dir) = try Self.run(shipments: Self.shipments, ["--out", "out"])
        #expect([0, 1].contains(first.status), "\(first.stderr)")
        let lock = dir.appendingPathComponent("out/history.sqlite.lock").path
        try FileManager.default.removeItem(atPath: lock)
        // A link to an input (refused as the input), then to any other file (refused as a link): both left intact.
        Shell.write("keep me\n", "notes.txt", in: dir)
        for (target, words) in [("orders.csv", "would overwrite the input orders.csv"), ("notes.txt", "symbolic link")]
        {
            try? FileManager.default.removeItem(atPath: lock)
            try FileManager.default.createSymbolicLink(
                atPath: lock, withDestinationPath: dir.appendingPathComponent(target).path)
            let before = try String(contentsOf: dir.appendingPathComponent(target), encoding: .utf8)
            let refused = try Shell.run(
                ["analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "--out", "out"], in: dir)
            #expect(refused.status == 2 && refused.stderr.contains(words), "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
            #expect(try String(contentsOf: dir.appendingPathComponent(target), encoding: .utf8) == before)
        }
        try FileManager.default.removeItem(atPath: lock)
        // Two names for one history: a run through the link waits on the lock the first holds.
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("linked.sqlite").path,
            withDestinationPath: dir.appendingPathComponent("out/history.sqlite").path)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: Shell.binary)
        holder.currentDirectoryURL = dir
        holder.arguments = ["analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "--out", "out", "-q"]
        holder.environment = ProcessInfo.processInfo.environment.merging(["SHIPAUDIT_PAUSE_BEFORE_COMMIT": "3"]) { $1 }
        try holder.run()
        Thread.sleep(forTimeInterval: 1.2)
        let second = try Shell.run(
            [
                "analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "--out", "out2", "--history",
                "linked.sqlite",
            ], in: dir)
        holder.waitUntilExit()
        #expect(second.status == 3, "\(second.stderr)")
    }

    @Test("11. --dated never replaces an input sitting where a report would go")
    func datedOverInput() throws {
        let dir = Shell.scratch()
        let day = dir.appendingPathComponent("out/2026-11-19")
        try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
        Shell.write(Self.orders, "orders.csv", in: dir)
        Shell.write(Self.shipments, "flags.csv", in: day)
        let result = try Shell.run(
            [
                "analyze", "--orders", "orders.csv", "--shipments", "out/2026-11-19/flags.csv", "--out", "out",
                "--dated", "--as-of", "2026-11-19T02:00:00-05:00",
            ], in: dir)
        #expect(result.status == 2 && result.stderr.contains("never writes over an input"), "\(result.stderr)")
        #expect(try String(contentsOf: day.appendingPathComponent("flags.csv"), encoding: .utf8) == Self.shipments)
    }

    @Test("7. a NUL byte in the config stops the run with its line, rather than hiding what follows it")
    func nulInConfig() throws {
        let (result, _) = try Self.run(
            shipments: Self.shipments, config: "[store]\ncutoff = \"14:00\"\n\u{0}\n[rules]\nnot_a_rule = false\n")
        #expect(result.status == 2 && result.stderr.contains("shipaudit.toml:3") && result.stderr.contains("NUL"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test("8 and 9. markup in a currency, and marks that reverse text, never reach report.md or report.html raw")
    func hostileCurrencyAndBidi() throws {
        let (config, _) = try Self.run(
            shipments: Self.shipments, config: "[store]\ncurrency = \"<img src=x onerror=alert(1)>\"\n")
        #expect(config.status == 2 && config.stderr.contains("is not a currency code"), "\(config.stderr)")
        let reversed = "\u{202E}sserpxE"
        let orders = """
            order_id,created_at,shipping_method,shipping_paid,currency,sku,item_name,quantity,unit_price
            A,2026-11-16T10:00:00-05:00,UPS Next Day Air,30.00,<img src=x onerror=alert(1)>,W,Widget,2,10.00
            B,2026-11-16T10:00:00-05:00,\(reversed),30.00,USD,W,Widget,1,10.00

            """
        let (result, dir) = try Self.run(
            orders: orders,
            shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,16,oz\nB,1ZB,ups,UPS Ground,16,oz\n",
            ["--out", "out"])
        #expect(result.status == 1, "\(result.stderr)")
        for name in ["report.md", "report.html"] {
            let text = try String(contentsOf: dir.appendingPathComponent("out/\(name)"), encoding: .utf8)
            #expect(!text.contains("<img"), "\(name) holds raw markup")
            #expect(!text.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) }, "\(name) holds U+202E")
        }
        for name in ["report.md", "report.html"] {
            let text = try String(contentsOf: dir.appendingPathComponent("out/\(name)"), encoding: .utf8)
            #expect(text.contains("[U+202E]sserpxE"), "\(name) names the mark")
        }
    }

    @Test("15. history errors are one line naming the file and the real cause, with the hint that fits")
    func historyErrors() throws {
        let (first, dir) = try Self.run(shipments: Self.shipments, ["--out", "out", "-q"])
        #expect([0, 1].contains(first.status), "\(first.stderr)")
        Shell.write(Self.orders, "notes.csv", in: dir)
        let history = try Data(contentsOf: dir.appendingPathComponent("out/history.sqlite"))
        // Cut short and overwritten in its first pages, as a disk failure would leave it.
        var damaged = Data(history.prefix(3000))
        for index in 200..<2200 { damaged[index] = UInt8(truncatingIfNeeded: index &* 7919 >> 3) }
        try damaged.write(to: dir.appendingPathComponent("damaged.sqlite"))
        let base = ["analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "-q", "--out", "o"]
        for (history, words) in [
            ("notes.csv", "is not a shipaudit history"), ("damaged.sqlite", "the history is damaged"),
            ("/dev/full", "the disk is full"),
        ] {
            let result = try Shell.run(base + ["--history", history], in: dir)
            #expect(result.status == 2 && result.stderr.contains("\(history): \(words)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("SELECT"))
            #expect(!result.stderr.contains("check the directory is writable"))
        }
        let listed = try Shell.run(["history", "runs", "--history", "notes.csv"], in: dir)
        #expect(listed.status == 2 && listed.stderr.contains("is not a shipaudit history"), "\(listed.stderr)")
        // Held by another program (an exclusive transaction): named as locked, after SQLite's wait.
        let held = try Shell.runBash(
            "python3 -c \"import sqlite3, subprocess, sys; c = sqlite3.connect('out/history.sqlite', isolation_level=None); "
                + "c.execute('BEGIN EXCLUSIVE'); r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
                + "print(r.returncode); print(r.stderr, end='')\" '\(Shell.binary)' "
                + (base + ["--history", "out/history.sqlite"]).joined(separator: " "), in: dir)
        #expect(held.stdout.hasPrefix("2\n") && held.stdout.contains("locked by another process"), "\(held.stdout)")
    }

    @Test("16. one tracking number on 2,000 packages: one flag per order naming ten others, reports that grow linearly")
    func sharedTrackingFanOut() throws {
        var orders = "order_id,created_at,shipping_method,shipping_paid,sku,quantity,unit_price\n"
        var shipments = Self.shipmentsHeader
        for index in 0..<2_000 {
            orders += "O\(index),2026-11-16T10:00:00-05:00,UPS Ground,8.00,W,1,10.00\n"
            shipments += "O\(index),1ZSAME,ups,UPS Ground,20,oz\n"
        }
        let (result, dir) = try Self.run(orders: orders, shipments: shipments, ["--out", "out", "-q"])
        #expect(result.status == 1, "\(result.stderr)")
        var total = 0
        for name in ["report.json", "report.html", "report.md", "flags.csv", "history.sqlite"] {
            total += (try? FileManager.default.attributesOfItem(atPath: dir.path + "/out/" + name)[.size] as? Int) ?? 0
        }
        // Before: 859 MB (every flag listed every other order). Now about 4 KB a package.
        #expect(total < 16_000_000, "\(total) bytes of reports")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/report.json")))
                as? [String: Any])
        let flags = (json["flags"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "duplicate_tracking" }
        #expect(flags.count == 2_000)
        let first = try #require(flags.first { $0["order_id"] as? String == "O0" })
        #expect((first["message"] as? String)?.hasSuffix("and 1989 more") == true, "\(first["message"] ?? "")")
        let evidence = try #require(first["evidence"] as? [String: Any])
        #expect(evidence["orders_sharing"] as? Int == 2_000 && (evidence["orders"] as? [Any])?.count == 11)
    }

    @Test("5. a 60 MB line of delimiters, and a header of 3 million columns: one line each, memory bounded")
    func linesOfDelimiters() throws {
        let dir = Shell.scratch()
        let commas = Data(repeating: UInt8(ascii: ","), count: 60_000_000)
        try (Data("order_id,sku,quantity\n".utf8) + commas + Data("\n".utf8)).write(
            to: dir.appendingPathComponent("commas.csv"))
        Shell.write(Array(repeating: "a", count: 3_000_000).joined(separator: ",") + "\n1\n", "wide.csv", in: dir)
        for (file, words) in [("commas.csv", "a record is larger than 16 MB"), ("wide.csv", "has 3000000 columns")] {
            for command in ["analyze --orders \(file) --no-write", "inspect \(file)"] {
                let result = try Shell.runBash(
                    "/usr/bin/time -f 'peak %M' '\(Shell.binary)' \(command) 2>&1 >/dev/null", in: dir)
                let lines = result.stdout.split(separator: "\n")
                // The error's one line, then time(1)'s own lines (the exit status, the peak).
                let own = lines.filter { !$0.hasPrefix("peak ") && !$0.hasPrefix("Command exited") }
                #expect(own.count == 1 && own[0].contains(words), "\(command): \(result.stdout)")
                let peak = lines.first { $0.hasPrefix("peak ") }
                let kilobytes = peak.flatMap { Int($0.dropFirst(5)) } ?? .max
                // Before: 827 MB for a 200 MB line. The record limit bounds it now.
                #expect(kilobytes < 160_000, "\(command): peak \(kilobytes) KB")
            }
        }
    }
}
