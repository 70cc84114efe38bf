import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Every report file of a run, rendered at once: the writers are independent, so they share the machine's cores.
public enum ReportFiles {
    /// The file names, in the order they are handled.
    public static let names = ["report.html", "report.md", "report.json", "flags.csv", "rejects.csv", "claims.csv"]

    /// Renders every file (times shown in `zone`) and hands each text, in parts, to `save` as soon as it is rendered, so that no
    /// more than one text per core is held at once. Returns what `save` returned or threw, in the order of `names`.
    /// The manager's reports show at most `flagsShown` flags.
    public static func render<Saved: Sendable>(
        _ report: Report, zone: TimeZone, flagsShown: Int = ReportSettings().flagsShown,
        save: @Sendable (_ name: String, _ text: ReportText) throws -> Saved
    ) -> [(name: String, saved: Result<Saved, any Error>)] {
        // Tasks; each renders files (by their index in `names`) one after the other. The one that runs on one core
        // (the digest, then the manager's two reports) starts first: report.json and flags.csv render in slices on
        // whatever cores are free, so started first they left the digest's chain to run alone at the end (about
        // 0.2 s of a million-order run with one core idle).
        let tasks: [@Sendable (_ done: (Int, ReportText) -> Void) -> Void] = [
            { done in
                let digest = ReportDigest(report, flagsShown: flagsShown)
                done(0, ReportText(HTMLWriter.render(report, digest: digest, zone: zone)))
                done(1, ReportText(MarkdownWriter.render(report, digest: digest, zone: zone)))
            },
            { done in done(2, ReportJSONWriter.renderText(report)) },
            { done in done(3, FlagsCSVWriter.renderText(report)) },
            { done in
                done(4, ReportText(RejectsCSVWriter.render(report)))
                done(5, ReportText(ClaimsCSVWriter.render(report)))
            },
        ]
        let results = Slots<Result<Saved, any Error>>(count: names.count)
        // A small report renders on this thread: waking the pool's threads costs more than they save.
        let serial = report.findings.count + report.rejects.count < 2_000
        DispatchQueue.concurrentPerform(iterations: serial ? 1 : tasks.count) { worker in
            for task in serial ? Array(tasks.indices) : [worker] {
                let run = tasks[task]
                run { index, text in
                    let result = Result { try save(names[index], text) }
                    results.set(index, result)
                }
            }
        }
        return zip(names, results.takeAll()).map { ($0, $1) }
    }
}
