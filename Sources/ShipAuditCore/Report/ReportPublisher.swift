import Foundation
import ShipAuditCSV
import ShipAuditStorage

#if canImport(Glibc)
import Glibc
#endif

/// Publishes a run's reports all or nothing. Every file is rendered to a temporary name beside its place and flushed
/// to the disk; then the history's transaction commits (when the run keeps one); then every file is renamed into
/// place. A failure before the renames removes the temporary files, and leaves the previous reports and the history
/// as they were; a run killed before the commit does the same (its temporary files are unlinked names, `.NAME.tmp-PID`).
public struct ReportPublisher {
    /// Where the reports go.
    public let directory: String
    /// The zone the manager's reports show times in.
    public var zone: TimeZone
    /// The most flags the manager's reports show.
    public var flagsShown: Int

    /// A publisher for `directory`.
    public init(directory: String, zone: TimeZone, flagsShown: Int) {
        (self.directory, self.zone, self.flagsShown) = (directory, zone, flagsShown)
    }

    /// The history a run is recorded in: the whole run's report (unfiltered), its fingerprint and its exit code.
    public struct HistoryEntry {
        /// The history file.
        public let path: String
        /// The run's report before any filter.
        public let report: Report
        /// As-of, settings and inputs: the same fingerprint a second time records nothing new.
        public let fingerprint: String
        /// The run's exit code.
        public let exitCode: Int

        /// An entry.
        public init(path: String, report: Report, fingerprint: String, exitCode: Int) {
            (self.path, self.report, self.fingerprint, self.exitCode) = (path, report, fingerprint, exitCode)
        }
    }

    /// What was published.
    public struct Published {
        /// The report as written (with the history's changes).
        public var report: Report
        /// The paths written, in `ReportFiles.names` order.
        public var written: [String]
    }

    /// Renders `report` (the one shown, filtered or not) into every file, records `history` if given, and moves the
    /// files into place. `onRendered` hears how long rendering took; `beforeCommit` runs inside the history's
    /// transaction once the files are on the disk (the crash-safety tests pause there).
    public func publish(
        _ report: Report, history: HistoryEntry?, onRendered: (Duration) -> Void = { _ in },
        beforeCommit: () -> Void = {}
    ) throws -> Published {
        var report = report
        var prepared: [(temporary: String, path: String)] = []
        func prepare(_ report: Report) throws {
            prepared = []
            let started = ContinuousClock.now
            let directory = self.directory
            let syncs = AtomicFile.Syncs()
            let files = ReportFiles.render(report, zone: zone, flagsShown: flagsShown) { name, text in
                let path = (directory as NSString).appendingPathComponent(name)
                return (try AtomicFile.prepare(text, for: path, syncs: syncs), path)
            }
            prepared = files.compactMap { try? $0.saved.get() }
            // Every file on the disk before the history commits and the files are moved into place.
            try syncs.wait()
            for file in files { _ = try file.saved.get() }
            onRendered(ContinuousClock.now - started)
        }
        do {
            if let history {
                let store = try FlagHistory(path: history.path)
                _ = try store.record(history.report, fingerprint: history.fingerprint, exitCode: history.exitCode) {
                    changes in
                    report.changes = changes
                    try prepare(report)
                    beforeCommit()
                }
            } else {
                try prepare(report)
            }
            for (temporary, path) in prepared { try AtomicFile.commit(temporary, to: path) }
        } catch {
            for (temporary, _) in prepared { unlink(temporary) }
            throw error
        }
        return Published(report: report, written: prepared.map(\.path))
    }
}
