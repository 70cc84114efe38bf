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
        version: Generator.version,
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
            FileHandle.standardError.write(
                Data("shipaudit: error: \(TerminalText.escaped(error.description, keepingNewlines: false))\n".utf8))
            Foundation.exit(ExitStatus.inputError)
        } catch {
            let code = ShipAudit.exitCode(for: error)
            if code == .success {
                print(ShipAudit.fullMessage(for: error))
                Foundation.exit(0)
            }
            var message = ShipAudit.fullMessage(for: error)
            // A mistyped option (`--ordres`) is named with the closest valid one, before the parser's own words
            // ("Missing expected argument '--orders'").
            if let suggestion = OptionSuggestion.forArguments(CommandLine.arguments) { message = suggestion }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(ExitStatus.inputError)
        }
    }
}

/// The closest valid option for an unknown one on the command line.
enum OptionSuggestion {
    /// "Error: unknown option '--ordres' (did you mean '--orders'?)" for the first unknown long option, nil when
    /// every long option is known to the subcommand.
    static func forArguments(_ arguments: [String]) -> String? {
        let words = Array(arguments.dropFirst())
        guard let name = words.first,
            let command = ShipAudit.configuration.subcommands.first(where: { $0._commandName == name })
        else { return nil }
        let help = command.helpMessage(columns: 200)
        var known = Set<String>()
        for token in help.split(whereSeparator: { " ,<>|=\n\t()[]".contains($0) }) where token.hasPrefix("--") {
            known.insert(String(token))
        }
        known.formUnion(["--help", "--version"])
        for word in words.dropFirst() where word.hasPrefix("--") {
            let option = String(word.split(separator: "=", maxSplits: 1).first ?? "")
            guard !known.contains(option) else { continue }
            // The fewest edits, then the same length (a swap, `--ordres`, is two edits from `--orders` and `--order`).
            let closest = known.min { a, b in
                (distance(Array(a), Array(option)), abs(a.count - option.count), a)
                    < (distance(Array(b), Array(option)), abs(b.count - option.count), b)
            }
            let hint = closest.flatMap { distance(Array($0), Array(option)) <= 3 ? " (did you mean '\($0)'?)" : nil }
            return "Error: unknown option '\(option)'\(hint ?? "")\nUsage: see shipaudit \(name) --help"
        }
        return nil
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int { Header.distance(a, b) }
}
