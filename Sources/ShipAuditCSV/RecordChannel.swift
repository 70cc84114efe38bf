import Foundation
import ShipAuditStorage

/// A value handed to another thread whose safety the code guarantees (here: the reader thread is joined before the
/// values are used again).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// Batches of records passed from the parsing thread to the thread that handles them, at most two waiting: the
/// parser blocks rather than running far ahead. A batch is handed over whole and comes back empty for reuse.
public final class RecordChannel: @unchecked Sendable {
    private struct Cancelled: Error {}

    private let condition = NSCondition()
    private var waiting: [RecordBatch] = []
    private var spare: [RecordBatch] = []
    private var done = false
    private var failure: (any Error)?
    private var cancelled = false
    private let limit: Int

    /// Records per batch, and bytes after which a batch is handed over early.
    public static let batchRecords = 1_024
    public static let batchBytes = 1 << 18
    private static let maxWaiting = 2

    /// A channel whose batches hold records of at most `limit` bytes each.
    public init(recordLimit limit: Int) { self.limit = limit }

    /// Parsing thread: runs `reader` with an empty batch to fill and a function that hands a full batch over and
    /// gives back an empty one; then says it has finished (with the reader's error, if any). The records read
    /// before an error are handled before it is thrown.
    public func produce(
        _ reader: (_ batch: RecordBatch, _ handOver: (RecordBatch) throws -> RecordBatch) throws -> RecordBatch
    ) {
        var last = RecordBatch(limit: limit)
        var failure: (any Error)?
        do {
            last = try reader(last) { full in try self.handOver(full) }
        } catch let error as PartialRead {
            last = error.batch
            failure = error.underlying
        } catch {
            failure = error
        }
        if !(failure is Cancelled), last.count > 0 { _ = try? handOver(last) }
        finish(failure)
    }

    /// An error of the reader with the batch it was filling (whose completed records come first).
    public struct PartialRead: Error {
        public let batch: RecordBatch
        public let underlying: any Error
    }

    /// Parsing thread: queues `batch` (waiting while two are queued) and gives back an empty one. Throws when the
    /// handling thread has stopped.
    private func handOver(_ batch: RecordBatch) throws -> RecordBatch {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.maxWaiting && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        waiting.append(batch)
        condition.broadcast()
        return spare.popLast() ?? RecordBatch(limit: limit)
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
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Handling thread: calls `body` with every record in order until the parser has finished; rethrows its error.
    /// With a `lookahead`, `body` also gets the record that many places after (`RecordBatch.forEach`).
    public func consume(decoder: TextDecoder, lookahead: Int = 0, _ body: (CSVRecord, CSVRecord?) throws -> Void) throws
    {
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
            try batch.forEach(decoder: decoder, lookahead: lookahead, body)
            batch.clear()
            condition.lock()
            spare.append(batch)
            condition.unlock()
        }
    }
}
