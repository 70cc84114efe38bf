import ArgumentParser
import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// `shipaudit analyze`: read the exports, run every check, write the reports.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check orders against their shipments and tracking; write report.html, report.md, flags.csv, report.json, rejects.csv and claims.csv.",
        discussion: """
            Input layouts are recognised from their headers: Shopify orders and products exports, ShipStation \
            shipment exports, and the shipaudit CSV layouts, tracking included (see the README). Promises, \
            lateness and "not shipped" are judged as of --as-of. Dates without an offset are read in [store] \
            time_zone of the config. Filters apply to the flags shown and written, not to the coverage figures.

            Exit codes: 0 nothing flagged; 1 flags found; 2 usage or input error (with --strict, also any rejected row);
            3 another run holds the history's lock.
            """)

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("Directory for the reports (created if missing).", valueName: "dir"))
    var out: String = "report"

    @Option(
        help: ArgumentHelp(
            "What to print: summary, table (the flags, most urgent first) or json (report.json).", valueName: "format"))
    var format: OutputFormat = .summary

    @Option(name: .customLong("rule"), help: ArgumentHelp("Only flags of this rule. Repeatable.", valueName: "id"))
    var rules: [String] = []

    @Option(
        name: .customLong("min-severity"),
        help: ArgumentHelp("Only flags at least this severe: low, medium, high.", valueName: "level"))
    var minSeverity: SeverityArgument = .low

    @Option(help: ArgumentHelp("Only flags whose carrier or service contains this text.", valueName: "text"))
    var carrier: String?

    @Option(help: ArgumentHelp("Only orders placed at or after this date.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only orders placed before this date.", valueName: "date"))
    var until: String?

    @Option(
        name: .customLong("order"),
        help: ArgumentHelp("Only this order (#1041 or 1041). Repeatable.", valueName: "number"))
    var orderNumbers: [String] = []

    @Flag(help: "Exit with code 2 when any row was rejected.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print nothing on success (errors still go to stderr).")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "History of flags across runs (SQLite). Default: history.sqlite in --out.", valueName: "file"))
    var history: String?

    @Flag(name: .customLong("no-history"), help: "Keep no history (no new / still open / resolved).")
    var noHistory = false

    @Flag(
        name: .customLong("no-write"),
        help:
            "Answer on standard output only: write no report and no history (an ad-hoc question, e.g. with --format json)."
    )
    var noWrite = false

    @Flag(
        help:
            "Write the reports to a dated directory inside --out (YYYY-MM-DD of --as-of) and point --out/latest at it.")
    var dated = false

    @Option(
        name: .customLong("keep-days"),
        help: ArgumentHelp(
            "With --dated: delete dated report directories older than this many days.", valueName: "days"))
    var keepDays: Int?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("Logs on stderr from this level: debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: LogLevelArgument = .warning

    func validate() throws {
        for rule in rules where !RuleCatalog.ids.contains(rule) {
            throw ValidationError("Unknown rule '\(rule)'. Rules: \(RuleCatalog.ids.joined(separator: ", ")).")
        }
        if keepDays != nil && !dated { throw ValidationError("--keep-days needs --dated.") }
        if let keepDays, keepDays < 1 { throw ValidationError("--keep-days must be at least 1.") }
    }

    func run() throws {
        let log = RunLog.start(level: logLevel, quiet: quiet)
        let (configuration, asOfDate) = try inputs.settings()
        let filter = try makeFilter(configuration)
        let files = try inputs.files()
        let zone = configuration.timeZone
        // With --no-write, the run's temporary files go to a directory of its own, removed when it ends.
        let scratch =
            noWrite
            ? (NSTemporaryDirectory() as NSString).appendingPathComponent(
                "shipaudit-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))") : nil
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let reportDirectory =
            scratch
            ?? (dated ? (out as NSString).appendingPathComponent(LocalDay(asOfDate, in: zone).description) : out)
        let historyPath =
            noHistory || noWrite ? nil : (history ?? (out as NSString).appendingPathComponent("history.sqlite"))
        try refuseOutputOverInputs(files, reportDirectory: reportDirectory, historyPath: historyPath)
        do {
            try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
        } catch {
            throw UserFacingError(
                description: "\(reportDirectory): cannot create the report directory: \(error.localizedDescription)")
        }
        // A directory the reports cannot go to fails now, not after the whole run: the run's temporary files would
        // not fit there either (they would stay in memory), and a nightly job learns it at once.
        if access(reportDirectory, W_OK | X_OK) != 0 {
            let failure = errno
            throw UserFacingError(
                description:
                    "\(reportDirectory): cannot write the reports there: \(String(cString: strerror(failure))) (\(AtomicFile.hint(failure)))"
            )
        }
        // One run at a time per history: the lock is held until this process exits.
        let lock = try historyPath.map { path in
            do { return try RunLock(path: HistoryLocation.lockPath(for: path)) } catch let busy as RunLock.Busy {
                FileHandle.standardError.write(Data("shipaudit: error: \(busy.description)\n".utf8))
                throw ExitCode(ExitStatus.locked)
            }
        }
        defer { withExtendedLifetime(lock) {} }
        log.info(
            "run as of \(ReportJSONWriter.timestamp(asOfDate)): \(files.count) input file(s), reports in \(reportDirectory)"
        )

        var full: Report
        do {
            var analysis = Analysis(configuration: configuration)
            // The inputs' checksums only go into the history's fingerprint of the run.
            analysis.inputChecksums = historyPath != nil
            // `--as-of` without an offset is read again in the store's zone once the orders have said which.
            let options = inputs
            analysis.asOfInStoreZone = { zone in options.asOf(in: zone) }
            full = try analysis.run(files, asOf: asOfDate, spillDirectory: reportDirectory) { file in
                log.progress("reading \(file.kind.rawValue) \(file.path)")
                log.info("reading \(file.kind.rawValue) \(file.path)")
            } onStage: { stage, took in
                log.info("\(stage) in \(RunLog.seconds(took)); peak memory \(RunLog.peakMemory())")
            }
        } catch {
            throw UserFacingError(description: error.description)
        }
        log.clearProgress()
        for input in full.inputs {
            log.info(
                "\(input.path): \(input.rowsRead) rows read, \(input.rowsUsed) used, \(input.rowsRejected) rejected (\(input.profile))"
            )
        }
        // The exit code follows what is shown: with filters, 1 only when a flag passes them.
        let shown = filter.apply(to: full)
        let exitCode =
            strict && !full.rejects.isEmpty
            ? ExitStatus.inputError : (shown.findings.isEmpty ? ExitStatus.clean : ExitStatus.flagged)

        // Reports go to temporary names first; the history commits; then the reports are moved into place. A run
        // killed before the commit leaves the history and the previous reports as they were.
        let publisher = ReportPublisher(
            directory: reportDirectory, zone: full.clock.zone, flagsShown: configuration.report.flagsShown)
        let history = historyPath.map { path in
            let fingerprint =
                ([ReportJSONWriter.timestamp(full.asOf), inputs.configChecksum()]
                + full.inputs.map { "\($0.kind.rawValue):\($0.path):\($0.bytes):\($0.checksum)" })
                .joined(separator: "|")
            return ReportPublisher.HistoryEntry(
                path: path, report: full, fingerprint: fingerprint, exitCode: Int(exitCode))
        }
        var report = shown
        var written: [String] = []
        if !noWrite {
            do {
                let published = try publisher.publish(shown, history: history) { took in
                    log.info("rendered the reports in \(RunLog.seconds(took)); peak memory \(RunLog.peakMemory())")
                } beforeCommit: {
                    Self.pause("SHIPAUDIT_PAUSE_BEFORE_COMMIT")
                } beforeSwitch: {
                    Self.pause("SHIPAUDIT_PAUSE_BEFORE_SWITCH")
                }
                (report, written) = (published.report, published.written)
                if let historyPath, let changes = report.changes {
                    log.info(
                        "history \(historyPath): \(changes.new.count) new, \(changes.stillOpen.count) still open, \(changes.resolved.count) resolved"
                    )
                }
                if dated {
                    try AtomicFile.link(
                        (out as NSString).appendingPathComponent("latest"), to: LocalDay(asOfDate, in: zone).description
                    )
                    if let keepDays {
                        try removeOldReports(before: LocalDay(asOfDate, in: zone).adding(-keepDays), log: log)
                    }
                }
            } catch let error as UserFacingError {
                throw error
            } catch let newer as FlagHistory.NewerSchema {
                throw UserFacingError(description: newer.description)
            } catch let database as DatabaseError {
                throw UserFacingError(description: database.line(historyPath ?? reportDirectory))
            } catch {
                throw UserFacingError(
                    description:
                        "\(reportDirectory): cannot write the reports or the history: \(error) (check the directory is writable)"
                )
            }
        }
        log.info("wrote \(written.joined(separator: ", ")); exit \(exitCode)")
        for warning in report.warnings where !quiet {
            FileHandle.standardError.write(
                Data("shipaudit: warning: \(TerminalText.escaped(warning.description, keepingNewlines: false))\n".utf8))
        }
        // A configured zone the export's offsets disagree with: once, with the count.
        if report.clock.source == .configured, report.clock.ordersOffZone > 0, !quiet,
            let note = report.clock.notes.first(where: { $0.contains("orders state an offset") })
        {
            FileHandle.standardError.write(Data("shipaudit: warning: \(note)\n".utf8))
        }
        switch format {
        case .summary:
            if !quiet { StandardOutput.write(TerminalText.escaped(SummaryWriter.render(report, written: written))) }
        case .table:
            // Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
            let noColour = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            // On a terminal the table fits its width (COLUMNS, else the terminal's own); piped, nothing is cut.
            let terminal = isatty(STDOUT_FILENO) == 1
            StandardOutput.write(
                TableWriter.render(
                    report, zone: report.clock.zone, colour: terminal && !noColour,
                    width: terminal ? TerminalWidth.columns() : nil))
        case .json: StandardOutput.write(ReportJSONWriter.render(report))
        }
        if exitCode == ExitStatus.inputError {
            FileHandle.standardError.write(
                Data(
                    "shipaudit: error: \(report.rejects.count) row(s) rejected and --strict is set (see \(noWrite ? "rejects.csv, written without --no-write" : (reportDirectory as NSString).appendingPathComponent("rejects.csv")))\n"
                        .utf8))
        }
        // The process ends here: its report is not taken apart first (freeing a million orders' flags one by one
        // took 40 ms on one core, after everything was written).
        ProcessEnd.keep(full, report)
        throw ExitCode(exitCode)
    }

    /// Deletes dated report directories (YYYY-MM-DD) before `day`; other files are left alone.
    private func removeOldReports(before day: LocalDay, log: RunLog) throws {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [] {
            guard let dated = LocalDay(iso: name), dated < day else { continue }
            try FileManager.default.removeItem(atPath: (out as NSString).appendingPathComponent(name))
            log.info("removed old reports \(name)")
        }
    }

    private func makeFilter(_ configuration: Configuration) throws -> FindingFilter {
        var filter = FindingFilter()
        filter.rules = Set(rules)
        filter.minimumSeverity = minSeverity.severity
        filter.carrier = carrier
        filter.orders = Set(orderNumbers.map(ValueParsers.orderNumber))
        let parser = TimestampParser(timeZone: configuration.timeZone)
        for (name, text) in [("--since", since), ("--until", until)] {
            guard let text else { continue }
            switch parser.parse(text) {
            case .success(let date): if name == "--since" { filter.since = date } else { filter.until = date }
            case .failure(let error): throw UserFacingError(description: "\(name): \(error.reason) (\(error.hint))")
            }
        }
        return filter
    }

    /// Waits the seconds the environment variable `name` gives: the crash-safety tests kill the run there.
    private static func pause(_ name: String) {
        if let seconds = ProcessInfo.processInfo.environment[name].flatMap(Double.init) {
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    /// Refuses a run whose outputs would land on an input: the report directory, any report (the files are renamed
    /// over, which would replace an input under that name), the history or its lock being an input, compared by
    /// device and inode (a link or another spelling of the path is the same file).
    private func refuseOutputOverInputs(_ files: [InputFile], reportDirectory: String, historyPath: String?) throws {
        var inputs: [FileIdentity: String] = [:]
        for file in files where file.path != "-" {
            if let identity = FileIdentity(path: file.path) { inputs[identity] = file.path }
        }
        var outputs =
            [reportDirectory, out] + ReportFiles.names.map { (reportDirectory as NSString).appendingPathComponent($0) }
        if let historyPath { outputs += [historyPath, HistoryLocation.lockPath(for: historyPath)] }
        for output in outputs {
            if let identity = FileIdentity(path: output), let input = inputs[identity] {
                throw UserFacingError(
                    description:
                        "\(output) would overwrite the input \(input); shipaudit never writes over an input (choose another --out or --history)"
                )
            }
        }
    }
}

/// What `analyze` prints.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case summary, table, json
}

/// `--min-severity` values.
enum SeverityArgument: String, ExpressibleByArgument, CaseIterable {
    case low, medium, high
    var severity: Severity { Severity(rawValue: rawValue)! }
}

/// Standard output that may be a closed pipe (`| head`): a broken pipe ends the command quietly with exit 0.
enum StandardOutput {
    /// Writes text unbuffered; a closed pipe exits 0 at once, as `xsv` and `head` expect; any other failure (a full
    /// disk, `> /dev/full`) is an error: exit 2 with one line, never a silent success.
    static func write(_ text: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if underlying?.domain == NSPOSIXErrorDomain, underlying?.code == Int(EPIPE) { Foundation.exit(0) }
            let reason =
                underlying.map { String(cString: strerror(Int32($0.code))) } ?? error.localizedDescription
            FileHandle.standardError.write(Data("shipaudit: error: cannot write to standard output: \(reason)\n".utf8))
            Foundation.exit(ExitStatus.inputError)
        }
    }
}

/// Values kept until the process exits, so that they are not freed just before it does.
enum ProcessEnd {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `values` until the process exits (called on the main thread, as a run ends).
    static func keep(_ values: Any...) { kept += values }
}

/// The terminal's width: `COLUMNS` when set, else the terminal's own (`TIOCGWINSZ`), else 80.
enum TerminalWidth {
    static func columns() -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 20 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }
}
