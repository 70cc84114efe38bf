import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The UTC offsets an orders export states in its order times (`+0100` in `2024-01-25 13:23:17 +0100`): what says
/// which clock the store keeps when the config does not name its zone.
public struct StatedOffsets: Sendable {
    /// Per UTC day and offset, the first instant seen with that offset that day and how many orders; `positions`
    /// finds a key's sample, and the last key added is kept (an export's orders come day by day).
    private var samples: [Sample] = []
    private var positions: [Int: Int] = [:]
    private var lastKey = Int.min, lastPosition = 0
    /// Orders whose time states no offset.
    public private(set) var withoutOffset = 0

    struct Sample: Sendable {
        var instant: Date
        var offset: Int
        var orders: Int
    }

    public init() {}

    /// Notes an order placed at `date`, whose text stated `offset` (nil: none).
    public mutating func add(_ date: Date, offset: Int?) {
        guard let offset else {
            withoutOffset += 1
            return
        }
        let day = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let key = day &* 200_000 &+ offset &+ 100_000
        if key == lastKey {
            samples[lastPosition].orders += 1
            return
        }
        if let known = positions[key] {
            samples[known].orders += 1
            lastPosition = known
        } else {
            positions[key] = samples.count
            lastPosition = samples.count
            samples.append(Sample(instant: date, offset: offset, orders: 1))
        }
        lastKey = key
    }

    /// Both sets of notes in one.
    public mutating func merge(_ other: StatedOffsets) {
        withoutOffset += other.withoutOffset
        for sample in other.samples {
            let day = Int((sample.instant.timeIntervalSince1970 / 86_400).rounded(.down))
            let key = day &* 200_000 &+ sample.offset &+ 100_000
            if let known = positions[key] {
                samples[known].orders += sample.orders
                samples[known].instant = min(samples[known].instant, sample.instant)
            } else {
                positions[key] = samples.count
                samples.append(sample)
            }
        }
        lastKey = Int.min
    }

    /// Orders whose time states an offset.
    public var withOffset: Int { samples.reduce(0) { $0 + $1.orders } }

    /// Orders per stated offset.
    public var ordersByOffset: [Int: Int] {
        samples.reduce(into: [:]) { $0[$1.offset, default: 0] += $1.orders }
    }

    /// Orders whose stated offset is not the one `zone` has at their time, and the first such sample.
    func disagreements(with zone: TimeZone) -> (orders: Int, first: Sample?) {
        var orders = 0
        var first: Sample?
        for sample in samples where zone.secondsFromGMT(for: sample.instant) != sample.offset {
            orders += sample.orders
            if first == nil || sample.instant < first!.instant { first = sample }
        }
        return (orders, first)
    }

    /// The samples, earliest first.
    var ordered: [Sample] { samples.sorted { $0.instant < $1.instant } }
}

/// The store's clock: the zone its order days, cutoffs, ship-by days and promises are worked out in and its reports
/// show times in, where it came from, and whether the built-in US carrier holidays apply.
///
/// A zone named by `[store] time_zone` is used as it is (with a warning when the export's offsets disagree). Without
/// one, the export's own offsets decide: the zone is one that has every offset the orders state at their times, so
/// each order is read at the local time its own date states. Without offsets either, the default zone is assumed
/// and the report says so.
public struct StoreClock: Sendable {
    public enum Source: Sendable, Equatable {
        /// `[store] time_zone`.
        case configured
        /// The offsets the orders export states.
        case statedOffsets
        /// Nothing said which: the default zone.
        case assumed
    }

    /// The zone the store's times are worked out and shown in.
    public var zone: TimeZone
    /// Where it came from.
    public var source: Source
    /// True when the built-in US carrier holidays apply (a US store, and no holidays listed in the config).
    public var usHolidays: Bool
    /// Plain-English lines for the summary and the reports: which zone, why, and what to set.
    public var notes: [String] = []
    /// Orders whose stated offset does not fit `zone` (a configured zone that disagrees with the export, or offsets
    /// no zone has together).
    public var ordersOffZone = 0

