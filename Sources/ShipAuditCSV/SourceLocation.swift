import Foundation
import ShipAuditStorage

/// Where a value came from: the input file as the user named it, and the physical line its record starts on.
///
/// The file is kept as a number into the process's table of file names: every row, order line, package and scan
/// carries a location, and copying one must not touch the reference count of a shared string (both cores of the
/// check stage did so for every order, on the same few strings).
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// The file's number in `FileNames`.
    public let fileNumber: UInt32
    /// 1-based physical line.
    public let line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.init(fileNumber: FileNames.number(file), line: line)
    }

    public init(fileNumber: UInt32, line: Int) {
        self.fileNumber = fileNumber
        self.line = line
    }

    /// The path as given on the command line or in the config.
    public var file: String { FileNames.name(fileNumber) }

    /// `file:line`, the form editors and terminals link.
    public var description: String { "\(file):\(line)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        a.fileNumber == b.fileNumber ? a.line < b.line : (a.file, a.line) < (b.file, b.line)
    }

    /// `Array(Set(locations)).sorted()`, by the files' places in name order (`FileNames.ranks`, read once): `<`
    /// looks both names up, under the table's lock, whenever two files meet, and a flag's few sources went through
    /// a set and such a sort.
    public static func sortedUnique(_ locations: [SourceLocation]) -> [SourceLocation] {
        guard locations.count > 1 else { return locations }
        let ranks = FileNames.ranks()
        func rank(_ location: SourceLocation) -> UInt32 {
            Int(location.fileNumber) < ranks.count ? ranks[Int(location.fileNumber)] : UInt32.max
        }
        var sorted = locations
        sorted.sort { a, b in
            a.fileNumber == b.fileNumber ? a.line < b.line : rank(a) != rank(b) ? rank(a) < rank(b) : a < b
        }
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }
}

/// The file names of the process, numbered in the order first seen; a name keeps its number.
public enum FileNames {
    /// Guarded by `lock` (a pthread mutex, which ThreadSanitizer follows; `Mutex`'s futex it does not).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var names: [String] = []
    nonisolated(unsafe) private static var numbers: [String: UInt32] = [:]

    /// The number of `name`, given when first asked.
    public static func number(_ name: String) -> UInt32 {
        lock.withLock {
            if let number = numbers[name] { return number }
            let number = UInt32(names.count)
            names.append(name)
            numbers[name] = number
            return number
        }
    }

    /// The name numbered `number`.
    public static func name(_ number: UInt32) -> String {
        lock.withLock { names[Int(number)] }
    }

    /// Every name, by number (one look under the lock for writers that name many locations).
    public static func all() -> [String] {
        lock.withLock { names }
    }

    nonisolated(unsafe) private static var rankOfNumber: [UInt32] = []

    /// Each number's place among the names sorted (by `number`): comparing places compares the names.
    public static func ranks() -> [UInt32] {
        lock.withLock {
            if rankOfNumber.count != names.count {
                rankOfNumber = [UInt32](repeating: 0, count: names.count)
                for (place, number) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() {
                    rankOfNumber[number] = UInt32(place)
                }
            }
            return rankOfNumber
        }
    }
}
