import CLibCSV
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A large file parsed in segments on two threads while the caller's thread handles the records in file order.
///
/// One thread reads the file and cuts it at line ends into segments of about `CSVReadOptions.segmentBytes`; two
/// threads parse the segments, each with a parser of its own; the caller takes the segments' records in order. A
/// file's parse is then no longer one core's work: the orders export, the largest input, was a run's longest thread.
///
/// Where a segment starts is a guess: a line end with an even number of quotes before it ends a record in a file
/// whose quotes all open or close quoted fields. The guess is checked before a segment's records are used: the parse
/// of the segment before must have ended between records (`LineFeeder.isBetweenRecords`). When it did not (a line
/// end inside a quoted field, a stray `"` that put the count off), the caller's thread goes on with that parser
/// through the next segment's bytes and drops the next segment's own parse. So the records, their lines and their
/// errors are always those of one parse from the file's start; only the work is shared.
///
/// Memory stays bounded: the reading thread is at most `window` segments ahead of the caller.
final class SegmentedParse: @unchecked Sendable {
    /// A run of the file's bytes, from a line end to a line end (the file's start and end aside).
    struct Segment {
        /// Memory of its own (`capacity` bytes, kept for the next segment once the caller is past this one);
        /// `bytes[start..<count]` is parsed.
        let bytes: UnsafeMutableRawPointer
        let capacity: Int
        let start: Int
        let count: Int
        /// The bytes fed to the parser before it.
        let consumed: Int
        let isLast: Bool

