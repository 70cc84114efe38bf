import Foundation
import ShipAuditStorage

#if canImport(Glibc)
import Glibc
#endif

/// Keeps groups of files read at the same time (orders, shipments, tracking: a parsing thread and a handling thread
/// each) at about the same share of their bytes, so that they end together.
///
/// Left to the system, six threads on two cores get a third of a core each, and the orders export (half of the
/// bytes, and the dearest to parse) was still being parsed for a second or more after the others ended, on one core
/// while the other was partly idle: a million-order run lost 0.3–0.7 s of its 3–7 there. A group's parser that is
/// more than `lead` ahead of the group furthest behind is made one step nicer (`setpriority`, this thread only), at
/// most once per `interval`: the system then gives the others more of the cores, and still runs it whenever a core
/// would otherwise be idle (a parser made to wait instead left a core idle whenever the group behind could not use
/// two). Niceness only ever goes up (an unprivileged process cannot lower it), to at most `steps`; a group that
/// ends stops counting. Only groups whose sizes are known (regular files) and large enough for it to matter take
/// part.
public final class ReadPacer: @unchecked Sendable {
    /// How far ahead (a share of its bytes) a group may get of the one furthest behind before it is made nicer.
    public static let lead = 0.02
    /// The least time between two steps of one group, so that a step shows in the shares before the next.
    public static let interval: Duration = .milliseconds(100)
    /// The most steps a group is made nicer by.
    public static let steps = 8
    /// The smallest group paced: below it, a group ends long before the others anyway.
    public static let smallestPaced = 16 << 20

    private let lock = NSLock()
    /// Each paced group's size in bytes; nil: not paced.
    private let sizes: [Int?]
    /// Each paced group's share read while it is being read; nil once it ended.
    private var shares: [Double?]
    /// Steps each group was made nicer by, and when last.
    private var made: [(steps: Int, at: ContinuousClock.Instant?)]
    /// Makes the calling thread one step nicer (given the steps so far, the new one included).
    private let nicer: @Sendable (Int) -> Void

    /// A pacer for groups of these sizes in bytes (nil where unknown); groups under `smallestPaced` are not paced.
    /// `nicer` makes the calling thread nicer (for tests; by default `setpriority` of the thread, on Linux).
    public init(sizes: [Int?], nicer: @escaping @Sendable (Int) -> Void = ReadPacer.niceness) {
        self.sizes = sizes.map { size in size.flatMap { $0 >= Self.smallestPaced ? $0 : nil } }
        shares = self.sizes.map { $0 == nil ? nil : 0 }
        made = Array(repeating: (0, nil), count: sizes.count)
        self.nicer = nicer
    }

    /// True when group `group` is paced at all.
    public func paces(_ group: Int) -> Bool { group < sizes.count && sizes[group] != nil }

    /// Notes, on the group's parsing thread, that group `group` has read `bytes` of its size; makes that thread one
    /// step nicer when the group is more than `lead` ahead of another still being read (and the last step is
    /// `interval` old).
    public func advance(_ group: Int, to bytes: Int, now: ContinuousClock.Instant = .now) {
        guard group < sizes.count, let size = sizes[group] else { return }
        let share = min(1, Double(bytes) / Double(size))
        let step: Int? = lock.withLock {
            guard shares[group] != nil else { return nil }
            shares[group] = share
            guard made[group].steps < Self.steps, made[group].at.map({ now - $0 >= Self.interval }) ?? true else {
                return nil
            }
            var behind = Double.infinity
            for (index, other) in shares.enumerated() where index != group {
                if let other { behind = min(behind, other) }
            }
            guard share > behind + Self.lead else { return nil }
            made[group] = (made[group].steps + 1, now)
            return made[group].steps
        }
        if let step { nicer(step) }
    }

    /// Notes that group `group` ended (read to the end or stopped): no other group is held back for it.
    public func end(_ group: Int) {
        guard paces(group) else { return }
        lock.withLock { shares[group] = nil }
    }

    /// Makes the calling thread one step nicer than it was (on Linux a thread's niceness is its own; elsewhere nothing).
    public static let niceness: @Sendable (Int) -> Void = { _ in
        #if os(Linux)
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        if errno == 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, current + 1) }
        #endif
    }
}
