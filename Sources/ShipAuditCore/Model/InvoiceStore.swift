import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Every charge line of the carriers' invoices, in 48-byte records: tracking numbers kept once each (`ByteKeyIndex`),
/// invoices and repeated texts numbered, amounts in ten-thousandths (`StoredMoney`), and what a line says of its
/// package (weights, dimensions, zone) kept once for the lines of a package that repeat it. `InvoiceLine` values are
/// made on access. Records are `PagedArray`s (in temporary files with a `StoreBacking` of files).
public struct InvoiceStore: Sendable {
    struct StoredCharge {
        /// The position of its tracking number in `trackingNumbers`: the package.
        var package: UInt32
        /// The position of its invoice in `invoices`.
        var invoice: UInt32
        var code: UInt32
        var description: UInt32
        var amount: Int64 // StoredMoney
        var shipped: Double // seconds since 1970, NaN: none
        var file: UInt32
        var line: UInt32
        /// The position of what it says of its package in `facts`.
        var facts: UInt32
        var kind: ChargeKind
    }

    /// What a line says of its package (`BilledPackage`), numbers NaN where it says nothing.
    struct StoredFacts: Equatable {
        var billedGrams = Double.nan, enteredGrams = Double.nan, scaleGrams = Double.nan
        var length = Double.nan, width = Double.nan, height = Double.nan
        var statedDivisor = Double.nan
        var delivered = Double.nan
        var zone: UInt32 = 0, company: UInt32 = 0
        /// 0: not said; else 1 + the unit's position in `WeightUnit.allCases`.
        var unit: UInt8 = 0
        /// 0: not said, 1: actual, 2: dimensional.
        var dimensional: UInt8 = 0

        /// Equal when every figure is (NaN, "not said", equal to NaN).
        static func == (a: StoredFacts, b: StoredFacts) -> Bool {
            let (x, y) = (a.numbers, b.numbers)
            return (0..<x.count).allSatisfy { x[$0].bitPattern == y[$0].bitPattern } && a.zone == b.zone
                && a.company == b.company && a.unit == b.unit && a.dimensional == b.dimensional
        }

        private var numbers: [Double] {
            [billedGrams, enteredGrams, scaleGrams, length, width, height, statedDivisor, delivered]
        }
    }

    /// An invoice: carrier, number and date (UPS recycles numbers), and its currency.
    struct Invoice: Hashable {
        let carrier: String, number: String, date: Date?, currency: String
    }

    private var charges: PagedArray<StoredCharge>
    private var facts: PagedArray<StoredFacts>
    private var trackingNumbers = ByteKeyIndex()
    private var invoices: [Invoice] = []
    private var invoicePositions: [Invoice: UInt32] = [:]
    private var texts = TextTable()

    /// Creates an empty store, its records in memory or in files as `backing` says.
    public init(backing: StoreBacking = .memory) {
        charges = PagedArray(backing: backing)
        facts = PagedArray(backing: backing)
    }

    /// The number of charge lines.
    public var count: Int { charges.count }

    /// True when no line was read.
    public var isEmpty: Bool { charges.isEmpty }

    /// The number of packages (distinct tracking numbers).
    var packageCount: Int { trackingNumbers.count }

    /// The package of the line at `position`.
    func package(at position: Int) -> Int { Int(charges[position].package) }

    /// The tracking number of a package.
    func trackingNumber(ofPackage package: Int) -> String { trackingNumbers.key(at: package) }

    /// The package with this tracking number (its bytes, normalized as `ValueParsers.trackingKey` does), nil when no
    /// line bills it.
    func package(tracking: ByteView) -> Int? { trackingNumbers.position(bytes: tracking) }

    /// The amount (`StoredMoney`) and kind of the line at `position`, without making its value.
    func amount(at position: Int) -> (amount: Int64, kind: ChargeKind) {
        let charge = charges[position]
        return (charge.amount, charge.kind)
    }

