import Foundation

/// Text made of many independent parts (a large report's flags), rendered in slices on every core and kept in order.
enum SlicedText {
    /// `render` of each slice of `0..<count` (UTF-8 bytes), as the parts of one text, in order.
    static func parts(count: Int, sliceSize: Int = 2_048, _ render: @Sendable (Range<Int>) -> [UInt8]) -> ReportText {
        let slices = stride(from: 0, to: count, by: sliceSize).map { $0..<min($0 + sliceSize, count) }
        let texts = Texts(count: slices.count)
        DispatchQueue.concurrentPerform(iterations: slices.count) { index in
            let bytes = render(slices[index])
            texts.lock.withLock { texts.values[index] = bytes }
        }
        var text = ReportText()
        for bytes in texts.values { text.append(bytes: bytes) }
        return text
    }

    private final class Texts: @unchecked Sendable {
        let lock = NSLock()
        var values: [[UInt8]]
        init(count: Int) { values = Array(repeating: [], count: count) }
    }
}
