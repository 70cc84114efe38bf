import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The rows of carrier invoices, read into an `InvoiceStore`: the invoices' part of `InputLoader`, with what it keeps
/// from row to row and from file to file.
///
/// The lines of an invoice follow one another, and a package's lines repeat what they say of it (UPS): the invoice's
/// cells and the package's are compared as bytes with the last row's (`CellKey`) and read again only when they differ.
/// An invoice already read from another file is not read again (`firstFile`).
struct InvoiceRows {
    /// The currency of invoices that name none (FedEx's files): the store's.
    let currency: String

    init(currency: String) { self.currency = currency }

    /// The invoices of the file being read: their lines' sum, the total they state, their first row.
    private var invoiceTotals: [UInt32: (sum: Int64, stated: Int64?, line: Int)] = [:]
    /// By invoice (its number in the store), the file it was first read from (`firstFile`).
    private var invoiceFiles: [UInt32] = []
    /// The invoices' names as the totals' warning gives them (`ups 691317025 of 2026-11-21`), by number.
    private var invoiceNames: [UInt32: String] = [:]
    /// The last invoice row's invoice cells (`cellKey`), the layout's carrier, and the invoice they gave.
    private var lastInvoice: (carrier: String?, invoice: (number: UInt32, numbered: UInt32?))?
    private var lastInvoiceKey = CellKey()
    /// The invoices of the current file by their cells (`cellKey`): up to 4,096 of them.
    private var invoicesByCells: [[UInt8]: (number: UInt32, numbered: UInt32?)] = [:]
    /// Weight unit spellings read so far (`billedPackage`), and what they mean.
    private var unitSpellings: [String: WeightUnit?] = [:]
    /// The current file's invoice and package fields with a column or a constant (`present`), once read.
    private var presentFields: (invoice: [Field], package: [Field])?
    /// The last row's package cells (`cellKey`) and what they gave.
    private var lastFacts: (facts: UInt32, shipped: Double)?
    private var lastFactsKey = CellKey()
    /// The last clean tracking number read (`CellKey`) and its package.
    private var (trackingKey, lastTrackingKey, lastTrackingPackage) = (CellKey(), CellKey(), UInt32.max)
    /// A key's bytes, reused from row to row.
    private var scratchKey = CellKey()
    /// What charges are for, by their code's and description's numbers (`chargeKind`).
    private var chargeKinds: [UInt64: ChargeKind] = [:]
    /// The last dimensions text read and what it gave (the lines of a package repeat it).
    private var lastDimensions: (text: String, unit: String, dimensions: Dimensions?)?

    /// The columns of every charge pair of a header: a description column followed by an amount column, named as
    /// `pairs` says or as a spreadsheet renames a repeat (`Tracking ID Charge Description.1`, `… (2)`, `…_2`).
    static func chargePairs(_ pairs: (description: String, amount: String), in header: Header) -> [(
        description: Int, amount: Int
    )] {
        let (description, amount) = (Header.normalize(pairs.description), Header.normalize(pairs.amount))
        let names = header.names.map { repeatBase(Header.normalize($0)) }
        return names.indices.dropLast().filter { names[$0] == description && names[$0 + 1] == amount }.map {
            (description: $0, amount: $0 + 1)
        }
    }

    /// A header without the suffix a spreadsheet gives a repeated name: `.1`, ` (2)`, ` 2` (as the pattern
    /// `(\.\d+|\s*\(\d+\)|\s\d+)$` would cut; read byte by byte, as a header can have thousands of columns).
    static func repeatBase(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = bytes.count
        if bytes.last == UInt8(ascii: ")") {
            start -= 1
            while start > 0, isDigit(bytes[start - 1]) { start -= 1 }
            guard start < bytes.count - 1, start > 0, bytes[start - 1] == UInt8(ascii: "(") else { return text }
            start -= 1
            while start > 0, isSpace(bytes[start - 1]) { start -= 1 }
            return String(decoding: bytes[..<start], as: UTF8.self)
        }
        while start > 0, isDigit(bytes[start - 1]) { start -= 1 }
        guard start < bytes.count, start > 0, bytes[start - 1] == UInt8(ascii: ".") || isSpace(bytes[start - 1])
        else { return text }
        return String(decoding: bytes[..<(start - 1)], as: UTF8.self)
    }