    /// When the line at `position` says its package shipped, in seconds since 1970 (NaN: it does not say).
    func shipped(at position: Int) -> Double { charges[position].shipped }

    /// The currency of the line at `position`.
    func currency(at position: Int) -> String { invoices[Int(charges[position].invoice)].currency }

    /// The carrier's scale weight the line at `position` gives, in grams (nil: none).
    func scaleGrams(at position: Int) -> Double? {
        let grams = facts[Int(charges[position].facts)].scaleGrams
        return grams.isNaN ? nil : grams
    }

    /// The row of the line at `position`.
    func source(at position: Int) -> SourceLocation {
        let charge = charges[position]
        return SourceLocation(fileNumber: charge.file, line: Int(charge.line))
    }

    /// The line at `position`, its tracking number given when the caller has it (one `String` per package).
    func line(at position: Int, tracking: String? = nil) -> InvoiceLine {
        let charge = charges[position]
        let invoice = invoices[Int(charge.invoice)]
        let stored = facts[Int(charge.facts)]
        var package = BilledPackage()
        func weight(_ grams: Double) -> Weight? { grams.isNaN ? nil : Weight(grams: grams) }
        package.billedWeight = weight(stored.billedGrams)
        package.enteredWeight = weight(stored.enteredGrams)
        package.scaleWeight = weight(stored.scaleGrams)
        package.weightUnit = stored.unit == 0 ? nil : WeightUnit.allCases[Int(stored.unit) - 1]
        package.dimensional = stored.dimensional == 0 ? nil : stored.dimensional == 2
        if !stored.length.isNaN {
            package.dimensions = Dimensions(length: stored.length, width: stored.width, height: stored.height)
        }
        package.statedDivisor = stored.statedDivisor.isNaN ? nil : stored.statedDivisor
        package.zone = texts[stored.zone]
        package.receiverCompany = texts[stored.company]
        package.deliveredAt = stored.delivered.isNaN ? nil : Date(timeIntervalSince1970: stored.delivered)
        return InvoiceLine(
            carrier: invoice.carrier, invoiceNumber: invoice.number, invoiceDate: invoice.date,
            trackingNumber: tracking ?? trackingNumbers.key(at: Int(charge.package)), code: texts[charge.code],
            description: texts[charge.description], amount: StoredMoney.decode(charge.amount) ?? 0,
            currency: invoice.currency,
            shipDate: charge.shipped.isNaN ? nil : Date(timeIntervalSince1970: charge.shipped),
            source: SourceLocation(fileNumber: charge.file, line: Int(charge.line)), package: package,
            kind: charge.kind)
    }

    /// Every line, in the order read (tests, `explain`).
    public var lines: [InvoiceLine] { (0..<count).map { line(at: $0) } }

    /// Adds a line (tests, library callers; the loader adds its rows' parts as numbers). An amount with more than four
    /// decimals is rounded to four (the loader reads amounts in that form).
    public mutating func append(_ line: InvoiceLine) {
        var (amount, rounded) = (line.amount, Decimal())
        NSDecimalRound(&rounded, &amount, 4, .plain)
        let invoice = invoice(
            Invoice(carrier: line.carrier, number: line.invoiceNumber, date: line.invoiceDate, currency: line.currency))
        append(
            package: addPackage(tracking: line.trackingNumber), invoice: invoice, code: texts.number(line.code),
            description: texts.number(line.description), amount: StoredMoney.encode(rounded) ?? 0,
            shipped: line.shipDate?.timeIntervalSince1970 ?? .nan, facts: facts(line.package), source: line.source,
            kind: line.kind)
    }

    /// Adds a line of package `package` (`addPackage(tracking:)`) on invoice `invoice` (`invoice(_:)`), saying `facts`
    /// of its package (`facts(_:)`).
    mutating func append(
        package: UInt32, invoice: UInt32, code: UInt32, description: UInt32, amount: Int64, shipped: Double,
        facts: UInt32, source: SourceLocation, kind: ChargeKind
    ) {
        descriptions.insert(description)
        charges.append(
            StoredCharge(
                package: package, invoice: invoice, code: code, description: description, amount: amount,
                shipped: shipped, file: source.fileNumber, line: UInt32(clamping: source.line), facts: facts,
                kind: kind))
    }