    /// How the reports name the zone: `Europe/Rome`, or the export's offsets when they chose it (`UTC+01:00 and
    /// UTC+02:00, the export's offsets`), or the default with a word that it was assumed. `zone` when the report is
    /// rendered in another zone than the clock's.
    public func label(for zone: TimeZone) -> String {
        guard zone == self.zone else { return zone.identifier }
        switch source {
        case .configured: return zone.identifier
        case .statedOffsets: return statedLabel ?? zone.identifier
        case .assumed: return "\(zone.identifier), assumed: no zone set and no offsets in the export"
        }
    }

    /// The source's name in report.json: `config`, `export_offsets`, `default`.
    public var sourceName: String {
        switch source {
        case .configured: "config"
        case .statedOffsets: "export_offsets"
        case .assumed: "default"
        }
    }

    /// `UTC+01:00 and UTC+02:00, the export's offsets`.
    var statedLabel: String?

    /// The clock of a run with the default zone and nothing read yet.
    public static let assumedDefault = StoreClock(
        zone: Configuration().timeZone, source: .assumed, usHolidays: true)

    /// Creates a clock.
    public init(zone: TimeZone, source: Source, usHolidays: Bool, notes: [String] = []) {
        (self.zone, self.source, self.usHolidays, self.notes) = (zone, source, usHolidays, notes)
    }

    /// Decides the clock from the config's zone (nil: not set), the offsets the orders stated, whether the config
    /// lists holidays, and the currency most orders are in (nil: unknown; asked only when it matters).
    public static func decide(
        configured: TimeZone?, fallback: TimeZone, stated: StatedOffsets, holidaysConfigured: Bool,
        currency: () -> String?
    ) -> StoreClock {
        let holidayNote = { (us: Bool) -> String? in
            if holidaysConfigured { return "Carrier holidays: the ones listed under [calendar] holidays." }
            return us
                ? "Carrier holidays: the built-in US ones (list others under [calendar] holidays)."
                : "Carrier holidays: none built in for a store outside the US, only weekends are skipped; "
                    + "list yours under [calendar] holidays."
        }
        if let configured {
            let us = isUS(configured) && !holidaysConfigured
            var clock = StoreClock(zone: configured, source: .configured, usHolidays: us)
            clock.notes.append("Times are \(configured.identifier), as [store] time_zone sets.")
            let off = stated.disagreements(with: configured)
            if off.orders > 0, let first = off.first {
                clock.ordersOffZone = off.orders
                clock.notes.append(
                    "\(off.orders) of \(stated.withOffset) orders state an offset that \(configured.identifier) does "
                        + "not have at their time (\(offsetText(first.offset)) on "
                        + "\(LocalDay(first.instant, in: TimeZone(secondsFromGMT: first.offset) ?? configured).description)"
                        + "): check [store] time_zone.")
            }
            holidayNote(us).map { clock.notes.append($0) }
            return clock
        }
        let byOffset = stated.ordersByOffset
        guard stated.withOffset > 0 else {
            let us = isUS(fallback) && !holidaysConfigured
            var clock = StoreClock(zone: fallback, source: .assumed, usHolidays: us)
            if stated.withoutOffset > 0 {
                clock.notes.append(
                    "Order times state no offset and [store] time_zone is not set: they were read as "
                        + "\(fallback.identifier), the default. Set [store] time_zone to the store's zone.")
            } else {
                clock.notes.append(
                    "Times are \(fallback.identifier), the default: set [store] time_zone to the store's zone.")
            }
            holidayNote(us).map { clock.notes.append($0) }
            return clock
        }
        let offsets = byOffset.keys.sorted().map(offsetText).joined(separator: " and ")
        let fitting = zonesFitting(stated)
        let zone: TimeZone
        var clock: StoreClock
        if let chosen = fitting.first, let found = TimeZone(identifier: chosen) {
            zone = found
            let us = isUS(found) && !holidaysConfigured && (currency().map { $0 == "USD" } ?? true)
            clock = StoreClock(zone: zone, source: .statedOffsets, usHolidays: us)
            clock.statedLabel = "\(offsets), the export's offsets"
            let others = fitting.count - 1
            let kept = others == 0 ? chosen : "\(chosen) and \(others) other zone\(others == 1 ? "" : "s")"
            clock.notes.append(
                "Times are the store's own, from the offsets its export states (\(offsets), as \(kept) keep them). "
                    + "Name the zone with [store] time_zone to be sure of dates near a daylight-saving change.")
        } else {
            // No zone has every offset stated: the most common one, as a fixed offset.
            let common = byOffset.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            zone = TimeZone(secondsFromGMT: common) ?? fallback
            clock = StoreClock(zone: zone, source: .statedOffsets, usHolidays: false)
            clock.statedLabel = "\(offsetText(common)), the export's most common offset"
            clock.ordersOffZone = stated.withOffset - byOffset[common]!
            clock.notes.append(
                "The export states offsets that no one zone has (\(offsets)): times are shown at "
                    + "\(offsetText(common)), the most common; \(clock.ordersOffZone) orders state another. "
                    + "Set [store] time_zone to the store's zone.")
        }
        holidayNote(clock.usHolidays).map { clock.notes.append($0) }
        return clock
    }