    /// A charge line of a carrier invoice; a row of a layout with one row per package and its charges in pairs of
    /// columns (FedEx) gives one line for its transportation charge and one for each pair with an amount.
    ///
    /// The lines of an invoice follow one another, and a package's lines repeat what they say of it (UPS): the
    /// invoice's cells and the package's are read again only when their bytes differ from the last row's.
    ///
    /// Returns the file an invoice was first read from when the row is one of it in another file (not read again: see
    /// `firstRead`), nil otherwise.
    mutating func take(
        _ row: Row, dates: (String) -> Result<Date, ValueError>, carrier: String?, into store: inout InvoiceStore
    ) throws(InputProblem) -> String? {
        // Invoice-level lines (a service fee, a payment) name no package: used, but nothing to check per package.
        let net = try row.money(.netAmount)
        let charges = try Self.charges(of: row, net: net)
        // Without a net amount, a row's charges (in columns or pairs) add up to it; a row with neither is refused.
        guard let amount = net ?? charges.flatMap({ $0.isEmpty ? nil : $0.reduce(0) { $0 &+ $1.amount } }) else {
            guard row.hasColumn(.netAmount) else {
                throw InputProblem(
                    row.location, reason: "has no amount in any charge column",
                    hint: "a package row needs at least one charge; an empty row can be deleted")
            }
            throw row.problem(.netAmount, value: "", reason: "is empty", hint: "every charge line needs its amount")
        }
        let invoice = try invoiceOf(row, dates: dates, carrier: carrier, &store)
        if let first = firstFile(invoice, row) { return FileNames.name(first) }
        if let numbered = invoice.numbered {
            invoiceTotals[numbered, default: (0, nil, row.location.line)].sum &+= amount
            if invoiceTotals[numbered]!.stated == nil, let stated = try? row.money(.invoiceAmount) {
                invoiceTotals[numbered]!.stated = stated
            }
        }
        // A clean tracking number (capitals and digits) is kept as the cell's bytes. A placeholder (`N/A`, `PENDING`)
        // names no package: the line is the invoice's, as one with no tracking number.
        let package: UInt32
        let cell = row.bytes(.trackingNumber)
        // (A number of several digits is none: FedEx's twelve digits are not turned into a string on every row.)
        if let cell, cell.count <= 16, cell.count < 2 || !(cell.first.map { (48...57).contains($0) } ?? false),
            TrackingPlaceholder.matches(cell.text)
        {
            return nil
        }
        if let clean = cell, ValueParsers.isCleanTrackingNumber(clean) {
            trackingKey.reset()
            trackingKey.add(clean)
            if trackingKey.same(as: lastTrackingKey) {
                package = lastTrackingPackage
            } else {
                package = store.addPackage(tracking: clean)
                lastTrackingPackage = package
                swap(&trackingKey, &lastTrackingKey)
            }
        } else {
            // No tracking number: an invoice-level line (a fee, a payment), used but not a package's. One Excel
            // turned into a number is rejected with its reason, as in the shipments export.
            guard let tracking = try row.value(.trackingNumber, ValueParsers.trackingNumber), !tracking.isEmpty
            else { return nil }
            package = store.addPackage(tracking: tracking)
        }
        let said = try packageFacts(row, dates: dates, &store)
        func append(_ amount: Int64, code: UInt32, description: UInt32) {
            store.append(
                package: package, invoice: invoice.number, code: code, description: description, amount: amount,
                shipped: said.shipped, facts: said.facts, source: row.location,
                kind: chargeKind(code: code, description: description, &store))
        }
        guard let charges else {
            let code =
                row.upperCaseASCII(.chargeCode).map { store.text(bytes: $0) }
                ?? store.text(row.text(.chargeCode).uppercased())
            let description =
                row.utf8(.chargeDescription).map { store.text(bytes: $0) }
                ?? store.text(row.text(.chargeDescription))
            append(amount, code: code, description: description)
            return nil
        }
        for charge in charges {
            append(
                charge.amount, code: store.text(charge.code),
                description: store.text(charge.description))
        }
        return nil
    }

