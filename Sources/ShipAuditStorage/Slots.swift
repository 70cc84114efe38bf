import Foundation

/// Places for results that threads fill, one each, and one reader takes once every thread is done (after a
/// semaphore, a group or `concurrentPerform`): the lock makes each write seen by the reader.
public final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    /// `count` empty places.
    public init(count: Int) { values = Array(repeating: nil, count: count) }

    /// Fills place `index`.
    public func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }

    /// The value at `index`, no longer held here; a place never filled is a programming error.
    public func take(_ index: Int) -> Value {
        lock.withLock {
            defer { values[index] = nil }
            return values[index]!
        }
    }

    /// The value at `index`, still held here; nil when the place is empty.
    public func peek(_ index: Int) -> Value? { lock.withLock { values[index] } }

    /// Empties place `index`, letting go of its value.
    public func clear(_ index: Int) { lock.withLock { values[index] = nil } }

    /// Every value, in order of place, no longer held here.
    public func takeAll() -> [Value] { (0..<lock.withLock { values.count }).map(take) }
}

/// Runs work at once on the machine's cores and gives back what each part made, in order.
public enum Parallel {
    /// `first` and `second` at once.
    public static func both<A, B>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let results = Slots<Any>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            results.set(part, part == 0 ? first() as Any : second() as Any)
        }
        return (results.take(0) as! A, results.take(1) as! B)
    }

    /// `first`, `second` and `third` at once.
    public static func all<A, B, C>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B, _ third: @Sendable () -> C
    ) -> (A, B, C) {
        let results = Slots<Any>(count: 3)
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0: results.set(0, first() as Any)
            case 1: results.set(1, second() as Any)
            default: results.set(2, third() as Any)
            }
        }
        return (results.take(0) as! A, results.take(1) as! B, results.take(2) as! C)
    }
}