    /// The zones with every offset the samples state at their times, the likeliest first: zones most stores keep,
    /// then by name.
    static func zonesFitting(_ stated: StatedOffsets) -> [String] {
        let samples = stated.ordered
        guard !samples.isEmpty else { return [] }
        var fitting: [String] = []
        for (identifier, zone) in candidateZones
        where samples.allSatisfy({ zone.secondsFromGMT(for: $0.instant) == $0.offset }) {
            fitting.append(identifier)
        }
        return fitting.sorted { a, b in
            let (rankA, rankB) = (likely.firstIndex(of: a) ?? likely.count, likely.firstIndex(of: b) ?? likely.count)
            return rankA != rankB ? rankA < rankB : a < b
        }
    }

    /// The zones a store can be in (the system's, with a region: not `Etc/` or `SystemV/`), made once per process.
    private static let candidateZones: [(String, TimeZone)] = TimeZone.knownTimeZoneIdentifiers.compactMap { id in
        guard id.contains("/"), !id.hasPrefix("Etc/"), !id.hasPrefix("SystemV/"), let zone = TimeZone(identifier: id)
        else { return nil }
        return (id, zone)
    }

    /// Zones that stand first among the ones with the same offsets.
    private static let likely = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Rome",
        "Europe/Madrid", "Europe/Lisbon", "Europe/Amsterdam", "Europe/Istanbul", "Africa/Johannesburg",
        "America/Argentina/Buenos_Aires", "America/Sao_Paulo", "America/Mexico_City", "America/Toronto",
        "America/Vancouver", "Asia/Dhaka", "Asia/Kolkata", "Asia/Tokyo", "Asia/Shanghai", "Asia/Singapore",
        "Australia/Sydney", "Pacific/Auckland",
    ]

    /// True for a zone of the United States (its carriers keep the built-in holidays).
    public static func isUS(_ zone: TimeZone) -> Bool {
        let id = zone.identifier
        return id.hasPrefix("US/") || usZones.contains(id) || id.hasPrefix("America/Indiana/")
            || id.hasPrefix("America/Kentucky/") || id.hasPrefix("America/North_Dakota/")
    }

    private static let usZones: Set<String> = [
        "America/New_York", "America/Detroit", "America/Chicago", "America/Menominee", "America/Denver",
        "America/Boise", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Juneau",
        "America/Sitka", "America/Metlakatla", "America/Yakutat", "America/Nome", "America/Adak", "Pacific/Honolulu",
        "America/Puerto_Rico", "America/Indianapolis", "America/Fort_Wayne", "America/Louisville", "America/Knox_IN",
        "America/Shiprock", "Navajo", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT",
    ]

    /// `+01:00`, `-05:00`, `+05:30`.
    static func offsetText(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return
            "UTC\(seconds < 0 ? "-" : "+")\(NumberText.padded(minutes / 60, 2)):\(NumberText.padded(minutes % 60, 2))"
    }
}
