import CLibCSV
import Foundation
import ShipAuditStorage
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Options for reading one delimited text file.
public struct CSVReadOptions: Sendable {
    /// The field delimiter; `nil` sniffs `,` `;` or tab from the first line.
    public var delimiter: UInt8?
    /// Bytes read from the file per block. The file is never held in memory whole.
    public var blockSize: Int
    /// A record larger than this many bytes stops the read with an error instead of growing without bound.
    public var maxRecordBytes: Int
    /// Read every field as Windows-1252, even bytes that would be valid UTF-8.
    public var windows1252: Bool
    /// Work out `CSVReader.checksum` of the bytes read (false: it stays the checksum of nothing).
    public var checksum: Bool
    /// Called on the parsing thread before each block is read, with the bytes read so far; it may wait
    /// (`ReadPacer`).
    public var progress: (@Sendable (Int) -> Void)?
    /// Count runs of delimiters (at a line's end, and inside the lines of a wide file) as empty fields instead of
    /// handing them to libcsv byte by byte (`CSVReader.parseLine`); false only for tests that compare both ways.
    public var countsDelimiterRuns = true
    /// Regular files smaller than this are parsed on the caller's thread (`CSVReader.inlineBytes`); 0 parses every
    /// file on a thread of its own (tests of that path).
    public var inlineBelow = CSVReader.inlineBytes

    /// Creates options; the defaults suit exports of any size.
    public init(
        delimiter: UInt8? = nil, blockSize: Int = 1 << 18, maxRecordBytes: Int = 16 << 20, windows1252: Bool = false,
        checksum: Bool = true
    ) {
        self.delimiter = delimiter
        self.blockSize = blockSize
        self.maxRecordBytes = maxRecordBytes
        self.windows1252 = windows1252
        self.checksum = checksum
    }
}

/// One parsed record: its fields as bytes (without surrounding spaces and tabs), its 1-based record number and the
/// physical line it starts on.
///
/// Fields stay bytes until a caller asks for a value, so columns nobody reads cost no `String`. A record points
/// into the reader's buffer: it is valid only inside the closure it is handed to.
public struct CSVRecord: @unchecked Sendable {
    /// The record's position among the file's records, header included (1 = header).
    public let number: Int
    /// The physical line the record starts on (1-based); a quoted newline makes later records start further down.
    public let line: Int
    public let bytes: UnsafeBufferPointer<UInt8>
    public let ends: UnsafeBufferPointer<UInt32>
    /// Set by the reader when a field of this file was not UTF-8 and was decoded as Windows-1252.
    public unowned(unsafe) let decoder: TextDecoder
    /// Bytes of the file read up to the end of this record (for estimating how many records a file holds).
    public let consumed: Int

    /// The number of fields in the record.
    public var count: Int { ends.count }

    /// The text of field `index`, trimmed of surrounding spaces and tabs; an index past the end gives "".
    public func string(at index: Int) -> String {
        let field = trimmedBytes(at: index)
        return field.isEmpty ? "" : decoder.decode(field)
    }

    /// `trimmedBytes(at:)` as a view, for the domain's readers.
    @inline(__always)
    public func cell(at index: Int) -> ByteView { ByteView(trimmedBytes(at: index)) }

    /// The bytes of field `index` without surrounding spaces and tabs (empty past the end), valid as long as the
    /// record is. (The reader keeps cells trimmed: `shipaudit_records_field` in the CLibCSV shim.)
    @inline(__always)
    public func trimmedBytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        // Inlined into the rows' readers: a call for each of a run's tens of millions of cells read.
        guard index >= 0, index < ends.count, let base = bytes.baseAddress else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return UnsafeBufferPointer(start: base + start, count: Int(ends[index]) - start)
    }

    /// True when every field is empty or only spaces and tabs (kept trimmed, so: no field has a byte).
    public var isBlank: Bool { (ends.last ?? 0) == 0 }

    /// Every field as text (used for the header and for diagnostics).
    public var strings: [String] { (0..<count).map { string(at: $0) } }
}

