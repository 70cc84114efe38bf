import ArgumentParser
import Foundation
import ShipAuditCore

/// `shipaudit analyze`: read the exports, run every check, write the reports.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check orders against their shipments and write flags.csv, report.json and rejects.csv.",
        discussion: """
        Input layouts are recognised from their headers: Shopify orders and products exports, ShipStation \
        shipment exports, and the shipaudit CSV layouts, tracking included (see the README). Promises, \
        lateness and "not shipped" are judged as of --as-of. Dates without an offset are read in \
        [store] time_zone of the config.

        Exit codes: 0 nothing flagged; 1 flags found; 2 usage or input error (with --strict, also any rejected row).
        """)

    @Option(name: .customLong("orders"), help: ArgumentHelp("Orders export (CSV). Repeat for several files.", valueName: "file"))
    var orders: [String] = []

    @Option(name: .customLong("shipments"), help: ArgumentHelp("Shipments export, one row per package. Repeat for several files.", valueName: "file"))
    var shipments: [String] = []

    @Option(name: .customLong("catalog"), help: ArgumentHelp("Products export with unit weights; without it, weights are not checked.", valueName: "file"))
    var catalog: [String] = []

    @Option(name: .customLong("tracking"), help: ArgumentHelp("Carrier tracking export (scan events or snapshots). Repeatable.", valueName: "file"))
    var tracking: [String] = []

    @Option(help: ArgumentHelp("Config file (TOML): rate titles, time zone, weight tolerance, policy.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The time the run treats as now (ISO 8601). Default: the current time.", valueName: "time"))
    var asOf: String?

    @Option(help: ArgumentHelp("Directory for the reports (created if missing).", valueName: "dir"))
    var out: String = "report"

    @Option(name: .customLong("orders-profile"), help: ArgumentHelp("Read the orders files with this profile instead of recognising it.", valueName: "id"))
    var ordersProfile: String?

    @Option(name: .customLong("shipments-profile"), help: ArgumentHelp("Read the shipments files with this profile.", valueName: "id"))
    var shipmentsProfile: String?

    @Option(name: .customLong("tracking-profile"), help: ArgumentHelp("Read the tracking files with this profile.", valueName: "id"))
    var trackingProfile: String?

    @Option(name: .customLong("catalog-profile"), help: ArgumentHelp("Read the catalog files with this profile.", valueName: "id"))
    var catalogProfile: String?

    @Option(help: ArgumentHelp("Field delimiter: comma, semicolon or tab. Default: sniffed from the header line.", valueName: "delimiter"))
    var delimiter: Delimiter?

    @Flag(help: "Exit with code 2 when any row was rejected.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print nothing on success (errors still go to stderr).")
    var quiet = false

    func validate() throws {
        if orders.isEmpty { throw ValidationError("Missing --orders: the orders export to check.") }
        if shipments.isEmpty { throw ValidationError("Missing --shipments: the shipments export with the labels.") }
    }

    func run() throws {
        let configuration = try Configuration.load(config)
        let asOfDate = try parseAsOf(timeZone: configuration.timeZone)
        let files = orders.map { InputFile(path: $0, kind: .orders, profileId: ordersProfile, delimiter: delimiter?.byte) }
            + catalog.map { InputFile(path: $0, kind: .catalog, profileId: catalogProfile, delimiter: delimiter?.byte) }
            + shipments.map { InputFile(path: $0, kind: .shipments, profileId: shipmentsProfile, delimiter: delimiter?.byte) }
            + tracking.map { InputFile(path: $0, kind: .tracking, profileId: trackingProfile, delimiter: delimiter?.byte) }
        try refuseOutputOverInputs(files)

        let report: Report
        do {
            report = try Analysis(configuration: configuration).run(files, asOf: asOfDate)
        } catch {
            throw UserFacingError(description: error.description)
        }

        let outputs = [("report.json", ReportJSONWriter.render(report)), ("flags.csv", FlagsCSVWriter.render(report)),
                       ("rejects.csv", RejectsCSVWriter.render(report))]
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, text) in outputs {
                let path = (out as NSString).appendingPathComponent(name)
                try AtomicFile.write(text, to: path)
                written.append(path)
            }
        } catch {
            throw UserFacingError(description: "\(out): cannot write the reports: \(error.localizedDescription) (check the directory is writable)")
        }
        for warning in report.warnings where !quiet {
            FileHandle.standardError.write(Data("shipaudit: warning: \(warning.description)\n".utf8))
        }
        if !quiet { print(SummaryWriter.render(report, written: written), terminator: "") }
        if strict && !report.rejects.isEmpty {
            FileHandle.standardError.write(Data("shipaudit: error: \(report.rejects.count) row(s) rejected and --strict is set (see \((out as NSString).appendingPathComponent("rejects.csv")))\n".utf8))
            throw ExitCode(ExitStatus.inputError)
        }
        throw ExitCode(report.findings.isEmpty ? ExitStatus.clean : ExitStatus.flagged)
    }

    private func parseAsOf(timeZone: TimeZone) throws -> Date {
        guard let asOf else { return Date() }
        switch TimestampParser(timeZone: timeZone).parse(asOf) {
        case .success(let date): return date
        case .failure(let error): throw UserFacingError(description: "--as-of: \(error.reason) (\(error.hint))")
        }
    }

    private func refuseOutputOverInputs(_ files: [InputFile]) throws {
        let outDir = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        for file in files {
            let input = URL(fileURLWithPath: file.path).standardizedFileURL.resolvingSymlinksInPath()
            if input.path == outDir || ["report.json", "flags.csv", "rejects.csv"].contains(where: {
                (outDir as NSString).appendingPathComponent($0) == input.path
            }) {
                throw UserFacingError(description: "--out \(out) would overwrite the input \(file.path) (choose another directory)")
            }
        }
    }
}

/// The delimiters `--delimiter` accepts.
enum Delimiter: String, ExpressibleByArgument, CaseIterable {
    case comma, semicolon, tab
    var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .semicolon: UInt8(ascii: ";")
        case .tab: 0x09
        }
    }
}
