import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

// Fuzz target for the reader and every profile's loader. Built with `-sanitize=fuzzer,address -D FUZZING` by
// scripts/fuzz.sh, libFuzzer calls `LLVMFuzzerTestOneInput`; built normally, this is a replay tool: give it files
// (a corpus, a crash) and it runs each through the same code, so a crash found once stays a test.

/// Runs one input through the CSV reader and each kind's loader with every built-in profile recognition.
func exercise(_ data: Data) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("shipaudit-fuzz-\(getpid()).csv").path
    _ = FileManager.default.createFile(atPath: path, contents: data)
    defer { unlink(path) }
    for kind in InputKind.allCases {
        var loader = InputLoader(timeZone: TimeZone(identifier: "America/New_York")!)
        // Errors are expected (that is what the corpus is made of); crashes and sanitizer reports are not.
        try? loader.load(InputFile(path: path, kind: kind))
        let matched = OrderMatcher(configuration: Configuration()).match(loader.loaded)
        let (findings, coverage) = Checker(configuration: Configuration()).check(
            matched, asOf: Date(timeIntervalSince1970: 1_795_000_000))
        let report = Report(
            asOf: Date(timeIntervalSince1970: 1_795_000_000), inputs: loader.loaded.inputs, findings: findings,
            coverage: coverage, rejects: loader.loaded.rejects, warnings: loader.loaded.warnings,
            packages: coverage.packagesMatched)
        _ = HTMLWriter.render(report, zone: TimeZone(identifier: "UTC")!)
        _ = ReportJSONWriter.render(report)
        _ = FlagsCSVWriter.render(report)
    }
    _ = try? FileInspector.inspect(path: path, kind: nil, delimiter: nil, timeZone: TimeZone(identifier: "UTC")!)
}

#if FUZZING
/// libFuzzer's entry: one input per call. (scripts/fuzz.sh compiles this file with swiftc directly, against the
/// library built with the same sanitizers, because SwiftPM's executable entry renaming clashes with libFuzzer's main.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    exercise(Data(bytes: start, count: count))
    return 0
}
#else
/// Replays files through the same code as the fuzzer.
@main
enum Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            FileHandle.standardError.write(
                Data("usage: ShipAuditFuzz FILE… (replays inputs through the reader and loaders)\n".utf8))
            exit(2)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            exercise(data)
        }
        print("replayed \(files.count) input(s) without a crash")
    }
}
#endif
