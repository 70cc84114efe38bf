import Foundation

/// Text made of many independent parts (a large report's flags), rendered in slices on every core and joined in order.
enum SlicedText {
    /// `render` of each slice of `0..<count`, joined in order.
    static func joined(count: Int, sliceSize: Int = 2_048, _ render: @Sendable (Range<Int>) -> String) -> String {
        let slices = stride(from: 0, to: count, by: sliceSize).map { $0..<min($0 + sliceSize, count) }
        let texts = Texts(count: slices.count)
        DispatchQueue.concurrentPerform(iterations: slices.count) { index in
            let text = render(slices[index])
            texts.lock.withLock { texts.values[index] = text }
        }
        return texts.values.joined()
    }

    private final class Texts: @unchecked Sendable {
        let lock = NSLock()
        var values: [String]
        init(count: Int) { values = Array(repeating: "", count: count) }
    }
}
