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
