import Foundation

/// Text made of many independent parts (a large report's flags), rendered in slices on every core and kept in order.
public enum SlicedText {
    /// `render` of each slice of `0..<count` (UTF-8 bytes), as the parts of one text, in order. Nothing is rendered
    /// until the text is written (`ReportText.forEachPart`).
    public static func parts(count: Int, sliceSize: Int = 2_048, _ render: @escaping @Sendable (Range<Int>) -> [UInt8])
        -> ReportText
    {
        parts(count: count, sliceSize: sliceSize) { slice, out in out = render(slice) }
    }

    /// `parts`, each slice rendered by appending to `out`: an empty buffer, the room of a slice written before
    /// where there is one (a slice of a large report is megabytes, and a new one was new pages of memory to fault
    /// in, about 30,000 of them for the reports of a million orders).
    public static func parts(
        count: Int, sliceSize: Int = 2_048, into render: @escaping @Sendable (Range<Int>, inout [UInt8]) -> Void
    ) -> ReportText {
        ReportText(slices: Slices(count: count, sliceSize: sliceSize, render: render))
    }

    /// The slices of `0..<count` and how each is rendered.
    public struct Slices: Sendable {
        public let count: Int
        public let sliceSize: Int
        public let render: @Sendable (Range<Int>, inout [UInt8]) -> Void

        /// How many slices may be rendered and not yet written, per core.
        public static let aheadPerCore = 2

        /// Renders the slices on every core and calls `body` with each, in order. A worker takes a place in the
        /// window before it takes a slice, so the slice `body` waits for is always being rendered; at most
        /// `aheadPerCore` slices per core are held. When `body` throws, the workers stop after their current slice.
        public func forEach(_ body: ([UInt8]) throws -> Void) throws {
            let slices = stride(from: 0, to: count, by: sliceSize).map { $0..<min($0 + sliceSize, count) }
            guard !slices.isEmpty else { return }
            let workers = max(1, min(slices.count, ProcessInfo.processInfo.activeProcessorCount))
            let state = State(count: slices.count, window: workers * Self.aheadPerCore)
            let finished = DispatchSemaphore(value: 0)
            let render = self.render
            // Threads of their own, as the reader's parser: the writer may itself run on a dispatch worker (the
            // report files are written at once), and blocked workers would leave the slices waiting for a thread.
            for _ in 0..<workers {
                Thread {
                    while let index = state.nextSlice() {
                        var bytes = state.room()
                        render(slices[index], &bytes)
                        state.done(index, bytes)
                    }
                    finished.signal()
                }.start()
            }
            defer {
                state.stop()
                for _ in 0..<workers { finished.wait() }
            }
            for index in slices.indices {
                var bytes = state.take(index)
                try body(bytes)
                state.giveBack(&bytes)
            }
        }
    }

    /// The window of slices between the workers and the writer.
    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var rendered: [[UInt8]?]
        private var next = 0
        private var taken = 0
        private var stopped = false
        private let window: Int
        /// Buffers of slices written, emptied, for the next slices (at most a window of them).
        private var spare: [[UInt8]] = []

        public init(count: Int, window: Int) {
            rendered = Array(repeating: nil, count: count)
            self.window = window
        }

        /// The next slice to render, once the window has room; nil when all are taken or the writer stopped.
        public func nextSlice() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while !stopped && next < rendered.count && next - taken >= window { condition.wait() }
            guard !stopped, next < rendered.count else { return nil }
            next += 1
            return next - 1
        }

        /// Keeps a rendered slice for the writer.
        public func done(_ index: Int, _ bytes: [UInt8]) {
            condition.lock()
            rendered[index] = bytes
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for slice `index` (the writer's next), hands it over and lets it go.
        public func take(_ index: Int) -> [UInt8] {
            condition.lock()
            defer { condition.unlock() }
            while rendered[index] == nil { condition.wait() }
            let bytes = rendered[index]!
            rendered[index] = nil
            taken = index + 1
            condition.broadcast()
            return bytes
        }

        /// An empty buffer for a slice: one given back, or a new one.
        public func room() -> [UInt8] {
            condition.lock()
            defer { condition.unlock() }
            return spare.popLast() ?? []
        }

        /// Takes back a written slice's buffer for `room`, emptied, its room kept (a buffer the writer still shares
        /// is copied when next written, not changed).
        public func giveBack(_ bytes: inout [UInt8]) {
            var taken: [UInt8] = []
            swap(&taken, &bytes)
            taken.removeAll(keepingCapacity: true)
            condition.lock()
            if spare.count < window { spare.append(taken) }
            condition.unlock()
        }

        /// Lets the workers go (the writer is done or failed).
        public func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