    /// The number of an invoice, adding it when new.
    mutating func invoice(_ invoice: Invoice) -> UInt32 {
        if let last = invoices.last, last == invoice { return UInt32(invoices.count - 1) }
        if let known = invoicePositions[invoice] { return known }
        invoices.append(invoice)
        invoicePositions[invoice] = UInt32(invoices.count - 1)
        return UInt32(invoices.count - 1)
    }

    /// The package with this tracking number (normalized), adding it when new.
    mutating func addPackage(tracking: ByteView) -> UInt32 { UInt32(trackingNumbers.insert(bytes: tracking)) }

    /// `addPackage(tracking:)` of a tracking number as text.
    mutating func addPackage(tracking: String) -> UInt32 { UInt32(trackingNumbers.insert(tracking)) }

    /// The number of what a line says of its package: the last one's again when the same (the lines of a package
    /// repeat it), else a new one.
    mutating func facts(_ package: BilledPackage) -> UInt32 {
        let said = storedFacts(package)
        if let last = facts.indices.last, facts[last] == said { return UInt32(last) }
        facts.append(said)
        return UInt32(facts.count - 1)
    }

    private mutating func storedFacts(_ package: BilledPackage) -> StoredFacts {
        var stored = StoredFacts()
        stored.billedGrams = package.billedWeight?.grams ?? .nan
        stored.enteredGrams = package.enteredWeight?.grams ?? .nan
        stored.scaleGrams = package.scaleWeight?.grams ?? .nan
        if let dimensions = package.dimensions {
            (stored.length, stored.width, stored.height) = (dimensions.length, dimensions.width, dimensions.height)
        }
        stored.statedDivisor = package.statedDivisor ?? .nan
        stored.delivered = package.deliveredAt?.timeIntervalSince1970 ?? .nan
        stored.zone = texts.number(package.zone)
        stored.company = texts.number(package.receiverCompany)
        stored.unit = package.weightUnit.map { UInt8(WeightUnit.allCases.firstIndex(of: $0)! + 1) } ?? 0
        stored.dimensional = package.dimensional.map { $0 ? 2 : 1 } ?? 0
        return stored
    }

    /// The distinct charge descriptions and invoice carriers, for names worked out once (`KnownNames`); nil when
    /// there are more than `limit` descriptions.
    func chargeNames(limit: Int) -> (descriptions: [String], carriers: [String])? {
        guard descriptions.numbers.count <= limit else { return nil }
        return (descriptions.numbers.sorted().map { texts[$0] }, Array(Set(invoices.map(\.carrier))).sorted())
    }

    /// The charge descriptions' text numbers, kept as lines are added.
    private var descriptions = NumberSet<UInt32>()

    /// The number of a text in the store's table.
    mutating func text(_ text: String) -> UInt32 { texts.number(text) }

    /// The number of the text whose UTF-8 is `bytes` (valid UTF-8): no `String` made for a text seen before.
    mutating func text(bytes: ByteView) -> UInt32 { texts.number(bytes: bytes) }

    /// The text of a number of the store's table.
    func text(number: UInt32) -> String { texts[number] }

    /// Hands the records' pages back to the system (file-backed records only: see `StoreBacking`).
    func releaseResident() {
        charges.releaseResident()
        facts.releaseResident()
    }

    /// `releaseResident` every 65,536 lines of a pass over them (called with each line's position): a pass reads the
    /// records faster than the trimmer's interval (`ResidentTrimmer`), so it hands them back as it goes.
    func releaseResident(after position: Int) {
        if position & 0xFFFF == 0xFFFF { releaseResident() }
    }
}
