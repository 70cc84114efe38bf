import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `shipaudit inspect FILE`: what a file is (delimiter, encoding, header, rows), which profile reads it or what it
/// lacks, what each column holds, and a starter mapping to paste into the config.
public enum FileInspector {
    /// Field guesses by header words, most specific first.
    static let synonyms: [(Field, [String])] = [
        (
            .trackingNumber,
            [
                "tracking number", "tracking no", "tracking #", "tracking id", "tracking", "sendungsnummer", "awb",
                "waybill", "numero de seguimiento", "número de seguimiento", "seguimiento", "codigo de rastreo",
                "código de rastreio", "rastreamento", "tracciamento", "numero de suivi", "suivi", "track en trace",
            ]
        ),
        (
            .orderId,
            [
                "order number", "order no", "order id", "order #", "order", "bestellnummer", "reference", "name",
                "numero de orden", "número de orden", "numero de pedido", "número de pedido", "pedido", "orden",
                "numero do pedido", "número do pedido", "numero ordine", "ordine", "numero de commande", "commande",
                "bestelnummer", "bestellung",
            ]
        ),
        (
            .createdAt,
            [
                "order date", "created at", "created", "date created", "placed", "order time", "bestelldatum", "fecha",
                "fecha de la orden", "data do pedido", "data ordine", "date de commande", "besteldatum", "datum",
            ]
        ),
        (
            .shippingMethod,
            ["shipping method", "shipping option", "shipping service", "delivery method", "shipping title"]
        ),
        (
            .shippingPaid,
            [
                "shipping paid", "shipping total", "shipping cost", "shipping amount", "shipping", "versandkosten",
                "costo de envio", "costo de envío", "envio", "envío", "frete", "spese di spedizione", "frais de port",
                "verzendkosten",
            ]
        ),
        (.sku, ["sku", "item sku", "product code", "article number", "artikelnummer", "variant sku", "part number"]),
        (
            .quantity,
            [
                "quantity", "qty", "menge", "units", "anzahl", "cantidad", "quantidade", "quantità", "quantita",
                "quantité",
                "aantal",
            ]
        ),
        (.unitPrice, ["unit price", "item price", "price", "preis", "precio", "preço", "prezzo", "prix", "prijs"]),
        (
            .itemName,
            [
                "item name", "product name", "product", "title", "description", "artikel", "nombre del producto",
                "producto", "produto", "prodotto", "produit", "artikelname",
            ]
        ),
        (.currency, ["currency", "währung", "waehrung"]),
        (.financialStatus, ["payment status", "financial status", "payment"]),
        (.cancelledAt, ["cancelled at", "cancelled", "canceled", "cancelled date"]),
        (.requiresShipping, ["requires shipping", "ships", "shippable"]),
        (.lineFulfillmentStatus, ["fulfillment status", "line status", "item status"]),
        (.unitWeight, ["unit weight", "weight per unit", "grams", "item weight", "weight"]),
        (.weightUnit, ["weight unit", "unit of weight", "uom"]),
        (.service, ["service", "carrier service", "shipping service", "service level", "product"]),
        (.carrier, ["carrier", "courier", "spediteur"]),
        (.weight, ["weight", "package weight", "gewicht"]),
        (.shippedAt, ["ship date", "shipped", "label date", "shipped at", "date shipped"]),
        (.status, ["status", "event", "activity", "status code", "tag", "description"]),
        (.eventDate, ["date", "event date", "scan date", "datum"]),
        (.eventTime, ["time", "event time", "scan time", "uhrzeit"]),
        (.location, ["location", "city", "ort"]),
        (
            .scheduledDelivery,
            ["scheduled delivery", "expected delivery", "estimated delivery", "voraussichtliche zustellung", "eta"]
        ),
        (.deliveredAt, ["delivered at", "delivery date", "delivered"]),
        (
            .invoiceNumber,
            [
                "invoice number", "invoice no", "invoice #", "invoice id", "invoice", "bill number",
                "rechnungsnummer", "numero de factura", "número de factura", "factura", "numero fattura", "fattura",
                "numero de facture", "facture", "factuurnummer",
            ]
        ),
        (
            .invoiceDate,
            [
                "invoice date", "bill date", "billing date", "statement date", "rechnungsdatum", "fecha de factura",
                "data fattura", "date de facture", "factuurdatum",
            ]
        ),
        (.chargeCode, ["charge code", "charge type code", "charge category detail code"]),
        (.chargeDescription, ["charge description", "charge type", "charge name", "charge"]),
        (
            .netAmount,
            [
                "net amount", "net charge amount", "net charge", "total charge", "total charges", "total amount",
                "amount billed", "billed amount", "net", "amount", "total", "betrag", "importe", "montant",
            ]
        ),
    ]

