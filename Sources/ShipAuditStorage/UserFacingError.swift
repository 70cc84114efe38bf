/// An error whose text is already one plain line for the user (a file that cannot be written, a lock held): printed
/// as it is.
public struct UserFacingError: Error, CustomStringConvertible {
    /// The line printed.
    public let description: String

    /// Creates the error.
    public init(description: String) { self.description = description }
}
