import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Decides whether a file's slash dates (`12/10/2025`) are day first or month first from all its date values, never
/// value by value: a first field above 12 anywhere makes the file day first, a second field above 12 month first.
/// A file with both is refused, as is one whose every slash date could be either (unless the config says which).
struct DateOrderScan {
    /// A value that decides, or could not: the column, the value and its line.
    struct Example {
        let column: String
        let value: String
        let line: Int
    }

    private(set) var dayFirst: Example?
    private(set) var monthFirst: Example?
    private(set) var undecided: Example?

    /// The first and second numbers of a value that starts as a slash date (`d/m/yyyy` or `m/d/yyyy`).
    static func slashFields(_ text: String) -> (first: Int, second: Int)? {
        let parts = text.split(separator: " ", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 || parts[2].count == 2,
            let first = Int(parts[0]), let second = Int(parts[1]), Int(parts[2]) != nil
        else { return nil }
        return (first, second)
    }

    /// Notes one value of a date column.
    mutating func note(_ text: String, column: String, line: Int) {
        guard let (first, second) = Self.slashFields(text) else { return }
        if first > 12, second <= 12, dayFirst == nil {
            dayFirst = Example(column: column, value: text, line: line)
        } else if second > 12, first <= 12, monthFirst == nil {
            monthFirst = Example(column: column, value: text, line: line)
        } else if first <= 12, second <= 12, undecided == nil {
            undecided = Example(column: column, value: text, line: line)
        }
    }

    /// True once both orders were seen: nothing more can change the verdict.
    var isMixed: Bool { dayFirst != nil && monthFirst != nil }

    /// The order the values say, or the problem: mixed orders, or only values that could be either.
    func verdict(file: String) -> Result<SlashDateOrder?, InputProblem> {
        if let day = dayFirst, let month = monthFirst {
            return .failure(
                InputProblem(
                    SourceLocation(file: file, line: day.line), column: day.column,
                    reason:
                        "mixes day-first dates (\"\(day.value)\") and month-first dates (\"\(month.value)\" on line \(month.line))",
                    hint: "re-export with one date order, or set the mapping's date_format"))
        }
        if dayFirst != nil { return .success(.dayFirst) }
        if monthFirst != nil { return .success(.monthFirst) }
        if let value = undecided {
            return .failure(
                InputProblem(
                    SourceLocation(file: file, line: value.line), column: value.column,
                    reason:
                        "has dates such as \"\(value.value)\" that could be day first or month first, and no value decides",
                    hint:
                        "set [store] date_order = \"day_first\" (21/10/2025) or \"month_first\" (10/21/2025) in the config"
                ))
        }
        return .success(nil)
    }

    /// Scans the date columns (`columns`: index and header) of the regular file at `path`, data rows only.
    static func scan(
        path: String, columns: [(index: Int, header: String)], options: CSVReadOptions, skipRecords: Int
    ) -> DateOrderScan {
        var scan = DateOrderScan()
        guard let reader = try? CSVReader(options: options), let handle = FileHandle(forReadingAtPath: path) else {
            return scan
        }
        defer { try? handle.close() }
        var skip = skipRecords
        struct Done: Error {}
        do {
            try reader.read(handle) { record in
                if skip > 0 {
                    skip -= 1
                    return
                }
                for column in columns where column.index < record.count {
                    let cell = record.cell(at: column.index)
                    // Only a cell that starts with a digit and holds a slash is a slash date.
                    guard let first = cell.first, first >= 0x30, first <= 0x39, cell.contains(0x2F) else { continue }
                    scan.note(record.string(at: column.index), column: column.header, line: record.line)
                }
                if scan.isMixed { throw Done() }
            }
        } catch {}
        return scan
    }
}