        var raw: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: bytes + start, count: count - start) }
    }

    /// A segment's own parse: its full batches, the feeder (parser, last batch, where it stopped), an error.
    final class Parsed {
        var full: [RecordBatch] = []
        var feeder: LineFeeder?
        var error: (any Error)?
    }

    private let reader: CSVReader
    private let options: CSVReadOptions
    private let condition = NSCondition()
    private var segments: [Int: Segment] = [:]
    private var parsed: [Int: Parsed] = [:]
    /// Segments cut so far, the next one a parsing thread takes, and the first one the caller has not finished.
    private var produced = 0
    private var nextToParse = 0
    private var consumedUpTo = 0
    private var readDone = false
    private var readError: (any Error)?
    private var cancelled = false
    private var spareBatches: [RecordBatch] = []
    private let window = 4
    private static let parsers = 2

    init(reader: CSVReader, options: CSVReadOptions) {
        self.reader = reader
        self.options = options
    }

    /// True when a file of `size` bytes is worth cutting: a few segments at least, and a second core to parse on.
    static func suits(size: Int, options: CSVReadOptions) -> Bool {
        options.segmentBytes > 0 && size >= 4 * options.segmentBytes && ProcessInfo.processInfo.activeProcessorCount > 1
    }

    /// Reads `descriptor` to the end, calling `body` with every record in order (as `CSVReader.read` does).
    func run(_ descriptor: Int32, decoder: TextDecoder, lookahead: Int, _ body: (CSVRecord, CSVRecord?) throws -> Void) throws {
        let finished = DispatchSemaphore(value: 0)
        let work = UncheckedSendable(self)
        let cutter = Thread {
            work.value.cut(descriptor)
            finished.signal()
        }
        cutter.stackSize = 1 << 20
        cutter.start()
        for _ in 0..<Self.parsers {
            let thread = Thread {
                work.value.parseSegments()
                finished.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        defer {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
            for _ in 0...Self.parsers { finished.wait() }
            releaseAll()
        }
        try consume(decoder: decoder, lookahead: lookahead, body)
    }

    // MARK: The reading thread

    /// Reads the file and cuts it into segments, at most `window` ahead of the caller. The bytes are read straight
    /// into the segment's memory; only the part after the cut is copied, to the start of the next segment's.
    private func cut(_ descriptor: Int32) {
        let size = options.segmentBytes
        var (buffer, capacity) = takeBuffer(atLeast: size + 4_096)
        var held = 0, consumed = 0, oddQuotes = false, first = true, start = 0
        defer { if capacity > 0 { free(buffer) } }
        func publish(_ segment: Segment?, error: (any Error)? = nil) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            if let segment {
                segments[produced] = segment
                produced += 1
            } else {
                readDone = true
                readError = error
            }
            condition.broadcast()
            return !cancelled
        }
        while true {
            condition.lock()
            while produced - consumedUpTo >= window && !cancelled { condition.wait() }
            let stop = cancelled
            condition.unlock()
            if stop { return }
            // Read until the bytes held hold a line end to cut at, or the file ends.
            var atEnd = false, cutAt: Int?
            repeat {
                // The first read is large enough for the first block's checks (a byte-order mark, the delimiter).
                let want = first ? max(size, 4_096) : size
                if capacity - held < want {
                    capacity = max(2 * capacity, held + want)
                    buffer = realloc(buffer, capacity)!
                }
                let got: Int
                do {
                    // The line for a read error: the caller has the lines; the segment's start is near enough.
                    got = try CSVReader.fill(UnsafeMutableRawBufferPointer(start: buffer + held, count: want), from: descriptor, line: 0)
                } catch {
                    _ = publish(nil, error: error)
                    return
                }
                reader.noteRead(UnsafeRawBufferPointer(start: buffer + held, count: got))
                held += got
                atEnd = got < want
                if first, held > 0 {
                    first = false
                    do {
                        start = try reader.startOfFile(UnsafeRawBufferPointer(start: buffer, count: held))
                    } catch {
                        _ = publish(nil, error: error)
                        return
                    }
                }
                cutAt = atEnd ? held : Self.cutPoint(UnsafeRawBufferPointer(start: buffer, count: held), from: start, oddQuotes: oddQuotes)
                // No line end in all that was read (a record of many megabytes, or no line ends at all): cut anyway
                // past the record limit; the check sends the parse on through the next segment.
                if cutAt == nil, held > options.maxRecordBytes + size { cutAt = held }
            } while cutAt == nil && !atEnd
            // At the end, a last segment even when nothing is left: its parse ends the file (a quote left open).
            let end = cutAt ?? held
            if shipaudit_count_quotes(buffer.assumingMemoryBound(to: UInt8.self) + start, end - start) % 2 == 1 { oddQuotes.toggle() }
            let segment = Segment(bytes: buffer, capacity: capacity, start: start, count: end, consumed: consumed, isLast: atEnd)
            consumed += end - start
            if atEnd {
                capacity = 0
                _ = publish(segment)
                _ = publish(nil)
                return
            }
            let next = takeBuffer(atLeast: max(size + 4_096, held - end + size))
            memcpy(next.0, buffer + end, held - end)
            (buffer, capacity) = next
            held -= end
            start = 0
            guard publish(segment) else { return }
        }
    }

    /// Where to cut `bytes` (read from `from`, with `oddQuotes` before it): just after the last line end (LF, or a CR
    /// not before an LF) with an even number of quotes before it, looking back at most 64 KB; else after the last
    /// line end. Nil when there is none.
    static func cutPoint(_ bytes: UnsafeRawBufferPointer, from: Int, oddQuotes: Bool) -> Int? {
        let count = bytes.count
        guard count > from else { return nil }
        let quotes = shipaudit_count_quotes(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, count - from)
        var quotesAfter = 0, last: Int?
        var index = count   // a cut at `index`: the next segment starts there
        let limit = max(from + 1, count - (1 << 16))
        while index > limit {
            let before = bytes[index - 1]
            let isEnd = before == 0x0A || (before == 0x0D && index < count && bytes[index] != 0x0A)
            if isEnd {
                if last == nil { last = index }
                if (quotes - quotesAfter) % 2 == (oddQuotes ? 1 : 0) { return index }
            }
            if before == UInt8(ascii: "\"") { quotesAfter += 1 }
            index -= 1
        }
        return last
    }

    // MARK: The parsing threads

    private func parseSegments() {
        while true {
            condition.lock()
            while nextToParse >= produced && !readDone && !cancelled { condition.wait() }
            guard !cancelled, nextToParse < produced else {
                condition.unlock()
                return
            }
            let index = nextToParse
            nextToParse += 1
            let segment = segments[index]!
            condition.unlock()
            let result = parse(segment)
            condition.lock()
            parsed[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// A segment's parse with a parser of its own, from the segment's line.
    private func parse(_ segment: Segment) -> Parsed {
        let result = Parsed()
        guard let parser = CSVReader.makeParser(delimiter: reader.delimiter) else {
            result.error = CSVReadError(line: 1, message: "could not start the CSV parser", hint: "the system is out of memory")
            return result
        }
        // Lines counted from the segment's start: the caller, which knows how many came before, adds them.
        var feeder = LineFeeder(parser: parser, batch: spareBatch(), maxRecordBytes: options.maxRecordBytes, delimiter: reader.delimiter,
                                line: 1, consumed: segment.consumed)
        var full: [RecordBatch] = []
        let handOver: (RecordBatch) -> RecordBatch = { batch in
            full.append(batch)
            return self.spareBatch()
        }
        do {
            try feeder.feed(segment.raw, handOver: handOver)
            if segment.isLast { try feeder.finish(handOver: handOver) }
        } catch {
            result.error = error
        }
        result.full = full
        result.feeder = feeder
        return result
    }

    // MARK: The caller's thread

    private func consume(decoder: TextDecoder, lookahead: Int, _ body: (CSVRecord, CSVRecord?) throws -> Void) throws {
        var base = 0                    // records before the parse being taken
        var lines = 0                   // lines before it: a parse counts its lines from 1
        var carried: LineFeeder?        // a parse going on past the end of its segment
        var index = 0
        func take(_ batch: RecordBatch) throws {
            try batch.forEach(decoder: decoder, lookahead: lookahead, numberOffset: base, lineOffset: lines, body)
        }
        /// A parse's error on the file's line.
        func onFileLine(_ error: any Error) -> any Error {
            guard let error = error as? CSVReadError else { return error }
            return CSVReadError(line: error.line + lines, message: error.message, hint: error.hint)
        }
        /// The parse is over: the records and lines it had come before the next.
        func ended(_ feeder: LineFeeder) {
            base += feeder.records
            lines += feeder.lineNumber - 1
        }
        while true {
            condition.lock()
            while parsed[index] == nil && !(readDone && index >= produced) { condition.wait() }
            guard index < produced else {
                let error = readError
                condition.unlock()
                if let carried { release(carried) }
                if let error = error as? CSVReadError, error.line == 0 {
                    throw CSVReadError(line: max(lines, 1), message: error.message, hint: error.hint)
                }
                if let error { throw error }
                return
            }
            let segment = segments[index]!, own = parsed.removeValue(forKey: index)!
            condition.unlock()
            if var feeder = carried {
                // The segment before did not end between records: this segment's own parse started in the wrong
                // place, and the parse before goes on through its bytes.
                carried = nil
                drop(own)
                var bodyFailed = false
                let handOver: (RecordBatch) throws -> RecordBatch = { full in
                    do { try take(full) } catch { bodyFailed = true; throw error }
                    full.clear()
                    return full
                }
                do {
                    try feeder.feed(segment.raw, handOver: handOver)
                    if segment.isLast { try feeder.finish(handOver: handOver) }
                } catch {
                    // A read error comes after the records before it; the handler's own error stops everything.
                    defer { release(feeder) }
                    if bodyFailed { throw error }
                    try take(feeder.batch)
                    throw onFileLine(error)
                }
                do { try take(feeder.batch) } catch { release(feeder); throw error }
                if segment.isLast || feeder.isBetweenRecords {
                    ended(feeder)
                    release(feeder)
                } else {
                    feeder.batch.dropCompleted()
                    carried = feeder
                }
            } else {
                defer { drop(own) }     // whatever of it is not handed on
                while !own.full.isEmpty {
                    let batch = own.full.removeFirst()
                    defer { recycle(batch) }
                    try take(batch)
                }
                if let feeder = own.feeder { try take(feeder.batch) }
                if let error = own.error { throw onFileLine(error) }
                if let feeder = own.feeder {
                    if !segment.isLast && !feeder.isBetweenRecords {
                        feeder.batch.dropCompleted()
                        carried = feeder
                        own.feeder = nil
                    } else {
                        ended(feeder)
                    }
                }
            }
            condition.lock()
            segments.removeValue(forKey: index)
            consumedUpTo = index + 1
            condition.broadcast()
            condition.unlock()
            recycleBuffer(segment.bytes, capacity: segment.capacity)
            index += 1
        }
    }

    // MARK: Memory

    private var spareBuffers: [(UnsafeMutableRawPointer, Int)] = []

    /// Memory for a segment: a used one when there is one (its pages already the process's), else new.
    private func takeBuffer(atLeast bytes: Int) -> (UnsafeMutableRawPointer, Int) {
        condition.lock()
        let spare = spareBuffers.popLast()
        condition.unlock()
        if let (buffer, capacity) = spare {
            if capacity >= bytes { return (buffer, capacity) }
            return (realloc(buffer, bytes)!, bytes)
        }
        return (malloc(bytes)!, bytes)
    }

    private func recycleBuffer(_ buffer: UnsafeMutableRawPointer, capacity: Int) {
        condition.lock()
        defer { condition.unlock() }
        if spareBuffers.count < window { spareBuffers.append((buffer, capacity)) } else { free(buffer) }
    }

    private func spareBatch() -> RecordBatch {
        condition.lock()
        defer { condition.unlock() }
        return spareBatches.popLast() ?? RecordBatch(limit: options.maxRecordBytes)
    }

    private func recycle(_ batch: RecordBatch) {
        batch.clear()
        condition.lock()
        if spareBatches.count < 16 { spareBatches.append(batch) }
        condition.unlock()
    }

    /// A parse over or not used: its parser freed, its batches kept for reuse.
    private func drop(_ own: Parsed) {
        own.full.forEach(recycle)
        own.full = []
        if let feeder = own.feeder { release(feeder) }
        own.feeder = nil
    }

    private func release(_ feeder: LineFeeder) {
        CSVReader.freeParser(feeder.parser)
        recycle(feeder.batch)
    }

    /// Once every thread has stopped: what is left of segments and parses.
    private func releaseAll() {
        for (_, own) in parsed { drop(own) }
        parsed = [:]
        for (_, segment) in segments { free(segment.bytes) }
        segments = [:]
        for (buffer, _) in spareBuffers { free(buffer) }
        spareBuffers = []
        spareBatches = []
    }
}
