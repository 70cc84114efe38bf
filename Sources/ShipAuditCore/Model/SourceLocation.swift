import Foundation

/// Where a value came from: the input file as the user named it, and the physical line its record starts on.
///
/// The file is kept as a number into the process's table of file names: every row, order line, package and scan
/// carries a location, and copying one must not touch the reference count of a shared string (both cores of the
/// check stage did so for every order, on the same few strings).
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// The file's number in `FileNames`.
    let fileNumber: UInt32
    /// 1-based physical line.
    public let line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.init(fileNumber: FileNames.number(file), line: line)
    }

    init(fileNumber: UInt32, line: Int) {
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
}

/// The file names of the process, numbered in the order first seen; a name keeps its number.
enum FileNames {
    /// Guarded by `lock` (a pthread mutex, which ThreadSanitizer follows; `Mutex`'s futex it does not).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var names: [String] = []
    nonisolated(unsafe) private static var numbers: [String: UInt32] = [:]

    /// The number of `name`, given when first asked.
    static func number(_ name: String) -> UInt32 {
        lock.withLock {
            if let number = numbers[name] { return number }
            let number = UInt32(names.count)
            names.append(name)
            numbers[name] = number
            return number
        }
    }

    /// The name numbered `number`.
    static func name(_ number: UInt32) -> String {
        lock.withLock { names[Int(number)] }
    }
}
