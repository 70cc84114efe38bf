import ArgumentParser
import Foundation
import ShipAuditCore

/// `shipaudit analyze`: read the exports, run every check, write the reports.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check orders against their shipments and tracking; write report.html, report.md, flags.csv, report.json and rejects.csv.",
        discussion: """
        Input layouts are recognised from their headers: Shopify orders and products exports, ShipStation \
        shipment exports, and the shipaudit CSV layouts, tracking included (see the README). Promises, \
        lateness and "not shipped" are judged as of --as-of. Dates without an offset are read in [store] \
        time_zone of the config. Filters apply to the flags shown and written, not to the coverage figures.

        Exit codes: 0 nothing flagged; 1 flags found; 2 usage or input error (with --strict, also any rejected row).
        """)

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("Directory for the reports (created if missing).", valueName: "dir"))
    var out: String = "report"

    @Option(help: ArgumentHelp("What to print: summary, table (the flags, most urgent first) or json (report.json).", valueName: "format"))
    var format: OutputFormat = .summary

    @Option(name: .customLong("rule"), help: ArgumentHelp("Only flags of this rule. Repeatable.", valueName: "id"))
    var rules: [String] = []

    @Option(name: .customLong("min-severity"), help: ArgumentHelp("Only flags at least this severe: low, medium, high.", valueName: "level"))
    var minSeverity: SeverityArgument = .low

    @Option(help: ArgumentHelp("Only flags whose carrier or service contains this text.", valueName: "text"))
    var carrier: String?

    @Option(help: ArgumentHelp("Only orders placed at or after this date.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only orders placed before this date.", valueName: "date"))
    var until: String?

    @Option(name: .customLong("order"), help: ArgumentHelp("Only this order (#1041 or 1041). Repeatable.", valueName: "number"))
    var orderNumbers: [String] = []

    @Flag(help: "Exit with code 2 when any row was rejected.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print nothing on success (errors still go to stderr).")
    var quiet = false

    func validate() throws {
        for rule in rules where !RuleCatalog.ids.contains(rule) {
            throw ValidationError("Unknown rule '\(rule)'. Rules: \(RuleCatalog.ids.joined(separator: ", ")).")
        }
    }

    func run() throws {
        let (configuration, asOfDate) = try inputs.settings()
        let filter = try makeFilter(configuration)
        let files = inputs.files
        try refuseOutputOverInputs(files)

        let full: Report
        do {
            full = try Analysis(configuration: configuration).run(files, asOf: asOfDate)
        } catch {
            throw UserFacingError(description: error.description)
        }
        let report = filter.apply(to: full)
        let zone = configuration.timeZone
        let outputs = [("report.html", HTMLWriter.render(report, zone: zone)), ("report.md", MarkdownWriter.render(report, zone: zone)),
                       ("report.json", ReportJSONWriter.render(report)), ("flags.csv", FlagsCSVWriter.render(report)),
                       ("rejects.csv", RejectsCSVWriter.render(report))]
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, text) in outputs {
                let path = (out as NSString).appendingPathComponent(name)
                try AtomicFile.write(text, to: path)
                written.append(path)
            }
        } catch let error as UserFacingError {
            throw error
        } catch {
            throw UserFacingError(description: "\(out): cannot write the reports: \(error.localizedDescription) (check the directory is writable)")
        }
        for warning in report.warnings where !quiet {
            FileHandle.standardError.write(Data("shipaudit: warning: \(warning.description)\n".utf8))
        }
        switch format {
        case .summary: if !quiet { StandardOutput.write(SummaryWriter.render(report, written: written)) }
        case .table: StandardOutput.write(TableWriter.render(report, zone: zone, colour: isatty(STDOUT_FILENO) == 1))
        case .json: StandardOutput.write(ReportJSONWriter.render(report))
        }
        if strict && !report.rejects.isEmpty {
            FileHandle.standardError.write(Data("shipaudit: error: \(report.rejects.count) row(s) rejected and --strict is set (see \((out as NSString).appendingPathComponent("rejects.csv")))\n".utf8))
            throw ExitCode(ExitStatus.inputError)
        }
        throw ExitCode(report.findings.isEmpty ? ExitStatus.clean : ExitStatus.flagged)
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

    private func refuseOutputOverInputs(_ files: [InputFile]) throws {
        let outDir = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        for file in files where file.path != "-" {
            let input = URL(fileURLWithPath: file.path).standardizedFileURL.resolvingSymlinksInPath()
            if input.path == outDir || ["report.json", "flags.csv", "rejects.csv", "report.html", "report.md"].contains(where: {
                (outDir as NSString).appendingPathComponent($0) == input.path
            }) {
                throw UserFacingError(description: "--out \(out) would overwrite the input \(file.path) (choose another directory)")
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
    /// Writes text unbuffered; a closed pipe exits 0 at once, as `xsv` and `head` expect.
    static func write(_ text: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            Foundation.exit(0)
        }
    }
}