/// Decodes field bytes as UTF-8, falling back to Windows-1252 for bytes that are not UTF-8, and remembers that it did.
public final class TextDecoder: @unchecked Sendable {
    public private(set) var usedWindows1252 = false
    /// Set when the mapping says the file is Windows-1252: no UTF-8 attempt, no warning.
    public let forceWindows1252: Bool

    /// A decoder; `forceWindows1252` reads every field as Windows-1252. A constant: it is read for every field, and a
    /// class's `var` is checked for exclusive access on every read.
    public init(forceWindows1252: Bool = false) {
        self.forceWindows1252 = forceWindows1252
    }

    /// Decoded fields that held U+FFFD, the character a tool writes where it could not read a letter (the export was
    /// damaged before shipaudit read it), with the first.
    public private(set) var replacedFields = 0
    public private(set) var firstReplaced: String?
    /// Decoded fields that look encoded twice (`XuÃ¢n` for `Xuân`: UTF-8 read as Windows-1252, then saved as UTF-8).
    public private(set) var doubleEncodedFields = 0
    public private(set) var firstDoubleEncoded: String?

    public func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> String {
        if forceWindows1252 { return String(decoding: buffer.map(Windows1252.scalar(for:)), as: UTF32.self) }
        // Valid UTF-8 (ASCII above all) decodes as it is; the check is a plain loop over the bytes, where the
        // standard library's validating initializer is generic and showed up in the read profile.
        if Self.isValidUTF8(buffer) {
            let text = String(decoding: buffer, as: UTF8.self)
            if buffer.count > 2, !Self.isASCII(buffer) { noteDamage(buffer) { text } }
            return text
        }
        usedWindows1252 = true
        return String(decoding: buffer.map(Windows1252.scalar(for:)), as: UTF32.self)
    }
}

extension TextDecoder {
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.reduce(0, |) < 0x80 }

    /// Counts a valid UTF-8 field (read as bytes, not decoded) holding U+FFFD or a double encoding.
    /// Counts a valid UTF-8 field holding U+FFFD (EF BF BD) or a double encoding: `Ã` or `Â` (C3 83, C3 82) followed
    /// by a character from U+0080 to U+00BF (C2 80-BF), the bytes of a UTF-8 letter read as Windows-1252.
    public func noteDamage(_ cell: ByteView) {
        if cell.count > 2, !Self.isASCII(cell.buffer) { noteDamage(cell.buffer) { cell.text } }
    }

    private func noteDamage(_ bytes: UnsafeBufferPointer<UInt8>, _ text: () -> String) {
        var replaced = false, doubled = false
        var index = 0
        while index + 2 < bytes.count {
            let (a, b, c) = (bytes[index], bytes[index + 1], bytes[index + 2])
            if a == 0xEF, b == 0xBF, c == 0xBD { replaced = true }
            if a == 0xC3, b & 0xC0 == 0x80, c == 0xC2 || c == 0xC5 || c == 0xCB || c == 0xE2 { doubled = true }
            index += 1
        }
        if replaced {
            replacedFields += 1
            if firstReplaced == nil { firstReplaced = text() }
        }
        if doubled {
            doubleEncodedFields += 1
            if firstDoubleEncoded == nil { firstDoubleEncoded = text() }
        }
    }
}

extension TextDecoder {
    /// True when `bytes` are well-formed UTF-8: no stray continuation bytes, no overlong forms, no surrogates, nothing
    /// above U+10FFFF, no sequence cut short.
    @inline(__always)
    public static func isValidUTF8(_ bytes: ByteView) -> Bool { isValidUTF8(bytes.buffer) }

