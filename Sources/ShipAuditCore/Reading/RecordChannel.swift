import Foundation

/// A value handed to another thread whose safety the code guarantees (here: the reader thread is joined before the
/// values are used again).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Records passed from the parsing thread to the thread that handles them, in batches (copies of their bytes and
/// field ends), at most two batches waiting: the parser blocks rather than running far ahead.
///
/// The batch being filled is the parsing thread's own value (`Batch` is a struct), not a property of the channel: a
/// class's stored properties are checked for exclusive access on every change, which cost several checks per record.
final class RecordChannel: @unchecked Sendable {
    /// Records copied out of the reader's buffer.
    struct Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var records: [(byteStart: Int, byteCount: Int, endStart: Int, endCount: Int, number: Int, line: Int, consumed: Int)] = []

        /// Copies a record in.
        mutating func append(_ record: CSVRecord) {
            records.append((bytes.count, record.bytes.count, ends.count, record.ends.count, record.number, record.line, record.consumed))
            bytes.append(contentsOf: record.bytes)
            ends.append(contentsOf: record.ends)
        }

        /// True when the batch is to be handed over.
        var isFull: Bool { records.count >= RecordChannel.batchRecords || bytes.count >= RecordChannel.batchBytes }

        mutating func clear() {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            records.removeAll(keepingCapacity: true)
        }
    }

    private struct Cancelled: Error {}

    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var spare: [Batch] = []
    private var done = false
    private var failure: (any Error)?
    private var cancelled = false

    /// Records per batch, and bytes after which a batch is handed over early.
    static let batchRecords = 1_024
    static let batchBytes = 1 << 18
    private static let maxWaiting = 2

    /// Parsing thread: reads `handle` with `reader`, handing the records over in batches, then says it has finished
    /// (with the reader's error, if any).
    func produce(_ reader: (_ deliver: (CSVRecord) throws -> Void) throws -> Void) {
        var batch = Batch()
        var failure: (any Error)?
        do {
            try reader { record in
                batch.append(record)
                if batch.isFull { try handOver(&batch) }
            }
        } catch {
            failure = error
        }
        // The records read before an error are handled before it is thrown.
        if !(failure is Cancelled), !batch.records.isEmpty { try? handOver(&batch) }
        finish(failure)
    }

    /// Parsing thread: queues `batch` (waiting while two are queued) and gives back an empty one. Throws when the
    /// handling thread has stopped.
    private func handOver(_ batch: inout Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.maxWaiting && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        waiting.append(batch)
        batch = spare.popLast() ?? Batch()
        condition.broadcast()
    }

    /// Parsing thread: no more records; `error` (if any) is thrown to the handling thread after the records before it.
    private func finish(_ error: (any Error)?) {
        condition.lock()
        done = true
        failure = error is Cancelled ? nil : error
        condition.broadcast()
        condition.unlock()
    }

    /// Handling thread: the parser is to stop.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Handling thread: calls `body` with every record in order until the parser has finished; rethrows its error.
    func consume(decoder: TextDecoder, _ body: (CSVRecord) throws -> Void) throws {
        while true {
            condition.lock()
            while waiting.isEmpty && !done { condition.wait() }
            guard !waiting.isEmpty else {
                let error = failure
                condition.unlock()
                if let error { throw error }
                return
            }
            var batch = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            try batch.bytes.withUnsafeBufferPointer { bytes in
                try batch.ends.withUnsafeBufferPointer { ends in
                    for entry in batch.records {
                        try body(CSVRecord(number: entry.number, line: entry.line,
                                           bytes: UnsafeBufferPointer(rebasing: bytes[entry.byteStart..<entry.byteStart + entry.byteCount]),
                                           ends: UnsafeBufferPointer(rebasing: ends[entry.endStart..<entry.endStart + entry.endCount]),
                                           decoder: decoder, consumed: entry.consumed))
                    }
                }
            }
            batch.clear()
            condition.lock()
            spare.append(batch)
            condition.unlock()
        }
    }
}