    /// What a charge column of an invoice with one row per package charges for, by its header's words (the first
    /// kind whose word it holds): the starter mapping's `[profiles.NAME.charges]`.
    static let chargeWords: [(ChargeColumn, [String])] = [
        (.addressCorrection, ["address correction"]),
        (.residential, ["residential"]),
        (.guaranteeRefund, ["guarantee", "refund", "late delivery", "service failure"]),
        (.weightCorrection, ["adjustment", "correction", "reweigh", "dim weight", "apv"]),
        (
            .label,
            [
                // (not "label" alone: EasyPost's `label_fee` is the platform's fee for the label)
                "postage", "label cost", "label charge", "base charge", "base rate", "freight", "transportation",
                "shipping cost", "shipping charge",
            ]
        ),
        (
            .surcharge,
            [
                "surcharge", "fee", "fuel", "delivery area", "handling", "insurance", "signature", "accessorial",
                "charge",
            ]
        ),
    ]

    /// Words that make a header no charge column, whatever charge word it holds.
    static let notCharges: Set<String> = [
        "total", "net", "balance", "due", "paid", "status", "date", "time", "type", "code", "reason", "description",
        "number", "id", "no", "currency", "count", "quantity", "qty", "weight", "zone", "value",
    ]

    /// The columns of amounts (or empty in the rows read) whose headers name a charge, not taken by another field,
    /// with what each charges for.
    static func chargeColumns(_ names: [String], kinds: [String], used: Set<Int>) -> [(index: Int, kind: ChargeColumn)]
    {
        names.indices.compactMap { index in
            guard !used.contains(index), ["amount", "whole number", "empty"].contains(kinds[index]) else { return nil }
            let header = Header.normalize(names[index])
            // Totals and nets are the sum, not a charge of their own; a status, a date or a count is no charge
            // (EasyPost's `refund_status`).
            guard !header.split(separator: " ").contains(where: { Self.notCharges.contains(String($0)) }) else {
                return nil
            }
            return chargeWords.first { $0.1.contains { header.contains($0) } }.map { (index, $0.0) }
        }
    }

    /// Fields each kind maps, in the order the starter mapping lists them.
    static func fields(_ kind: InputKind) -> [Field] {
        switch kind {
        case .orders:
            [
                .orderId, .createdAt, .currency, .shippingPaid, .shippingMethod, .financialStatus, .cancelledAt, .sku,
                .itemName,
                .quantity, .unitPrice, .requiresShipping, .lineFulfillmentStatus,
            ]
        case .catalog: [.sku, .unitWeight, .weightUnit, .itemName]
        case .shipments: [.orderId, .trackingNumber, .carrier, .service, .weight, .shippedAt, .deliveredAt]
        case .tracking: [.trackingNumber, .eventDate, .eventTime, .status, .location, .scheduledDelivery, .deliveredAt]
        case .invoices:
            [
                .invoiceNumber, .invoiceDate, .trackingNumber, .carrier, .service, .shippedAt, .currency, .chargeCode,
                .chargeDescription, .netAmount,
            ]
        }
    }