    /// True when `bytes` are valid UTF-8.
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A cell of at most eight ASCII bytes (most are) in one test, inlined; anything else by the full check.
        if bytes.count <= 8, let base = bytes.baseAddress {
            var high: UInt8 = 0
            for offset in 0..<bytes.count { high |= base[offset] }
            if high < 0x80 { return true }
        }
        return isValidUTF8Checked(bytes)
    }

    public static func isValidUTF8Checked(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func continuation(_ offset: Int) -> Bool { index + offset < count && bytes[index + offset] & 0xC0 == 0x80 }
        // Leading ASCII (most cells are ASCII only), eight bytes at a time: a word with no high bit set needs no more look.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            { index += 8 }
        }
        while index < count {
            let lead = bytes[index]
            switch lead {
            case 0..<0x80:
                index += 1
            case 0xC2..<0xE0:
                guard continuation(1) else { return false }
                index += 2
            case 0xE0..<0xF0:
                guard continuation(1), continuation(2) else { return false }
                if lead == 0xE0 && bytes[index + 1] < 0xA0 { return false } // overlong
                if lead == 0xED && bytes[index + 1] >= 0xA0 { return false } // surrogate
                index += 3
            case 0xF0..<0xF5:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                if lead == 0xF0 && bytes[index + 1] < 0x90 { return false } // overlong
                if lead == 0xF4 && bytes[index + 1] >= 0x90 { return false } // above U+10FFFF
                index += 4
            default:
                return false
            }
        }
        return true
    }
}

/// What went wrong while reading the raw records of a file (not a value problem: those are rejects).
public struct CSVReadError: Error, Sendable, Equatable {
    /// The physical line where the problem starts.
    public let line: Int
    /// Plain-English description.
    public let message: String
    /// What the user can do about it.
    public let hint: String
}

/// Streams the records of a delimited text file through libcsv.
///
/// libcsv reports no positions and cannot stop from a callback, so this type feeds it one physical line at a
/// time: when a record ends, the reader knows the line, and the record is handed to Swift code after `csv_parse`
/// returns (Swift errors never cross C). A UTF-8 byte-order mark is skipped; CR, LF and CRLF all end lines.
public final class CSVReader {
    /// libcsv's parser, in memory of its own: an `&` of a class's stored property is checked for exclusive access
    /// at run time, and the parser is passed to libcsv once per line.
    private let parser: UnsafeMutablePointer<csv_parser>
    private let options: CSVReadOptions
    private let decoder: TextDecoder
    /// Bytes read from the file.
    public private(set) var bytesRead = 0
    /// The SHA-256 of every byte read, in hex, once the read is done ("" when `Options.checksum` is false).
    public var checksum: String { sum?.finish() ?? "" }
    private var sum: SHA256Stream?
    /// The delimiter in use after sniffing.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    /// True once a field was decoded as Windows-1252 because it was not valid UTF-8.
    public var usedWindows1252: Bool { decoder.usedWindows1252 }
    /// Fields that held U+FFFD, and the first (`TextDecoder.replacedFields`).
    public var replacedFields: (count: Int, first: String?) { (decoder.replacedFields, decoder.firstReplaced) }
    /// Fields that look encoded twice, and the first (`TextDecoder.doubleEncodedFields`).
    public var doubleEncodedFields: (count: Int, first: String?) {
        (decoder.doubleEncodedFields, decoder.firstDoubleEncoded)
    }

    /// Creates a reader; throws only if libcsv cannot allocate its parser.
    public init(options: CSVReadOptions = CSVReadOptions()) throws {
        self.options = options
        parser = .allocate(capacity: 1)
        parser.initialize(to: csv_parser())
        guard csv_init(parser, UInt8(CSV_APPEND_NULL)) == 0 else {
            throw CSVReadError(line: 0, message: "could not start the CSV parser", hint: "the system is out of memory")
        }
        decoder = TextDecoder(forceWindows1252: options.windows1252)
        CSVReader.fieldLimit.store(options.maxRecordBytes + 1024, ordering: .relaxed)
        // libcsv trims spaces and tabs around unquoted fields by default; a tab can be the delimiter, so only spaces.
        csv_set_space_func(parser) { $0 == 0x20 ? 1 : 0 }
        // libcsv buffers a field in progress itself; refusing to grow that buffer past the limit bounds memory.
        csv_set_realloc_func(parser) { pointer, size in
            size > CSVReader.maxFieldBufferBytes ? nil : realloc(pointer, size)
        }
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
    }

