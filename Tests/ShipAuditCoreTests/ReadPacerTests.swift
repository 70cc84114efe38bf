import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Files read at the same time are kept at about the same share of their bytes: a group's parser that gets ahead of
/// the one furthest behind is made nicer, one step at a time (`ReadPacer`).
struct ReadPacerTests {
    /// A pacer over these sizes whose steps are recorded instead of changing any thread's niceness.
    private static func pacer(_ sizes: [Int?]) -> (ReadPacer, Steps) {
        let steps = Steps()
        return (ReadPacer(sizes: sizes, nicer: { step in steps.withLock { $0.append(step) } }), steps)
    }

    private final class Steps: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func withLock<T>(_ body: (inout [Int]) -> T) -> T { lock.withLock { body(&values) } }
    }

    @Test("a group ahead of the one behind by more than the lead is made nicer, at most once per interval")
    func stepsWhenAhead() {
        let mb = 1 << 20
        let (pacer, steps) = Self.pacer([300 * mb, 100 * mb, 200 * mb])
        let start = ContinuousClock.now
        pacer.advance(0, to: 3 * mb, now: start) // 1 %
        pacer.advance(2, to: 2 * mb, now: start) // 1 %
        pacer.advance(1, to: 2 * mb, now: start) // 2 %: within the lead of 1 %
        #expect(steps.withLock { $0 } == [])
        pacer.advance(1, to: 4 * mb, now: start) // 4 %: ahead
        #expect(steps.withLock { $0 } == [1])
        pacer.advance(1, to: 6 * mb, now: start + .milliseconds(50))
        #expect(steps.withLock { $0 } == [1], "no second step within the interval")
        pacer.advance(1, to: 8 * mb, now: start + .milliseconds(100))
        #expect(steps.withLock { $0 } == [1, 2])
        // The group behind never steps; a group that ends holds no one back.
        pacer.advance(0, to: 3 * mb, now: start + .seconds(1))
        #expect(steps.withLock { $0 } == [1, 2])
        // Group 1 (9 %) is still ahead of group 2 (1 %) once group 0 ends; once group 2 ends too, of no one.
        pacer.end(0)
        pacer.advance(1, to: 9 * mb, now: start + .seconds(2))
        #expect(steps.withLock { $0 } == [1, 2, 3])
        pacer.end(2)
        pacer.advance(1, to: 10 * mb, now: start + .seconds(3))
        #expect(steps.withLock { $0 } == [1, 2, 3])
    }

    @Test("steps stop at the most a group is made nicer by")
    func boundedSteps() {
        let mb = 1 << 20
        let (pacer, steps) = Self.pacer([100 * mb, 100 * mb])
        var now = ContinuousClock.now
        for share in 10...60 {
            pacer.advance(1, to: share * mb, now: now)
            now += .milliseconds(100)
        }
        #expect(steps.withLock { $0 } == Array(1...ReadPacer.steps))
    }

    @Test("groups of unknown size (standard input) or small ones are not paced, and hold no one back")
    func unpaced() {
        let mb = 1 << 20
        let (pacer, steps) = Self.pacer([nil, 4 * mb, 100 * mb])
        #expect(!pacer.paces(0) && !pacer.paces(1) && pacer.paces(2))
        pacer.advance(0, to: 0)
        pacer.advance(1, to: 4 * mb)
        pacer.advance(2, to: 90 * mb)
        #expect(steps.withLock { $0 } == [])
    }
}
