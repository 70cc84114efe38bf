import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Expands what the user gave as an input: a file as is, a directory to its newest CSV export (or to every one, for
/// `everyFile`: a folder of carrier invoices is read whole), a glob to every file it matches (sorted), so a nightly
/// job can point at the folder exports land in.
enum InputPaths {
    static func expand(_ argument: String, option: String, everyFile: Bool = false) throws -> [String] {
        if argument == "-" { return [argument] }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
            let url = URL(fileURLWithPath: argument)
            let files =
                (try? FileManager.default.contentsOfDirectory(
                    at: url, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])) ?? []
            let exports = files.filter {
                ["csv", "txt", "tsv"].contains($0.pathExtension.lowercased()) && !$0.lastPathComponent.hasPrefix(".")
            }
            if everyFile, !exports.isEmpty {
                return exports.map { (argument as NSString).appendingPathComponent($0.lastPathComponent) }.sorted()
            }
            let newest = exports.max { a, b in
                let x =
                    (try? a.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
                    ?? .distantPast
                let y =
                    (try? b.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
                    ?? .distantPast
                return x != y ? x < y : a.lastPathComponent < b.lastPathComponent
            }
            guard let newest else {
                throw UserFacingError(
                    description: "\(argument): no .csv export in this directory (given with \(option))")
            }
            return [(argument as NSString).appendingPathComponent(newest.lastPathComponent)]
        }
        guard argument.contains(where: { "*?[".contains($0) }) else { return [argument] }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(argument, 0, nil, &matches) == 0, matches.gl_pathc > 0 else {
            throw UserFacingError(description: "\(argument): no file matches (given with \(option))")
        }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
