import Foundation
@testable import ShipAuditCore

/// Paths of test fixtures and a place for throwaway files.
enum Fixture {
    /// `Tests/ShipAuditCoreTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The project root.
    static let root = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` to a new temporary file and returns its path.
    static func temporary(_ text: String, name: String = "input.csv") -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipaudit-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static let newYork = TimeZone(identifier: "America/New_York")!

    /// Loads files with the built-in profiles.
    static func load(_ files: [InputFile]) throws -> LoadedInputs {
        var loader = InputLoader(timeZone: newYork)
        for file in files { try loader.load(file) }
        return loader.loaded
    }
}
