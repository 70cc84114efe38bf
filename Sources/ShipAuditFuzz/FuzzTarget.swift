import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

// Fuzz targets. Built with `-sanitize=fuzzer,address -D FUZZING` (and `-D CONFIG_TARGET` for the config's) by
// scripts/fuzz.sh, libFuzzer calls `LLVMFuzzerTestOneInput`; built normally, this is a replay tool: give it files
// (a corpus, a crash) and it runs each through the same code, so a crash found once stays a test.
//
// The bundle target runs the whole analysis on one input cut into an orders export, a catalog, a shipments export,
// a tracking export, a config and a carrier invoice (at lines `--8<--`), every report rendered, in memory (the
// exports are files in /dev/shm, which is memory). The config target parses a config file alone.

/// The fixed "now" of every fuzzed run.
let fuzzAsOf = Date(timeIntervalSince1970: 1_795_000_000)

/// Where this process writes a bundle's exports: memory where the system has /dev/shm.
let fuzzDirectory: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = (base as NSString).appendingPathComponent("shipaudit-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: fuzzDirectory) }
    return path
}()

/// Writes `data` to `path` in place (open, write, close): `FileManager.createFile` writes a temporary file and renames
/// it, a dozen system calls per part of every input.
func put(_ data: Data, at path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return }
    defer { close(fd) }
    data.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// The parts of a bundle, cut at lines `--8<--`: orders, catalog, shipments, tracking, config, invoices (missing
/// parts are not given).
func bundleParts(_ data: Data) -> [Data] {
    let separator = Data("\n--8<--\n".utf8)
    var parts: [Data] = []
    var rest = data[...]
    while parts.count < 5, let range = rest.range(of: separator) {
        parts.append(Data(rest[..<range.lowerBound]))
        rest = rest[range.upperBound...]
    }
    parts.append(Data(rest))
    return parts
}

/// Runs one bundle through reading, matching, every check and every report writer.
func exerciseBundle(_ data: Data) {
    let parts = bundleParts(data)
    let configuration =
        parts.count > 4
        ? (try? ConfigLoader.parse(String(decoding: parts[4], as: UTF8.self), path: "fuzz.toml")) ?? Configuration()
        : Configuration()
    var files: [InputFile] = []
    for (index, kind) in [InputKind.orders, .catalog, .shipments, .tracking].enumerated() where index < parts.count {
        let path = (fuzzDirectory as NSString).appendingPathComponent("\(kind.rawValue).csv")
        put(parts[index], at: path)
        files.append(InputFile(path: path, kind: kind))
    }
    if parts.count > 5 {
        let path = (fuzzDirectory as NSString).appendingPathComponent("invoices.csv")
        put(parts[5], at: path)
        files.append(InputFile(path: path, kind: .invoices))
    }
    // Errors are expected (that is what the corpus is made of); crashes and sanitizer reports are not.
    guard let report = try? Analysis(configuration: configuration).run(files, asOf: fuzzAsOf) else { return }
    _ = ReportFiles.render(report, zone: configuration.timeZone, flagsShown: 50) { _, text in
        var bytes = 0
        try text.forEachPart { bytes += $0.count }
        return bytes
    }
    _ = SummaryWriter.render(report, written: [])
}

/// Runs one config file through the config's parser.
func exerciseConfig(_ data: Data) {
    _ = try? ConfigLoader.parse(String(decoding: data, as: UTF8.self), path: "fuzz.toml")
}

/// A corpus file replayed: as a config, then as each kind of export alone (invoices included), then as a bundle.
func exercise(_ data: Data) {
    exerciseConfig(data)
    for position in [0, 1, 2, 3, 5] {
        var bundle = Data()
        for index in 0...max(3, position) {
            if index > 0 { bundle.append(Data("\n--8<--\n".utf8)) }
            if index == position { bundle.append(data) }
        }
        exerciseBundle(bundle)
    }
    exerciseBundle(data)
    _ = try? FileInspector.inspect(
        path: { () -> String in
            let path = (fuzzDirectory as NSString).appendingPathComponent("inspect.csv")
            _ = FileManager.default.createFile(atPath: path, contents: data)
            return path
        }(), kind: nil, delimiter: nil, timeZone: TimeZone(identifier: "UTC")!)
}

#if FUZZING
/// libFuzzer's entry: one input per call. (scripts/fuzz.sh compiles this file with swiftc directly, against the
/// library built with the same sanitizers, because SwiftPM's executable entry renaming clashes with libFuzzer's main.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    #if CONFIG_TARGET
    exerciseConfig(Data(bytes: start, count: count))
    #else
    exerciseBundle(Data(bytes: start, count: count))
    #endif
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
                Data(
                    "usage: ShipAuditFuzz FILE… (replays inputs through the config, the loaders, the checks and the writers)\n"
                        .utf8))
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
