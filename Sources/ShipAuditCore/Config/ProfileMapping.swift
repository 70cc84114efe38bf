import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// A profile defined in the config file: `[profiles.NAME]` with its kind, columns, constants, value maps, date format
/// and reading options. Built-in profiles print in the same form (`shipaudit profiles show ID`).
enum ProfileMapping {
    static let keys = [
        "kind", "title", "recognise_by", "delimiter", "encoding", "skip_rows", "header", "date_format",
        "date_order", "decimal", "weight_per", "time_zone", "columns", "services", "statuses", "charges",
    ]

    /// The fields each kind needs.
    static func required(_ kind: InputKind) -> [Field] {
        switch kind {
        case .orders: [.orderId, .sku, .quantity]
        case .catalog: [.sku, .unitWeight]
        case .shipments: [.orderId, .trackingNumber, .service]
        case .tracking: [.trackingNumber, .status]
        case .invoices: [.trackingNumber, .netAmount]
        }
    }

    static func parse(_ table: TableReader, id: String) throws(InputProblem) -> Profile {
        var table = table
        try table.allow(keys)
        guard let kindText = try table.string("kind"), let kind = InputKind(rawValue: kindText) else {
            throw table.problem("kind", "is missing or not one of orders, catalog, shipments, tracking")
        }
        guard var columnsTable = try table.table("columns") else {
            throw table.problem(
                "columns", "is missing",
                hint: "map each field to a header, e.g. [profiles.\(id).columns] order_id = \"Order Number\"")
        }
        try columnsTable.allow(Field.allCases.map(\.rawValue))
        var columns: [Field: [ColumnChoice]] = [:]
        var constants: [Field: String] = [:]
        for field in Field.allCases {
            guard let value = columnsTable.table[field.rawValue] else { continue }
            if let header = value.string {
                columns[field] = [ColumnChoice(header)]
            } else if var spec = try columnsTable.table(field.rawValue) {
                try spec.allow(["column", "unit", "value"])
                if let constant = try spec.string("value") {
                    constants[field] = constant
                } else if let header = try spec.string("column") {
                    var unit: WeightUnit?
                    if let text = try spec.string("unit") {
                        guard let parsed = WeightUnit(spelling: text) else {
                            throw spec.problem("unit", "\"\(text)\" is not a weight unit", hint: "use g, kg, oz or lb")
                        }
                        unit = parsed
                    }
                    columns[field] = [ColumnChoice(header, unit: unit)]
                } else {
                    throw spec.problem(field.rawValue, "needs column = \"Header\" or value = \"constant\"")
                }
            }
        }
        let charges = try chargeColumns(table, kind: kind, id: id)
        // A layout that packs an order's items in one cell (`line_items`) has no SKU or quantity column; an invoice
        // layout with its charges in columns needs no net amount (the charges add up to it).
        let needed: [Field] =
            if kind == .orders && columns[.lineItems] != nil {
                [.orderId, .lineItems]
            } else if kind == .invoices && (!charges.isEmpty || columns[.transportationCharge] != nil) {
                [.trackingNumber]
            } else {
                required(kind)
            }
        for field in needed where columns[field] == nil && constants[field] == nil {
            throw columnsTable.problem(
                field.rawValue, "is required for \(kind.rawValue) but not mapped",
                hint: "add \(field.rawValue) = \"<header>\" under [profiles.\(id).columns]")
        }
        let mappedHeaders = needed.compactMap { columns[$0]?.first?.header }
        var profile = Profile(
            id: id, kind: kind, title: try table.string("title") ?? "profile \(id) (config)", columns: columns,
            required: needed.filter { columns[$0] != nil },
            signature: table.has("recognise_by") ? try table.strings("recognise_by") : mappedHeaders)
        profile.isBuiltIn = false
        profile.constants = constants
        profile.chargeColumns = charges
        if let delimiter = try table.string("delimiter") {
            switch delimiter {
            case ",", "comma": profile.delimiter = UInt8(ascii: ",")
            case ";", "semicolon": profile.delimiter = UInt8(ascii: ";")
            case "\t", "tab": profile.delimiter = 0x09
            case "|", "pipe": profile.delimiter = UInt8(ascii: "|")
            default:
                throw table.problem(
                    "delimiter", "\"\(delimiter)\" is not a delimiter", hint: "use \",\", \";\", \"tab\" or \"|\"")
            }
        }
        if let encoding = try table.string("encoding") {
            switch encoding.lowercased() {
            case "utf-8", "utf8": break
            case "windows-1252", "cp1252", "latin-1", "iso-8859-1": profile.windows1252 = true
            default:
                throw table.problem(
                    "encoding", "\"\(encoding)\" is not an encoding this tool reads",
                    hint: "use \"utf-8\" or \"windows-1252\"")
            }
        }
        if let rows = try table.number("skip_rows") {
            guard rows >= 0, rows == rows.rounded(), rows < 1000 else {
                throw table.problem("skip_rows", "must be a whole number")
            }
            profile.skipRows = Int(rows)
        }
        if table.has("header") { profile.positionalHeader = try table.strings("header") }
        if let format = try table.string("date_format") {
            guard DateFormat(format, timeZone: TimeZone(identifier: "UTC")!).isValid else {
                throw table.problem(
                    "date_format", "\"\(format)\" has a directive this tool does not read",
                    hint: "use %Y %y %m %d %H %I %M %S %p %z %Z %b")
            }
            profile.dateFormat = format
        }
        if let zone = try table.string("time_zone") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw table.problem("time_zone", "\"\(zone)\" is not a time zone")
            }
            profile.timeZone = timeZone
        }
        if let text = try table.string("date_order") { profile.dateOrder = try dateOrder(text, table, "date_order") }
        if let text = try table.string("decimal") { profile.decimalMark = try decimalMark(text, table, "decimal") }
        if let text = try table.string("weight_per") {
            guard text == "shipment" || text == "package" else {
                throw table.problem("weight_per", "\"\(text)\" is not package or shipment")
            }
            profile.weightPerShipment = text == "shipment"
        }
        if let services = try table.table("services") { profile.services = try services.tiers() }
        if let statuses = try table.table("statuses") {
            for key in statuses.table.keys {
                guard let text = try statuses.string(key), let status = ParcelStatus(rawValue: text) else {
                    throw statuses.problem(
                        key, "is not a status",
                        hint: "statuses: \(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                profile.statuses[key] = status
            }
        }
        return profile
    }

    /// `[profiles.NAME.charges]`: a header per charge column of an invoice layout, and what it charges for (by header:
    /// a TOML table keeps no order; a file's rows read them in its columns' order).
    static func chargeColumns(_ table: TableReader, kind: InputKind, id: String) throws(InputProblem) -> [(
        header: String, kind: ChargeColumn
    )] {
        guard let charges = try table.table("charges") else { return [] }
        guard kind == .invoices else {
            throw table.problem("charges", "is for invoice layouts (kind = \"invoices\")")
        }
        let kinds = ChargeColumn.allCases.map(\.rawValue).joined(separator: ", ")
        var columns: [(header: String, kind: ChargeColumn)] = []
        for header in charges.table.keys.sorted() {
            guard let text = try charges.string(header), let charge = ChargeColumn(rawValue: text.lowercased()) else {
                throw charges.problem(
                    header, "is not a kind of charge", hint: "say what the column charges for: \(kinds)")
            }
            columns.append((header, charge))
        }
        guard !columns.isEmpty else {
            throw table.problem(
                "charges", "names no column",
                hint: "map each charge column's header to its kind, e.g. \"Fuel Surcharge\" = \"surcharge\"")
        }
        return columns
    }

    /// `,` or `.`, or the problem naming `key`.
    static func decimalMark(_ text: String, _ table: TableReader, _ key: String) throws(InputProblem) -> Character {
        guard text == "," || text == "." else {
            throw table.problem(key, "\"\(text)\" is not a decimal mark", hint: "use \",\" or \".\"")
        }
        return Character(text)
    }

    /// `day_first` or `month_first`, or the problem naming `key`.
    static func dateOrder(_ text: String, _ table: TableReader, _ key: String) throws(InputProblem) -> SlashDateOrder {
        guard let order = SlashDateOrder(rawValue: text.lowercased()) else {
            throw table.problem(
                key, "\"\(text)\" is not a date order",
                hint: "use \"day_first\" (21/10/2025) or \"month_first\" (10/21/2025)")
        }
        return order
    }

    /// A profile as the TOML a user can paste into the config and change.
    static func render(_ profile: Profile) -> String {
        var out = "[profiles.\(profile.id)\(profile.isBuiltIn ? "-custom" : "")]\n"
        out += "kind = \"\(profile.kind.rawValue)\"\n"
        out += "title = \(quote(profile.title))\n"
        out += "recognise_by = [\(profile.signature.map(quote).joined(separator: ", "))]\n"
        if let delimiter = profile.delimiter {
            out += "delimiter = \(quote(delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))))\n"
        }
        if profile.windows1252 { out += "encoding = \"windows-1252\"\n" }
        if profile.skipRows > 0 { out += "skip_rows = \(profile.skipRows)\n" }
        if let header = profile.positionalHeader { out += "header = [\(header.map(quote).joined(separator: ", "))]\n" }
        if let format = profile.dateFormat { out += "date_format = \(quote(format))\n" }
        if let zone = profile.timeZone { out += "time_zone = \(quote(zone.identifier))\n" }
        if let order = profile.dateOrder { out += "date_order = \(quote(order.rawValue))\n" }
        if let mark = profile.decimalMark { out += "decimal = \(quote(String(mark)))\n" }
        if profile.weightPerShipment { out += "weight_per = \"shipment\"\n" }
        out += "\n[profiles.\(profile.id)\(profile.isBuiltIn ? "-custom" : "").columns]\n"
        for field in Field.allCases {
            if let constant = profile.constants[field] {
                out += "\(field.rawValue) = { value = \(quote(constant)) }\n"; continue
            }
            guard let choice = profile.columns[field]?.first else { continue }
            let required = profile.required.contains(field) ? "   # required" : ""
            let alternatives =
                (profile.columns[field]?.count ?? 0) > 1
                ? "   # also read: " + profile.columns[field]!.dropFirst().map(\.header).joined(separator: ", ") : ""
            if let unit = choice.unit {
                out +=
                    "\(field.rawValue) = { column = \(quote(choice.header)), unit = \"\(unit.rawValue)\" }\(required)\(alternatives)\n"
            } else {
                out += "\(field.rawValue) = \(quote(choice.header))\(required)\(alternatives)\n"
            }
        }
        if !profile.chargeColumns.isEmpty {
            out +=
                "\n[profiles.\(profile.id).charges]\n"
                + profile.chargeColumns.map { "\(quote($0.header)) = \"\($0.kind.rawValue)\"" }.joined(separator: "\n")
                + "\n"
        }
        if !profile.services.isEmpty {
            out +=
                "\n[profiles.\(profile.id).services]\n"
                + profile.services.sorted { $0.key < $1.key }.map { "\(quote($0.key)) = \"\($0.value.rawValue)\"" }
                .joined(separator: "\n") + "\n"
        }
        return out
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
