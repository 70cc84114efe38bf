import ArgumentParser
import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// The input files, config and "now" that `analyze` and `explain` share.
struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("orders"),
        help: ArgumentHelp("Orders export (CSV; - reads standard input). Repeat for several files.", valueName: "file"),
        completion: .file())
    var orders: [String] = []

    @Option(
        name: .customLong("shipments"),
        help: ArgumentHelp("Shipments export, one row per package. Repeat for several files.", valueName: "file"),
        completion: .file())
    var shipments: [String] = []

    @Option(
        name: .customLong("catalog"),
        help: ArgumentHelp(
            "Products export with unit weights; without it, weights are not checked.", valueName: "file"),
        completion: .file())
    var catalog: [String] = []

    @Option(
        name: .customLong("tracking"),
        help: ArgumentHelp("Carrier tracking export (scan events or snapshots). Repeatable.", valueName: "file"),
        completion: .file())
    var tracking: [String] = []

    @Option(
        name: .customLong("invoices"),
        help: ArgumentHelp(
            "Carrier invoice (UPS Billing Data CSV, or a mapped layout), one row per charge. Repeatable.",
            valueName: "file"),
        completion: .file())
    var invoices: [String] = []

    @Option(
        help: ArgumentHelp(
            "Config file (TOML): rate titles, time zone, cutoff, calendar, tolerances, policy.", valueName: "file"),
        completion: .file(extensions: ["toml"]))
    var config: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The time the run treats as now (ISO 8601). Default: the current time.", valueName: "time"))
    var asOf: String?

    @Option(
        name: .customLong("orders-profile"),
        help: ArgumentHelp("Read the orders files with this profile instead of recognising it.", valueName: "id"))
    var ordersProfile: String?

    @Option(
        name: .customLong("shipments-profile"),
        help: ArgumentHelp("Read the shipments files with this profile.", valueName: "id"))
    var shipmentsProfile: String?

    @Option(
        name: .customLong("catalog-profile"),
        help: ArgumentHelp("Read the catalog files with this profile.", valueName: "id"))
    var catalogProfile: String?

    @Option(
        name: .customLong("tracking-profile"),
        help: ArgumentHelp("Read the tracking files with this profile.", valueName: "id"))
    var trackingProfile: String?

    @Option(
        name: .customLong("invoices-profile"),
        help: ArgumentHelp("Read the invoice files with this profile instead of recognising it.", valueName: "id"))
    var invoicesProfile: String?

    @Option(
        help: ArgumentHelp(
            "Field delimiter: comma, semicolon or tab. Default: sniffed from the header line.", valueName: "delimiter"))
    var delimiter: Delimiter?

    func validate() throws {
        if orders.isEmpty { throw ValidationError("Missing --orders: the orders export to check.") }
        if (orders + shipments + catalog + tracking + invoices).filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Only one input can be read from standard input (-).")
        }
    }

    /// The input files in the order the pipeline reads them: a directory stands for its newest export (for invoices,
    /// every CSV in it: each week's invoice is a file of its own), a glob for every file it matches.
    func files() throws -> [InputFile] {
        func expand(_ arguments: [String], _ kind: InputKind, _ profile: String?) throws -> [InputFile] {
            try arguments.flatMap {
                try InputPaths.expand($0, option: "--\(kind.rawValue)", everyFile: kind == .invoices)
            }
            .map { InputFile(path: $0, kind: kind, profileId: profile, delimiter: delimiter?.byte) }
        }
        let named =
            try expand(orders, .orders, ordersProfile) + expand(catalog, .catalog, catalogProfile)
            + expand(shipments, .shipments, shipmentsProfile) + expand(tracking, .tracking, trackingProfile)
            + expand(invoices, .invoices, invoicesProfile)
        // A file named twice (overlapping globs) is read once: its orders would count twice.
        let (files, warnings) = InputFile.readOnce(named)
        for warning in warnings {
            FileHandle.standardError.write(Data("shipaudit: warning: \(TerminalText.escaped(warning))\n".utf8))
        }
        return files
    }

    /// The SHA-256 of the config file's bytes ("" without one), so a rerun with other settings is a new run.
    func configChecksum() -> String {
        guard let config, let data = FileManager.default.contents(atPath: config) else { return "" }
        return SHA256Stream.hex(of: data)
    }

    /// The configuration, and "now".
    func settings() throws -> (Configuration, Date) {
        let configuration = try Configuration.load(config)
        guard let asOf else { return (configuration, Date()) }
        switch TimestampParser(timeZone: configuration.timeZone).parse(asOf) {
        case .success(let date): return (configuration, date)
        case .failure(let error): throw UserFacingError(description: "--as-of: \(error.reason) (\(error.hint))")
        }
    }
}

extension InputOptions {
    /// `--as-of` read in `zone` (the store's, once the orders said which): a date without an offset is that day's
    /// midnight in the store's zone. Nil without `--as-of`.
    func asOf(in zone: TimeZone) -> Date? {
        asOf.flatMap { try? TimestampParser(timeZone: zone).parse($0).get() }
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
