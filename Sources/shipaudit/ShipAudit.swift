import ArgumentParser
import CMalloc
import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// The `shipaudit` command: subcommands, and the exit codes every subcommand shares.
struct ShipAudit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shipaudit",
        abstract: "Audit shipments: find orders where what the customer paid for is not what the carrier did.",
        discussion: """
            Exit codes:
              0  analysed, nothing flagged
              1  analysed, flags found
              2  usage or input error: unreadable file, missing required column, no rows
                 (with --strict, also any rejected row)
              3  another run holds the history's lock; this run did nothing
            """,
        subcommands: [Analyze.self, Explain.self, Inspect.self, Profiles.self, HistoryCommand.self, Rules.self],
        defaultSubcommand: nil)
}

/// Exit codes, as documented in `--help` and the README.
enum ExitStatus {
    static let clean: Int32 = 0
    static let flagged: Int32 = 1
    static let inputError: Int32 = 2
    static let locked: Int32 = 3
}

@main
enum Main {
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        // Blocks of a megabyte or more are mapped on their own and given back when freed: otherwise the match
        // stage's freed tables and the read stage's indexes stay in the heap, unused (47 MB of a million-order
        // run's peak).
        shipaudit_map_blocks_from(1 << 20)
        // Freed room at the top of a heap is kept up to 8 MB: the check's workers encode each slice's flags into a
        // few hundred kilobytes, freed once written, and with glibc's 128 KB every slice faulted its pages in again
        // (13,000 page faults of a million-order run; the peak memory is the same).
        shipaudit_keep_freed_top(8 << 20)
        do {
            var command = try ShipAudit.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data("shipaudit: error: \(error.description)\n".utf8))
            Foundation.exit(ExitStatus.inputError)
        } catch {
            let code = ShipAudit.exitCode(for: error)
            if code == .success {
                print(ShipAudit.fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((ShipAudit.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.inputError)
        }
    }
}
