import Foundation

/// A value handed to another thread whose safety the code guarantees (here: the reader thread is joined before the
/// values are used again).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Records passed from the parsing thread to the thread that handles them, in batches (copies of their bytes and
/// field ends), at most two batches waiting: the parser blocks rather than running far ahead.
final class RecordChannel: @unchecked Sendable {
    /// Records copied out of the reader's buffer.
    final class Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var records: [(byteStart: Int, byteCount: Int, endStart: Int, endCount: Int, number: Int, line: Int, consumed: Int)] = []

        func clear() {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            records.removeAll(keepingCapacity: true)
        }
    }

    private struct Cancelled: Error {}

    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var spare: [Batch] = []
    private var current = Batch()
    private var done = false
    private var failure: (any Error)?
    private var cancelled = false

    /// Records per batch, and bytes after which a batch is handed over early.
    private static let batchRecords = 1_024
    private static let batchBytes = 1 << 18
    private static let maxWaiting = 2

    /// Parsing thread: copies a record into the current batch, handing the batch over when it is full. Throws when
    /// the handling thread has stopped.
    func append(_ record: CSVRecord) throws {
        let batch = current
        let byteStart = batch.bytes.count, endStart = batch.ends.count
        batch.bytes.append(contentsOf: record.bytes)
        batch.ends.append(contentsOf: record.ends)
        batch.records.append((byteStart, record.bytes.count, endStart, record.ends.count, record.number, record.line, record.consumed))
        if batch.records.count >= Self.batchRecords || batch.bytes.count >= Self.batchBytes { try handOver() }
    }

    private func handOver() throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.maxWaiting && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        waiting.append(current)
        current = spare.popLast() ?? Batch()
        condition.broadcast()
    }

    /// Parsing thread: no more records; `error` (if any) is thrown to the handling thread after the records before it.
    func finish(_ error: (any Error)?) {
        if !(error is Cancelled), !current.records.isEmpty { try? handOver() }
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
            let batch = waiting.removeFirst()
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
