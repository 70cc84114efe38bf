import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The read stage: turns input files into `LoadedInputs`, one file at a time, streaming each.
///
/// A problem with a row rejects that row (it lands in `rejects`); a problem with a whole file (cannot open,
/// unknown layout, missing required column, no data rows, broken quoting) is thrown as an `InputProblem`.
public struct InputLoader {
    /// The result so far.
    public private(set) var loaded: LoadedInputs
    private let timestamps: TimestampParser
    private let trackingTimes: TimestampParser
    private let statuses: [String: ParcelStatus]
    private let profiles: [Profile]
    private let maxRecordBytes: Int
    /// Whether each file's checksum is worked out (`InputSummary.checksum`).
    private let checksums: Bool
    /// Status texts already normalized, found by their bytes; `statusOf` holds each one's status (nil: not
    /// understood) and its text.
    private var statusTexts = ByteKeyIndex()
    private var statusOf: [(status: ParcelStatus?, text: String)] = []
    /// Each of `statusOf`'s texts numbered in the tracking store's table, once read (UInt32.max: not yet).
    private var statusNumbers: [UInt32] = []
    /// The master packages of multi-piece shipments read so far in the current file, by tracking number.
    private var shipmentMasters: [String: ShipmentMaster] = [:]
    /// The shipments of the current file whose weight (`weight_per = "shipment"`) was counted on a piece already.
    private var shipmentWeightsCounted: Set<String> = []

    /// What the pieces of a multi-piece shipment take from its master package's row.
    struct ShipmentMaster {
        let orderId: String
        let carrier: UInt32, service: UInt32, requested: UInt32
        let shippedAt: Date?
    }

    /// Rows of the current file skipped because their order (or invoice) came from an earlier file, by that file.
    private var repeatedRows: [String: Int] = [:]
    /// Optional values of the current file that could not be read, by column: how many, and the first problem.
    private var ignoredCells: [String: (count: Int, first: InputProblem)] = [:]

    /// Creates a loader. `timeZone` applies to dates written without an offset; `trackingTimeZone` to carrier scan
    /// times without one (UPS writes local times); `statuses` maps extra status texts (config `[statuses]`);
    /// `backing` says where the stores keep their records.
    /// Financial status texts mapped by the config (`[payment_statuses]`).
    private let paymentStatuses: [String: PaymentStatus]
    /// The order of slash dates the config sets (`[store] date_order`); nil: each file's values decide.
    private let dateOrder: SlashDateOrder?
    /// Cell texts read as empty in every column.
    private let nullMarkers: NullMarkers
    /// The decimal mark of every export (`[store] decimal_mark`); nil: each value's shape says, when it can.
    private let decimalMark: Character?
    /// Cash-on-delivery methods besides the built-in ones when pending COD orders are due to ship
    /// (`[store] cash_on_delivery`); nil: they are not.
    private let cashOnDelivery: Set<String>?
    /// Fulfilment status texts mapped by the config (`[fulfillment_statuses]`).
    private let fulfilmentStatuses: [String: FulfilmentStatus]

    /// The currency of invoice lines whose layout names none (FedEx's): the store's (`[store] currency`).
    /// The invoices' rows, and what they keep from row to row.
    private var invoiceRows: InvoiceRows

