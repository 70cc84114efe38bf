import ShipAuditCSV
import ShipAuditStorage

/// A profile as the TOML mapping a user can paste into the config and change (`shipaudit profiles show ID`).
public enum ProfileMappingText {
    /// Renders the mapping; a built-in profile is renamed `ID-custom` so the copy does not shadow the original.
    public static func render(_ profile: Profile) -> String { ProfileMapping.render(profile) }
}
