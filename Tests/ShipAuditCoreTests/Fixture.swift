import Foundation

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Paths of test fixtures and a place for throwaway files.
enum Fixture {
    /// `Tests/ShipAuditCoreTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    /// The project root.
    static let root = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `samples/`: its config, its four exports, and the demo's time (Thu 2026-11-19 02:00 New York).
    static func samples() throws -> (configuration: Configuration, files: [InputFile], asOf: Date) {
        let samples = root.appendingPathComponent("samples")
        let configuration = try ConfigLoader.load(path: samples.appendingPathComponent("shipaudit.toml").path)
        let files = [
            ("orders_export.csv", InputKind.orders), ("products_export.csv", .catalog), ("shipments.csv", .shipments),
            ("tracking.csv", .tracking),
        ].map { InputFile(path: samples.appendingPathComponent($0.0).path, kind: $0.1) }
        return (configuration, files, try TimestampParser(timeZone: newYork).parse("2026-11-19T02:00:00-05:00").get())
    }

    /// Writes `text` to a new temporary file and returns its path.
    static func temporary(_ text: String, name: String = "input.csv") -> String {
        let folder = scratchRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// One folder per test process for every temporary file, removed when the process exits.
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shipaudit-tests-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixture.scratchRoot) }
        return url
    }()

    static let newYork = TimeZone(identifier: "America/New_York")!

    /// Loads files with the built-in profiles.
    static func load(_ files: [InputFile]) throws -> LoadedInputs {
        var loader = InputLoader(timeZone: newYork)
        for file in files { try loader.load(file) }
        return loader.loaded
    }
}
