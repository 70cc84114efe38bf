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
                "waybill",
            ]
        ),
        (.orderId, ["order number", "order no", "order id", "order #", "order", "bestellnummer", "reference", "name"]),
        (.createdAt, ["order date", "created at", "created", "date created", "placed", "order time", "bestelldatum"]),
        (
            .shippingMethod,
            ["shipping method", "shipping option", "shipping service", "delivery method", "shipping title"]
        ),
        (
            .shippingPaid,
            ["shipping paid", "shipping total", "shipping cost", "shipping amount", "shipping", "versandkosten"]
        ),
        (.sku, ["sku", "item sku", "product code", "article number", "artikelnummer", "variant sku", "part number"]),
        (.quantity, ["quantity", "qty", "menge", "units", "anzahl"]),
        (.unitPrice, ["unit price", "item price", "price", "preis"]),
        (.itemName, ["item name", "product name", "product", "title", "description", "artikel"]),
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
    ]

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
        do {
            reader = try CSVReader(options: CSVReadOptions(delimiter: delimiter))
            try reader.read(path: path) { record in
                lastLine = record.line
                guard header != nil else {
                    header = record.strings
                    samples = Array(repeating: [], count: record.count)
                    distinct = Array(repeating: [], count: record.count)
                    return
                }
                rows += 1
                for index in 0..<min(record.count, samples.count) {
                    let value = record.string(at: index)
                    guard !value.isEmpty else { continue }
                    if samples[index].count < 4 && !samples[index].contains(value) { samples[index].append(value) }
                    if distinct[index].count < 60 { distinct[index].insert(value) }
                }
            }
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
        if let match {
            out += "  recognised: \(match.id) (\(match.title), \(match.kind.rawValue)): use it as it is\n"
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
                "  \(String(name.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0))  \(kind.padding(toLength: 22, withPad: " ", startingAt: 0))  \(shown)\n"
        }

        // A starter mapping.
        let kind = requested ?? match?.kind ?? guessKind(names)
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
        }
        out += "\n[profiles.\(String(stem)).columns]\n"
        var used: Set<Int> = []
        var mapped: [Field: Int] = [:]
        let required = ProfileMapping.required(kind)
        for field in fields(kind) {
            if let index = guess(field, names, used: used) {
                used.insert(index)
                mapped[field] = index
                out += "\(field.rawValue) = \"\(names[index])\"\n"
            } else if required.contains(field) {
                out += "# \(field.rawValue) = \"TODO\"   # required: no column looks like it\n"
            }
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

    /// The column whose header best fits the field's words, if any.
    static func guess(_ field: Field, _ names: [String], used: Set<Int>) -> Int? {
        guard let words = synonyms.first(where: { $0.0 == field })?.1 else { return nil }
        let normalized = names.map(Header.normalize)
        for word in words {
            if let index = normalized.indices.first(where: { !used.contains($0) && normalized[$0] == word }) {
                return index
            }
        }
        for word in words where word.count > 3 {
            if let index = normalized.indices.first(where: { !used.contains($0) && normalized[$0].contains(word) }) {
                return index
            }
        }
        return nil
    }

    /// The kind whose fields the headers fit best.
    static func guessKind(_ names: [String]) -> InputKind {
        InputKind.allCases.max { a, b in score(a, names) < score(b, names) } ?? .orders
    }

    static func score(_ kind: InputKind, _ names: [String]) -> Int {
        ProfileMapping.required(kind).filter { guess($0, names, used: []) != nil }.count * 10
            + fields(kind).filter { guess($0, names, used: []) != nil }.count
    }

    /// What a column's sample values look like.
    static func infer(_ values: [String], _ timestamps: TimestampParser) -> String {
        guard !values.isEmpty else { return "empty" }
        if values.allSatisfy({ if case .success = timestamps.parse($0) { return true } else { return false } }) {
            return "date (read as is)"
        }
        if values.contains(where: { dayFirstPattern($0) != nil }) { return "date (day first)" }
        if values.allSatisfy({ ValueParsers.trackingNumber($0).isFailure }) { return "number mangled by Excel" }
        if values.allSatisfy(looksLikeTracking) { return "tracking number" }
        if values.allSatisfy({ Int($0) != nil }) { return "whole number" }
        if values.allSatisfy({ v in
            v.contains(where: \.isLetter) && (try? ValueParsers.weight(v, defaultUnit: nil).get()) != nil
        }) {
            return "weight with unit"
        }
        if values.allSatisfy({ (try? ValueParsers.money($0).get()) != nil }) { return "amount" }
        return "text"
    }

    static func looksLikeTracking(_ value: String) -> Bool {
        let v = value.uppercased()
        if v.hasPrefix("1Z") && v.count == 18 { return true }
        return v.allSatisfy(\.isNumber) && [12, 15, 20, 22, 26, 30, 34].contains(v.count)
            || (v.count == 13 && v.prefix(2).allSatisfy(\.isLetter) && v.suffix(2).allSatisfy(\.isLetter))
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
