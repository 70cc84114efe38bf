import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// A column of the file resolved for one field.
struct ResolvedColumn: Sendable {
    let index: Int
    let header: String
    let unit: WeightUnit?
}

/// One data record with the file's resolved columns: typed access by field, errors that name file, line and column.
struct Row {
    let record: CSVRecord
    /// How the file's rows are read; it outlives every row (the loader holds it for the whole file), so a row does
    /// not retain it: a row is made per record, and retaining a file's columns, constants and date parser for each
    /// was a tenth of the read stage.
    private let file: UncountedReference<RowLayout>
    let location: SourceLocation
    /// What rules most cells out of cleaning at once (`RowLayout.nullMarkers`' first bytes and lengths), held in the
    /// row: read for every cell, with no call into the layout.
    private let nullLow: UInt64, nullHigh: UInt64, nullLengths: Int

    /// A row of `record`, read with `layout` (which its loader keeps for the whole file).
    init(record: CSVRecord, layout: RowLayout, location: SourceLocation) {
        (self.record, file, self.location) = (record, UncountedReference(layout), location)
        (nullLow, nullHigh, nullLengths) = (layout.nullLow, layout.nullHigh, layout.nullLengths)
    }

    /// The cell as read when it differs from its bytes (a null marker, an Excel guard: `RowLayout.cleaned`); nil for
    /// almost every cell, told by its first byte and length alone.
    @inline(__always)
    private func cleaned(_ cell: ByteView) -> ByteView? {
        guard let first = cell.first else { return nil }
        guard
            first == UInt8(ascii: "=") || first == UInt8(ascii: "'")
                || NullMarkers.mayMatch(cell, low: nullLow, high: nullHigh, lengths: nullLengths)
        else { return nil }
        return file.withoutCounting { $0.cleaned(cell) }
    }

    var layout: RowLayout { file.object }

    var columns: FieldMap<ResolvedColumn> { layout.columns }
    var constants: FieldMap<String> { layout.constants }

    /// The trimmed text of a field; "" when the field has no column, the cell is empty or a null marker (`n/a`).
    func text(_ field: Field) -> String {
        guard let index = layout.index(field) else { return layout.hasConstant(field) ? constants[field] ?? "" : "" }
        let raw = record.cell(at: index)
        if let cell = cleaned(raw) { return cell.isEmpty ? "" : record.decoder.decode(cell) }
        return record.string(at: index)
    }

    /// The trimmed text of the cell at `index` ("" past the row's end or for a null marker), for columns read by
    /// position (`RowLayout.chargePairs`).
    func text(at index: Int) -> String {
        guard index < record.count else { return "" }
        if let cell = cleaned(record.cell(at: index)) { return cell.isEmpty ? "" : record.decoder.decode(cell) }
        return record.string(at: index)
    }

    /// The cell of the column an empty order number is read from instead (a profile's `orderIdWhenEmpty`), as bytes
    /// and as text; nil when the file has none.
    func orderIdFallback() -> (bytes: ByteView, text: String)? {
        let index = layout.orderIdFallback
        guard index >= 0 else { return nil }
        let raw = record.cell(at: index)
        if let cell = cleaned(raw) { return (cell, cell.isEmpty ? "" : record.decoder.decode(cell)) }
        return (raw, record.string(at: index))
    }

    /// True when the field has a column in the file.
    func hasColumn(_ field: Field) -> Bool { layout.index(field) != nil }

    /// The trimmed bytes of a field's cell, valid while the row's record is; nil when the field has no column.
    @inline(__always)
    func bytes(_ field: Field) -> ByteView? {
        guard let index = layout.index(field) else { return nil }
        let cell = record.cell(at: index)
        return cleaned(cell) ?? cell
    }

    /// The cell's bytes when they are what `text(_:)` returns, as UTF-8 (a mapped column of a file read as UTF-8):
    /// such a text is compared or numbered without making a `String`.
    @inline(__always)
    func utf8(_ field: Field) -> ByteView? {
        guard let index = layout.index(field), !record.decoder.forceWindows1252 else { return nil }
        let raw = record.cell(at: index)
        let cell = cleaned(raw) ?? raw
        guard TextDecoder.isValidUTF8(cell) else { return nil }
        // Letters lost or encoded twice before the export reached shipaudit are counted for the file's warning (an
        // ASCII cell, almost every one, has neither: the decoder is not called for it).
        if !cell.isASCII { record.decoder.noteDamage(cell) }
        return cell
    }

