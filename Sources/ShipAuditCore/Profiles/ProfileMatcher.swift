import ShipAuditCSV
import ShipAuditStorage

/// Chooses the profile for a file: the one named, or the one whose signature headers the file has.
struct ProfileMatcher {
    let profiles: [Profile]

    func profile(for file: InputFile, header: Header) throws(InputProblem) -> Profile {
        let location = SourceLocation(file: file.path, line: 1)
        if let id = file.profileId {
            guard let named = profiles.first(where: { $0.id == id }) else {
                let known = profiles.filter { $0.kind == file.kind }.map(\.id).joined(separator: ", ")
                throw InputProblem(
                    SourceLocation(file: file.path, line: 0), reason: "profile \"\(id)\" does not exist",
                    hint: "\(file.kind.rawValue) profiles: \(known)")
            }
            guard named.kind == file.kind else {
                throw InputProblem(
                    location, reason: "profile \"\(id)\" reads \(named.kind.rawValue), not \(file.kind.rawValue)")
            }
            try checkRequired(named, header: header, location: location, path: file.path)
            return named
        }
        // A profile is recognised when more than half of its signature headers are present (an export may lack a
        // column it needs: that is then reported as a missing column, not as an unknown layout).
        // Each profile's signature is looked up once: the sort and the comparisons below read the counts.
        let present = profiles.map { profile in profile.signatureKeys.count { header.index(key: $0) != nil } }
        func fraction(_ index: Int) -> Double { Double(present[index]) / Double(profiles[index].signature.count) }
        let recognised = profiles.indices.filter { present[$0] > 0 && present[$0] * 2 >= profiles[$0].signature.count }
            .sorted { (-fraction($0), $0) < (-fraction($1), $1) }
        let mine = recognised.filter { profiles[$0].kind == file.kind }
        if let first = recognised.first, profiles[first].kind != file.kind,
            fraction(first) > (mine.first.map(fraction) ?? 0)
        {
            let other = profiles[first]
            throw InputProblem(
                location,
                reason: "looks like a \(other.title) (\(other.kind.rawValue)), but was given as \(file.kind.rawValue)",
                hint: "pass it with --\(other.kind.rawValue) instead")
        }
        if let match = mine.first {
            try checkRequired(profiles[match], header: header, location: location, path: file.path)
            return profiles[match]
        }
        // Nothing matched: explain against the closest layout of this kind.
        let candidates = profiles.indices.filter { profiles[$0].kind == file.kind }.map { index in
            (profile: profiles[index], score: score(profiles[index], present: present[index], header))
        }
        guard let closest = candidates.max(by: { $0.score < $1.score })?.profile else {
            throw InputProblem(location, reason: "no \(file.kind.rawValue) profile is known")
        }
        let missing = closest.signature.indices.filter { header.index(key: closest.signatureKeys[$0]) == nil }.map {
            closest.signature[$0]
        }
        let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
        let suggestion =
            missing.lazy.compactMap { header.closest(to: $0).map { "\"\($0)\"" } }.first.map { "; did you mean \($0)?" }
            ?? ""
        throw InputProblem(
            location,
            reason:
                "is not a known \(file.kind.rawValue) layout: the header has no \(names) column\(missing.count > 1 ? "s" : "") (closest: \(closest.title))\(suggestion)",
            hint:
                "shipaudit inspect \(file.path) shows its columns and a starter mapping to paste into the config "
                + "(docs/mapping.md)")
    }

    /// How close a header is to a profile: its signature columns present (`present`), then its other columns.
    private func score(_ profile: Profile, present: Int, _ header: Header) -> Int {
        present * 100 + profile.columns.values.filter { $0.contains { header.index(key: $0.key) != nil } }.count
    }

    /// Every required field has a column. A layout recognised from part of its signature may be another export
    /// that shares a few header words (an Etsy export's `Order ID` and `SKU`): the hint then points at `inspect`,
    /// and "add the column" is said only when the whole signature is there.
    private func checkRequired(_ profile: Profile, header: Header, location: SourceLocation, path: String)
        throws(InputProblem)
    {
        let whole = profile.signatureKeys.allSatisfy { header.index(key: $0) != nil }
        for field in profile.required {
            let choices = profile.columns[field] ?? []
            guard !choices.contains(where: { header.index(key: $0.key) != nil }) else { continue }
            let wanted = choices.map { "\"\($0.header)\"" }.joined(separator: " or ")
            let suggestion = choices.lazy.compactMap { header.closest(to: $0.header) }.first.map {
                "did you mean \"\($0)\"?"
            }
            let other =
                "if the file is another export, shipaudit inspect \(path) shows its columns and a starter mapping "
                + "(docs/mapping.md)"
            throw InputProblem(
                location, column: choices.first?.header,
                reason: "required column is missing (\(profile.title) needs \(wanted))",
                hint: suggestion ?? (whole ? "add the column to the export" : other))
        }
    }
}
