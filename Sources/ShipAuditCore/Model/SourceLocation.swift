/// Where a value came from: the input file as the user named it, and the physical line its record starts on.
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// The path as given on the command line or in the config.
    public let file: String
    /// 1-based physical line.
    public let line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, the form editors and terminals link.
    public var description: String { "\(file):\(line)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }
}
