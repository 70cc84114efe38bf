import Foundation
import ShipAuditStorage
import Synchronization

/// What local-time arithmetic needs from a zone: its offset from UTC at an instant. `TimeZone` answers through ICU,
/// which takes a lock and works out calendar fields on every call; `ZoneOffsets` answers from a table.
public protocol ZoneRules: Sendable {
    func secondsFromGMT(for date: Date) -> Int
}

extension TimeZone: ZoneRules {}

/// A zone's offsets from UTC between 2000 and 2070 as a table of transitions, read from the zone once per process and
/// checked against it (weekly and around every transition) before it is used; outside that range, or if the check
/// fails, the zone itself answers. Looked up a few times per order by the promise, without a lock.
public final class ZoneOffsets: ZoneRules, Equatable {
    /// The zone the table was read from.
    public let zone: TimeZone
    /// Instants (seconds since 1970) from which `offsets` apply; the first is -∞.
    private let starts: [Double]
    private let offsets: [Int]
    /// Per day from 2000 (UTC days), the offset in force the whole day, or `Int32.min` when a transition falls
    /// inside the day (the table of transitions is searched then): a lookup is one load for almost every day, where
    /// the search took some 140 instructions, five times per promise.
    private let daily: [Int32]
    private let usable: Bool
    private static let low = 946_684_800.0 // 2000-01-01
    private static let high = 3_155_760_000.0 // 2070-01-01
    private static let tables = Mutex<[String: ZoneOffsets]>([:])

    /// The table of `zone`, read on first use.
    public static func of(_ zone: TimeZone) -> ZoneOffsets {
        tables.withLock { tables in
            if let known = tables[zone.identifier], known.zone == zone { return known }
            let made = ZoneOffsets(zone)
            tables[zone.identifier] = made
            return made
        }
    }

    private init(_ zone: TimeZone) {
        self.zone = zone
        var starts = [-Double.infinity], offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: Self.low))]
        var instant = Date(timeIntervalSince1970: Self.low)
        while starts.count < 1_000, let next = zone.nextDaylightSavingTimeTransition(after: instant),
            next.timeIntervalSince1970 < Self.high
        {
            starts.append(next.timeIntervalSince1970)
            offsets.append(zone.secondsFromGMT(for: next))
            instant = next
        }
        var agrees = true
        var probes = Array(stride(from: Self.low, to: Self.high, by: 7 * 86_400))
        for start in starts.dropFirst() { probes += [start - 1, start, start + 1] }
        for seconds in probes where agrees {
            agrees =
                Self.offset(at: seconds, starts, offsets)
                == zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
        }
        (self.starts, self.offsets, usable) = (starts, offsets, agrees)
        var daily: [Int32] = []
        if agrees {
            let days = Int((Self.high - Self.low) / 86_400)
            daily.reserveCapacity(days)
            var next = 1 // the first transition after the day's start
            for day in 0..<days {
                let start = Self.low + Double(day) * 86_400, end = start + 86_400
                while next < starts.count, starts[next] <= start { next += 1 }
                let changes = next < starts.count && starts[next] < end
                daily.append(changes ? Int32.min : Int32(Self.offset(at: start, starts, offsets)))
            }
        }
        self.daily = daily
    }

    /// The offset from UTC at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard usable, seconds >= Self.low, seconds < Self.high else { return zone.secondsFromGMT(for: date) }
        let day = Int((seconds - Self.low) / 86_400)
        if day < daily.count, daily[day] != Int32.min { return Int(daily[day]) }
        return Self.offset(at: seconds, starts, offsets)
    }

    /// The offset of the last transition at or before `seconds` (binary search over `starts`).
    private static func offset(at seconds: Double, _ starts: [Double], _ offsets: [Int]) -> Int {
        var low = 0, high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= seconds { low = middle } else { high = middle }
        }
        return offsets[low]
    }

    public static func == (a: ZoneOffsets, b: ZoneOffsets) -> Bool { a.zone == b.zone }
}

extension ZoneOffsets {
    /// Calls `body` with these offsets without counting a reference to them: threads that share one table and call
    /// this per order would otherwise pass its count's cache line back and forth between cores.
    @inlinable
    public func withoutCounting<Result>(_ body: (ZoneOffsets) -> Result) -> Result {
        Unmanaged.passUnretained(self)._withUnsafeGuaranteedRef(body)
    }
}
