/// The shapes of TOML on which the parser inside TOMLKit (toml++) stops the process with a failed assertion instead
/// of reporting an error, found by fuzzing the config: each is refused here first, with its line, so a mistyped
/// config is one line on stderr and never a crash.
///
/// - a table header whose name does not start with a letter, digit, `_`, `-` or a quote: `[#`, `[ `, `[Ü]`, `[[[e`,
///   a lone `[`;
/// - a `}` inside an array: `y = [}`, `a = [1, }`.
enum TOMLGuard {
    struct Problem {
        let line: Int
        let reason: String
        let hint: String
    }

    /// The first such shape in `text`, or nil.
    static func problem(in text: String) -> Problem? {
        var line = 1
        var open: [Unicode.Scalar] = [] // the brackets and braces open outside strings and comments
        var atLineStart = true // nothing but spaces before, on this line
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\n":
                line += 1
                atLineStart = true
                continue
            case " ", "\t":
                continue
            case "#":
                // A comment, to the line's end.
                while let next = scalars.first, next != "\n" { scalars.removeFirst() }
            case "\"", "'":
                // A string: skipped whole (a multi-line one included), counting its lines.
                let triple = scalars.starts(with: [scalar, scalar])
                if triple { scalars.removeFirst(2) }
                while let next = scalars.popFirst() {
                    if next == "\n" { line += 1 }
                    if scalar == "\"", next == "\\" {
                        if scalars.popFirst() == "\n" { line += 1 }
                        continue
                    }
                    if next == scalar, !triple || scalars.starts(with: [scalar, scalar]) {
                        if triple { scalars.removeFirst(2) }
                        break
                    }
                }
            case "[" where atLineStart && open.isEmpty:
                // A table header: `[name]` or `[[name]]`.
                if scalars.first == "[" { scalars.removeFirst() }
                let name = scalars.drop { $0 == " " || $0 == "\t" }
                let first = name.first
                let startsName =
                    first.map {
                        $0.isASCII
                            && (("a"..."z").contains($0) || ("A"..."Z").contains($0)
                                || ("0"..."9").contains($0) || "_-\"']".unicodeScalars.contains($0))
                    } ?? false
                if !startsName {
                    let shown = first.map { $0 == "\n" || $0 == "\r" ? "the line's end" : "\"\(Character($0))\"" }
                    return Problem(
                        line: line,
                        reason: shown.map { "a table name cannot start with \($0)" }
                            ?? "\"[\" starts a table but no name follows",
                        hint: first.map { !$0.isASCII } ?? false
                            ? "write the name in quotes, e.g. [\"name\"]"
                            : "write the table's name after [, e.g. [store]"
                    )
                }
                // The header's name is read by the parser; skip to its line's end (a comment may follow).
                while let next = scalars.first, next != "\n" { scalars.removeFirst() }
            case "[", "{":
                open.append(scalar)
            case "]":
                if open.last == "[" { open.removeLast() }
            case "}":
                if open.last == "[" {
                    return Problem(
                        line: line, reason: "a \"}\" inside an array", hint: "close the array with ] or remove the }")
                }
                if open.last == "{" { open.removeLast() }
            default:
                break
            }
            atLineStart = false
        }
        return nil
    }
}
