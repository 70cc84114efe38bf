import ArgumentParser
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// `shipaudit rules`: every check with what it flags and its current thresholds.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the checks, what each flags and the thresholds in effect.")

    @Option(help: ArgumentHelp("Config file whose thresholds to show.", valueName: "file"))
    var config: String?

    func run() throws {
        StandardOutput.write(RulesListing.render(try Configuration.load(config)))
    }
}
