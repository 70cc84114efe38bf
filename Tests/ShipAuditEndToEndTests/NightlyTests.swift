import Foundation
import Testing

/// The nightly job: three day-by-day runs, idempotence, the lock, a run killed before its commit, marking resolved.
struct NightlyTests {
    static let orders = """
        order_id,created_at,shipping_method,shipping_paid,sku,quantity,unit_price
        A,2026-11-16T10:00:00-05:00,UPS Next Day Air,30.00,W,2,10.00
        B,2026-11-16T10:00:00-05:00,UPS Ground,8.00,W,1,10.00
        C,2026-11-17T10:00:00-05:00,UPS 2nd Day Air,15.00,W,1,10.00

        """
    static let catalog = "sku,unit_weight,weight_unit\nW,454,g\n"
    static let header = "order_id,tracking_number,carrier,service,weight,weight_unit\n"
    /// Day 1: A downgraded, B light. Day 2: C shipped downgraded too. Day 3: B's weight corrected.
    static let shipments = [
        header + "A,1ZA,ups,UPS Ground,1021,g\nB,1ZB,ups,UPS Ground,200,g\n",
        header + "A,1ZA,ups,UPS Ground,1021,g\nB,1ZB,ups,UPS Ground,200,g\nC,1ZC,ups,UPS Ground,567,g\n",
        header + "A,1ZA,ups,UPS Ground,1021,g\nB,1ZB,ups,UPS Ground,567,g\nC,1ZC,ups,UPS Ground,567,g\n",
    ]

    /// Writes the inputs of `day` (0-based) and runs analyze for that night.
    static func night(_ day: Int, in dir: URL, extra: [String] = [], environment: [String: String] = [:]) throws
        -> Shell.Result
    {
        Shell.write(orders, "orders.csv", in: dir)
        Shell.write(catalog, "catalog.csv", in: dir)
        Shell.write(shipments[day], "shipments.csv", in: dir)
        return try Shell.run(
            [
                "analyze", "--orders", "orders.csv", "--catalog", "catalog.csv", "--shipments", "shipments.csv",
                "--as-of", "2026-11-\(17 + day)T02:00:00-05:00", "--out", "out",
            ] + extra, in: dir, environment: environment)
    }

