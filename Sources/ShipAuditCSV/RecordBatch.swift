import CLibCSV

/// A batch of records in memory the reader owns, filled by libcsv's callbacks (`shipaudit_records` in the CLibCSV
/// shim): their bytes back to back, their fields' ends, and per record where it is. The parsing thread fills one
/// batch and hands it whole to the thread that handles the records (`RecordChannel`): nothing is copied between
/// them, and appending a field costs a `memcpy` and a store.
public final class RecordBatch: @unchecked Sendable {
    /// Where one completed record is in the batch.
    public struct Entry {
        public var byteStart: Int
        public var byteCount: Int
        public var endStart: Int
        public var endCount: Int
        public var number: Int
        public var line: Int
        public var consumed: Int
    }

    /// The C buffer libcsv's callbacks fill (the `context` of `csv_parse`).
    public let buffer: UnsafeMutablePointer<shipaudit_records>
    /// The completed records, in order: raw memory, since a class's stored array is checked for exclusive access on
    /// every change (once per record). At most `RecordChannel.batchRecords`: a batch is handed over when it has them.
    private let entries: UnsafeMutablePointer<Entry>
    private let entryCount: UnsafeMutablePointer<Int>

    /// A batch whose records may hold at most `limit` bytes each.
    public init(limit: Int) {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: shipaudit_records())
        buffer.pointee.limit = limit
        entries = .allocate(capacity: RecordChannel.batchRecords)
        entryCount = .allocate(capacity: 1)
        entryCount.initialize(to: 0)
        _ = shipaudit_records_reserve(buffer, RecordChannel.batchBytes + 4096, 8192)
    }

    deinit {
        free(buffer.pointee.bytes)
        free(buffer.pointee.ends)
        buffer.deallocate()
        entries.deallocate()
        entryCount.deallocate()
    }

    /// True when libcsv ended a record since the last `take`.
    public var hasCompleteRecord: Bool { buffer.pointee.complete != 0 }
    /// True when the record in progress outgrew the limit.
    public var overflowed: Bool { buffer.pointee.overflow != 0 }
    /// True when memory for the records ran out.
    public var failed: Bool { buffer.pointee.failed != 0 }
    /// The number of completed records.
    public var count: Int { entryCount.pointee }
    /// True when the batch is to be handed over.
    public var isFull: Bool { entryCount.pointee >= RecordChannel.batchRecords || buffer.pointee.count >= RecordChannel.batchBytes }

    /// Notes the record libcsv just ended, with its record number, first line and the bytes read up to it.
    public func take(number: Int, line: Int, consumed: Int) {
        let records = buffer
        precondition(entryCount.pointee < RecordChannel.batchRecords, "a full batch is handed over before it takes more")
        (entries + entryCount.pointee).initialize(to: Entry(byteStart: records.pointee.record_bytes, byteCount: records.pointee.count - records.pointee.record_bytes,
                             endStart: records.pointee.record_fields, endCount: records.pointee.fields - records.pointee.record_fields,
                             number: number, line: line, consumed: consumed))
        entryCount.pointee += 1
        records.pointee.record_bytes = records.pointee.count
        records.pointee.record_fields = records.pointee.fields
        records.pointee.complete = 0
    }

    /// Empties the batch for reuse (its memory kept).
    public func clear() {
        entryCount.pointee = 0
        let records = buffer
        records.pointee.count = 0
        records.pointee.fields = 0
        records.pointee.record_bytes = 0
        records.pointee.record_fields = 0
        records.pointee.complete = 0
        records.pointee.overflow = 0
    }

    /// Calls `body` with every record, in order, and with the record `lookahead` places after it in the batch (nil
    /// near the batch's end, or when `lookahead` is 0): a caller can start loading what that record will need.
    public func forEach(decoder: TextDecoder, lookahead: Int = 0, _ body: (CSVRecord, CSVRecord?) throws -> Void) rethrows {
        let bytes = UnsafePointer(buffer.pointee.bytes!), ends = UnsafePointer(buffer.pointee.ends!)
        let all = UnsafeBufferPointer(start: entries, count: entryCount.pointee)
        func record(_ entry: Entry) -> CSVRecord {
            CSVRecord(number: entry.number, line: entry.line,
                      bytes: UnsafeBufferPointer(start: bytes + entry.byteStart, count: entry.byteCount),
                      ends: UnsafeBufferPointer(start: ends + entry.endStart, count: entry.endCount),
                      decoder: decoder, consumed: entry.consumed)
        }
        for index in all.indices {
            let ahead = lookahead > 0 && index + lookahead < all.count ? record(all[index + lookahead]) : nil
            try body(record(all[index]), ahead)
        }
    }
}