    /// Inspects the file; `kind` narrows the starter mapping when given.
    public static func inspect(
        path: String, kind requested: InputKind?, delimiter: UInt8?, profiles: [Profile] = BuiltInProfiles.all,
        timeZone: TimeZone, knownServices: [String: ServiceTier] = [:]
    ) throws(InputProblem) -> String {
        let reader: CSVReader
        var header: [String]?
        var rows = 0
        var samples: [[String]] = []
        var distinct: [Set<String>] = [] // up to 60 distinct values per column, for value maps
        var lastLine = 0
        var guarded = 0 // cells in Excel's guard (`="0123"`)
        var dates = DateOrderScan()
        do {
            reader = try CSVReader(options: CSVReadOptions(delimiter: delimiter))
            try reader.read(path: path) { record in
                lastLine = record.line
                guard header != nil else {
                    if record.count > Header.maximumColumns { throw Header.tooWide(record.count, path: path) }
                    header = record.strings
                    samples = Array(repeating: [], count: record.count)
                    distinct = Array(repeating: [], count: record.count)
                    return
                }
                rows += 1
                for index in 0..<min(record.count, samples.count) {
                    var value = record.string(at: index)
                    guard !value.isEmpty else { continue }
                    if value.hasPrefix("=\""), value.hasSuffix("\""), value.count >= 3 {
                        guarded += 1
                        value = String(value.dropFirst(2).dropLast())
                    }
                    if value.first?.isNumber == true, value.contains("/") {
                        dates.note(value, column: header![index], line: record.line)
                    }
                    if samples[index].count < 4 && !samples[index].contains(value) { samples[index].append(value) }
                    if distinct[index].count < 60 { distinct[index].insert(value) }
                }
            }
        } catch let problem as InputProblem {
            throw problem
        } catch let error as CSVReadError {
            throw InputProblem(SourceLocation(file: path, line: error.line), reason: error.message, hint: error.hint)
        } catch {
            throw InputProblem(SourceLocation(file: path, line: 0), reason: "cannot be read", hint: "check the path")
        }
        guard let names = header else { throw InputProblem(SourceLocation(file: path, line: 0), reason: "is empty") }
        let headerIndex = Header(names)
        var out = "\(path)\n"
        let delimiterName = reader.delimiter == 0x09 ? "tab" : "\"\(String(UnicodeScalar(reader.delimiter)))\""
        out +=
            "  delimiter \(delimiterName), encoding \(reader.usedWindows1252 ? "Windows-1252 (not UTF-8)" : "UTF-8"), \(names.count) columns, \(rows) data rows, \(lastLine) lines\n"

        // What was done to the file before it got here.
        let replaced = reader.replacedFields, doubled = reader.doubleEncodedFields
        if replaced.count > 0 {
            out +=
                "  warning: \(replaced.count) field(s) have letters replaced by U+FFFD (\"\(String((replaced.first ?? "").prefix(30)))\"): "
                + "re-export as UTF-8; the mapping's headers may keep the accented letters\n"
        }
        if doubled.count > 0 {
            out +=
                "  warning: \(doubled.count) field(s) look encoded twice (\"\(String((doubled.first ?? "").prefix(30)))\"): "
                + "re-export as UTF-8\n"
        }
        if guarded > 0 { out += "  note: \(guarded) cell(s) in Excel's guard (=\"0123\"): read as the value inside\n" }
        if case .failure(let problem) = dates.verdict(file: path) {
            out += "  warning: column \"\(problem.column ?? "")\" \(problem.reason) (\(problem.hint))\n"
        }

        // Which profile reads it.
        var match: Profile?
        for kind in requested.map({ [$0] }) ?? InputKind.allCases {
            if let profile = try? ProfileMatcher(profiles: profiles).profile(
                for: InputFile(path: path, kind: kind), header: headerIndex)
            {
                match = profile
                break
            }
        }
        let headerless =
            match == nil && (requested == nil || requested == .invoices)
            ? BuiltInProfiles.upsBillingDataNames(for: names) : nil
        if let match {
            out += "  recognised: \(match.id) (\(match.title), \(match.kind.rawValue)): use it as it is\n"
        } else if headerless != nil {
            let profile = BuiltInProfiles.upsBillingData
            out +=
                "  recognised: \(profile.id) (\(profile.title), \(profile.kind.rawValue)): no header row, its columns "
                + "are read by position: use it as it is with --invoices (the columns below are its first row)\n"
        } else {
            out += "  recognised: no built-in profile\n"
            for kind in requested.map({ [$0] }) ?? InputKind.allCases {
                do {
                    _ = try ProfileMatcher(profiles: profiles).profile(
                        for: InputFile(path: path, kind: kind), header: headerIndex)
                } catch {
                    out += "    as \(kind.rawValue): \(error.reason)\n"
                }
            }
        }

        // What each column holds.
        out += "\nColumns\n"
        let width = min(32, names.map(\.count).max() ?? 0)
        let timestamps = TimestampParser(timeZone: timeZone)
        for (index, name) in names.enumerated() {
            let values = index < samples.count ? samples[index] : []
            let kind = infer(values, timestamps)
            let shown = values.prefix(3).map { "\"\(String($0.prefix(28)))\"" }.joined(separator: ", ")
            out +=
                "  \(String(name.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0))  \(kind.padding(toLength: max(22, kind.count), withPad: " ", startingAt: 0))  \(shown)\n"
        }

        // A starter mapping.
        let kinds = names.indices.map { infer(index: $0, samples, timestamps) }
        let kind = requested ?? match?.kind ?? guessKind(names, kinds: kinds)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
            .map { $0.isLetter || $0.isNumber ? $0 : "-" }
        out += "\nStarter mapping (paste into the config; fill in what says TODO)\n\n"
        out += "[profiles.\(String(stem))]\nkind = \"\(kind.rawValue)\"\n"
        if reader.delimiter != UInt8(ascii: ",") {
            out +=
                "delimiter = \(reader.delimiter == 0x09 ? "\"tab\"" : "\"\(String(UnicodeScalar(reader.delimiter)))\"")\n"
        }
        if reader.usedWindows1252 { out += "encoding = \"windows-1252\"\n" }
        // A column with a date whose first number cannot be a month is read day first: say so in the mapping.
        if var pattern = samples.lazy.compactMap({ column in column.lazy.compactMap(dayFirstPattern).first }).first {
            // Tracking exports with the time in its own column: the two are read joined by a space.
            if kind == .tracking, !pattern.contains("%H"), let timeColumn = guess(.eventTime, names, used: []),
                let time = samples[timeColumn].first
            {
                pattern +=
                    time.contains(":") ? (time.filter { $0 == ":" }.count == 2 ? " %H:%M:%S" : " %H:%M") : "%H%M%S"
            }
            out += "date_format = \"\(pattern)\"   # day first; check it against your dates\n"
        } else if let pattern = samples.lazy.compactMap(writtenDatePattern).first {
            out += "date_format = \"\(pattern)\"   # month names or an order shipaudit does not read alone\n"
        }
        out += "\n[profiles.\(String(stem)).columns]\n"
        var used: Set<Int> = []
        var mapped: [Field: Int] = [:]
        // An invoice with a column per charge: its charges are its lines (a net amount, if it has one, is their sum).
        var charges: [(index: Int, kind: ChargeColumn)] = []
        var required = ProfileMapping.required(kind)
        if kind == .invoices {
            let net = guess(.netAmount, names, used: [], kinds: kinds)
            charges = chargeColumns(names, kinds: kinds, used: net.map { [$0] } ?? [])
            for charge in charges { used.insert(charge.index) }
            if !charges.isEmpty { required = [.trackingNumber] }
        }
        for field in fields(kind) {
            if let index = guess(field, names, used: used, kinds: kinds),
                // A status column holds status words: "Credit Card" under "Payment Method" is no financial status.
                field != .financialStatus || distinct[index].contains(where: { PaymentStatus.read($0) != nil })
            {
                used.insert(index)
                mapped[field] = index
                out += "\(field.rawValue) = \"\(names[index])\"\n"
            } else if required.contains(field) {
                // No header names the order: the columns of whole numbers are where order numbers usually are (not
                // postal codes or phone numbers).
                let numbers = names.indices.filter { index in
                    !used.contains(index) && kinds[index] == "whole number"
                        && !["postal", "zip", "plz", "phone", "telefon"].contains {
                            Header.normalize(names[index]).contains($0)
                        }
                }.prefix(3)
                out +=
                    field == .orderId && !numbers.isEmpty
                    ? "# \(field.rawValue) = \"TODO\"   # required: no header names it; whole numbers in "
                        + numbers.map { "\"\(names[$0])\"" }.joined(separator: ", ") + "\n"
                    : "# \(field.rawValue) = \"TODO\"   # required: no column looks like it\n"
            }
        }
        for (field, index) in mapped.sorted(by: { $0.value < $1.value })
        where required.contains(field) && kinds[index] == "empty" {
            out += "# warning: \(field.rawValue) = \"\(names[index])\" is empty in every row read\n"
        }
        if !charges.isEmpty {
            out +=
                "\n[profiles.\(String(stem)).charges]   # \(ChargeColumn.allCases.map(\.rawValue).joined(separator: ", "))\n"
            out +=
                charges.map { "\(ProfileMapping.quote(names[$0.index])) = \"\($0.kind.rawValue)\"" }.joined(
                    separator: "\n") + "\n"
        }
        // Values the built-in vocabularies do not know: the value maps to fill in.
        if let index = mapped[.status] {
            let unknown = distinct[index].filter { ParcelStatus.normalize($0) == nil }.sorted()
            if !unknown.isEmpty {
                out +=
                    "\n[profiles.\(String(stem)).statuses]   # label_created, in_transit, out_for_delivery, available_for_pickup, exception, returned, delivered\n"
                out += unknown.map { "\"\($0)\" = \"TODO\"" }.joined(separator: "\n") + "\n"
            }
        }
        for field in [Field.shippingMethod, .service] {
            guard let index = mapped[field] else { continue }
            let directory = ServiceDirectory(extra: knownServices)
            let unknown = distinct[index].filter { directory.resolve($0) == nil }.sorted()
            if !unknown.isEmpty {
                out +=
                    "\n[profiles.\(String(stem)).services]   # overnight_early, overnight, two_day_am, two_day, three_day, priority_mail, ground, economy\n"
                out += unknown.map { "\"\($0)\" = \"TODO\"" }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    /// The column whose header best fits the field's words and whose values can be that field (`kinds`: what each
    /// column's values look like, `infer`; nil: judge by headers alone), if any. A column of values that look like
    /// the field (tracking numbers, dates) is taken when no header says so.
    static func guess(_ field: Field, _ names: [String], used: Set<Int>, kinds: [String]? = nil) -> Int? {
        guard let words = synonyms.first(where: { $0.0 == field })?.1 else { return nil }
        let normalized = names.map(Header.normalize)
        let fitting = { (index: Int) in !used.contains(index) && (kinds.map { fits(field, $0[index]) } ?? true) }
        // A column whose values are plainly the field comes before a header word that could mislead.
        if let kinds, field == .trackingNumber,
            let index = kinds.indices.first(where: { kinds[$0] == "tracking number" && !used.contains($0) })
        {
            return index
        }
        for word in words {
            if let index = normalized.indices.first(where: { fitting($0) && normalized[$0] == word }) { return index }
        }
        // A header holding a word: only words longer than four letters (Shopify's `Name` is the order number, but
        // `Carrier - Name` and `Ship To - Name` are no order numbers), and not with a word that makes it something
        // else (`Service - Confirmation Type` is no service).
        for word in words where word.count > 4 {
            if let index = normalized.indices.first(where: { index in
                fitting(index) && normalized[index].contains(word)
                    && !(misleading[field] ?? []).contains { normalized[index].contains($0) }
            }) {
                return index
            }
        }
        if let kinds, [.createdAt, .shippedAt, .eventDate].contains(field) {
            return kinds.indices.first { !used.contains($0) && kinds[$0].hasPrefix("date") }
        }
        return nil
    }

    /// Words that make a header holding a field's word something else.
    static let misleading: [Field: [String]] = [.service: ["confirmation"]]

    /// Whether a column whose values look like `kind` (`infer`'s words) can hold the field: a name, an amount or
    /// an empty column is never an order or tracking number, a price is never a service.
    static func fits(_ field: Field, _ kind: String) -> Bool {
        switch field {
        case .orderId: ["whole number", "text (one word)", "tracking number"].contains(kind)
        case .trackingNumber:
            ["tracking number", "whole number", "text (one word)", "number mangled by Excel"].contains(kind)
        case .service, .shippingMethod, .carrier, .status, .financialStatus, .lineFulfillmentStatus,
            .orderFulfillmentStatus, .paymentMethod, .chargeCode, .chargeDescription:
            kind.hasPrefix("text")
        case .invoiceNumber: ["whole number", "text (one word)"].contains(kind)
        case .createdAt, .shippedAt, .deliveredAt, .paidAt, .fulfilledAt, .cancelledAt, .promisedDelivery,
            .scheduledDelivery, .eventDate, .invoiceDate:
            kind.hasPrefix("date") || kind == "empty" && field != .createdAt
        case .quantity: kind == "whole number"
        case .unitPrice, .shippingPaid, .labelCost, .netAmount:
            kind == "amount" || kind == "whole number" || kind == "empty"
        case .sku: kind != "amount" && !kind.hasPrefix("date")
        default: true
        }
    }

    /// What column `index`'s sample values look like.
    static func infer(index: Int, _ samples: [[String]], _ timestamps: TimestampParser) -> String {
        infer(index < samples.count ? samples[index] : [], timestamps)
    }

    /// The kind whose fields the headers fit best.
    static func guessKind(_ names: [String], kinds: [String]? = nil) -> InputKind {
        InputKind.allCases.max { a, b in score(a, names, kinds: kinds) < score(b, names, kinds: kinds) } ?? .orders
    }

    static func score(_ kind: InputKind, _ names: [String], kinds: [String]? = nil) -> Int {
        let found = fields(kind).filter { guess($0, names, used: [], kinds: kinds) != nil }
        var score = ProfileMapping.required(kind).filter(found.contains).count * 10 + found.count
        // An invoice's charges in columns of their own stand for its net amount, and each one says "invoice".
        if kind == .invoices, let kinds {
            let charges = chargeColumns(names, kinds: kinds, used: []).count
            if charges > 0 && !found.contains(.netAmount) { score += 10 }
            score += charges
        }
        return score
    }

    /// What a column's sample values look like.
    static func infer(_ values: [String], _ timestamps: TimestampParser) -> String {
        guard !values.isEmpty else { return "empty" }
        if values.allSatisfy({ if case .success = timestamps.parse($0) { return true } else { return false } }) {
            return "date (read as is)"
        }
        if values.contains(where: { dayFirstPattern($0) != nil }) { return "date (day first)" }
        if let pattern = writtenDatePattern(values) { return "date (\(pattern))" }
        if values.allSatisfy({ ValueParsers.trackingNumber($0).isFailure }) { return "number mangled by Excel" }
        if values.allSatisfy(looksLikeTracking) { return "tracking number" }
        if values.allSatisfy({ Int($0) != nil }) { return "whole number" }
        if values.allSatisfy({ v in
            v.contains(where: \.isLetter) && (try? ValueParsers.weight(v, defaultUnit: nil).get()) != nil
        }) {
            return "weight with unit"
        }
        if values.allSatisfy({ (try? ValueParsers.money($0).get()) != nil }) { return "amount" }
        // Names and free text have spaces; codes and statuses mostly do not.
        return values.allSatisfy { !$0.contains(" ") } ? "text (one word)" : "text"
    }

    static func looksLikeTracking(_ value: String) -> Bool {
        let v = value.uppercased()
        if v.hasPrefix("1Z") && v.count == 18 { return true }
        return v.allSatisfy(\.isNumber) && [12, 15, 20, 22, 26, 30, 34].contains(v.count)
            || (v.count == 13 && v.prefix(2).allSatisfy(\.isLetter) && v.suffix(2).allSatisfy(\.isLetter))
    }

    /// The formats of dates the built-in reader does not read alone, most specific first: month names
    /// (`7 dic 2026`, `Dec 7, 2026 3:04 PM`, eBay's `Dec-07-26`, `7. Dez. 2026`, `7 de diciembre de 2026`), year
    /// first with slashes or dots (`2026/12/07`), and a weekday first (`Mon, 07 Dec 2026 15:04:05 +0000`,
    /// `lun. 7 déc. 2026`).
    static let writtenDatePatterns = [
        "%d %b %Y %H:%M:%S", "%d %b %Y %H:%M", "%d %b %Y", "%d. %b %Y %H:%M", "%d. %b %Y", "%d-%b-%Y %H:%M:%S",
        "%d-%b-%Y", "%d-%b-%y", "%b %d, %Y %I:%M:%S %p %Z", "%b %d, %Y %I:%M:%S %p", "%b %d, %Y %I:%M %p",
        "%b %d, %Y %H:%M:%S", "%b %d, %Y %H:%M", "%b %d, %Y", "%b %d %Y", "%b-%d-%y", "%b-%d-%Y",
        "%d de %b de %Y %H:%M", "%d de %b de %Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y.%m.%d",
        "%a, %d %b %Y %H:%M:%S %z", "%a %d %b %Y %H:%M:%S", "%a %b %d %Y %H:%M:%S", "%a %b %d, %Y",
    ]

    /// The first of `writtenDatePatterns` that reads every value given (at least one), nil when none does or the
    /// built-in reader reads them without a format.
    static func writtenDatePattern(_ values: [String]) -> String? {
        let given = values.filter { !$0.isEmpty }
        guard !given.isEmpty, given.contains(where: { $0.contains(where: \.isNumber) }) else { return nil }
        let utc = TimeZone(identifier: "UTC")!
        return writtenDatePatterns.first { pattern in
            let format = DateFormat(pattern, timeZone: utc)
            return given.allSatisfy { format.parse($0).isSuccess }
        }
    }

    /// `%d/%m/%Y %H:%M`-style pattern for `16/11/2026 10:14` or `16.11.2026`, when the first number cannot be a month.
    static func dayFirstPattern(_ value: String) -> String? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard let date = parts.first else { return nil }
        let separator: Character = date.contains("/") ? "/" : date.contains(".") ? "." : "-"
        let numbers = date.split(separator: separator)
        guard numbers.count == 3, let first = Int(numbers[0]), numbers[2].count == 4, first > 12, first <= 31 else {
            return nil
        }
        var pattern = "%d\(separator)%m\(separator)%Y"
        if parts.count == 2 { pattern += parts[1].filter { $0 == ":" }.count == 2 ? " %H:%M:%S" : " %H:%M" }
        return pattern
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
    var isFailure: Bool { !isSuccess }
}
