import Foundation
import Testing

@testable import ShipAuditCore

/// How a report directory recovers from a run killed between the history's commit and the switch of its reports.
struct ReportPublisherTests {
    /// (Run ids end in a process id no process has, as a killed run's do.)
    /// A report directory with the complete sets `runs` (id → fingerprint), `current` naming the first.
    static func directory(_ runs: [(String, String?)]) throws -> (ReportPublisher, String) {
        let directory = (Fixture.temporary("", name: "placeholder") as NSString).deletingLastPathComponent
        let publisher = ReportPublisher(directory: directory, zone: Fixture.newYork, flagsShown: 10)
        for (id, fingerprint) in runs {
            let run = directory + "/.runs/" + id
            try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
            for name in ReportFiles.names {
                FileManager.default.createFile(atPath: run + "/" + name, contents: Data(id.utf8))
            }
            if let fingerprint {
                FileManager.default.createFile(atPath: run + "/.fingerprint", contents: Data(fingerprint.utf8))
            }
        }
        try publisher.switchReports(to: runs[0].0)
        return (publisher, directory)
    }

    @Test("the history's last run has a complete set that was never switched to: it is switched to, the rest removed")
    func rollsForward() throws {
        // `1-…`: the set shown; `2-…`: committed, killed before its switch; `3-…`: killed before its commit.
        let (publisher, directory) = try Self.directory([
            ("1-3999991", "old"), ("2-3999992", "new"), ("3-3999993", nil),
        ])
        try publisher.recover(lastFingerprint: "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/current") == ".runs/2-3999992")
        #expect(try String(contentsOfFile: directory + "/report.json", encoding: .utf8) == "2-3999992")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/.runs") == ["2-3999992"])
    }

    @Test("a set the history does not have last is never switched to; unfinished sets are removed")
    func keepsCurrent() throws {
        let (publisher, directory) = try Self.directory([
            ("1-3999991", "old"), ("3-3999993", "killed before its commit"),
        ])
        try publisher.recover(lastFingerprint: "old")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/current") == ".runs/1-3999991")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/.runs") == ["1-3999991"])
    }
}