    /// The largest single field libcsv may buffer (a runaway quote stops here instead of eating memory). libcsv's
    /// allocator hook has no context pointer, so the limit is process-wide; each reader sets it from its options.
    /// Files are read on several threads at once: the limit is an atomic, set by each reader (to the same value,
    /// from the one configuration) and read by libcsv's allocator hook.
    public static var maxFieldBufferBytes: Int { fieldLimit.load(ordering: .relaxed) }
    private static let fieldLimit = Atomic<Int>(16 << 20)

    /// Reads `handle` to the end, calling `body` with every record in order. Stops at the first error `body` throws;
    /// a read error is thrown after `body` has had every record before it.
    ///
    /// Parsing runs on a thread of its own, a few batches of records ahead of `body` (which runs on the caller's
    /// thread): a file's parsing and its rows' handling then use two cores, and memory stays bounded by the batches.
    public func read(_ handle: FileHandle, _ body: (CSVRecord) throws -> Void) throws {
        try read(handle, lookahead: 0) { record, _ in try body(record) }
    }

    /// `read`, with `body` also given the record `lookahead` records after the one it handles, when that one is
    /// already parsed (nil otherwise): the loader starts the cache misses of that record's lookups early.
    public func read(_ handle: FileHandle, lookahead: Int, _ body: (CSVRecord, CSVRecord?) throws -> Void) throws {
        if let size = Self.regularFileSize(handle.fileDescriptor), size < options.inlineBelow {
            return try readInline(handle, size: size, lookahead: lookahead, body)
        }
        let channel = RecordChannel(recordLimit: options.maxRecordBytes)
        let finished = DispatchSemaphore(value: 0)
        let work = UncheckedSendable((self, handle, channel))
        let producer = Thread {
            let (reader, handle, channel) = work.value
            channel.produce { batch, handOver in try reader.parse(handle, into: batch, handOver: handOver) }
            finished.signal()
        }
        producer.start()
        // However `body` ends, the parser stops and is waited for: it uses the handle and this reader's state.
        defer {
            channel.cancel()
            finished.wait()
        }
        try channel.consume(decoder: decoder, lookahead: lookahead, body)
    }

    /// Files smaller than this are parsed on the caller's thread, into one batch sized to the file: a thread, a
    /// channel and a quarter-megabyte block and batch cost more than they save on a small file (a test, a quick
    /// question, a fuzzed input).
    public static let inlineBytes = 1 << 18

    /// The size of the regular file open at `descriptor`; nil for a pipe, a device or an error.
    private static func regularFileSize(_ descriptor: Int32) -> Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// An error thrown by the caller's `body` while an inline read's batch was handed to it (not a read error).
    private struct BodyError: Error { let underlying: any Error }

    /// `read` of a small file on the calling thread: each full batch is handed straight to `body`, and the same
    /// batch is filled again. Records before a read error are handled before it is thrown, as with a thread.
    private func readInline(
        _ handle: FileHandle, size: Int, lookahead: Int, _ body: (CSVRecord, CSVRecord?) throws -> Void
    ) throws {
        let batch = RecordBatch(limit: options.maxRecordBytes, bytes: size + 4096, fields: min(8192, size + 64))
        func handOver(_ full: RecordBatch) throws -> RecordBatch {
            do {
                try full.forEach(decoder: decoder, lookahead: lookahead, body)
            } catch {
                throw BodyError(underlying: error)
            }
            full.clear()
            return full
        }
        do {
            let last = try parse(handle, into: batch, blockSize: min(options.blockSize, size + 1), handOver: handOver)
            try last.forEach(decoder: decoder, lookahead: lookahead, body)
        } catch let partial as RecordChannel.PartialRead {
            if let error = partial.underlying as? BodyError { throw error.underlying }
            try partial.batch.forEach(decoder: decoder, lookahead: lookahead, body)
            throw partial.underlying
        }
    }

