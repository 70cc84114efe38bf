import ShipAuditCSV
import ShipAuditStorage

/// One input file the user named, with its kind and, optionally, the profile to read it with.
public struct InputFile: Sendable {
    /// The path as given.
    public let path: String
    /// What it holds.
    public let kind: InputKind
    /// A profile id (`shopify-orders`); nil recognises it from the header.
    public let profileId: String?
    /// The field delimiter; nil sniffs it.
    public let delimiter: UInt8?

    /// Creates an input.
    public init(path: String, kind: InputKind, profileId: String? = nil, delimiter: UInt8? = nil) {
        self.path = path
        self.kind = kind
        self.profileId = profileId
        self.delimiter = delimiter
    }
}

/// Row accounting for one input file: rows read = rows used + rows rejected.
public struct InputSummary: Sendable, Equatable {
    /// The path as given.
    public let path: String
    /// What it holds.
    public let kind: InputKind
    /// The profile it was read with.
    public let profile: String
    /// Data rows read (the header is not counted).
    public var rowsRead = 0
    /// Rows that were understood (including rows that carry nothing to check, such as image-only product rows).
    public var rowsUsed = 0
    /// Rows refused, each in rejects.csv with its reason.
    public var rowsRejected = 0
    /// The file's size in bytes.
    public var bytes = 0
    /// The SHA-256 of the file's bytes (hex, as `sha256sum` prints it), to tell whether a rerun read the same inputs.
    public var checksum = ""
}

extension InputFile {
    /// Why `path` is not read as an export, or nil: only regular files are opened by name. Opening a named pipe with
    /// no writer waits for ever, and a device never ends. A pipe the shell made (`<(zcat orders.csv.gz)`,
    /// `/dev/stdin`) has a writer and is read.
    public static func notAFile(_ path: String) -> InputProblem? {
        let shellPipe = path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/") || path == "/dev/stdin"
        guard path != "-", !shellPipe, let kind = FileIdentity.kind(of: path), kind != .regular else { return nil }
        let what =
            switch kind {
            case .directory: "is a directory"
            case .fifo: "is a named pipe (FIFO), which would wait for ever for a writer"
            case .device: "is a device, not a file"
            default: "is not a regular file"
            }
        return InputProblem(
            SourceLocation(file: path, line: 0), reason: what,
            hint: "give an export file, or pipe the data to standard input with -")
    }
}

extension InputFile {
    /// `files` with a file named twice for one kind (the same device and inode: overlapping globs, a link, `./`)
    /// kept once, at its first place, and a warning for each name left out.
    public static func readOnce(_ files: [InputFile]) -> (files: [InputFile], warnings: [String]) {
        var seen: [FileIdentity: String] = [:]
        var kept: [InputFile] = []
        var warnings: [String] = []
        for file in files {
            if file.path != "-", let identity = FileIdentity(path: file.path) {
                if let first = seen[identity] {
                    warnings.append(
                        "\(file.path): is the same file as \(first) (given twice with --\(file.kind.rawValue)); read once"
                    )
                    continue
                }
                seen[identity] = file.path
            }
            kept.append(file)
        }
        return (kept, warnings)
    }
}
