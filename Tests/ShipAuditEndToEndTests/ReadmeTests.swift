import Foundation
import Testing

/// The README's "Common tasks" run as written: every command of the section's shell blocks, in order, in a directory
/// holding `samples/` as a fresh clone does, with the built binary first on the PATH (the section's first block).
struct ReadmeTests {
    /// The section's commands, continuation lines joined, comments and the PATH line left out.
    static func commonTasks() throws -> [String] {
        let readme = try String(contentsOf: Shell.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## Common tasks\n"))
        let section = readme[start.upperBound...].components(separatedBy: "\n## ").first ?? ""
        var commands: [String] = []
        var inBlock = false
        var pending = ""
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock = line == "```sh"
                continue
            }
            guard inBlock, !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            commands.append(pending + line)
            pending = ""
        }
        return commands.filter { !$0.hasPrefix("export PATH=") }
    }

    @Test("every command of Common tasks runs on samples/ as written: exit 0 or 1, nothing on stderr")
    func commonTasksRun() throws {
        let commands = try Self.commonTasks()
        #expect(commands.count >= 8, "\(commands)")
        #expect(!commands.contains { $0.contains("…") }, "a placeholder cannot be pasted")
        let dir = Shell.scratch()
        try FileManager.default.copyItem(
            at: Shell.root.appendingPathComponent("samples"), to: dir.appendingPathComponent("samples"))
        let bin = URL(fileURLWithPath: Shell.binary).deletingLastPathComponent().path
        for command in commands {
            let result = try Shell.runBash("PATH='\(bin)':\"$PATH\"; \(command)", in: dir)
            #expect([0, 1].contains(result.status), "\(command): exit \(result.status) \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command) printed nothing")
        }
        // The first block wrote the reports and its run is the history's.
        #expect(FileManager.default.fileExists(atPath: dir.path + "/report/report.html"))
    }
}
