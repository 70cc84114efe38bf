import Foundation

/// Every report file of a run, rendered at once: the writers are independent, so they share the machine's cores.
public enum ReportFiles {
    /// The file names, in the order they are returned.
    public static let names = ["report.html", "report.md", "report.json", "flags.csv", "rejects.csv"]

    /// Renders every file; returns (name, text) in the order of `names`. Times are shown in `zone`.
    public static func render(_ report: Report, zone: TimeZone) -> [(name: String, text: String)] {
        let renderers: [@Sendable () -> String] = [
            { HTMLWriter.render(report, zone: zone) }, { MarkdownWriter.render(report, zone: zone) },
            { ReportJSONWriter.render(report) }, { FlagsCSVWriter.render(report) }, { RejectsCSVWriter.render(report) },
        ]
        let texts = Texts(count: renderers.count)
        DispatchQueue.concurrentPerform(iterations: renderers.count) { index in
            let text = renderers[index]()
            texts.lock.withLock { texts.values[index] = text }
        }
        return zip(names, texts.values).map { ($0, $1) }
    }

    private final class Texts: @unchecked Sendable {
        let lock = NSLock()
        var values: [String]
        init(count: Int) { values = Array(repeating: "", count: count) }
    }
}
