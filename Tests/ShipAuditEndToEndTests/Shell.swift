import Foundation
import Testing

/// Runs the built `shipaudit` binary in a throwaway directory and captures what it did.
struct Shell {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The project root (where samples/ is).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// This target's fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The binary: `SHIPAUDIT_BIN`, or the one built beside this test bundle.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SHIPAUDIT_BIN"] { return path }
        let beside = Bundle.main.executableURL!.deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("shipaudit").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/shipaudit").path
    }

    /// One folder per test process for every scratch directory, removed when the process exits.
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shipaudit-e2e-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Shell.scratchRoot) }
        return url
    }()

    /// A new empty directory.
    static func scratch() -> URL {
        let url = scratchRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a file into `directory`.
    @discardableResult
    static func write(_ text: String, _ name: String, in directory: URL) -> String {
        let path = directory.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Runs a bash command line (for pipes) in `directory`.
    static func runBash(_ command: String, in directory: URL) throws -> Result {
        try run(["-c", command], in: directory, executable: "/bin/bash")
    }

    /// Runs `shipaudit arguments…` with `directory` as the working directory, `stdin` as its standard input.
    static func run(
        _ arguments: [String], in directory: URL = root, stdin: String? = nil, executable: String? = nil,
        environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "100"
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            // Written from another thread so a large input cannot deadlock against the child's output.
            let writer = input.fileHandleForWriting
            let data = Data(stdin.utf8)
            Thread.detachNewThread {
                writer.write(data)
                try? writer.close()
            }
        }
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Compares `actual` with the golden file; `SHIPAUDIT_RECORD=1` rewrites it and fails, so no baseline passes unseen.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let path = fixtures.appendingPathComponent(name).path
        if ProcessInfo.processInfo.environment["SHIPAUDIT_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            Issue.record(
                "recorded \(name); check it and run again without SHIPAUDIT_RECORD", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record(
                "no golden file \(name); run with SHIPAUDIT_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record(
                "\(name) differs from the golden file:\n\(diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// A line diff: `-` expected, `+` actual.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var lines: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : nil, right = index < b.count ? b[index] : nil
            if left != right {
                if let left { lines.append("-\(index + 1): \(left)") }
                if let right { lines.append("+\(index + 1): \(right)") }
            }
        }
        return lines.prefix(40).joined(separator: "\n")
    }
}