    /// The cell's bytes when they are plain ASCII with no lower-case letter: then `text(_:)` upper-cased is these
    /// bytes (SKUs, currencies).
    func upperCaseASCII(_ field: Field) -> ByteView? {
        // ASCII reads the same in every encoding a file is read in: no UTF-8 check (the loop refuses any other byte).
        guard let cell = bytes(field) else { return nil }
        return cell.isUpperCaseASCII ? cell : nil
    }

    /// True when the field's text is empty.
    func isEmpty(_ field: Field) -> Bool {
        // The cell's bytes are empty exactly when its text is (however it is decoded): no UTF-8 check to say so.
        bytes(field).map(\.isEmpty) ?? text(field).isEmpty
    }

    /// True when the field's text, lower-cased, is one of `words` (lower-case ASCII); an ASCII cell is compared byte
    /// by byte, anything else through its lower-cased text.
    func text(_ field: Field, isOneOf words: [StaticString]) -> Bool {
        // An empty cell (a continuation row's status) is none of the words, which are never empty.
        // An ASCII cell reads the same whatever the file's encoding: compared as bytes, with no UTF-8 check.
        if let cell = bytes(field) {
            if cell.isEmpty { return false }
            if cell.isASCII {
                return words.contains { word in Self.equalIgnoringASCIICase(cell, word) }
            }
        }
        let text = text(field).lowercased()
        return words.contains { $0.description == text }
    }

    /// True when ASCII `cell`, lower-cased, is `word`.
    private static func equalIgnoringASCIICase(_ cell: ByteView, _ word: StaticString) -> Bool {
        guard word.utf8CodeUnitCount == cell.count else { return false }
        let letters = word.utf8Start
        for index in 0..<cell.count {
            let byte: UInt8 = cell[index] >= 0x41 && cell[index] <= 0x5A ? cell[index] | 0x20 : cell[index]
            if byte != letters[index] { return false }
        }
        return true
    }

    /// A date field: read from the cell's bytes by the built-in parser where it can be, otherwise as text through
    /// `dates` (a mapping's own format, a value the parser does not take, which `dates` then words as an error).
    func date(_ field: Field, _ dates: (String) -> Result<Date, ValueError>) throws(InputProblem) -> Date? {
        // Through a guaranteed reference: calling the layout's parser through `layout` retained and released the
        // layout for every date read (about 1 % of a run).
        if let cell = bytes(field) {
            // An empty cell (most of a file's optional dates) is no date, with no `String` made to say so.
            if cell.isEmpty { return nil }
            if let parsed = file.withoutCounting({ $0.date(cell) }) {
                return parsed
            }
        }
        let cell = text(field)
        if cell.isEmpty { return nil }
        switch dates(cell) {
        case .success(let parsed): return parsed
        case .failure(let error): throw problem(field, value: cell, reason: error.reason, hint: error.hint)
        }
    }

    /// The file's decimal mark as a byte (0: none), read without counting a reference to the layout.
    var decimalByte: UInt8 { file.withoutCounting { $0.decimalByte } }

    /// An amount field in ten-thousandths (`StoredMoney`), read with the file's decimal mark; nil when empty.
    func money(_ field: Field) throws(InputProblem) -> Int64? {
        let mark = file.withoutCounting { $0.decimalByte }
        // The usual `34.95`, read from the cell's bytes, without a closure or a `String`.
        if let cell = bytes(field) {
            if cell.isEmpty { return nil }
            if mark != UInt8(ascii: ","), let value = ValueParsers.plainStoredMoney(cell) { return value }
        }
        let value = try value(field) { ValueParsers.storedMoney($0, decimalMark: layout.decimalMark) }
        // Only a value read as text can have had a decimal comma.
        if value != nil, mark == 0, !file.withoutCounting({ $0.decimalCommaNoted }) { noteDecimalComma(field) }
        return value
    }