    /// The file an invoice was first read from, when the row is one of it in another file: the same invoice downloaded
    /// twice (`… (1).csv`), or two downloads whose dates overlap, would bill its charges twice (every order's shipping
    /// loss doubled). Nil for the invoice's file, or a row naming no invoice number. An invoice is its carrier, number
    /// and date: a number UPS recycles comes with another date.
    private mutating func firstFile(_ invoice: (number: UInt32, numbered: UInt32?), _ row: Row) -> UInt32? {
        let file = row.location.fileNumber
        while invoiceFiles.count <= Int(invoice.number) { invoiceFiles.append(file) }
        let first = invoiceFiles[Int(invoice.number)]
        return invoice.numbered != nil && first != file ? first : nil
    }

    /// The bytes of `fields`' cells (constants' texts where a field has no column), each after its length: two rows
    /// with the same key have the same cells.
    private static func cellKey(_ row: Row, _ fields: [Field], into key: CellKey) {
        key.reset()
        for field in fields {
            if let cell = row.bytes(field) {
                key.add(cell)
            } else if row.layout.hasConstant(field) {
                key.add(row.text(field))
            } else {
                key.addEmpty()
            }
        }
    }
    /// The invoice a row is on (its number in the store), and its number for the invoice's totals (nil when the row
    /// names no invoice number): the row's carrier (else the layout's), its number normalized
    /// (`InvoiceLine.invoiceNumber`), its date and currency.
    private mutating func invoiceOf(
        _ row: Row, dates: (String) -> Result<Date, ValueError>, carrier: String?, _ store: inout InvoiceStore
    ) throws(InputProblem) -> (number: UInt32, numbered: UInt32?) {
        if presentFields == nil { presentFields = Self.present(row) }
        Self.cellKey(row, presentFields!.invoice, into: scratchKey)
        if let last = lastInvoice, last.carrier == carrier, scratchKey.same(as: lastInvoiceKey) { return last.invoice }
        // Lines of a few invoices can come interleaved: the file's invoices are kept by their cells too.
        let cells = scratchKey.bytes
        if let known = invoicesByCells[cells] {
            lastInvoice = (carrier, known)
            swap(&scratchKey, &lastInvoiceKey)
            return known
        }
        let written = row.text(.carrier)
        let name = written.isEmpty ? carrier ?? "" : written.lowercased()
        let normalized = InvoiceLine.invoiceNumber(row.text(.invoiceNumber))
        let currency = row.text(.currency).isEmpty ? currency : row.text(.currency).uppercased()
        let date = try row.date(.invoiceDate, dates)
        let number = store.invoice(
            InvoiceStore.Invoice(carrier: name, number: normalized, date: date, currency: currency))
        if !normalized.isEmpty, invoiceNames[number] == nil {
            invoiceNames[number] = "\(name) \(normalized) of \(row.text(.invoiceDate))"
        }
        let invoice = (number, normalized.isEmpty ? nil : number)
        lastInvoice = (carrier, invoice)
        swap(&scratchKey, &lastInvoiceKey)
        if invoicesByCells.count < 4_096 { invoicesByCells[cells] = invoice }
        return invoice
    }

    /// The invoice and package fields the file's layout has a column or a constant for: only those can differ.
    private static func present(_ row: Row) -> (invoice: [Field], package: [Field]) {
        func given(_ field: Field) -> Bool { row.hasColumn(field) || row.layout.hasConstant(field) }
        return (invoiceFields.filter(given), packageFields.filter(given))
    }

    /// The fields that name a row's invoice.
    private static let invoiceFields: [Field] = [.carrier, .invoiceNumber, .invoiceDate, .currency]

    /// The fields that say what a row's package is (`billedPackage`), and its ship date.
    private static let packageFields: [Field] = [
        .weightUnit, .billedWeight, .enteredWeight, .scaleWeight, .billedWeightType, .dimensionUnit, .dimensions,
        .length, .width, .height, .dimDivisor, .zone, .receiverCompany, .deliveredAt, .shippedAt,
    ]

