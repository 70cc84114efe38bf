/// Why one cell could not be read as the value its column holds; the loader adds file, line and column.
public struct ValueError: Error, Sendable, Equatable {
    /// What is wrong with the value.
    public let reason: String
    /// How to fix it.
    public let hint: String

    /// Creates an error.
    public init(_ reason: String, hint: String = "") {
        self.reason = reason
        self.hint = hint
    }
}
