import ArgumentParser
import Foundation
import Logging
import ShipAuditCSV
import ShipAuditStorage

/// The run's log: levelled lines on stderr through swift-log (for cron and journald), and a progress line that is
/// drawn only when stderr is a terminal.
struct RunLog {
    let logger: Logger
    let showsProgress: Bool

    static func start(level: LogLevelArgument, quiet: Bool) -> RunLog {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level.level
            return handler
        }
        var logger = Logger(label: "shipaudit")
        logger.logLevel = level.level
        return RunLog(logger: logger, showsProgress: !quiet && isatty(STDERR_FILENO) == 1 && level.level > .info)
    }

    func info(_ message: String) { logger.info("\(message)") }

    /// The process's peak resident memory so far, "812 MB" (Linux's /proc), or "" where it cannot be read.
    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return "" }
        return "\(kilobytes / 1024) MB"
    }

    /// A duration for the log: "2.41 s".
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f s", Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Overwrites the progress line (terminal only).
    func progress(_ message: String) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(message)…".utf8))
    }

    func clearProgress() {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// `--log-level` values.
enum LogLevelArgument: String, ExpressibleByArgument, CaseIterable {
    case debug, info, notice, warning, error
    var level: Logger.Level { Logger.Level(rawValue: rawValue)! }
}