    /// What a row says of its package (its number in the store) and its ship date (seconds since 1970, NaN: none).
    private mutating func packageFacts(
        _ row: Row, dates: (String) -> Result<Date, ValueError>, _ store: inout InvoiceStore
    ) throws(InputProblem) -> (facts: UInt32, shipped: Double) {
        if presentFields == nil { presentFields = Self.present(row) }
        Self.cellKey(row, presentFields!.package, into: scratchKey)
        if let last = lastFacts, scratchKey.same(as: lastFactsKey) { return last }
        let package = try billedPackage(row, dates: dates)
        let shipped = try row.date(.shippedAt, dates)?.timeIntervalSince1970 ?? .nan
        let said = (store.facts(package), shipped)
        lastFacts = said
        swap(&scratchKey, &lastFactsKey)
        return said
    }

    /// What a charge is for (`ChargeKind.of`), told once per code and description (by their numbers).
    private mutating func chargeKind(code: UInt32, description: UInt32, _ store: inout InvoiceStore) -> ChargeKind {
        let key = UInt64(code) << 32 | UInt64(description)
        if let known = chargeKinds[key] { return known }
        let kind = ChargeKind.of(
            code: store.text(number: code), description: store.text(number: description))
        // A few codes and descriptions repeat on every invoice; a layout writing new ones on each line is not memoised.
        if chargeKinds.count < 100_000 { chargeKinds[key] = kind }
        return kind
    }

    /// The charges of a row whose layout has charge pairs or charge columns: its transportation charge (code `FRT`,
    /// described by its service), each pair or column with an amount, and the difference to the row's net charge
    /// when they do not add up to it (code `OTHER`: the layout's columns not read, such as discounts in other
    /// columns). Nil for other layouts.
    private static func charges(of row: Row, net: Int64?) throws(InputProblem) -> [(
        code: String, description: String, amount: Int64
    )]? {
        let pairs = row.layout.chargePairs
        let columns = row.layout.chargeColumns
        guard !pairs.isEmpty || !columns.isEmpty || row.columns[.transportationCharge] != nil else { return nil }
        let mark = row.layout.decimalMark
        var charges: [(code: String, description: String, amount: Int64)] = []
        let service = row.text(.service).isEmpty ? row.text(.serviceDetail) : row.text(.service)
        if let transportation = try row.money(.transportationCharge) {
            charges.append(("FRT", service.isEmpty ? "Transportation charge" : service, transportation))
        }
        for column in columns {
            let text = row.text(at: column.index)
            guard !text.isEmpty else { continue }
            guard case .success(let amount) = ValueParsers.storedMoney(text, decimalMark: mark) else {
                throw InputProblem(
                    row.location, column: column.header, value: text, reason: "is not an amount",
                    hint: "a charge column's amount is a number such as 4.25")
            }
            // A label's charge names the service billed when the row has one; without, it is a charge like any other
            // (its header names no service to compare).
            let named = column.kind == .label && !service.isEmpty
            charges.append(
                (column.kind == .label && !named ? "" : column.kind.code, named ? service : column.header, amount))
        }
        for pair in pairs {
            let text = row.text(at: pair.amount)
            guard !text.isEmpty else { continue }
            guard case .success(let amount) = ValueParsers.storedMoney(text, decimalMark: mark) else {
                throw InputProblem(
                    row.location, column: pair.amountHeader, value: text,
                    reason: "is not an amount", hint: "a charge pair's amount is a number such as 4.25")
            }
            let description = row.text(at: pair.description)
            charges.append((Self.pairCode(description), description, amount))
        }
        guard let net else { return charges }
        let rest = net &- charges.reduce(0) { $0 &+ $1.amount }
        if abs(rest) >= 100 {
            charges.append(("OTHER", "Other charges (the difference to the net charge)", rest))
        }
        return charges
    }

    /// The code a charge pair's line is given (FedEx's pairs have none): UPS's code for the kinds the checks read
    /// (`ADC`, `RES`, `GSR`), else none.
    private static func pairCode(_ description: String) -> String {
        switch ChargeKind.of(code: "", description: description) {
        case .addressCorrection: "ADC"
        case .residential: "RES"
        case .guarantee: "GSR"
        case .weightCorrection: "SCC"
        case .other: ""
        }
    }