    /// Starts night `day`'s run in the background (as of `asOf`), pausing `pause` seconds where the environment
    /// variable `pause` names (empty: none), for a test to kill it there.
    static func start(
        day: Int, in dir: URL, asOf: String = "", pause: (name: String, seconds: String) = ("", "")
    ) throws -> Process {
        Shell.write(shipments[day], "shipments.csv", in: dir)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Shell.binary)
        process.arguments = [
            "analyze", "--orders", "orders.csv", "--catalog", "catalog.csv", "--shipments", "shipments.csv",
            "--as-of", asOf.isEmpty ? "2026-11-\(17 + day)T02:00:00-05:00" : asOf, "--out", "out", "--quiet",
        ]
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(
            pause.name.isEmpty ? [:] : [pause.name: pause.seconds]
        ) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func changes(_ dir: URL, _ path: String = "out/report.json") throws -> [String: Any] {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(path))) as? [String: Any]
        )
        return try #require(json["changes"] as? [String: Any])
    }

    static func pairs(_ value: Any?) -> [String] {
        (value as? [[String: Any]] ?? []).map {
            "\($0["order_id"]!) \($0["rule"]!)" + (($0["days_open"] as? Int).map { " \($0)d" } ?? "")
        }
    }

    @Test("three nights: new, still open with age, resolved")
    func threeNights() throws {
        let dir = Shell.scratch()
        #expect(try Self.night(0, in: dir).status == 1)
        var changes = try Self.changes(dir)
        #expect(Self.pairs(changes["new"]) == ["A service_downgrade", "B weight_short"])
        #expect(Self.pairs(changes["still_open"]).isEmpty)

        #expect(try Self.night(1, in: dir).status == 1)
        changes = try Self.changes(dir)
        #expect(Self.pairs(changes["new"]) == ["C service_downgrade"])
        #expect(Self.pairs(changes["still_open"]) == ["A service_downgrade 1d", "B weight_short 1d"])

        let third = try Self.night(2, in: dir)
        changes = try Self.changes(dir)
        #expect(Self.pairs(changes["new"]).isEmpty)
        #expect(Self.pairs(changes["still_open"]) == ["A service_downgrade 2d", "C service_downgrade 1d"])
        #expect(Self.pairs(changes["resolved"]) == ["B weight_short"])
        #expect((changes["trend"] as? [Any])?.count == 3)
        #expect(third.stdout.contains("since the last run: 0 new, 2 still open, oldest 2 days, 1 resolved"))
        let markdown = try String(contentsOf: dir.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(markdown.contains("## Since the last run") && markdown.contains("A Service downgrade (2 days)"))

        let runs = try Shell.run(["history", "runs", "--history", "out/history.sqlite"], in: dir)
        #expect(runs.stdout.split(separator: "\n").count == 4)
        let show = try Shell.run(["history", "show", "B", "--history", "out/history.sqlite"], in: dir)
        #expect(
            show.stdout.contains(
                "weight_short (high): first seen 2026-11-17T07:00:00Z, last seen 2026-11-18T07:00:00Z, resolved 2026-11-19T07:00:00Z"
            ))
    }

    @Test("the same inputs and as-of again: the history does not change and the reports are the same bytes")
    func idempotent() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        _ = try Self.night(1, in: dir)
        let before = try Data(contentsOf: dir.appendingPathComponent("out/report.json"))
        let second = try Self.night(1, in: dir)
        #expect(second.status == 1)
        #expect(try Data(contentsOf: dir.appendingPathComponent("out/report.json")) == before)
        let runs = try Shell.run(["history", "runs", "--history", "out/history.sqlite"], in: dir)
        #expect(runs.stdout.split(separator: "\n").count == 3)
    }

    @Test("a flag marked resolved by hand stops appearing as open")
    func resolvedByHand() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        let resolve = try Shell.run(
            ["history", "resolve", "B", "weight_short", "--note", "credit issued", "--history", "out/history.sqlite"],
            in: dir)
        #expect(resolve.status == 0)
        _ = try Self.night(1, in: dir)
        let changes = try Self.changes(dir)
        #expect(Self.pairs(changes["still_open"]) == ["A service_downgrade 1d"])
        #expect(Self.pairs(changes["resolved_by_hand"]) == ["B weight_short"])
        let wrong = try Shell.run(
            ["history", "resolve", "B", "late_delivery", "--note", "x", "--history", "out/history.sqlite"], in: dir)
        #expect(wrong.status == 2 && wrong.stderr.contains("no flag late_delivery on order B"))
    }

    @Test("a second run while one holds the lock is refused with exit 3 and changes nothing")
    func locked() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        let before = try Data(contentsOf: dir.appendingPathComponent("out/report.json"))
        let descriptor = open(dir.appendingPathComponent("out/history.sqlite.lock").path, O_CREAT | O_RDWR, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { flock(descriptor, LOCK_UN); close(descriptor) }
        let result = try Self.night(1, in: dir)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("shipaudit: error: another shipaudit run holds"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("out/report.json")) == before)
    }

    @Test("a run killed before its commit leaves the history and the previous reports as they were")
    func killed() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        let before = try Data(contentsOf: dir.appendingPathComponent("out/report.json"))
        let database = try Data(contentsOf: dir.appendingPathComponent("out/history.sqlite"))
        let process = try NightlyTests.start(day: 1, in: dir, pause: ("SHIPAUDIT_PAUSE_BEFORE_COMMIT", "30"))
        // Wait until the new run's set is complete in its own directory (it pauses before the commit), then kill.
        var waited = 0
        let current = try FileManager.default.destinationOfSymbolicLink(
            atPath: dir.appendingPathComponent("out/current").path)
        while waited < 200,
            !((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out/.runs").path))
                ?? []).contains(where: {
                    ".runs/\($0)" != current
                        && FileManager.default.fileExists(atPath: dir.path + "/out/.runs/\($0)/.fingerprint")
                })
        {
            usleep(50_000); waited += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: dir.appendingPathComponent("out/report.json")) == before)
        let runs = try Shell.run(["history", "runs", "--history", "out/history.sqlite"], in: dir)
        #expect(runs.stdout.split(separator: "\n").count == 2, "the killed run left no run in the history")
        _ = database
        // The next run picks up where the history was: C is new, A and B are one day old.
        _ = try Self.night(1, in: dir)
        #expect(Self.pairs(try Self.changes(dir)["new"]) == ["C service_downgrade"])
    }

    @Test("a run killed after its commit, before its reports switched: the next run switches to them first")
    func killedAfterCommit() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        let process = try NightlyTests.start(day: 1, in: dir, pause: ("SHIPAUDIT_PAUSE_BEFORE_SWITCH", "30"))
        var waited = 0
        while waited < 200 {
            let runs = try Shell.run(["history", "runs", "--history", "out/history.sqlite"], in: dir)
            if runs.stdout.split(separator: "\n").count == 3 { break }
            usleep(50_000); waited += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The old set is still shown; the history has the new run.
        let shown = try Self.changes(dir)
        #expect(Self.pairs(shown["new"]).count == 2, "night 0's set: \(shown)")
        // Night 1 again: the history knows it (nothing new recorded), and the set its killed run made is shown.
        _ = try Self.night(1, in: dir)
        #expect(Self.pairs(try Self.changes(dir)["new"]) == ["C service_downgrade"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out/.runs").count == 1)
    }

    @Test("50 runs killed at random moments (before, during, after the commit): never a mixed set, history recoverable")
    func killLoop() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        var generator = SystemRandomNumberGenerator()
        let out = dir.appendingPathComponent("out").path
        func resolved(_ name: String) -> String? {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: out + "/" + name)).map { out + "/" + $0 }
        }
        var kills = 0
        for round in 0..<50 {
            let day = 1 + round % 2
            let pause = ["", "SHIPAUDIT_PAUSE_BEFORE_COMMIT", "SHIPAUDIT_PAUSE_BEFORE_SWITCH"].randomElement(
                using: &generator)!
            // A time of its own for each round: every run is a new one for the history (none a repeat).
            let process = try NightlyTests.start(
                day: day, in: dir, asOf: "2026-11-\(17 + day)T02:\(10 + round):00-05:00", pause: (pause, "0.3"))
            usleep(UInt32.random(in: 0...450_000, using: &generator))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            // Every report's name leads into the directory `current` names, whose set is complete.
            let current = try #require(resolved("current"), "round \(round): no current set")
            for name in ["report.html", "report.md", "report.json", "flags.csv", "rejects.csv"] {
                let link = try FileManager.default.destinationOfSymbolicLink(atPath: out + "/" + name)
                #expect(link == "current/\(name)", "round \(round): \(name) -> \(link)")
                #expect(FileManager.default.fileExists(atPath: current + "/" + name), "round \(round): \(name)")
            }
            let fingerprint = try String(contentsOfFile: current + "/.fingerprint", encoding: .utf8)
            // The history agrees with the set, or its last run's complete set is there for the next run to switch to.
            let last = try Shell.runBash(
                "python3 -c \"import sqlite3; print(sqlite3.connect('out/history.sqlite').execute("
                    + "'SELECT fingerprint FROM runs ORDER BY id DESC LIMIT 1').fetchone()[0], end='')\"", in: dir
            ).stdout
            if last != fingerprint {
                let runs = try FileManager.default.contentsOfDirectory(atPath: out + "/.runs")
                let committed = runs.contains {
                    (try? String(contentsOfFile: out + "/.runs/\($0)/.fingerprint", encoding: .utf8)) == last
                }
                #expect(committed, "round \(round): the history's last run has no set to switch to")
            }
        }
        #expect(kills >= 20, "only \(kills) of 50 runs were killed before they ended")
        // A last run recovers and publishes: the history and the reports agree, one set is left.
        _ = try Self.night(2, in: dir)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/.runs").count == 1)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
                as? [String: Any])
        #expect((json["as_of"] as? String)?.hasPrefix("2026-11-19") == true)
    }

    @Test("dated report directories, a latest link, retention, and an input directory read as its newest export")
    func datedDirectories() throws {
        let dir = Shell.scratch()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("exports"), withIntermediateDirectories: true)
        for day in 0..<3 {
            let exportPath = dir.appendingPathComponent("exports/shipments-\(day).csv").path
            FileManager.default.createFile(atPath: exportPath, contents: Data(Self.shipments[day].utf8))
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(day) * 1000)],
                ofItemAtPath: exportPath)
            Shell.write(Self.orders, "orders.csv", in: dir)
            Shell.write(Self.catalog, "catalog.csv", in: dir)
            let result = try Shell.run(
                [
                    "analyze", "--orders", "orders.csv", "--catalog", "catalog.csv", "--shipments", "exports",
                    "--as-of", "2026-11-\(17 + day)T02:00:00-05:00", "--out", "out", "--dated", "--keep-days", "1",
                    "--quiet", "--log-level", "info",
                ], in: dir)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("reading shipments exports/shipments-\(day).csv"))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted()
        #expect(names.filter { $0.hasPrefix("2026") } == ["2026-11-18", "2026-11-19"])
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("out/latest").path)
                == "2026-11-19")
        #expect(Self.pairs(try Self.changes(dir, "out/latest/report.json")["resolved"]) == ["B weight_short"])
    }
}

