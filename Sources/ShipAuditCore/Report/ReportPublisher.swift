import Foundation
import ShipAuditCSV
import ShipAuditStorage

#if canImport(Glibc)
import Glibc
#endif

/// Publishes a run's reports all or nothing, so that a reader never sees two runs' reports mixed.
///
/// Each run's files are written into a directory of their own, `.runs/ID/`, and flushed to the disk, with the run's
/// fingerprint written last (`.fingerprint`: the set is complete). Then the history commits (when the run keeps one),
/// then one rename switches the `current` link to the new directory. `report.html` and the other names are fixed
/// links to `current/NAME`, so they all change at that one rename. Earlier runs' directories are removed once the
/// switch is made. A run killed at any moment leaves the previous set; killed between the history's commit and the
/// switch, the next run finds the committed set complete and switches to it first, so the reports and the history
/// agree again; directories of killed runs are removed by the next run.
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

    /// Where the runs' directories are kept.
    var runsDirectory: String { (directory as NSString).appendingPathComponent(".runs") }
    /// The link to the current run's directory.
    var currentLink: String { (directory as NSString).appendingPathComponent("current") }

    /// Renders `report` (the one shown, filtered or not) into every file, records `history` if given, and switches
    /// the reports to the new files. `onRendered` hears how long rendering took; `beforeCommit` runs inside the
    /// history's transaction once the files are on the disk, `beforeSwitch` after the commit (the crash-safety tests
    /// pause there).
    public func publish(
        _ report: Report, history: HistoryEntry?, onRendered: (Duration) -> Void = { _ in },
        beforeCommit: () -> Void = {}, beforeSwitch: () -> Void = {}
    ) throws -> Published {
        let store = try history.map { try FlagHistory(path: $0.path) }
        try recover(lastFingerprint: try store?.lastFingerprint())
        var report = report
        let id = "\(Int(Date().timeIntervalSince1970))-\(getpid())"
        let run = (runsDirectory as NSString).appendingPathComponent(id)
        func prepare(_ report: Report) throws {
            let started = ContinuousClock.now
            try? FileManager.default.removeItem(atPath: run)
            try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
            let syncs = AtomicFile.Syncs()
            let files = ReportFiles.render(report, zone: zone, flagsShown: flagsShown) { name, text in
                let path = (run as NSString).appendingPathComponent(name)
                return (try AtomicFile.prepare(text, for: path, syncs: syncs), path)
            }
            // Every file on the disk before the history commits and the reports switch to them.
            try syncs.wait()
            for file in files {
                let (temporary, path) = try file.saved.get()
                try AtomicFile.commit(temporary, to: path)
            }
            // The set is complete once its fingerprint is written.
            try AtomicFile.write(
                history?.fingerprint ?? "", to: (run as NSString).appendingPathComponent(Self.fingerprintName))
            onRendered(ContinuousClock.now - started)
        }
        do {
            if let history, let store {
                _ = try store.record(history.report, fingerprint: history.fingerprint, exitCode: history.exitCode) {
                    changes in
                    report.changes = changes
                    try prepare(report)
                    beforeCommit()
                }
            } else {
                try prepare(report)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: run)
            throw error
        }
        beforeSwitch()
        try switchReports(to: id)
        removeRuns(except: id)
        return Published(
            report: report, written: ReportFiles.names.map { (directory as NSString).appendingPathComponent($0) })
    }

    /// The file in a run's directory that holds its fingerprint, written last.
    static let fingerprintName = ".fingerprint"

    /// Points `current` at run `id` (one rename), and each report's name at `current/NAME` where it is not yet
    /// (the first run in a directory, or one written by an older shipaudit, whose files are replaced by the links).
    func switchReports(to id: String) throws {
        try AtomicFile.link(currentLink, to: ".runs/\(id)")
        for name in ReportFiles.names {
            let path = (directory as NSString).appendingPathComponent(name)
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != "current/\(name)" {
                try AtomicFile.link(path, to: "current/\(name)")
            }
        }
    }

    /// Before a run publishes: a complete set whose run the history committed last, but which a killed run did not
    /// switch to, is switched to now; directories of runs that ended without publishing are removed.
    func recover(lastFingerprint: String?) throws {
        let current = (try? FileManager.default.destinationOfSymbolicLink(atPath: currentLink))
            .map { ($0 as NSString).lastPathComponent }
        if let lastFingerprint, let current,
            fingerprint(of: current) != lastFingerprint,
            let committed = runIds().first(where: { $0 != current && fingerprint(of: $0) == lastFingerprint })
        {
            try switchReports(to: committed)
            removeRuns(except: committed)
        } else {
            removeRuns(except: current)
        }
        // Temporary files of runs by older shipaudits (`.report.html.tmp-PID`), whose process has ended.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasPrefix(".") && name.contains(".tmp-") {
            if let pid = Int32(name.split(separator: "-").last ?? ""), !Self.isRunning(pid) {
                try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        }
    }

    /// The runs' directories.
    private func runIds() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: runsDirectory)) ?? []).sorted()
    }

    /// A run's fingerprint, nil while its set is incomplete.
    private func fingerprint(of id: String) -> String? {
        try? String(
            contentsOfFile: (runsDirectory as NSString).appendingPathComponent("\(id)/\(Self.fingerprintName)"),
            encoding: .utf8)
    }

    /// Removes every run's directory but `kept`, and those of runs still going (another process without a lock).
    private func removeRuns(except kept: String?) {
        for id in runIds() where id != kept {
            if let pid = Int32(id.split(separator: "-").last ?? ""), pid != getpid(), Self.isRunning(pid) { continue }
            try? FileManager.default.removeItem(atPath: (runsDirectory as NSString).appendingPathComponent(id))
        }
    }

    private static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }
}