    /// What an invoice row says of its package.
    private mutating func billedPackage(_ row: Row, dates: (String) -> Result<Date, ValueError>) throws(InputProblem)
        -> BilledPackage
    {
        var package = BilledPackage()
        let unitText = row.text(.weightUnit)
        // Every package of a file names the same unit or two: each spelling is read once.
        let unit: WeightUnit?
        if let known = unitSpellings[unitText] {
            unit = known
        } else {
            unit = WeightUnit(spelling: unitText)
            if unitSpellings.count < 64 { unitSpellings[unitText] = unit }
        }
        if !unitText.isEmpty, unit == nil {
            throw row.problem(
                .weightUnit, value: unitText, reason: "\"\(unitText)\" is not a weight unit",
                hint: "use g, kg, oz or lb (UPS writes L or K)")
        }
        let commaMark = row.decimalByte == UInt8(ascii: ",")
        func weight(_ field: Field) throws(InputProblem) -> Weight? {
            // The usual bare number in a known unit (`7.2` pounds), read from its bytes.
            if !commaMark, let unit, let cell = row.bytes(field) {
                if cell.isEmpty { return nil }
                if let amount = ValueParsers.plainAmount(cell) { return Weight(grams: amount * unit.grams) }
            }
            return try row.value(field) {
                ValueParsers.weight($0, defaultUnit: unit, decimalMark: row.layout.decimalMark)
            }
        }
        package.billedWeight = try weight(.billedWeight)
        package.weightUnit = unit
        package.enteredWeight = try weight(.enteredWeight)
        package.scaleWeight = try weight(.scaleWeight).flatMap { $0.grams > 0 ? $0 : nil }
        if row.hasColumn(.billedWeightType) {
            package.dimensional = BilledPackage.isDimensional(row.text(.billedWeightType))
        }
        let dimensionUnit = row.text(.dimensionUnit)
        let keyed = row.text(.dimensions)
        if !keyed.isEmpty {
            if let last = lastDimensions, last.text == keyed, last.unit == dimensionUnit {
                package.dimensions = last.dimensions
            } else {
                package.dimensions = Dimensions(text: keyed, unit: dimensionUnit)
                lastDimensions = (keyed, dimensionUnit, package.dimensions)
            }
        } else if row.hasColumn(.length) {
            let numbers = [Field.length, .width, .height].map {
                Double(row.text($0).replacingOccurrences(of: ",", with: "."))
            }
            if numbers.allSatisfy({ $0 != nil }) {
                package.dimensions = Dimensions(numbers: numbers.map { $0! }, unit: dimensionUnit)
            }
        }
        if row.hasColumn(.dimDivisor) {
            package.statedDivisor = Double(row.text(.dimDivisor)).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        }
        package.zone = row.text(.zone)
        package.receiverCompany = row.text(.receiverCompany)
        package.deliveredAt = try row.date(.deliveredAt, dates)
        return package
    }

    /// Forgets what the last file's rows said (a new file's first row reads its invoice and package cells again).
    mutating func startFile() {
        invoiceTotals = [:]
        (lastInvoice, lastFacts, invoicesByCells, presentFields) = (nil, nil, [:], nil)
    }

    /// The file's invoices whose lines do not add up to the total they state: a data-quality line, not a dispute.
    func totalsWarnings(path: String) -> [InputProblem] {
        invoiceTotals.sorted(by: { $0.value.line < $1.value.line }).compactMap { number, totals in
            guard let stated = totals.stated, abs(totals.sum - stated) > 100 else { return nil }
            return InputProblem(
                SourceLocation(file: path, line: totals.line),
                reason:
                    "invoice \(invoiceNames[number] ?? ""): its lines add up to \(Money.format(StoredMoney.decode(totals.sum)!)) but it states \(Money.format(StoredMoney.decode(stated)!))",
                hint: "the file may be cut short or hold part of the invoice; its charges are checked as they are")
        }
    }
}
