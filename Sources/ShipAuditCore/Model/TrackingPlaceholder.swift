/// Texts that shipping tools write where a tracking number will go, or none will: such a row is no package.
enum TrackingPlaceholder {
    /// Upper-cased, spaces removed.
    static let texts: Set<String> = [
        "", "N/A", "NA", "-", "--", "---", "0", "NONE", "NULL", "NIL", "PENDING", "TBD", "TBA", "NOTRACKING",
        "NOTAVAILABLE", "UNKNOWN", "?", "X",
    ]

    /// True when `text` (a tracking cell as read) is empty or a placeholder.
    static func matches(_ text: String) -> Bool {
        text.count <= 16 && texts.contains(text.uppercased().filter { $0 != " " })
    }
}
