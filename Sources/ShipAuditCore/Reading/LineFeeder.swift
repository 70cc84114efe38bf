import CLibCSV
import Foundation

/// One libcsv parse of a run of bytes, fed one physical line at a time: the parser, the batch its callbacks fill, and
/// where the parse is (line, records ended, bytes fed).
///
/// libcsv reports no positions, so it is given a line at a time: when a record ends, the line it started on is known.
/// CR, LF and CRLF all end lines. A whole file's parse is one feeder (`CSVReader`); a segment of a large file parsed
/// on its own thread is another (`SegmentedParse`), started at the segment's line.
struct LineFeeder {
    let parser: UnsafeMutablePointer<csv_parser>
    /// The batch being filled; a full one goes to `handOver`, which gives back the next to fill.
    private(set) var batch: RecordBatch
    private let maxRecordBytes: Int
    /// The delimiter, for telling a line with nothing libcsv would keep (see `isBlankLine`).
    private let delimiter: UInt8
    /// The physical line the next byte fed is on.
    private(set) var lineNumber: Int
    private var recordStartLine = 0     // 0: no record in progress
    /// Records ended so far (numbered from 1 in this parse).
    private(set) var records = 0
    private var pendingCR = false       // the previous run ended with CR; a leading LF belongs to it
    /// Bytes handed to the parser so far, given to each record (`CSVRecord.consumed`).
    private var consumed: Int

    /// A feeder for `parser` (its delimiter set), starting at `line` with `consumed` bytes fed before.
    init(parser: UnsafeMutablePointer<csv_parser>, batch: RecordBatch, maxRecordBytes: Int, delimiter: UInt8, line: Int = 1,
         consumed: Int = 0) {
        self.parser = parser
        self.batch = batch
        self.maxRecordBytes = maxRecordBytes
        self.delimiter = delimiter
        lineNumber = line
        self.consumed = consumed
    }

    /// True when the bytes fed so far end between records: a fresh parser started at the next byte reads on exactly as
    /// this one would (libcsv's state 0, ROW_NOT_BEGUN, with nothing pending).
    var isBetweenRecords: Bool { parser.pointee.pstate == 0 && !pendingCR && recordStartLine == 0 }

    /// Feeds `raw[start...]` line by line, handing each full batch over.
    mutating func feed(_ raw: UnsafeRawBufferPointer, from start: Int = 0, handOver: (RecordBatch) throws -> RecordBatch) throws {
        var start = start
        if pendingCR, start < raw.count, raw[start] == 0x0A {
            // The LF of a CRLF split across runs: libcsv ignores it, and the line was already counted.
            try feedLine(UnsafeRawBufferPointer(rebasing: raw[start..<start + 1]), startLine: lineNumber, handOver: handOver)
            start += 1
        }
        pendingCR = false
        var lineStart = start
        // Line ends found with memchr (vectorized), LF and CR apart: a file without CRs looks for one once.
        var nextLF = -1, nextCR = -1
        func next(_ byte: UInt8, from: Int) -> Int {
            guard from < raw.count, let found = memchr(raw.baseAddress! + from, Int32(byte), raw.count - from) else { return raw.count }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
        var index = start
        while index < raw.count {
            if nextLF < index { nextLF = next(0x0A, from: index) }
            if nextCR < index { nextCR = next(0x0D, from: index) }
            let at = min(nextLF, nextCR)
            if at >= raw.count { break }
            var end = at + 1
            if raw[at] == 0x0D {
                if end < raw.count { if raw[end] == 0x0A { end += 1 } } else { pendingCR = true }
            }
            try feedLine(UnsafeRawBufferPointer(rebasing: raw[lineStart..<end]), startLine: lineNumber, handOver: handOver)
            lineNumber += 1
            lineStart = end
            index = end
        }
        try feedLine(UnsafeRawBufferPointer(rebasing: raw[lineStart..<raw.count]), startLine: lineNumber, handOver: handOver)
    }

    /// The end of the file: a quote left open is an error; otherwise a last record without a line end is ended.
    mutating func finish(handOver: (RecordBatch) throws -> RecordBatch) throws {
        // libcsv only reports an open quote at the end in strict mode, which also refuses a quote inside an unquoted
        // field (`12" pipe`, common in real exports); so the parser's state is read instead (2 = FIELD_BEGUN).
        if parser.pointee.pstate == 2 && parser.pointee.quoted != 0 {
            throw CSVReadError(line: recordStartLine, message: "a quoted field starting on this line is never closed",
                               hint: "the file may be truncated, or a stray \" opens a quote; close it or remove it")
        }
        csv_fini(parser, shipaudit_records_field, shipaudit_records_end, batch.buffer)
        try deliver(handOver: handOver)
    }

    private mutating func deliver(handOver: (RecordBatch) throws -> RecordBatch) throws {
        guard batch.hasCompleteRecord else { return }
        records += 1
        batch.take(number: records, line: recordStartLine, consumed: consumed)
        recordStartLine = 0
        if batch.isFull { batch = try handOver(batch) }
    }

    private mutating func feedLine(_ chunk: UnsafeRawBufferPointer, startLine: Int, handOver: (RecordBatch) throws -> RecordBatch) throws {
        guard !chunk.isEmpty else { return }
        consumed += chunk.count
        if recordStartLine == 0 && !isBlankLine(chunk) { recordStartLine = startLine }
        let used = csv_parse(parser, chunk.baseAddress, chunk.count, shipaudit_records_field, shipaudit_records_end, batch.buffer)
        if batch.failed {
            throw CSVReadError(line: recordStartLine, message: "ran out of memory reading a record",
                               hint: "the system is out of memory; check for a quote that is never closed")
        }
        if batch.overflowed {
            throw CSVReadError(line: recordStartLine, message: "a record is larger than \(maxRecordBytes / (1 << 20)) MB",
                               hint: "check for a quote that is never closed, or raise [limits] max_record_mb in the config")
        }
        if used != chunk.count {
            if csv_error(parser) == CSV_ENOMEM {
                throw CSVReadError(line: recordStartLine, message: "a field is larger than \(CSVReader.maxFieldBufferBytes >> 20) MB",
                                   hint: "check for a quote that is never closed, or raise [limits] max_record_mb in the config")
            }
            let reason = String(cString: csv_strerror(csv_error(parser)))
            throw CSVReadError(line: startLine, message: "the CSV parser stopped: \(reason)", hint: "check the file is a CSV export and not truncated")
        }
        try deliver(handOver: handOver)
    }

    /// True when a line outside any record holds nothing libcsv keeps: line ends, and the spaces (and tabs, unless tab
    /// is the delimiter) it skips before a record. No record starts on it, so the next record's line is not its.
    private func isBlankLine(_ chunk: UnsafeRawBufferPointer) -> Bool {
        chunk.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || ($0 == 0x09 && delimiter != 0x09) }
    }
}
