import ArgumentParser
import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// `shipaudit inspect FILE`: the first step in mapping an unknown export.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Describe a CSV file: delimiter, encoding, rows, the profile that reads it (or what it lacks), each column's values, and a starter mapping."
    )

    @Argument(help: ArgumentHelp("The file to inspect; - reads standard input.", valueName: "file"))
    var file: String

    @Option(
        help: ArgumentHelp(
            "What the file holds: orders, catalog, shipments, tracking or invoices. Default: guessed.",
            valueName: "kind"))
    var kind: KindArgument?

    @Option(help: ArgumentHelp("Config whose profiles and time zone to use.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Field delimiter: comma, semicolon or tab. Default: sniffed.", valueName: "delimiter"))
    var delimiter: Delimiter?

    func run() throws {
        let configuration = try Configuration.load(config)
        // Standard input can be read once: it is kept in a temporary file for the inspection's passes.
        var path = file
        if let problem = InputFile.notAFile(file) { throw UserFacingError(description: problem.description) }
        if file == "-" {
            path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
                "shipaudit-inspect-\(ProcessInfo.processInfo.processIdentifier).csv")
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard FileManager.default.createFile(atPath: path, contents: data) else {
                throw UserFacingError(description: "-: cannot keep standard input in \(path)")
            }
        }
        defer { if file == "-" { try? FileManager.default.removeItem(atPath: path) } }
        do {
            var text = try FileInspector.inspect(
                path: path, kind: kind.flatMap { InputKind(rawValue: $0.rawValue) },
                delimiter: delimiter?.byte,
                profiles: configuration.customProfiles + BuiltInProfiles.all,
                timeZone: configuration.timeZone,
                knownServices: configuration.services.merging(configuration.rateTitles) { a, _ in a })
            if file == "-" {
                text = text.replacingOccurrences(of: path, with: "-").replacingOccurrences(
                    of: "[profiles.shipaudit-inspect-\(ProcessInfo.processInfo.processIdentifier)",
                    with: "[profiles.stdin")
            }
            StandardOutput.write(text)
        } catch {
            throw UserFacingError(
                description: error.description.replacingOccurrences(of: path, with: file == "-" ? "-" : path))
        }
    }
}

/// `--kind` values.
enum KindArgument: String, ExpressibleByArgument, CaseIterable {
    case orders, catalog, shipments, tracking, invoices
}

/// `shipaudit profiles`: the layouts shipaudit reads, as mappings to copy and change.
struct Profiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the input profiles, or show one as the TOML mapping it is.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in profiles and those in the config.")

        @Option(help: ArgumentHelp("Config whose profiles to include.", valueName: "file"))
        var config: String?

        func run() throws {
            let configuration = try Configuration.load(config)
            var out = ""
            for profile in configuration.customProfiles + BuiltInProfiles.all {
                out +=
                    "\(profile.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(profile.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(profile.title)\(profile.isBuiltIn ? "" : " (config)")\n"
            }
            StandardOutput.write(out)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a profile as a mapping to paste into the config and change.")

        @Argument(help: ArgumentHelp("The profile id, e.g. shopify-orders.", valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("Config whose profiles to include.", valueName: "file"))
        var config: String?

        func run() throws {
            let configuration = try Configuration.load(config)
            let all = configuration.customProfiles + BuiltInProfiles.all
            guard let profile = all.first(where: { $0.id == id }) else {
                throw UserFacingError(
                    description: "no profile \"\(id)\" (profiles: \(all.map(\.id).joined(separator: ", ")))")
            }
            StandardOutput.write(ProfileMappingText.render(profile))
        }
    }
}
