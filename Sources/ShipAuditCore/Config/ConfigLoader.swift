import Foundation
import ShipAuditCSV
import ShipAuditStorage
import TOMLKit

/// Reads `shipaudit.toml` into a `Configuration`. Unknown keys are errors (a typo must not silently do nothing).
public enum ConfigLoader {
    /// Parses the file at `path`.
    public static func load(path: String) throws(InputProblem) -> Configuration {
        let whole = SourceLocation(file: path, line: 0)
        if let problem = InputFile.notAFile(path) {
            throw InputProblem(whole, reason: "config " + problem.reason, hint: "pass the config file with --config")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblem(whole, reason: "config file cannot be read", hint: "check the path passed to --config")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputProblem(whole, reason: "config file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses config text; `path` is used in messages.
    public static func parse(_ text: String, path: String) throws(InputProblem) -> Configuration {
        // TOML's parser stops at a NUL byte: what follows (rules disabled, errors) would be ignored unseen.
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InputProblem(
                SourceLocation(file: path, line: line), reason: "config has a NUL byte, so it is not text",
                hint: "save the config as plain UTF-8 text")
        }
        if let problem = TOMLGuard.problem(in: text) {
            throw InputProblem(
                SourceLocation(file: path, line: problem.line), reason: "config is not valid TOML: " + problem.reason,
                hint: problem.hint)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw InputProblem(
                SourceLocation(file: path, line: error.source.begin.line),
                reason: "config is not valid TOML: \(error.description)")
        } catch {
            throw InputProblem(SourceLocation(file: path, line: 0), reason: "config is not valid TOML")
        }
        var config = Configuration()
        var reader = TableReader(path: path, table: table, section: "")
        try reader.allow([
            "store", "rate_titles", "services", "profiles", "weight", "policy", "rules", "calendar",
            "transit_days", "delivery", "tracking", "statuses", "payment_statuses", "fulfillment_statuses", "limits",
            "report", "invoices",
        ])
        if var invoices = try reader.table("invoices") {
            try invoices.allow([
                "dispute_days", "loss_threshold", "dim_divisors", "refund_wait_days", "carrier_dispute_days",
                "judge_free_shipping",
            ])
            if let judge = try invoices.bool("judge_free_shipping") { config.invoices.judgeFreeShipping = judge }
            if let windows = try invoices.table("carrier_dispute_days") {
                for key in windows.table.keys.sorted() {
                    guard let days = try windows.number(key), days >= 1, days <= 3650, days == days.rounded() else {
                        throw windows.problem(key, "must be a whole number of days from 1 to 3650")
                    }
                    config.invoices.carrierDisputeDays[key.lowercased()] = Int(days)
                }
            }
            if let days = try invoices.number("refund_wait_days") {
                guard days >= 0, days <= 365, days == days.rounded() else {
                    throw invoices.problem("refund_wait_days", "must be a whole number of days from 0 to 365")
                }
                config.invoices.refundWaitDays = Int(days)
            }
            if let divisors = try invoices.table("dim_divisors") {
                for key in divisors.table.keys.sorted() {
                    guard let divisor = try divisors.number(key), divisor >= 50, divisor <= 10_000 else {
                        throw divisors.problem(
                            key, "must be a divisor from 50 to 10000 (cubic inches per pound: 139, 166, 194)",
                            hint: "key a carrier (ups = 139) or a carrier and service (\"fedex Ground Economy\" = 166)")
                    }
                    config.invoices.dimDivisors[InvoiceSettings.divisorKey(key)] = divisor
                }
            }
            if let amount = try invoices.number("loss_threshold") {
                guard amount >= 0, amount < 1_000_000 else {
                    throw invoices.problem("loss_threshold", "must be an amount from 0 to 999999.99")
                }
                config.invoices.lossThreshold = Decimal(string: String(format: "%.2f", amount)) ?? 5
            }
            if let days = try invoices.number("dispute_days") {
                guard days >= 1, days <= 3650, days == days.rounded() else {
                    throw invoices.problem("dispute_days", "must be a whole number of days from 1 to 3650")
                }
                config.invoices.disputeDays = Int(days)
            }
        }
        if var report = try reader.table("report") {
            try report.allow(["flags_shown"])
            if let count = try report.number("flags_shown") {
                guard count >= 1, count <= 10_000_000, count == count.rounded() else {
                    throw report.problem("flags_shown", "must be a whole number from 1 to 10000000")
                }
                config.report.flagsShown = Int(count)
            }
        }
        if var limits = try reader.table("limits") {
            try limits.allow(["max_record_mb"])
            if let megabytes = try limits.number("max_record_mb") {
                guard megabytes >= 1, megabytes <= 1024 else {
                    throw limits.problem("max_record_mb", "must be between 1 and 1024")
                }
                config.maxRecordBytes = Int(megabytes * 1_048_576)
            }
        }

        if var store = try reader.table("store") {
            try store.allow([
                "time_zone", "currency", "cutoff", "processing_days", "pickup_methods", "cash_on_delivery",
                "cash_on_delivery_methods", "date_order", "null_markers", "decimal_mark",
            ])
            config.pickupMethods = Set(try store.strings("pickup_methods").map { $0.lowercased() })
            if let on = try store.bool("cash_on_delivery") { config.cashOnDelivery = on }
            if let text = try store.string("decimal_mark") {
                config.decimalMark = try ProfileMapping.decimalMark(text, store, "decimal_mark")
            }
            if store.has("null_markers") { config.nullMarkers = try store.strings("null_markers") }
            if let text = try store.string("date_order") {
                config.dateOrder = try ProfileMapping.dateOrder(text, store, "date_order")
            }
            config.cashOnDeliveryMethods = Set(
                try store.strings("cash_on_delivery_methods").map { $0.lowercased() })
            if let cutoff = try store.string("cutoff") {
                let parts = cutoff.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
                    throw store.problem("cutoff", "\"\(cutoff)\" is not a time of day", hint: "write it as \"14:00\"")
                }
                (config.promise.cutoffHour, config.promise.cutoffMinute) = (parts[0], parts[1])
            }
            if let days = try store.number("processing_days") {
                guard days >= 0, days < 30, days == days.rounded() else {
                    throw store.problem("processing_days", "must be a whole number of days")
                }
                config.promise.processingDays = Int(days)
            }
            if let zone = try store.string("time_zone") {
                guard let timeZone = TimeZone(identifier: zone) else {
                    throw store.problem(
                        "time_zone", "\"\(zone)\" is not a time zone", hint: "use an IANA name such as America/New_York"
                    )
                }
                config.timeZone = timeZone
                config.timeZoneConfigured = true
            }
            if let currency = try store.string("currency") {
                // A currency code is three letters (ISO 4217): anything else would be printed into every report.
                guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw store.problem(
                        "currency",
                        "\"\(TerminalText.escaped(currency, keepingNewlines: false))\" is not a currency code",
                        hint: "write its three letters, e.g. USD or EUR")
                }
                config.defaultCurrency = currency.uppercased()
            }
        }
        if let titles = try reader.table("rate_titles") { config.rateTitles = try titles.tiers() }
        if let services = try reader.table("services") { config.services = try services.tiers() }
        if let profiles = try reader.table("profiles") {
            // A text value picks a profile for a kind (`orders = "shopify-orders"`); a table defines a profile.
            for key in profiles.table.keys.sorted() where profiles.table[key]?.table != nil {
                config.customProfiles.append(try ProfileMapping.parse(try profiles.table(key)!, id: key))
            }
            let known = config.customProfiles + BuiltInProfiles.all
            for key in profiles.table.keys.sorted() where profiles.table[key]?.table == nil {
                guard let kind = InputKind(rawValue: key) else {
                    throw profiles.problem(
                        key, "is neither a kind (orders, catalog, shipments, tracking) nor a profile table",
                        hint: "write orders = \"shopify-orders\", or define [profiles.\(key)] with kind and columns")
                }
                guard let id = try profiles.string(key) else { continue }
                guard let profile = known.first(where: { $0.id == id }), profile.kind == kind else {
                    let names = known.filter { $0.kind == kind }.map(\.id).joined(separator: ", ")
                    throw profiles.problem(
                        key, "\"\(id)\" is not a \(kind.rawValue) profile", hint: "use one of: \(names)")
                }
                config.profiles[kind] = id
            }
            for profile in config.customProfiles { config.services.merge(profile.services) { current, _ in current } }
        }
        if var weight = try reader.table("weight") {
            try weight.allow(["packaging", "tolerance", "tolerance_percent"])
            if let packaging = try weight.weight("packaging") { config.weight.packagingPerPackage = packaging }
            if let tolerance = try weight.weight("tolerance") { config.weight.toleranceAbsolute = tolerance }
            if let percent = try weight.number("tolerance_percent") {
                guard percent >= 0, percent < 100 else {
                    throw weight.problem("tolerance_percent", "must be between 0 and 100")
                }
                config.weight.tolerancePercent = percent
            }
        }
        if var policy = try reader.table("policy") {
            try policy.allow(["investigate_above", "return_cost", "owners", "actions"])
            if let amount = try policy.number("investigate_above") {
                config.policy.investigateAbove = Decimal(string: String(amount)) ?? 0
            }
            if let amount = try policy.number("return_cost") {
                config.policy.returnCost = Decimal(string: String(amount)) ?? 0
            }
            if var owners = try policy.table("owners") {
                try owners.allow(RuleCatalog.ids)
                for id in RuleCatalog.ids {
                    guard let text = try owners.string(id) else { continue }
                    guard let owner = Owner(rawValue: text) else {
                        throw owners.problem(
                            id, "\"\(text)\" is not an owner",
                            hint: "owners: \(Owner.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    config.policy.owners[id] = owner
                }
            }
            if var actions = try policy.table("actions") {
                try actions.allow(RuleCatalog.ids)
                for id in RuleCatalog.ids { if let text = try actions.string(id) { config.policy.actions[id] = text } }
            }
        }
        if var calendar = try reader.table("calendar") {
            try calendar.allow(["holidays", "saturday_delivery"])
            if calendar.has("holidays") {
                var days: Set<LocalDay> = []
                for text in try calendar.strings("holidays") {
                    guard let day = LocalDay(iso: text) else {
                        throw calendar.problem(
                            "holidays", "\"\(text)\" is not a date", hint: "write dates as \"2026-11-26\"")
                    }
                    days.insert(day)
                }
                config.promise.calendar.holidays = days
                config.holidaysConfigured = true
            }
            config.promise.calendar.saturdayDelivery = Set(
                try calendar.strings("saturday_delivery").map { text throws(InputProblem) in
                    guard let tier = ServiceTier(rawValue: text) else {
                        throw calendar.problem(
                            "saturday_delivery", "\"\(text)\" is not a tier",
                            hint: "tiers: \(ServiceTier.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return tier
                })
        }
        if var transit = try reader.table("transit_days") {
            try transit.allow(ServiceTier.allCases.map(\.rawValue))
            for tier in ServiceTier.allCases {
                guard let days = try transit.number(tier.rawValue) else { continue }
                guard days >= 0, days <= 30, days == days.rounded() else {
                    throw transit.problem(tier.rawValue, "must be a whole number of business days")
                }
                config.promise.transitDays[tier] = Int(days)
            }
        }
        if var delivery = try reader.table("delivery") {
            try delivery.allow([
                "not_shipped_grace_hours", "never_scanned_business_hours", "stalled_hours", "lost_after_days",
                "claim_window_days", "guaranteed",
            ])
            func whole(_ key: String) throws(InputProblem) -> Int? {
                guard let value = try delivery.number(key) else { return nil }
                guard value >= 0, value == value.rounded(), value < 10_000 else {
                    throw delivery.problem(key, "must be a whole number")
                }
                return Int(value)
            }
            if let value = try whole("not_shipped_grace_hours") { config.delivery.notShippedGraceHours = value }
            if let value = try whole("never_scanned_business_hours") {
                config.delivery.neverScannedBusinessHours = value
            }
            if let value = try whole("stalled_hours") { config.delivery.stalledHours = value }
            if let value = try whole("lost_after_days") { config.delivery.lostAfterDays = value }
            if let value = try whole("claim_window_days") { config.delivery.claimWindowDays = value }
            if delivery.has("guaranteed") {
                config.delivery.guaranteedServices = Set(try delivery.strings("guaranteed").map(ServiceDirectory.key))
            }
        }
        if var tracking = try reader.table("tracking") {
            try tracking.allow(["time_zone"])
            if let zone = try tracking.string("time_zone") {
                guard let timeZone = TimeZone(identifier: zone) else {
                    throw tracking.problem(
                        "time_zone", "\"\(zone)\" is not a time zone", hint: "use an IANA name such as America/Chicago")
                }
                config.trackingTimeZone = timeZone
            }
        }
        if let statuses = try reader.table("statuses") {
            for key in statuses.table.keys {
                guard let text = try statuses.string(key) else { continue }
                guard let status = ParcelStatus(rawValue: text) else {
                    throw statuses.problem(
                        key, "\"\(text)\" is not a status",
                        hint: "statuses: \(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                config.statuses[key] = status
            }
        }
        if let statuses = try reader.table("payment_statuses") {
            for key in statuses.table.keys {
                guard let text = try statuses.string(key) else { continue }
                guard let status = PaymentStatus(rawValue: text) else {
                    throw statuses.problem(
                        key, "\"\(text)\" is not a payment status",
                        hint: "payment statuses: \(PaymentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                config.paymentStatuses[PaymentStatus.normalized(key)] = status
            }
        }
        if let statuses = try reader.table("fulfillment_statuses") {
            for key in statuses.table.keys {
                guard let text = try statuses.string(key) else { continue }
                guard let status = FulfilmentStatus(rawValue: text) else {
                    throw statuses.problem(
                        key, "\"\(text)\" is not a fulfillment status",
                        hint:
                            "fulfillment statuses: \(FulfilmentStatus.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                config.fulfilmentStatuses[PaymentStatus.normalized(key)] = status
            }
        }
        if var rules = try reader.table("rules") {
            try rules.allow(["disabled"])
            for id in try rules.strings("disabled") {
                guard RuleCatalog.ids.contains(id) else {
                    throw rules.problem(
                        "disabled", "\"\(id)\" is not a rule", hint: "rules: \(RuleCatalog.ids.joined(separator: ", "))"
                    )
                }
                config.disabledRules.insert(id)
            }
        }
        return config
    }
}

/// Typed, checked access to one TOML table, with errors naming the file and the key.
struct TableReader {
    let path: String
    let table: TOMLTable
    let section: String

    func problem(_ key: String, _ reason: String, hint: String = "") -> InputProblem {
        let name = section.isEmpty ? key : "\(section).\(key)"
        return InputProblem(SourceLocation(file: path, line: 0), reason: "\(name): \(reason)", hint: hint)
    }

    mutating func allow(_ keys: [String]) throws(InputProblem) {
        for key in table.keys where !keys.contains(key) {
            let near = keys.min { Header.distance(Array($0), Array(key)) < Header.distance(Array($1), Array(key)) }
            let where_ = section.isEmpty ? "at the top level" : "in [\(section)]"
            throw problem(key, "unknown key \(where_)", hint: near.map { "did you mean \"\($0)\"?" } ?? "")
        }
    }

    func table(_ key: String) throws(InputProblem) -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw problem(key, "must be a table, e.g. [\(key)]") }
        return TableReader(path: path, table: inner, section: section.isEmpty ? key : "\(section).\(key)")
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func string(_ key: String) throws(InputProblem) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw problem(key, "must be text in quotes") }
        return text
    }

    func strings(_ key: String) throws(InputProblem) -> [String] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw problem(key, "must be a list, e.g. [\"a\", \"b\"]") }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw problem(key, "must be a list of texts in quotes") }
            result.append(text)
        }
        return result
    }

    func bool(_ key: String) throws(InputProblem) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let on = value.bool else { throw problem(key, "must be true or false") }
        return on
    }

    func number(_ key: String) throws(InputProblem) -> Double? {
        guard let value = table[key] else { return nil }
        if let int = value.int { return Double(int) }
        if let double = value.double { return double }
        if let text = value.string, let parsed = Double(text) { return parsed }
        throw problem(key, "must be a number")
    }

    func weight(_ key: String) throws(InputProblem) -> Weight? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            throw problem(key, "must be a weight with its unit in quotes, e.g. \"4 oz\" or \"120 g\"")
        }
        switch ValueParsers.weight(text, defaultUnit: nil) {
        case .success(let weight): return weight
        case .failure(let error): throw problem(key, error.reason, hint: error.hint)
        }
    }

    /// Every key of the table as a name mapped to a tier.
    func tiers() throws(InputProblem) -> [String: ServiceTier] {
        var result: [String: ServiceTier] = [:]
        for key in table.keys {
            guard let text = try string(key) else { continue }
            guard let tier = ServiceTier(rawValue: text) else {
                throw problem(
                    key, "\"\(text)\" is not a tier",
                    hint: "tiers: \(ServiceTier.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            result[key] = tier
        }
        return result
    }
}
