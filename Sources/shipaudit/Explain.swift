import ArgumentParser
import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// `shipaudit explain ORDER`: why an order was flagged or not.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Explain one order: its rows with file:line, the weight and promise computations, and every rule's outcome."
    )

    @Argument(help: ArgumentHelp("The order number (#1041 or 1041).", valueName: "order"))
    var order: String

    @OptionGroup var inputs: InputOptions

    func run() throws {
        let (configuration, givenAsOf) = try inputs.settings()
        let matched: MatchedInputs
        let files = try inputs.files()
        do {
            // Large exports' records in temporary files (unlinked at once), as `analyze` keeps them in its report directory.
            matched = try Analysis(configuration: configuration).match(
                files, backing: .files(in: NSTemporaryDirectory()))
        } catch {
            throw UserFacingError(description: error.description)
        }
        let id = ValueParsers.orderNumber(order)
        guard let found = matched.orders.first(where: { $0.order.id == id }) else {
            let packages = matched.unmatchedShipments(orderId: id)
            if !packages.isEmpty {
                StandardOutput.write(
                    "Order \(order) is in no orders export; packages for it: "
                        + packages.map { "\($0.trackingNumber) (\($0.source.description))" }.joined(separator: ", ")
                        + "\n")
                throw ExitCode(ExitStatus.flagged)
            }
            throw UserFacingError(
                description: "order \(order) is not in the orders export (\(matched.orders.count) orders read)")
        }
        // The configuration with the store's clock decided from the orders (zone and holidays), and `--as-of` read
        // in that zone.
        let effective = matched.configuration
        let asOf = inputs.asOf(in: matched.clock.zone) ?? givenAsOf
        let outcomes = Checker(configuration: effective).outcomes(for: found, in: matched, asOf: asOf)
        StandardOutput.write(
            TerminalText.escaped(
                ExplainWriter.render(
                    found, outcomes: outcomes, catalog: matched.catalog, configuration: effective, asOf: asOf,
                    invoicesGiven: !matched.loaded.invoices.isEmpty)))
        // The rows that kept the order from being checked, each with where and why.
        let rejected = matched.loaded.rejects.filter { $0.orderId == id }
        if !rejected.isEmpty {
            StandardOutput.write(
                TerminalText.escaped(
                    "\nRows of this order that were rejected\n"
                        + rejected.map { "  \($0.description)\n" }.joined()))
        }
        if matched.clock.source != .configured || matched.clock.ordersOffZone > 0 {
            StandardOutput.write("\n" + matched.clock.notes.map { "clock: " + $0 }.joined(separator: "\n") + "\n")
        }
        let flagged = outcomes.contains { if case .flagged = $0.outcome { return true } else { return false } }
        throw ExitCode(flagged ? ExitStatus.flagged : ExitStatus.clean)
    }
}