    /// Keeps the first value of the file read with a decimal comma by its shape alone.
    func noteDecimalComma(_ field: Field) {
        guard let cell = bytes(field), cell.contains(UInt8(ascii: ",")) else { return }
        let text = text(field)
        // The number before any unit (`1,5 kg`) or after any currency (`R$ 1.234,56`).
        let head = text.split(separator: " ").first { $0.first?.isNumber ?? false } ?? Substring(text)
        let number = LocaleNumbers.amountNumber(text) ?? head.prefix { "0123456789.,'".contains($0) }
        guard (try? LocaleNumbers.plain(number, decimalMark: nil).get())?.decimalComma == true else { return }
        layout.decimalCommaSeen = (columns[field]?.header ?? field.rawValue, text, location.line)
        layout.decimalCommaNoted = true
    }

    /// The parsed value of a field, nil when the cell is empty or the field has no column.
    func value<T>(_ field: Field, _ parse: (String) -> Result<T, ValueError>) throws(InputProblem) -> T? {
        let cell = text(field)
        if cell.isEmpty { return nil }
        switch parse(cell) {
        case .success(let value): return value
        case .failure(let error): throw problem(field, value: cell, reason: error.reason, hint: error.hint)
        }
    }

    /// `value`, read first from the cell's bytes by `plain` (the usual shape of the value, ASCII only, nil for anything
    /// else): no `String` for a cell it reads. Anything else, and a field given by a constant, is read as text by
    /// `parse`, which also words the error.
    func value<T>(
        _ field: Field, plain: (ByteView) -> T?,
        _ parse: (String) -> Result<T, ValueError>
    ) throws(InputProblem) -> T? {
        if let cell = bytes(field) {
            if cell.isEmpty { return nil }
            if let value = plain(cell) { return value }
        }
        return try value(field, parse)
    }