/// The scheduling examples work on a fresh machine's first night, as written.
struct SchedulingExamplesTests {
    /// A directory laid out as the examples expect: exports/ with the samples, the config, the binary where the
    /// examples call it.
    func site() throws -> URL {
        let dir = Shell.scratch()
        let fm = FileManager.default
        for sub in ["exports/orders", "exports/products", "exports/shipments", "exports/tracking", ".build/release"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let samples = Shell.root.appendingPathComponent("samples")
        for (file, sub) in [
            ("orders_export.csv", "orders"), ("products_export.csv", "products"), ("shipments.csv", "shipments"),
            ("tracking.csv", "tracking"),
        ] {
            try fm.copyItem(
                at: samples.appendingPathComponent(file), to: dir.appendingPathComponent("exports/\(sub)/\(file)"))
        }
        try fm.copyItem(
            at: samples.appendingPathComponent("shipaudit.toml"), to: dir.appendingPathComponent("shipaudit.toml"))
        try fm.createSymbolicLink(
            at: dir.appendingPathComponent(".build/release/shipaudit"),
            withDestinationURL: URL(fileURLWithPath: Shell.binary))
        return dir
    }

    @Test("the crontab line and the systemd service's command run as written on a first night")
    func firstNight() throws {
        let crontab = try String(
            contentsOf: Shell.root.appendingPathComponent("scripts/cron/shipaudit.crontab"), encoding: .utf8)
        let line = try #require(crontab.split(separator: "\n").first { $0.hasPrefix("0 2 * * *") })
        // The command after the five time fields, with the site directory for /srv/shipaudit.
        let dir = try site()
        let command = line.split(separator: " ", maxSplits: 5).last!.replacingOccurrences(
            of: "/srv/shipaudit", with: dir.path)
        let cron = try Shell.runBash(command + "; echo \"exit ${PIPESTATUS[0]}\"", in: dir)
        #expect(cron.stderr.isEmpty, "\(cron.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/report/latest/report.html"))
        let runs = try Shell.run(["history", "runs"], in: dir)
        // One run listed: 27 orders, exit 1.
        let rows = runs.stdout.split(separator: "\n").dropFirst()
        #expect(runs.status == 0 && rows.count == 1, "\(runs.stdout) \(runs.stderr)")
        #expect(rows.first?.split(separator: " ").dropFirst().first == "27")

        let service = try String(
            contentsOf: Shell.root.appendingPathComponent("scripts/systemd/shipaudit.service"), encoding: .utf8)
        let exec = try #require(service.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        let second = try site()
        let start = String(exec.dropFirst("ExecStart=".count)).replacingOccurrences(
            of: "/srv/shipaudit", with: second.path)
        let result = try Shell.runBash(start, in: second)
        #expect(result.status == 1, "\(result.stderr)")
    }
}

/// The history's layout is numbered; a newer one is refused, never changed.
struct HistorySchemaTests {
    @Test("a new history is numbered; one from a newer shipaudit is refused with one line, and left as it was")
    func version() throws {
        let dir = Shell.scratch()
        let out = dir.appendingPathComponent("r").path
        let args = ShellUseTests.samples.map { $0.hasPrefix("samples/") ? Shell.root.path + "/" + $0 : $0 }
        let first = try Shell.run(["analyze"] + args + ["--out", out], in: dir)
        #expect(first.status == 1)
        let history = out + "/history.sqlite"
        // Python's sqlite3 module reads and sets the number (no sqlite3 command needed).
        func pragma(_ statement: String) throws -> Shell.Result {
            try Shell.runBash(
                "python3 -c \"import sqlite3; c = sqlite3.connect('\(history)'); "
                    + "print(c.execute('PRAGMA user_version').fetchone()[0]) if '=' not in '\(statement)' "
                    + "else (c.execute('\(statement)'), c.commit())\"", in: dir)
        }
        let version = try pragma("PRAGMA user_version")
        #expect(version.stdout == "2\n", "\(version.stderr)")
        let runs = try Shell.run(["history", "runs", "--history", history], in: dir)
        #expect(runs.stdout.contains("shipaudit 0.9.0"), "\(runs.stdout)")
        _ = try pragma("PRAGMA user_version = 9")
        let before = try Data(contentsOf: URL(fileURLWithPath: history))
        let refused = try Shell.run(["analyze"] + args + ["--out", out], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the history was written by a newer shipaudit (layout 9"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: history)) == before)
    }

    @Test("each run records its inputs' SHA-256, the digest sha256sum prints for the same file")
    func checksums() throws {
        let dir = Shell.scratch()
        _ = try NightlyTests.night(0, in: dir)
        let stored = try Shell.runBash(
            "python3 -c \"import sqlite3, json; c = sqlite3.connect('out/history.sqlite'); "
                + "[print(i['path'], i['checksum']) for i in json.loads(c.execute('SELECT inputs FROM runs').fetchone()[0])]\"",
            in: dir)
        let lines = stored.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(stored.stdout) \(stored.stderr)")
        for line in lines {
            let parts = line.split(separator: " ")
            let expected = try Shell.runBash("sha256sum '\(parts[0])' | cut -d' ' -f1", in: dir)
            #expect(parts.count == 2 && parts[1] + "\n" == expected.stdout, "\(line) vs \(expected.stdout)")
        }
    }
}

/// An old history is brought up to the current layout.
struct HistoryMigrationTests {
    @Test("a history of the first layout (no program column) is brought up to date and keeps its runs")
    func migration() throws {
        let dir = Shell.scratch()
        let history = dir.appendingPathComponent("old.sqlite").path
        let script = dir.appendingPathComponent("old.py")
        // The runs table as the first layout made it, with one run.
        try """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.executescript('''
        CREATE TABLE runs (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, as_of TEXT NOT NULL,
          recorded_at TEXT NOT NULL, inputs TEXT NOT NULL, orders INTEGER NOT NULL, flagged_orders INTEGER NOT NULL,
          flags INTEGER NOT NULL, money TEXT NOT NULL, exit_code INTEGER NOT NULL);
        INSERT INTO runs VALUES (1, 'old', '2026-11-01T07:00:00Z', '2026-11-01T07:00:01Z', '[]', 3, 1, 1, '9.99 USD', 1);
        PRAGMA user_version = 1;
        ''')
        c.commit()
        """.write(to: script, atomically: true, encoding: .utf8)
        let create = try Shell.runBash("python3 '\(script.path)' '\(history)'", in: dir)
        #expect(create.status == 0, "\(create.stderr)")
        let args = ShellUseTests.samples.map { $0.hasPrefix("samples/") ? Shell.root.path + "/" + $0 : $0 }
        let run = try Shell.run(
            ["analyze"] + args + ["--out", dir.appendingPathComponent("r").path, "--history", history], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let runs = try Shell.run(["history", "runs", "--history", history], in: dir)
        let rows = runs.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 2, "\(runs.stdout)")
        #expect(runs.stdout.contains("shipaudit 0.9.0") && runs.stdout.contains("9.99 USD"))
    }
}
