import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

extension Configuration {
    /// The configuration from `--config`, or the defaults without one; a bad file is a one-line user error.
    static func load(_ path: String?) throws -> Configuration {
        guard let path else { return Configuration() }
        do {
            return try ConfigLoader.load(path: path)
        } catch {
            throw UserFacingError(description: error.description)
        }
    }
}