    /// Parses `handle` to the end on the calling thread, filling `first` with records and handing each full batch
    /// over (`handOver` gives back an empty one); returns the last batch. An error comes with the batch being
    /// filled (`RecordChannel.PartialRead`), so that the records before it are handled first.
    private func parse(
        _ handle: FileHandle, into first: RecordBatch, blockSize: Int? = nil,
        handOver: (RecordBatch) throws -> RecordBatch
    ) throws -> RecordBatch {
        var batch = first
        do {
            try parse(handle, batch: &batch, blockSize: blockSize ?? options.blockSize, handOver: handOver)
        } catch {
            throw RecordChannel.PartialRead(batch: batch, underlying: error)
        }
        return batch
    }

    private func parse(
        _ handle: FileHandle, batch: inout RecordBatch, blockSize: Int, handOver: (RecordBatch) throws -> RecordBatch
    ) throws {
        var lineNumber = 1
        var recordStartLine = 0 // 0: no record in progress
        var recordNumber = 0
        var firstBlock = true
        var pendingCR = false // the previous block ended with CR; a leading LF belongs to it
        // Bytes handed to the parser so far, given to each record (`CSVRecord.consumed`).
        var consumed = 0
        // The delimiter and the option as locals: a class's stored property is checked for exclusive access at each
        // read, and these are read for every line.
        var lineDelimiter = delimiter
        let counting = options.countsDelimiterRuns
        // A file whose header has many columns (a Shopify export's 79) is also looked through for runs of empty
        // columns inside its lines; a narrow one (tracking scans) has few to gain.
        var wide = false

        func deliver() throws {
            guard batch.hasCompleteRecord else { return }
            recordNumber += 1
            if recordNumber == 1 {
                wide = batch.buffer.pointee.fields - batch.buffer.pointee.record_fields >= Self.wideRecord
            }
            batch.take(number: recordNumber, line: recordStartLine, consumed: consumed)
            recordStartLine = 0
            if batch.isFull { batch = try handOver(batch) }
        }

        func feed(_ chunk: UnsafeRawBufferPointer, startLine: Int) throws {
            guard !chunk.isEmpty else { return }
            consumed += chunk.count
            if recordStartLine == 0 && !Self.isBlankLine(chunk, delimiter: lineDelimiter) {
                recordStartLine = startLine
            }
            let used =
                counting
                ? parseLine(chunk, delimiter: lineDelimiter, inner: wide, into: batch.buffer)
                : csv_parse(
                    parser, chunk.baseAddress, chunk.count, shipaudit_records_field, shipaudit_records_end, batch.buffer
                )
            if batch.failed {
                throw CSVReadError(
                    line: recordStartLine, message: "ran out of memory reading a record",
                    hint: "the system is out of memory; check for a quote that is never closed")
            }
            if batch.overflowed {
                throw CSVReadError(
                    line: recordStartLine, message: "a record is larger than \(options.maxRecordBytes / (1 << 20)) MB",
                    hint:
                        "check for a quote that is never closed or a line of nothing but delimiters, or raise [limits] max_record_mb in the config"
                )
            }
            if used != chunk.count {
                if csv_error(parser) == CSV_ENOMEM {
                    throw CSVReadError(
                        line: recordStartLine, message: "a field is larger than \(Self.maxFieldBufferBytes >> 20) MB",
                        hint:
                            "check for a quote that is never closed or a line of nothing but delimiters, or raise [limits] max_record_mb in the config"
                    )
                }
                let reason = String(cString: csv_strerror(csv_error(parser)))
                throw CSVReadError(
                    line: startLine, message: "the CSV parser stopped: \(reason)",
                    hint: "check the file is a CSV export and not truncated")
            }
            try deliver()
        }

        // One block, read into again and again with read(2): `FileHandle.read(upToCount:)` made a `Data` per block
        // out of 4 KB reads (64 system calls and a copy of every byte for each 256 KB block).
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, blockSize), alignment: 16)
        defer { block.deallocate() }
        while true {
            options.progress?(bytesRead)
            let count = try Self.fill(block, from: handle.fileDescriptor, line: lineNumber)
            if count == 0 { break }
            bytesRead += count
            let raw = UnsafeRawBufferPointer(rebasing: block[0..<count])
            if options.checksum {
                if sum == nil { sum = SHA256Stream() }
                sum!.add(raw)
            }
            var start = 0
            if firstBlock {
                firstBlock = false
                if let problem = Self.notDelimitedText(raw) { throw problem }
                if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
                delimiter = options.delimiter ?? Self.sniffDelimiter(UnsafeRawBufferPointer(rebasing: raw[start...]))
                csv_set_delim(parser, delimiter)
                lineDelimiter = delimiter
                // Only a tab-delimited file needs tabs kept: otherwise libcsv's own test (space or tab), which
                // costs no call per character.
                if delimiter != 0x09 { csv_set_space_func(parser, nil) }
            }
            if pendingCR, start < raw.count, raw[start] == 0x0A {
                // The LF of a CRLF split across blocks: libcsv ignores it, and the line was already counted.
                try feed(UnsafeRawBufferPointer(rebasing: raw[start..<start + 1]), startLine: lineNumber)
                start += 1
            }
            pendingCR = false
            var lineStart = start
            // Line ends found with memchr (vectorized), LF and CR apart: a file without CRs looks for one once.
            var nextLF = -1, nextCR = -1
            func next(_ byte: UInt8, from: Int) -> Int {
                guard from < raw.count, let found = memchr(raw.baseAddress! + from, Int32(byte), raw.count - from)
                else { return raw.count }
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
                try feed(UnsafeRawBufferPointer(rebasing: raw[lineStart..<end]), startLine: lineNumber)
                lineNumber += 1
                lineStart = end
                index = end
            }
            try feed(UnsafeRawBufferPointer(rebasing: raw[lineStart..<raw.count]), startLine: lineNumber)
        }
        if firstBlock { csv_set_delim(parser, delimiter) }
        // libcsv only reports an open quote at the end in strict mode, which also refuses a quote inside an unquoted
        // field (`12" pipe`, common in real exports); so the parser's state is read instead (2 = FIELD_BEGUN).
        if parser.pointee.pstate == 2 && parser.pointee.quoted != 0 {
            throw CSVReadError(
                line: recordStartLine, message: "a quoted field starting on this line is never closed",
                hint: "the file may be truncated, or a stray \" opens a quote; close it or remove it")
        }
        csv_fini(parser, shipaudit_records_field, shipaudit_records_end, batch.buffer)
        try deliver()
    }

    /// The fields in a header from which a file's lines are looked through for inner runs of delimiters.
    public static let wideRecord = 16

    /// libcsv's `csv_parse` of one physical line (or the part of one in a block); returns the bytes it used.
    ///
    /// A wide export's rows are mostly empty columns: 20 to 57 of a Shopify row's 79 are delimiters just before the
    /// line end, and runs of three or more come inside the line too. When the parser has just ended a field at the
    /// first delimiter of such a run (it is not in a quoted field), each further delimiter of the run can only end
    /// one more empty field: those are added as empty fields instead of going through libcsv one byte and one call
    /// at a time, and the parser goes on after the run (the line end then ends one more empty field and the record,
    /// as it would have). In a quoted field (one that goes on to the next line, say) the run is text, and is handed
    /// to the parser as it is. `inner`: runs inside the line too, not only the one at its end.
    private func parseLine(
        _ chunk: UnsafeRawBufferPointer, delimiter: UInt8, inner: Bool,
        into records: UnsafeMutablePointer<shipaudit_records>
    ) -> Int {
        let count = chunk.count
        guard count > 2, delimiter != 0x0D, delimiter != 0x0A, let base = chunk.baseAddress else {
            return csv_parse(parser, chunk.baseAddress, count, shipaudit_records_field, shipaudit_records_end, records)
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        var end = count
        if bytes[end - 1] == 0x0A { end -= 1 }
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        // The run before the line end (none for a line cut by the end of a block), found eight bytes at a time.
        var trailing = end
        if end < count {
            let all = UInt64(delimiter) &* 0x0101_0101_0101_0101
            while trailing >= 8 {
                // Little-endian: the word's last bytes are its high bytes; the delimiters at its end are its high
                // zero bytes once XORed with the delimiter in every byte.
                let other =
                    UInt64(littleEndian: UnsafeRawPointer(bytes + trailing - 8).loadUnaligned(as: UInt64.self)) ^ all
                if other != 0 {
                    trailing -= other.leadingZeroBitCount / 8
                    break
                }
                trailing -= 8
            }
            if trailing < 8 { while trailing > 0, bytes[trailing - 1] == delimiter { trailing -= 1 } }
            if end - trailing < 2 { trailing = end }
        }
        guard trailing < end || inner else {
            return csv_parse(parser, base, count, shipaudit_records_field, shipaudit_records_end, records)
        }
        var fed = 0
        // Hands the parser the bytes up to `stop`; false when it stops early (an error: `fed` says how far it got).
        func feed(to stop: Int) -> Bool {
            guard stop > fed else { return true }
            let used = csv_parse(
                parser, base + fed, stop - fed, shipaudit_records_field, shipaudit_records_end, records)
            fed += used
            return fed == stop
        }
        // The run [first, after): its first delimiter through the parser, the others counted when that ended a
        // field (1 = FIELD_NOT_BEGUN), or handed over as text.
        func skip(_ first: Int, _ after: Int) -> Bool {
            guard feed(to: first + 1) else { return false }
            if parser.pointee.pstate == 1 {
                shipaudit_records_add_empty(records, after - first - 1)
                fed = after
                return true
            }
            return feed(to: after)
        }
        if inner {
            var from = 0
            while let first = Self.tripleDelimiter(bytes, from: from, below: trailing, delimiter: delimiter) {
                var after = first + 3
                while after < trailing, bytes[after] == delimiter { after += 1 }
                guard skip(first, after) else { return fed }
                from = after
            }
        }
        if trailing < end { guard skip(trailing, end) else { return fed } }
        _ = feed(to: count)
        return fed
    }

    /// Where the first three delimiters in a row start in `bytes[from..<below]`, found sixteen bytes at a time;
    /// nil when there are none.
    public static func tripleDelimiter(_ bytes: UnsafePointer<UInt8>, from: Int, below: Int, delimiter: UInt8) -> Int? {
        let all = SIMD16<UInt8>(repeating: delimiter)
        var index = from
        while index + 18 <= below {
            let raw = UnsafeRawPointer(bytes + index)
            let found =
                (raw.loadUnaligned(as: SIMD16<UInt8>.self) .== all)
                .& (raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self) .== all)
                .& (raw.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self) .== all)
            if any(found) {
                for lane in 0..<16 where found[lane] { return index + lane }
            }
            index += 16
        }
        while index + 3 <= below {
            if bytes[index] == delimiter, bytes[index + 1] == delimiter, bytes[index + 2] == delimiter { return index }
            index += 1
        }
        return nil
    }

    /// Fills `block` from a file descriptor: until it is full or the file ends (a pipe gives less per read), as
    /// `FileHandle.read(upToCount:)` does. Returns the bytes read, 0 at the end; a failed read is an error at `line`.
    public static func fill(_ block: UnsafeMutableRawBufferPointer, from descriptor: Int32, line: Int) throws -> Int {
        var filled = 0
        while filled < block.count {
            let got = Glibc.read(descriptor, block.baseAddress! + filled, block.count - filled)
            if got > 0 {
                filled += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw CSVReadError(
                    line: max(line, 1), message: "could not be read: \(String(cString: strerror(errno)))",
                    hint: "check the disk, and that the file is not being replaced while shipaudit reads it")
            }
        }
        return filled
    }

    /// Reads a whole file by path (convenience for tests and small files).
    public func read(path: String, _ body: (CSVRecord) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVReadError(line: 0, message: "cannot open the file", hint: "check the path and its permissions")
        }
        defer { try? handle.close() }
        try read(handle, body)
    }

    /// Recognises files that are not delimited text from their first bytes, to say what they are instead.
    public static func notDelimitedText(_ head: UnsafeRawBufferPointer) -> CSVReadError? {
        let bytes = Array(head.prefix(4096))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return CSVReadError(
                line: 1, message: "is UTF-16 text (Excel's \"Unicode Text\"), not a CSV this tool reads",
                hint: "save it again as \"CSV UTF-8\"")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return CSVReadError(
                line: 1, message: "is a ZIP archive or an Excel workbook (.xlsx), not CSV",
                hint: "open it and save as \"CSV UTF-8\", or export CSV from the source system")
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return CSVReadError(
                line: 1, message: "is an old Excel workbook (.xls), not CSV", hint: "save it as \"CSV UTF-8\"")
        }
        if let nul = bytes.firstIndex(of: 0) {
            let line = 1 + bytes[..<nul].filter { $0 == 0x0A }.count
            return CSVReadError(
                line: line, message: "contains NUL bytes: this is not a text file",
                hint: "check that the right file was given; export it again as CSV")
        }
        return nil
    }

    /// True when `chunk`, outside a record, starts none: line ends, and the spaces (and tabs, unless the tab is the
    /// delimiter) libcsv skips before a record. A line of only spaces gave the record after it its line number.
    public static func isBlankLine(_ chunk: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
        chunk.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || ($0 == 0x09 && delimiter != 0x09) }
    }

    /// Picks the delimiter that occurs most often, outside quotes, on the first line: `,` on a tie or none.
    public static func sniffDelimiter(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        var best = UInt8(ascii: ",")
        for candidate in [UInt8(ascii: ";"), 0x09] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }
}

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
    public init(limit: Int, bytes: Int = RecordChannel.batchBytes + 4096, fields: Int = 8192) {
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: shipaudit_records())
        buffer.pointee.limit = limit
        entries = .allocate(capacity: RecordChannel.batchRecords)
        entryCount = .allocate(capacity: 1)
        entryCount.initialize(to: 0)
        _ = shipaudit_records_reserve(buffer, bytes, fields)
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
    public var isFull: Bool {
        entryCount.pointee >= RecordChannel.batchRecords || buffer.pointee.count >= RecordChannel.batchBytes
    }

    /// Notes the record libcsv just ended, with its record number, first line and the bytes read up to it.
    public func take(number: Int, line: Int, consumed: Int) {
        let records = buffer
        precondition(
            entryCount.pointee < RecordChannel.batchRecords, "a full batch is handed over before it takes more")
        (entries + entryCount.pointee).initialize(
            to: Entry(
                byteStart: records.pointee.record_bytes,
                byteCount: records.pointee.count - records.pointee.record_bytes,
                endStart: records.pointee.record_fields,
                endCount: records.pointee.fields - records.pointee.record_fields,
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
    public func forEach(decoder: TextDecoder, lookahead: Int = 0, _ body: (CSVRecord, CSVRecord?) throws -> Void)
        rethrows
    {
        let bytes = UnsafePointer(buffer.pointee.bytes!), ends = UnsafePointer(buffer.pointee.ends!)
        let all = UnsafeBufferPointer(start: entries, count: entryCount.pointee)
        func record(_ entry: Entry) -> CSVRecord {
            CSVRecord(
                number: entry.number, line: entry.line,
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