    /// Like `value`, but an empty cell is an error.
    func required<T>(
        _ field: Field, plain: (ByteView) -> T? = { _ in nil },
        _ parse: (String) -> Result<T, ValueError>
    ) throws(InputProblem) -> T {
        guard let value = try value(field, plain: plain, parse) else {
            throw problem(
                field, value: "", reason: "is empty",
                hint: "every row needs a \(field.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
        return value
    }

    /// A problem about one field of this row.
    func problem(_ field: Field, value: String?, reason: String, hint: String = "") -> InputProblem {
        InputProblem(
            location, column: columns[field]?.header ?? field.rawValue, value: value, reason: reason, hint: hint)
    }

    /// The unit of bare numbers in a field's column.
    func unit(of field: Field) -> WeightUnit? { layout.unit(field) }
}

/// Values by field in an array indexed by the field's declaration position: looked up for every field of every row,
/// where a dictionary would hash the field each time.
/// What every row of a file is read with: its columns, the profile's constants, the built-in date parser when the
/// file's dates are read with it.
final class RowLayout {
    let columns: FieldMap<ResolvedColumn>
    let constants: FieldMap<String>
    private let timestamps: TimestampParser?

    /// Per field (by ordinal), its column's index (-1: none), whether a constant gives it, and its column's unit. In
    /// fixed tables: reading them per cell touches no reference count (copying a `FieldMap` out of the layout
    /// retained and released its array for every cell read).
    private let indexes = FixedTable<Int>(count: Field.allCases.count, repeating: -1)
    private let constantGiven = FixedTable<Bool>(count: Field.allCases.count, repeating: false)
    private let units = FixedTable<WeightUnit?>(count: Field.allCases.count, repeating: nil)

    /// Cell texts read as empty (`na`, `N/A`, `-`, ...), and what rules most cells out at once, as plain values
    /// (read for every cell: the markers' lists are touched only for a candidate).
    let nullMarkers: NullMarkers
    let nullLow: UInt64, nullHigh: UInt64, nullLengths: Int
    /// The file's decimal mark as a byte (a mapping's `decimal`, `[store] decimal_mark`); 0: each value's shape says.
    let decimalByte: UInt8
    /// The file's decimal mark; nil: each value's shape says.
    var decimalMark: Character? { decimalByte == 0 ? nil : Character(UnicodeScalar(decimalByte)) }
    /// The column an empty order number is read from instead (`Profile.orderIdWhenEmpty`); -1: none.
    var orderIdFallback = -1
    /// The weight column holds the whole shipment's weight (`weight_per = "shipment"`).
    var weightPerShipment = false
    /// The columns of each charge pair (`Profile.chargePairs`), in the file's order.
    var chargePairs: [(description: Int, amount: Int, amountHeader: String)] = []
    /// The charge columns (`Profile.chargeColumns`): each one's position, header and kind.
    var chargeColumns: [(index: Int, header: String, kind: ChargeColumn)] = []
    /// True once a value of the file was read with a decimal comma by its shape alone.
    var decimalCommaNoted = false
    /// That first value (`15,00€`), for the file's note.
    var decimalCommaSeen: (column: String, text: String, line: Int)?

    /// The cell as read when it differs from its bytes: empty for a null marker (`n/a`), the value inside an Excel
    /// guard (`="0123"`) or after a text prefix (`'0123`); nil when the bytes are the value (almost every cell).
    @inline(__always)
    func cleaned(_ cell: ByteView) -> ByteView? {
        if let inner = CellHygiene.unwrapped(cell) { return isNull(inner) ? ByteView.empty : inner }
        return isNull(cell) ? ByteView.empty : nil
    }

    @inline(__always)
    private func isNull(_ cell: ByteView) -> Bool {
        NullMarkers.mayMatch(cell, low: nullLow, high: nullHigh, lengths: nullLengths) && isMarker(cell)
    }

    /// The markers' lists, for a cell whose length and first byte are a marker's.
    @inline(never)
    private func isMarker(_ cell: ByteView) -> Bool { nullMarkers.isMarker(cell) }

    init(
        columns: FieldMap<ResolvedColumn>, constants: FieldMap<String>, timestamps: TimestampParser?,
        nullMarkers: NullMarkers = NullMarkers(), decimalMark: Character? = nil
    ) {
        (self.columns, self.constants, self.timestamps, self.nullMarkers) = (
            columns, constants, timestamps, nullMarkers
        )
        (nullLow, nullHigh, nullLengths) = (nullMarkers.firstBytesLow, nullMarkers.firstBytesHigh, nullMarkers.lengths)
        decimalByte = decimalMark.flatMap(\.asciiValue) ?? 0
        for field in Field.allCases {
            indexes[field.ordinal] = columns[field]?.index ?? -1
            constantGiven[field.ordinal] = constants[field] != nil
            units[field.ordinal] = columns[field]?.unit
        }
        let given = { (field: Field) in columns[field] != nil || constants[field] != nil }
        timeColumnOnly =
            columns[.eventTime] != nil
            && ![.eventDate, .scheduledDelivery, .deliveredAt, .weight].contains(where: given)
    }

    /// True for a tracking file whose scans have one time column and no date column, scheduled or delivery time, or
    /// weight (column or constant): the usual file, whose row's values are its time alone.
    let timeColumnOnly: Bool

    /// True when the profile gives the field a constant.
    func hasConstant(_ field: Field) -> Bool { constantGiven[field.ordinal] }

    /// The unit of bare numbers in the field's column.
    func unit(_ field: Field) -> WeightUnit? { units[field.ordinal] }

    /// The index of the field's column; nil when it has none.
    @inline(__always)
    func index(_ field: Field) -> Int? {
        let index = indexes[field.ordinal]
        return index < 0 ? nil : index
    }

    /// The date in a cell's bytes by the built-in parser; nil when there is none or it cannot read them.
    func date(_ cell: ByteView) -> Date? { timestamps?.date(cell) }
}

struct FieldMap<Value: Sendable>: Sendable {
    private var slots = [Value?](repeating: nil, count: Field.allCases.count)

    init() {}

    init(_ dictionary: [Field: Value]) {
        for (field, value) in dictionary { self[field] = value }
    }

    subscript(field: Field) -> Value? {
        get { slots[field.ordinal] }
        set { slots[field.ordinal] = newValue }
    }

    /// The values present, in field order.
    var values: [Value] { slots.compactMap { $0 } }
}

extension Field {
    /// The position of the case among `allCases`: the enum's own tag (a field-less enum stores its case index in one
    /// byte; `FieldMapTests` checks this against `allCases`).
    var ordinal: Int { caseNumber(of: self) }
}
