import Foundation

/// A value let go on another thread (`releaseInBackground`): its deinitializers (unmapping memory, closing and so
/// removing temporary files) run there, not on the caller's path. Values are released in the order they are handed
/// over, on one utility thread.
public final class Released<Value>: @unchecked Sendable {
    /// The value, until it is released.
    public private(set) var value: Value?

    /// Holds `value` until `releaseInBackground`.
    public init(_ value: Value) { self.value = value }

    /// Lets the value go on the release thread; the caller must hold no other reference for this to move the work.
    public func releaseInBackground() {
        releaseQueue.async { self.value = nil }
    }

    /// Lets the value go here and now: for a small value, waking the release thread costs more than the release.
    public func releaseNow() { value = nil }

    /// Runs `work` (closing a file, freeing memory) on the release thread, after what was handed over before it.
    public static func inBackground(_ work: @escaping @Sendable () -> Void) { releaseQueue.async(execute: work) }
}

/// The one thread values are released on (`Released`).
private let releaseQueue = DispatchQueue(label: "shipaudit.release", qos: .utility)
