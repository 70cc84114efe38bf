/// A problem with the input, as a value: where it is, which column, what was seen, what was expected and how to fix it.
///
/// Rows that cannot be used become problems in `rejects.csv`; problems with a whole file stop the run with exit code 2.
public struct InputProblem: Error, Sendable, Hashable {
    /// The file and line (line 0 means the file as a whole).
    public let location: SourceLocation
    /// The column's header as it appears in the file, when one column is at fault.
    public let column: String?
    /// The offending value, when there is one.
    public let value: String?
    /// What is wrong, in plain English.
    public let reason: String
    /// What the user can do about it; may be empty.
    public let hint: String
    /// The order the rejected row belongs to, when its order number could be read (`explain` names the row).
    public var orderId: String?

    /// Creates a problem.
    public init(
        _ location: SourceLocation, column: String? = nil, value: String? = nil, reason: String, hint: String = ""
    ) {
        self.location = location
        self.column = column
        self.value = value
        self.reason = reason
        self.hint = hint
    }

    /// One line: `orders.csv:1043: column "Lineitem quantity": "two" is not a whole number (hint)`.
    public var description: String {
        var text = location.line > 0 ? location.description : location.file
        if let column { text += ": column \"\(column)\"" }
        text += ": " + reason
        if !hint.isEmpty { text += " (\(hint))" }
        return text
    }
}
