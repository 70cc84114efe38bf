import ArgumentParser
import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// `shipaudit history`: past runs, one order's flags over time, and marking a flag resolved by hand.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show past runs, one order's flags over time, or mark a flag resolved by hand.",
        subcommands: [Runs.self, Show.self, Resolve.self], defaultSubcommand: Runs.self)

    struct Where: ParsableArguments {
        @Option(help: ArgumentHelp("The history file (default: report/history.sqlite).", valueName: "file"))
        var history: String = "report/history.sqlite"

        /// `body`'s result; a history error as one line naming the file.
        func reading<T>(_ body: (FlagHistory) throws -> T) throws -> T {
            let store = try open()
            do { return try body(store) } catch let database as DatabaseError {
                throw UserFacingError(description: database.line(history))
            }
        }

        func open() throws -> FlagHistory {
            guard FileManager.default.fileExists(atPath: history) else {
                throw UserFacingError(description: "\(history): no history yet (run analyze first, or pass --history)")
            }
            do { return try FlagHistory(path: history) } catch let newer as FlagHistory.NewerSchema {
                throw UserFacingError(description: newer.description)
            } catch let database as DatabaseError {
                throw UserFacingError(description: database.line(history))
            } catch {
                throw UserFacingError(description: "\(history): \(error)")
            }
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List past runs, newest first.")
        @OptionGroup var place: Where
        @Option(help: "How many runs.") var limit = 30

        func run() throws {
            let rows = try place.reading { try $0.runs(limit: limit) }
            var out = "AS OF                 ORDERS  FLAGGED  FLAGS  EXIT  MONEY AT STAKE  BY\n"
            for row in rows {
                let by = row.count > 7 ? (row[7] ?? "") : ""
                out +=
                    "\((row[0] ?? "").padding(toLength: 20, withPad: " ", startingAt: 0))  \((row[1] ?? "").leftPadded(6))  \((row[2] ?? "").leftPadded(7))  \((row[3] ?? "").leftPadded(5))  \((row[5] ?? "").leftPadded(4))  \((row[4] ?? "").padding(toLength: 14, withPad: " ", startingAt: 0))  \(by)\n"
            }
            StandardOutput.write(out)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one order's flags over time.")
        @Argument(help: "The order number (#1041 or 1041).") var order: String
        @OptionGroup var place: Where

        func run() throws {
            let id = ValueParsers.orderNumber(order)
            let rows = try place.reading { try $0.flags(orderId: id) }
            guard !rows.isEmpty else {
                throw UserFacingError(description: "order \(order) has no flags in \(place.history)")
            }
            var out = ""
            for row in rows {
                let state: String
                if let resolved = row[4] {
                    state =
                        row[5] == "1"
                        ? "resolved by hand \(resolved)" + (row[6].map { ": \($0)" } ?? "") : "resolved \(resolved)"
                } else {
                    state = "open"
                }
                out +=
                    "\(row[0] ?? "") (\(row[1] ?? "")): first seen \(row[2] ?? ""), last seen \(row[3] ?? ""), \(state)\n  \(row[7] ?? "")\n"
            }
            StandardOutput.write(out)
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a flag resolved by hand (it stops appearing as open).")
        @Argument(help: "The order number.") var order: String
        @Argument(help: "The rule id, e.g. weight_short.") var rule: String
        @Option(help: "Why, e.g. \"credit issued\".") var note: String
        @OptionGroup var place: Where

        func run() throws {
            do {
                try place.open().resolve(orderId: ValueParsers.orderNumber(order), rule: rule, note: note, at: Date())
            } catch let error as UserFacingError {
                throw error
            } catch let database as DatabaseError {
                throw UserFacingError(description: database.line(place.history))
            } catch {
                throw UserFacingError(description: "\(error)")
            }
            StandardOutput.write("\(rule) on \(order) marked resolved: \(note)\n")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