    public init(
        timeZone: TimeZone, trackingTimeZone: TimeZone? = nil, statuses: [String: ParcelStatus] = [:],
        paymentStatuses: [String: PaymentStatus] = [:], fulfilmentStatuses: [String: FulfilmentStatus] = [:],
        cashOnDelivery: Set<String>? = nil, dateOrder: SlashDateOrder? = nil,
        nullMarkers: NullMarkers = NullMarkers(), decimalMark: Character? = nil,
        profiles: [Profile] = BuiltInProfiles.all,
        maxRecordBytes: Int = 16 << 20, backing: StoreBacking = .memory, checksums: Bool = true,
        invoiceCurrency: String = "USD"
    ) {
        invoiceRows = InvoiceRows(currency: invoiceCurrency)
        self.paymentStatuses = paymentStatuses
        self.fulfilmentStatuses = fulfilmentStatuses
        self.cashOnDelivery = cashOnDelivery
        self.dateOrder = dateOrder
        self.nullMarkers = nullMarkers
        self.decimalMark = decimalMark
        loaded = LoadedInputs(backing: backing)
        self.checksums = checksums
        self.maxRecordBytes = maxRecordBytes
        timestamps = TimestampParser(timeZone: timeZone, zoneUse: zoneUse)
        trackingTimes = TimestampParser(
            timeZone: trackingTimeZone ?? timeZone, zoneUse: trackingTimeZone == nil ? zoneUse : nil)
        self.trackingZoneIsStore = trackingTimeZone == nil
        self.statuses = Dictionary(
            statuses.map { (ServiceDirectory.key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.profiles = profiles
    }

    /// The pacer of the files read at the same time as this loader's, and this loader's group in it: each file's
    /// parser waits there when it gets ahead (`ReadPacer`).
    public var pacing: (pacer: ReadPacer, group: Int)?
    /// Bytes of the files this loader read before the one being read, for `pacing`.
    private var pacedBytes = 0
    /// Hears whether any value was read in the store's zone for want of an offset of its own: the run reads such
    /// files again when the store's zone turns out to be another (`StoreClock`).
    public let zoneUse = ZoneUse()
    /// True when tracking times without an offset are read in the store's zone (no `[tracking] time_zone`).
    private let trackingZoneIsStore: Bool
    /// The order rows' last `Created at`, repeated on an order's continuation rows, and its date.
    private var lastCreated = RepeatedCell<Void>()
    private var lastCreatedDate: Date?
    /// The key of the last row looked ahead at: an order's continuation rows and a parcel's scans repeat it, and its
    /// slot is already on its way.
    private var lastPrefetched = RepeatedCell<Void>()
    /// The numbers of the texts in columns of few texts, by field (`numbered`); none kept at the start of a file.
    private var fewTexts = InputLoader.noFewTexts
    private static let noFewTexts = [FewTexts](repeating: FewTexts(), count: Field.allCases.count)

    /// Reads one file completely.
    public mutating func load(_ file: InputFile) throws(InputProblem) {
        let whole = SourceLocation(file: file.path, line: 0)
        let handle = try Self.open(file)
        defer { if file.path != "-" { try? handle.close() } }
        lastCreated.forget()
        lastPrefetched.forget()
        shipmentMasters = [:]
        invoiceRows.startFile()
        shipmentWeightsCounted = []
        fewTexts = Self.noFewTexts
        var state: FileState?
        let reader: CSVReader
        let fileSize =
            file.path == "-"
            ? nil : (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        // A profile named for the file says how to read it: delimiter, encoding, rows above the header, no header.
        let named = file.profileId.flatMap { id in profiles.first { $0.id == id } }
        var skip = named?.skipRows ?? 0
        do {
            var options = CSVReadOptions(
                delimiter: file.delimiter ?? named?.delimiter, maxRecordBytes: maxRecordBytes,
                windows1252: named?.windows1252 ?? false, checksum: checksums)
            if let pacing {
                let before = pacedBytes
                options.progress = { bytes in pacing.pacer.advance(pacing.group, to: before + bytes) }
            }
            reader = try CSVReader(options: options)
            try reader.read(handle, lookahead: Self.lookahead) {
                (record: CSVRecord, ahead: CSVRecord?) throws(InputProblem) in
                if skip > 0 {
                    skip -= 1
                    return
                }
                if state == nil,
                    let names = named?.positionalHeader
                        ?? (file.kind == .invoices && file.profileId == nil
                            ? BuiltInProfiles.upsBillingDataNames(for: record) : nil)
                {
                    // Headerless: the mapping names the columns, and this first record is data.
                    state = try start(file, header: nil, names: names)
                }
                if state != nil {
                    if let ahead, let column = state!.prefetchColumn {
                        prefetch(ahead, kind: file.kind, column: column)
                    }
                    // Changed in place: a copy of the file's state per row would retain and release all it holds.
                    try take(record, file: file, state: &state!)
                    // Once the row size is known, room for the whole file is made at once: growing by doubling
                    // would leave up to half of each store unused, and hold old and new copies while it grows.
                    if state!.summary.rowsRead == 2048, let fileSize {
                        reserve(forRows: fileSize / max(1, record.consumed / 2049), of: file.kind, seen: 2048)
                    }
                } else {
                    state = try start(file, header: record, names: nil)
                }
            }
        } catch let problem as InputProblem {
            throw problem
        } catch let error as CSVReadError {
            throw InputProblem(
                SourceLocation(file: file.path, line: error.line), reason: error.message, hint: error.hint)
        } catch {
            throw InputProblem(whole, reason: "could not be read: \(error.localizedDescription)")
        }
        try finish(file, state, reader)
    }

    /// The three most common reasons among `rejects` with their counts: `column "Lineitem quantity": "two" is not a
    /// whole number (46 rows)`.
    static func commonReasons(_ rejects: [InputProblem]) -> String {
        var counts: [String: Int] = [:]
        for reject in rejects {
            // `"12,50" is not an amount…`: the value left out, so that rows with different values count together.
            var reason = Substring(reject.reason)
            if reason.hasPrefix("\""), let close = reason.dropFirst().firstIndex(of: "\"") {
                reason = reason[reason.index(after: close)...].drop { $0 == " " }
            }
            let key = (reject.column.map { "column \"\($0)\": " } ?? "") + reason
            counts[key, default: 0] += 1
        }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
            .map { "\($0.key) (\($0.value) row\($0.value == 1 ? "" : "s"))" }.joined(separator: "; ")
    }

    /// What a row says of its line's fulfilment: the line's own status; else a shipped date on the row (`fulfilled_at`:
    /// the store shipped the order); else the order's status on the row. `shipped` nil: the row says nothing (no
    /// status, or a text no vocabulary knows, which is counted for the user to map).
    private mutating func lineFulfilment(_ row: Row) -> (shipped: Bool?, partial: Bool) {
        if !row.isEmpty(.lineFulfillmentStatus) {
            // Shopify's words compared as bytes: no `String` for most rows.
            if row.text(.lineFulfillmentStatus, isOneOf: ["fulfilled"]) { return (true, false) }
            if row.text(.lineFulfillmentStatus, isOneOf: ["pending", "unfulfilled"]) { return (false, false) }
            if let status = fulfilment(row.text(.lineFulfillmentStatus)) { return status }
        }
        if !row.isEmpty(.fulfilledAt) { return (true, false) }
        if !row.isEmpty(.orderFulfillmentStatus) {
            if let status = fulfilment(row.text(.orderFulfillmentStatus)) { return status }
        }
        return (nil, false)
    }

    /// A fulfilment text read by the vocabulary and the config; nil (and counted) when neither knows it.
    private mutating func fulfilment(_ text: String) -> (shipped: Bool?, partial: Bool)? {
        switch FulfilmentStatus.read(text, custom: fulfilmentStatuses) {
        case .fulfilled: return (true, false)
        case .partial: return (true, true)
        case .unfulfilled: return (false, false)
        case nil:
            loaded.unknownFulfilmentStatuses[text, default: 0] += 1
            return nil
        }
    }

    /// What a row's financial status says; `.paid` when it says nothing (a continuation row, a layout without the
    /// column), nil for a text no vocabulary knows (counted, for the user to map).
    private mutating func paymentStatus(_ row: Row) -> PaymentStatus? {
        // The usual words compared as bytes: no `String` for most orders' rows.
        if row.isEmpty(.financialStatus) || row.text(.financialStatus, isOneOf: ["paid", "partially_refunded"]) {
            return .paid
        }
        let text = row.text(.financialStatus)
        if let status = PaymentStatus.read(text, custom: paymentStatuses) { return status }
        loaded.unknownPaymentStatuses[text, default: 0] += 1
        return nil
    }

    /// A value shortened for a message: its first 40 characters.
    static func excerpt(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }

    /// The file's handle; "-" is standard input (a pipe can be read once, streamed like a file).
    private static func open(_ file: InputFile) throws(InputProblem) -> FileHandle {
        if let problem = InputFile.notAFile(file.path) { throw problem }
        if let handle = file.path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file.path) {
            return handle
        }
        let exists = FileManager.default.fileExists(atPath: file.path)
        throw InputProblem(
            SourceLocation(file: file.path, line: 0), reason: exists ? "cannot be read" : "does not exist",
            hint: exists ? "check its permissions" : "check the path passed to --\(file.kind.rawValue)")
    }

    /// After a file's last record: a file with no rows is an error; its warnings (encoding, orders already read from
    /// another file) and its summary are kept.
    private mutating func finish(_ file: InputFile, _ state: FileState?, _ reader: CSVReader) throws(InputProblem) {
        let whole = SourceLocation(file: file.path, line: 0)
        guard let state else {
            throw InputProblem(whole, reason: "is empty", hint: "export the file again; it has no header row")
        }
        guard state.summary.rowsRead > 0 else {
            throw InputProblem(
                SourceLocation(file: file.path, line: 1), reason: "has a header but no data rows",
                hint: "check the export's date range or filters")
        }
        // Nothing judged on nothing: a file whose every row was rejected stops the run, naming why.
        guard state.summary.rowsRejected < state.summary.rowsRead else {
            throw InputProblem(
                whole,
                reason:
                    "no row could be used (\(state.summary.rowsRejected) rejected); most often: "
                    + Self.commonReasons(loaded.rejects.filter { $0.location.file == file.path }),
                hint: "check the file's layout or map its columns; shipaudit inspect \(file.path) shows them")
        }
        // Slash dates read in an assumed order: a value that only the other order reads means the assumption was
        // wrong, and every value read so far may be too.
        if state.slashOrderAssumed, let evidence = state.slashEvidence {
            let assumed = state.profile.dateOrder ?? .monthFirst
            let contradicted = assumed == .monthFirst ? evidence.sawDayFirst : evidence.sawMonthFirst
            if contradicted {
                let other: SlashDateOrder = assumed == .monthFirst ? .dayFirst : .monthFirst
                throw InputProblem(
                    whole,
                    reason:
                        "has slash dates written \(other == .dayFirst ? "day" : "month") first (such as \(other.example)), "
                        + "but was read \(assumed == .dayFirst ? "day" : "month") first",
                    hint: "set [store] date_order = \"\(other.rawValue)\" in the config")
            }
            // No layout said which, and no value decided (standard input cannot be read twice to look first).
            let confirmed = assumed == .monthFirst ? evidence.sawMonthFirst : evidence.sawDayFirst
            if state.profile.dateOrder == nil, evidence.sawSlash, !confirmed {
                throw InputProblem(
                    whole,
                    reason: "has slash dates that could be day first or month first, and no value decides",
                    hint:
                        "set [store] date_order = \"day_first\" (21/10/2025) or \"month_first\" (10/21/2025) in the config"
                )
            }
        }
        // An invoice whose lines do not add up to the total it states: a data-quality line, not a dispute.
        loaded.warnings += invoiceRows.totalsWarnings(path: file.path)
        if let comma = state.layout.decimalCommaSeen, state.layout.decimalByte == 0 {
            loaded.warnings.append(
                InputProblem(
                    SourceLocation(file: file.path, line: comma.line), column: comma.column,
                    reason: "numbers read with a decimal comma (\"\(comma.text)\")",
                    hint: "set decimal_mark = \",\" under [store] so that a value such as 1.234 is read as 1234 too"))
        }
        let replaced = reader.replacedFields
        if replaced.count > 0 {
            loaded.warnings.append(
                InputProblem(
                    whole,
                    reason:
                        "has \(replaced.count) field\(replaced.count == 1 ? "" : "s") with letters replaced by \u{FFFD} before shipaudit "
                        + "read it (\"\(Self.excerpt(replaced.first ?? ""))\"): names may not match; headers are matched "
                        + "with the replaced letter as any one letter",
                    hint: "export the file again as UTF-8 (the program that saved it could not read those letters)"))
        }
        let doubled = reader.doubleEncodedFields
        if doubled.count > 0 {
            loaded.warnings.append(
                InputProblem(
                    whole,
                    reason:
                        "has \(doubled.count) field\(doubled.count == 1 ? "" : "s") that look encoded twice "
                        + "(\"\(Self.excerpt(doubled.first ?? ""))\"): read as written",
                    hint: "export the file again as UTF-8, or open it as UTF-8 before saving it"))
        }
        if reader.usedWindows1252 {
            loaded.warnings.append(
                InputProblem(
                    whole, reason: "is not UTF-8; read as Windows-1252",
                    hint: "save it as UTF-8 to be sure names are read as written"))
        }
        let repeated = file.kind == .invoices ? "invoices" : "orders"
        for (first, count) in repeatedRows.sorted(by: { $0.key < $1.key }) {
            loaded.warnings.append(
                InputProblem(
                    whole,
                    reason:
                        "\(count) \(count == 1 ? "row belongs" : "rows belong") to \(repeated) already read from \(first); those \(repeated) are taken from \(first) only",
                    hint: file.kind == .invoices
                        ? "an invoice given twice, as a second download or in files whose dates overlap, would bill its charges twice; check both files if they differ"
                        : "exports with overlapping dates are fine; check both files if the orders differ"))
        }
        repeatedRows = [:]
        for (column, ignored) in ignoredCells.sorted(by: { $0.key < $1.key }) {
            loaded.warnings.append(
                InputProblem(
                    whole, column: column.isEmpty ? nil : column,
                    reason:
                        "\(ignored.count) value\(ignored.count == 1 ? "" : "s") could not be read and \(ignored.count == 1 ? "was" : "were") left out, the rows used all the same (first, line \(ignored.first.location.line): \(ignored.first.reason))",
                    hint: ignored.first.hint))
        }
        ignoredCells = [:]
        pacedBytes += reader.bytesRead
        var summary = state.summary
        summary.bytes = reader.bytesRead
        if checksums { summary.checksum = reader.checksum }
        loaded.inputs.append(summary)
    }

    /// How many records ahead of the one being taken `prefetch` looks: far enough that a cache miss (a few hundred
    /// nanoseconds) is over when the row is taken (a row takes about a microsecond), near enough that the line loaded
    /// is still cached.
    static let lookahead = 8

    /// Starts the cache misses of the lookups a record a few places ahead will make: its order number in the orders'
    /// index, its tracking number in the parcels' (each new one a miss in a table of a million). A hint only: the row
    /// is read and checked as ever when its turn comes.
    private mutating func prefetch(_ record: CSVRecord, kind: InputKind, column: Int) {
        switch kind {
        case .orders:
            guard let id = ValueParsers.plainOrderNumber(record.cell(at: column)), !lastPrefetched.repeats(id)
            else { return }
            loaded.orders.prefetch(id: id)
        case .tracking:
            let number = record.cell(at: column)
            if !lastPrefetched.repeats(number), ValueParsers.isCleanTrackingNumber(number) {
                loaded.tracking.prefetch(bytes: number)
            }
        case .shipments, .catalog, .invoices:
            break
        }
    }

    private mutating func reserve(forRows rows: Int, of kind: InputKind, seen: Int) {
        let estimate = rows + rows / 20
        switch kind {
        case .orders:
            loaded.orders.reserve(lines: estimate, orders: estimate * max(1, loaded.orders.count) / max(1, seen))
        case .shipments: loaded.shipments.reserve(estimate)
        case .tracking:
            // Scans are often several per parcel: the index grows from a quarter of the rows if it must.
            loaded.tracking.reserve(estimate / 4)
        case .catalog, .invoices: break
        }
    }

    /// Per-file state while rows stream past.
    struct FileState {
        let profile: Profile
        let fieldCount: Int
        var summary: InputSummary
        /// How this file's dates are read: the mapping's format, or the styles shipaudit knows.
        let dates: @Sendable (String) -> Result<Date, ValueError>
        /// Status texts → status: the loader's and the profile's.
        let statuses: [String: ParcelStatus]
        /// The file's number for its rows' locations.
        let fileNumber: UInt32
        /// What its rows are read with: columns, constants, and the parser of the styles shipaudit knows when `dates`
        /// is it (cells are then read from their bytes first).
        let layout: RowLayout
        /// The column `prefetch` reads (orders: the order number, tracking: the tracking number), nil when none:
        /// kept here so that a look-ahead reads no class reference (a retain and a release per row).
        let prefetchColumn: Int?
        /// What the slash dates read say of their order, when the order was not decided from the whole file
        /// (standard input, a layout whose order is assumed): checked once the file is read.
        var slashEvidence: SlashEvidence?
        /// True when the order of slash dates was assumed, not said by the config or decided from the values.
        var slashOrderAssumed = false
        /// The date columns to scan once a slash date is met, when all the file's values are to decide the order.
        var slashScan: [(index: Int, header: String)]?
        /// The order the file's parsers read slash dates in.
        var slashBox = SlashOrderBox(.monthFirst)
        /// Records before the first data row (skipped rows and the header).
        var headerRecords = 1
        /// For a file without a header (its columns named by position): the fewest fields a row may have, one past
        /// the last column read. Such exports often drop their trailing empty columns (UPS's placeholders); nil: a
        /// row has the header's count.
        var shortestRow: Int?
    }

    /// How a file's slash dates are read: the order, or the columns whose values will decide it at the first slash
    /// date (`scan`), or an assumed order with its values watched (`evidence`).
    struct SlashDecision {
        var box: SlashOrderBox
        var evidence: SlashEvidence?
        var assumed = false
        var scan: [(index: Int, header: String)]?

        init(order: SlashDateOrder, evidence: SlashEvidence? = nil, assumed: Bool = false) {
            (box, self.evidence, self.assumed) = (SlashOrderBox(order), evidence, assumed)
        }
    }

    /// The date columns a file's layout reads.
    private static let dateFields: [Field] = [
        .createdAt, .paidAt, .fulfilledAt, .promisedDelivery, .shippedAt, .deliveredAt, .eventTime, .eventDate,
        .scheduledDelivery,
    ]

    /// The order of the file's slash dates: a mapping's `date_order`, else the config's `[store] date_order`, else
    /// what all the values of a regular file say (scanned at the first slash date, `decideSlashOrder`); else
    /// (standard input, or a layout whose order is known, such as ShipStation's) the layout's order or month first,
    /// assumed, with the values watched as they are read.
    private func slashOrder(_ file: InputFile, _ profile: Profile, _ columns: FieldMap<ResolvedColumn>) -> SlashDecision
    {
        if !profile.isBuiltIn, let order = profile.dateOrder { return SlashDecision(order: order) }
        if let order = dateOrder { return SlashDecision(order: order) }
        let dateColumns = Self.dateFields.compactMap { columns[$0] }.map { (index: $0.index, header: $0.header) }
        guard !dateColumns.isEmpty else { return SlashDecision(order: .monthFirst) }
        if let order = profile.dateOrder {
            return SlashDecision(order: order, evidence: SlashEvidence(), assumed: true)
        }
        guard file.path != "-", Self.isRegularFile(file.path) else {
            return SlashDecision(order: .monthFirst, evidence: SlashEvidence(), assumed: true)
        }
        var decision = SlashDecision(order: .monthFirst)
        decision.scan = dateColumns
        return decision
    }

    /// At a file's first slash date, its date columns are scanned from the first row to the last, and the order
    /// they show is the file's (rows before held no slash date, so none was read in another order).
    private func decideSlashOrder(_ record: CSVRecord, _ file: InputFile, _ state: inout FileState)
        throws(InputProblem)
    {
        guard let columns = state.slashScan else { return }
        let slashed = columns.contains { column in
            guard column.index < record.count else { return false }
            let cell = record.cell(at: column.index)
            return cell.count >= 8 && (cell[1] == UInt8(ascii: "/") || cell[2] == UInt8(ascii: "/"))
        }
        guard slashed else { return }
        state.slashScan = nil
        var options = CSVReadOptions(
            delimiter: file.delimiter ?? state.profile.delimiter, maxRecordBytes: maxRecordBytes,
            windows1252: state.profile.windows1252, checksum: false)
        options.countsDelimiterRuns = true
        let scan = DateOrderScan.scan(
            path: file.path, columns: columns, options: options, skipRecords: state.headerRecords)
        switch scan.verdict(file: file.path) {
        case .success(let order): state.slashBox.order = order ?? .monthFirst
        case .failure(let problem): throw problem
        }
    }

    /// True for a regular file (not a pipe or a device: those can be read once).
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    private func start(_ file: InputFile, header record: CSVRecord?, names: [String]?) throws(InputProblem) -> FileState
    {
        if let record, record.count > Header.maximumColumns {
            throw Header.tooWide(record.count, path: file.path, line: record.line)
        }
        let header = Header(names ?? record!.strings)
        let profile = try ProfileMatcher(profiles: profiles).profile(for: file, header: header)
        var columns = FieldMap<ResolvedColumn>()
        for (field, choices) in profile.columns {
            for choice in choices {
                if let index = header.index(key: choice.key) {
                    columns[field] = ResolvedColumn(index: index, header: header.names[index], unit: choice.unit)
                    break
                }
            }
        }
        if !profile.isBuiltIn {
            // In a mapping every column named must exist: a typo would silently leave a field empty.
            for (field, choices) in profile.columns.sorted(by: { $0.key.rawValue < $1.key.rawValue })
            where columns[field] == nil {
                let wanted = choices.map(\.header).first ?? field.rawValue
                let taken = Set(columns.values.map(\.header))
                let suggestion =
                    header.closest(to: wanted, excluding: taken).map { "did you mean \"\($0)\"?" } ?? "headers: "
                    + header.names.prefix(12).joined(separator: ", ")
                throw InputProblem(
                    SourceLocation(file: file.path, line: names == nil ? 1 + profile.skipRows : 0), column: wanted,
                    reason: "is mapped to \(field.rawValue) in profile \(profile.id) but the file has no such column",
                    hint: suggestion)
            }
        }
        let zone = file.kind == .tracking ? trackingTimes.timeZone : timestamps.timeZone
        // Whether values without an offset are read in the store's zone (not the profile's or the carrier's own).
        let storeZone = profile.timeZone == nil && (file.kind != .tracking || trackingZoneIsStore)
        let dates: @Sendable (String) -> Result<Date, ValueError>
        var timestamps: TimestampParser?
        var slash = SlashDecision(order: .monthFirst)
        if let pattern = profile.dateFormat {
            let format = DateFormat(pattern, timeZone: profile.timeZone ?? zone)
            dates = { format.parse($0) }
            if storeZone { zoneUse.markUsed() }
        } else {
            var configured = TimestampParser(timeZone: profile.timeZone ?? zone, zoneUse: storeZone ? zoneUse : nil)
            slash = slashOrder(file, profile, columns)
            configured.slashOrderBox = slash.box
            configured.slashEvidence = slash.evidence
            let parser = configured
            dates = { parser.parse($0) }
            timestamps = parser
        }
        var statuses = self.statuses
        for (text, status) in profile.statuses { statuses[ServiceDirectory.key(text)] = status }
        let layout = RowLayout(
            columns: columns, constants: FieldMap(profile.constants), timestamps: timestamps, nullMarkers: nullMarkers,
            decimalMark: profile.decimalMark ?? decimalMark)
        layout.weightPerShipment = profile.weightPerShipment
        if let fallback = profile.orderIdWhenEmpty { layout.orderIdFallback = header.index(of: fallback) ?? -1 }
        layout.chargeColumns = try profile.chargeColumns.map { column throws(InputProblem) in
            guard let index = header.index(of: column.header) else {
                throw InputProblem(
                    SourceLocation(file: file.path, line: 1), column: column.header,
                    reason:
                        "charge column is missing (profile \(profile.id) reads it under [profiles.\(profile.id).charges])",
                    hint: header.closest(to: column.header).map { "did you mean \"\($0)\"?" }
                        ?? "check the header, or remove it from the profile's charges")
            }
            return (index, header.names[index], column.kind)
        }.sorted { $0.index < $1.index }
        if let pairs = profile.chargePairs {
            layout.chargePairs = InvoiceRows.chargePairs(pairs, in: header).map {
                ($0.description, $0.amount, header.names[$0.amount])
            }
        }
        let prefetchColumn =
            switch file.kind {
            case .orders: layout.index(.orderId)
            case .tracking: layout.index(.trackingNumber)
            case .shipments, .catalog, .invoices: Int?.none
            }
        var state = FileState(
            profile: profile, fieldCount: names?.count ?? record!.count,
            summary: InputSummary(path: file.path, kind: file.kind, profile: profile.id), dates: dates,
            statuses: statuses, fileNumber: FileNames.number(file.path), layout: layout, prefetchColumn: prefetchColumn,
            slashEvidence: slash.evidence, slashOrderAssumed: slash.assumed, slashScan: slash.scan,
            slashBox: slash.box,
            headerRecords: (file.profileId == profile.id ? profile.skipRows : 0)
                + (names == nil ? 1 : 0))
        if names != nil { state.shortestRow = (columns.values.map(\.index).max() ?? 0) + 1 }
        return state
    }

    private mutating func take(_ record: CSVRecord, file: InputFile, state: inout FileState) throws(InputProblem) {
        // A row with no value in any field (Excel leaves ",,,," lines below the data) is a blank line, as libcsv
        // treats empty lines: not a data row.
        if record.isBlank { return }
        if state.slashScan != nil { try decideSlashOrder(record, file, &state) }
        let location = SourceLocation(fileNumber: state.fileNumber, line: record.line)
        let row = Row(record: record, layout: state.layout, location: location)
        state.summary.rowsRead += 1
        do throws(InputProblem) {
            guard
                record.count == state.fieldCount
                    || state.shortestRow.map({ record.count >= $0 && record.count < state.fieldCount }) == true
            else {
                throw InputProblem(
                    location, reason: "has \(record.count) fields but the header has \(state.fieldCount)",
                    hint: "a field may contain an unquoted delimiter, or the row was cut short")
            }
            switch file.kind {
            case .orders: try takeOrderRow(row, dates: state.dates)
            case .catalog: try takeCatalogRow(row)
            case .shipments: try takeShipmentRow(row, dates: state.dates)
            case .tracking: try takeTrackingRow(row, dates: state.dates, statuses: state.statuses)
            case .invoices:
                if let first = try invoiceRows.take(
                    row, dates: state.dates, carrier: state.profile.carrier, into: &loaded.invoices)
                {
                    repeatedRows[first, default: 0] += 1
                }
            }
            state.summary.rowsUsed += 1
        } catch {
            state.summary.rowsRejected += 1
            // The order is now incomplete: checking it would compare against the wrong contents or packages.
            let id = ValueParsers.orderNumber(row.text(.orderId))
            var problem = error
            if !id.isEmpty, file.kind != .catalog {
                loaded.ordersWithRejectedRows.insert(id)
                problem.orderId = id
            }
            loaded.rejects.append(problem)
        }
    }

    private mutating func takeOrderRow(_ row: Row, dates: (String) -> Result<Date, ValueError>) throws(InputProblem) {
        // The usual forms of an order number are read from the cell's bytes: its text is made only for a new order's
        // display name.
        var cell = row.bytes(.orderId)
        var fallbackText: String?
        if cell?.isEmpty ?? true, let fallback = row.orderIdFallback() {
            (cell, fallbackText) = (fallback.bytes, fallback.text)
        }
        let plainId = cell.flatMap(ValueParsers.plainOrderNumber)
        let rawId = plainId == nil ? fallbackText ?? row.text(.orderId) : ""
        guard plainId != nil || !rawId.isEmpty else {
            throw row.problem(.orderId, value: "", reason: "is empty", hint: "every line item needs its order number")
        }
        // `#1041` (the cell is one `#` and the plain number after it): the display name is known without its text.
        let hashPrefixed = plainId.map { $0.count + 1 == cell!.count && cell![0] == 0x23 } ?? false
        // Parse everything before changing the order, so a rejected row leaves no half of itself behind.
        let packed = row.hasColumn(.lineItems) ? try packedItems(row) : nil
        let quantity =
            packed != nil ? 0 : try row.required(.quantity, plain: ValueParsers.plainQuantity, ValueParsers.quantity)
        let unitPrice =
            packed != nil ? StoredMoney.none : try row.money(.unitPrice) ?? StoredMoney.none
        let requiresShipping =
            try row.value(.requiresShipping, plain: ValueParsers.knownFlag, ValueParsers.flag) ?? true
        let fulfilment = lineFulfilment(row)
        // An order's continuation rows repeat its `Created at`: the same bytes are not parsed again.
        let createdAt: Date?
        if let cell = row.bytes(.createdAt) {
            if lastCreated.repeats(cell) {
                createdAt = lastCreatedDate
            } else {
                do {
                    createdAt = try row.date(.createdAt, dates)
                } catch {
                    lastCreated.forget()
                    throw error
                }
                lastCreatedDate = createdAt
                // The clock an order's time states, once per order (its continuation rows repeat it).
                if let createdAt { loaded.statedOffsets.add(createdAt, offset: TimestampParser.statedOffset(cell)) }
            }
        } else {
            createdAt = try row.date(.createdAt, dates)
            if let createdAt { loaded.statedOffsets.add(createdAt, offset: nil) }
        }
        let shippingPaid =
            try row.money(.shippingPaid)
            ?? StoredMoney.none

        let id = plainId.map { String(decoding: $0, as: UTF8.self) } ?? ValueParsers.orderNumber(rawId)
        // Overlapping exports (Monday's and Tuesday's both holding an order) must not double an order's contents:
        // an order first read from another file keeps that file's rows; these are counted and reported once.
        if let first = loaded.orders.firstFileNumber(of: id), first != row.location.fileNumber {
            repeatedRows[FileNames.name(first), default: 0] += 1
            return
        }
        let promised = try row.date(.promisedDelivery, dates)
        // The store's shipped date: a value that cannot be read still says the order shipped (`lineFulfilment`).
        let fulfilledAt = row.isEmpty(.fulfilledAt) ? nil : try? row.date(.fulfilledAt, dates)
        // Texts are numbered from the cells' bytes where they can be (no `String` per row); statuses compared as bytes.
        let payment = paymentStatus(row)
        let cancelled = !row.isEmpty(.cancelledAt) || payment == .cancelled
        // Pending and paid by cash on delivery: due to ship when the store says it ships such orders.
        let paid =
            payment != .pending
            || cashOnDelivery != nil
                && CashOnDelivery.matches(row.text(.paymentMethod), extra: cashOnDelivery!)
        let currency = numbered(row, .currency) { loaded in
            row.upperCaseASCII(.currency).map { loaded.orders.text(bytes: $0) }
                ?? loaded.orders.text(row.text(.currency).uppercased())
        }
        let method = numbered(row, .shippingMethod) { loaded in
            row.utf8(.shippingMethod).map { loaded.orders.text(bytes: $0) }
                ?? loaded.orders.text(row.text(.shippingMethod))
        }
        let paidAt = try row.date(.paidAt, dates)
        // The shipping address's company, for the few orders that have one (no text made for an empty cell).
        if row.bytes(.shippingCompany).map({ !$0.isEmpty }) ?? row.hasColumn(.shippingCompany) {
            let company = row.text(.shippingCompany)
            if !company.isEmpty, loaded.shippingCompanies[id] == nil { loaded.shippingCompanies[id] = company }
        }
        // One line per row, or each item of a packed cell (no array is made for the usual row).
        for index in 0..<(packed?.count ?? 1) {
            let line: OrderStore.NumberedLine
            if let item = packed?[index] {
                line = OrderStore.NumberedLine(
                    sku: loaded.orders.text(ValueParsers.sku(item.sku)), name: loaded.orders.text(item.name),
                    quantity: item.quantity, requiresShipping: requiresShipping,
                    isFulfilled: fulfilment.shipped, isPartiallyFulfilled: fulfilment.partial,
                    source: row.location, unitPrice: item.unitPrice)
            } else {
                line = OrderStore.NumberedLine(
                    sku: row.upperCaseASCII(.sku).map { loaded.orders.text(bytes: $0) }
                        ?? loaded.orders.text(ValueParsers.sku(row.text(.sku))),
                    name: row.utf8(.itemName).map { loaded.orders.text(bytes: $0) }
                        ?? loaded.orders.text(row.text(.itemName)),
                    quantity: quantity, requiresShipping: requiresShipping,
                    isFulfilled: fulfilment.shipped, isPartiallyFulfilled: fulfilment.partial,
                    source: row.location, unitPrice: unitPrice)
            }
            loaded.orders.add(
                id: id, displayName: plainId == nil ? rawId : fallbackText ?? row.text(.orderId),
                displayIsHashPrefixed: hashPrefixed, firstRow: row.location, line: line, createdAt: createdAt,
                shippingPaid: shippingPaid, currency: currency, method: method, cancelled: cancelled, paid: paid,
                paymentUnknown: payment == nil, promised: promised, paidAt: paidAt, fulfilledAt: fulfilledAt)
        }
    }

    /// The items of a row that packs them in one cell (`line_items`), each read like a line item's own columns.
    private func packedItems(_ row: Row) throws(InputProblem) -> [(
        sku: String, name: String, quantity: Int, unitPrice: Int64
    )] {
        let cell = row.text(.lineItems)
        let items: [PackedLineItems.Item]
        switch PackedLineItems.items(cell) {
        case .success(let read): items = read
        case .failure(let unreadable):
            throw row.problem(
                .lineItems, value: Self.excerpt(cell), reason: unreadable.reason,
                hint: "the cell must hold items as the export writes them: name:…|sku:…|quantity:…;…")
        }
        guard !items.isEmpty else {
            throw row.problem(
                .lineItems, value: "", reason: "holds no item", hint: "every order needs the items it ships")
        }
        var read: [(sku: String, name: String, quantity: Int, unitPrice: Int64)] = []
        for item in items {
            let quantity: Int
            switch ValueParsers.quantity(item.quantity) {
            case .success(let value): quantity = value
            case .failure(let error):
                throw row.problem(
                    .lineItems, value: item.quantity.isEmpty ? "" : "quantity:\(item.quantity)",
                    reason: item.quantity.isEmpty ? "has an item with no quantity" : error.reason,
                    hint: error.hint.isEmpty ? "each item needs quantity:N" : error.hint)
            }
            // The unit price is the line's subtotal shared by its units, as the plugin's item rows write it.
            var unitPrice = StoredMoney.none
            if quantity > 0, !item.subtotal.isEmpty,
                case .success(let subtotal) = ValueParsers.storedMoney(
                    item.subtotal, decimalMark: row.layout.decimalMark)
            {
                unitPrice = subtotal / Int64(quantity)
            }
            read.append((item.sku, item.name, quantity, unitPrice))
        }
        return read
    }

    /// The text number `make` gives a field's cell in a column of few texts (carriers, services, currencies, shipping
    /// methods), found first among the column's texts seen before by the cell's bytes; an empty cell is the empty text.
    private mutating func numbered(_ row: Row, _ field: Field, _ make: (inout LoadedInputs) -> UInt32) -> UInt32 {
        guard let cell = row.bytes(field) else { return make(&loaded) }
        if cell.isEmpty { return 0 }
        if let known = fewTexts[field.ordinal].number(of: cell) { return known }
        let number = make(&loaded)
        fewTexts[field.ordinal].keep(cell, number)
        return number
    }

    private mutating func takeCatalogRow(_ row: Row) throws(InputProblem) {
        let sku = ValueParsers.sku(row.text(.sku))
        // Image-only rows of a Shopify products export carry no variant: understood, nothing to keep.
        guard !sku.isEmpty else { return }
        let unit = row.unit(of: .unitWeight) ?? WeightUnit(spelling: row.text(.weightUnit))
        if !row.text(.weightUnit).isEmpty, row.unit(of: .unitWeight) == nil, unit == nil {
            throw row.problem(
                .weightUnit, value: row.text(.weightUnit), reason: "is not a weight unit", hint: "use g, kg, oz or lb")
        }
        let weight = try row.value(.unitWeight) {
            ValueParsers.weight($0, defaultUnit: unit, decimalMark: row.layout.decimalMark)
        }
        guard let weight, weight.grams > 0 else {
            if loaded.catalog[sku] == nil { loaded.catalogSkusWithoutWeight.insert(sku) }
            return
        }
        if let existing = loaded.catalog[sku] {
            if abs(existing.unitWeight.grams - weight.grams) > 0.5 {
                loaded.warnings.append(
                    InputProblem(
                        row.location, column: row.columns[.sku]?.header, value: sku,
                        reason:
                            "SKU is listed again with another weight (\(weight.description); first \(existing.unitWeight.description) at line \(existing.source.line)); the first is used"
                    ))
            }
            return
        }
        loaded.catalogSkusWithoutWeight.remove(sku)
        loaded.catalog[sku] = CatalogItem(sku: sku, unitWeight: weight, source: row.location)
    }

    private mutating func takeShipmentRow(_ row: Row, dates: (String) -> Result<Date, ValueError>) throws(InputProblem)
    {
        // The usual forms of an order number are read from the cell's bytes: no `String` per row.
        var plainId = row.bytes(.orderId).flatMap(ValueParsers.plainOrderNumber)
        var rawId = plainId == nil ? row.text(.orderId) : ""
        // A multi-piece shipment (FedEx Ship Manager, UPS): the order number, service and dates are on its master
        // package's row; the other pieces name the master.
        var inherited: ShipmentMaster?
        let master = row.hasColumn(.masterTracking) ? ValueParsers.trackingKey(row.text(.masterTracking)) : ""
        if plainId == nil && rawId.isEmpty {
            guard !master.isEmpty, let known = shipmentMasters[master] else {
                throw row.problem(
                    .orderId, value: "", reason: "is empty",
                    hint: master.isEmpty
                        ? "every package needs the order number it ships"
                        : "its master package \(master) has no row with an order number before this one")
            }
            inherited = known
            rawId = known.orderId
            plainId = nil
        }
        // A clean tracking number (capitals and digits) is kept as the cell's bytes, as for tracking rows.
        let clean = row.bytes(.trackingNumber).flatMap { ValueParsers.isCleanTrackingNumber($0) ? $0 : nil }
        // No tracking number, or a placeholder for one (`N/A`, `PENDING`): this row is no package, so it cannot
        // make its order look shipped.
        let noTracking =
            clean.map { $0.count <= 8 && TrackingPlaceholder.matches($0.text) }
            ?? TrackingPlaceholder.matches(row.text(.trackingNumber))
        if noTracking {
            loaded.shipmentRowsWithoutTracking += 1
            return
        }
        let tracking = clean == nil ? try row.value(.trackingNumber, ValueParsers.trackingNumber) ?? "" : ""
        let unit = row.unit(of: .weight) ?? WeightUnit(spelling: row.text(.weightUnit))
        if !row.text(.weightUnit).isEmpty, row.unit(of: .weight) == nil, unit == nil {
            throw row.problem(
                .weightUnit, value: row.text(.weightUnit), reason: "\"\(row.text(.weightUnit))\" is not a weight unit",
                hint: "use g, kg, oz or lb")
        }
        // The usual bare number in a column whose unit is known (`162.80` under "Weight (Oz)"), read from its bytes;
        // anything else as text, which may have had a decimal comma.
        let commaMark = row.decimalByte == UInt8(ascii: ",")
        var weight: Weight?
        if !commaMark, let unit, let cell = row.bytes(.weight), let amount = ValueParsers.plainAmount(cell) {
            weight = Weight(grams: amount * unit.grams)
        } else {
            weight = try row.value(.weight) {
                ValueParsers.weight($0, defaultUnit: unit, decimalMark: row.layout.decimalMark)
            }
            if weight != nil, row.decimalByte == 0, !row.layout.decimalCommaNoted { row.noteDecimalComma(.weight) }
        }
        var shippedAt = try row.date(.shippedAt, dates)
        let deliveredAt = try row.date(.deliveredAt, dates)
        let shippingPaid =
            try row.money(.shippingPaid)
            ?? StoredMoney.none
        let labelCost =
            try row.money(.labelCost)
            ?? StoredMoney.none
        if try row.value(.voided, plain: ValueParsers.knownFlag, ValueParsers.flag) == true {
            loaded.voidedLabels += 1
            let number = ValueParsers.trackingKey(row.text(.trackingNumber))
            if !number.isEmpty, loaded.voidedTracking[number] == nil {
                loaded.voidedTracking[number] = VoidedLabel(
                    orderId: ValueParsers.orderNumber(row.text(.orderId)), source: row.location)
            }
            return
        }

        // Service and carrier names numbered from the cells' bytes where they can be: no `String` per row.
        func text(_ field: Field) -> UInt32 {
            numbered(row, field) { loaded in
                row.utf8(field).map { loaded.shipments.text(bytes: $0) } ?? loaded.shipments.text(row.text(field))
            }
        }
        var (carrier, service, requested) = (text(.carrier), text(.service), text(.serviceRequested))
        // A weight written per shipment and repeated on each piece counts once: on the first piece read, the others
        // weigh nothing more (but are weighed).
        var weighedWithMaster = false
        if row.layout.weightPerShipment, weight != nil {
            let own = ValueParsers.trackingKey(clean.map { String(decoding: $0, as: UTF8.self) } ?? tracking)
            let group = master.isEmpty ? own : master
            if shipmentWeightsCounted.contains(group) {
                (weight, weighedWithMaster) = (Weight(grams: 0), true)
            } else {
                shipmentWeightsCounted.insert(group)
            }
        }
        if let inherited {
            if carrier == 0 { carrier = inherited.carrier }
            if service == 0 { service = inherited.service }
            if requested == 0 { requested = inherited.requested }
            if shippedAt == nil { shippedAt = inherited.shippedAt }
        } else if row.hasColumn(.masterTracking) {
            // This row can be a master: its pieces may name it by the master column or by its tracking number.
            let facts = ShipmentMaster(
                orderId: plainId.map { String(decoding: $0, as: UTF8.self) } ?? rawId, carrier: carrier,
                service: service, requested: requested, shippedAt: shippedAt)
            let own = ValueParsers.trackingKey(clean.map { String(decoding: $0, as: UTF8.self) } ?? tracking)
            for key in [master, own] where !key.isEmpty && shipmentMasters[key] == nil { shipmentMasters[key] = facts }
        }
        // The row's values as constants: a variable captured by the functions below would be boxed on the heap for
        // every row.
        let (packageCarrier, packageService, packageRequested, packageShipped) = (
            carrier, service, requested, shippedAt
        )
        let packageWeight = weight.flatMap { $0.grams > 0 || weighedWithMaster ? $0 : nil }
        let (orderNumber, orderText) = (plainId, rawId)
        func append(_ trackingNumber: ByteView) {
            func append(orderId: ByteView) {
                loaded.shipments.append(
                    orderId: orderId, trackingNumber: trackingNumber, carrier: packageCarrier, service: packageService,
                    requested: packageRequested, weight: packageWeight, shippedAt: packageShipped,
                    deliveredAt: deliveredAt,
                    source: row.location, shippingPaid: shippingPaid, labelCost: labelCost)
            }
            if let orderNumber {
                append(orderId: orderNumber)
            } else {
                ValueParsers.orderNumber(orderText).withByteView(append)
            }
        }
        if let clean { append(clean) } else { tracking.withByteView(append) }
    }

    private mutating func takeTrackingRow(
        _ row: Row, dates: (String) -> Result<Date, ValueError>,
        statuses: [String: ParcelStatus]
    ) throws(InputProblem) {
        // A clean tracking number (capitals and digits, as carriers write them) is used as the cell's bytes; anything
        // else is read as text and normalized. Either way nothing else is read before it is known to be usable.
        let clean = row.bytes(.trackingNumber).flatMap { ValueParsers.isCleanTrackingNumber($0) ? $0 : nil }
        let tracking = clean == nil ? try row.value(.trackingNumber, ValueParsers.trackingNumber) ?? "" : ""
        guard clean != nil || !tracking.isEmpty else {
            throw row.problem(
                .trackingNumber, value: "", reason: "is empty", hint: "every tracking row needs its tracking number")
        }
        // A status text seen before is found by its bytes, with its status and number: no String per row.
        let knownStatus = row.bytes(.status).flatMap { $0.isEmpty ? nil : statusTexts.positionAmongFew(bytes: $0) }
        if let known = knownStatus, statusOf[known].status != nil, let clean {
            let (time, scheduled, deliveredAt, weight) = try trackingValues(row, dates: dates)
            if statusNumbers[known] == UInt32.max {
                statusNumbers[known] = loaded.tracking.textNumber(statusOf[known].text)
            }
            loaded.tracking.add(
                bytes: clean, status: statusOf[known].status!, textNumber: statusNumbers[known], time: time,
                scheduled: scheduled, deliveredAt: deliveredAt, weight: weight, source: row.location)
            return
        }
        let text = knownStatus.map { statusOf[$0].text } ?? row.text(.status)
        let (time, scheduled, deliveredAt, weight) = try trackingValues(row, dates: dates)
        // A file repeats a handful of status texts millions of times: each is normalized once.
        var status: ParcelStatus?
        if text.isEmpty {
            status = .unknown
        } else if let known = knownStatus ?? statusTexts.position(of: text) {
            status = statusOf[known].status
        } else {
            status = ParcelStatus.normalize(text, extra: statuses)
            if statusOf.count < 10_000 {
                _ = statusTexts.insert(text)
                statusOf.append((status, text))
                statusNumbers.append(UInt32.max)
            }
        }
        if status == nil {
            loaded.unknownStatuses[text, default: 0] += 1
            status = .unknown
        }
        if let clean {
            loaded.tracking.add(
                bytes: clean, status: status!, text: text, time: time, scheduled: scheduled, deliveredAt: deliveredAt,
                weight: weight, source: row.location)
            return
        }
        loaded.tracking.add(
            tracking, status: status!, text: text, time: time, scheduled: scheduled, deliveredAt: deliveredAt,
            weight: weight, source: row.location)
    }

    /// A tracking row's time (its date and time columns, or one time column), scheduled and delivery times, and weight
    /// above zero.
    /// An optional value of a row: nil, with the problem kept for one warning per column at the file's end, when it
    /// cannot be read (the row is used all the same).
    private mutating func optional<Value>(_ read: () throws(InputProblem) -> Value?) -> Value? {
        do throws(InputProblem) {
            return try read()
        } catch {
            let column = error.column ?? ""
            ignoredCells[column, default: (0, error)].count += 1
            return nil
        }
    }

    private mutating func trackingValues(_ row: Row, dates: (String) -> Result<Date, ValueError>)
        throws(InputProblem) -> (time: Date?, scheduled: Date?, deliveredAt: Date?, weight: Weight?)
    {
        // The usual file: one time column and nothing else to read (what the rest below gives such a row, without
        // asking for each absent column).
        if row.layout.timeColumnOnly { return (try row.date(.eventTime, dates), nil, nil, nil) }
        // UPS writes the date and the time in two columns: 20261118 + 163000, or 2026-11-18 + 16:30.
        let dateText = row.text(.eventDate)
        // One time column (the usual case) is read from the cell's bytes where it can be.
        let timeOnly: Date?? =
            dateText.isEmpty && row.hasColumn(.eventTime) ? .some(try row.date(.eventTime, dates)) : nil
        var timeText = timeOnly == nil ? row.text(.eventTime) : ""
        if !dateText.isEmpty {
            let compact =
                timeText.utf8.count == 6 && timeText.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
                && dateText.utf8.count == 8
            timeText = timeText.isEmpty ? dateText : dateText + (compact ? "" : " ") + timeText
        }
        var time: Date? = timeOnly ?? nil
        if !timeText.isEmpty {
            switch dates(timeText) {
            case .success(let date): time = date
            case .failure(let error):
                throw row.problem(
                    row.hasColumn(.eventTime) ? .eventTime : .eventDate, value: timeText, reason: error.reason,
                    hint: error.hint)
            }
        }
        let deliveredAt = try row.date(.deliveredAt, dates)
        // Optional values: one that cannot be read is set aside with a warning, and the scan still counts.
        let scheduled = optional { () throws(InputProblem) in try row.date(.scheduledDelivery, dates) }
        // The unit is read only for a row that has a weight (most tracking files have neither column).
        let weight = optional { () throws(InputProblem) in
            try row.value(.weight) {
                ValueParsers.weight(
                    $0, defaultUnit: WeightUnit(spelling: row.text(.weightUnit)), decimalMark: row.layout.decimalMark)
            }.map { weight in
                if row.layout.decimalByte == 0, !row.layout.decimalCommaNoted { row.noteDecimalComma(.weight) }
                return weight
            }
        }
        return (time, scheduled, deliveredAt, weight.flatMap { $0.grams > 0 ? $0 : nil })
    }
}
