import Foundation
import Testing
@testable import ShipAuditCore

/// A large file parsed in segments on two threads (`SegmentedParse`) reads exactly as one parse from the start does:
/// the same records, numbers, lines, errors, checksum, however the file is cut and wherever the cuts' guesses are
/// wrong.
struct SegmentedParseTests {
    struct Read: Equatable {
        var records: [[String]] = []
        var numbers: [Int] = []
        var lines: [Int] = []
        var error: CSVReadError?
        var checksum: UInt64 = 0
        var bytes = 0

        /// Where `other` first differs, in a line (an expectation's message, not two whole reads).
        func difference(from other: Read) -> String? {
            if let index = records.indices.first(where: { $0 >= other.records.count || records[$0] != other.records[$0] || numbers[$0] != other.numbers[$0] || lines[$0] != other.lines[$0] }) {
                let theirs = index < other.records.count ? "\(other.records[index]) #\(other.numbers[index]) line \(other.lines[index])" : "none"
                return "record \(index): \(records[index]) #\(numbers[index]) line \(lines[index]) against \(theirs)"
            }
            if records.count != other.records.count { return "\(records.count) records against \(other.records.count)" }
            if error != other.error { return "error \(String(describing: error)) against \(String(describing: other.error))" }
            // After an error the file is not used, and reading ahead is no fault: a whole read's checksum and size agree.
            if error == nil && (checksum != other.checksum || bytes != other.bytes) { return "checksum or bytes read differ" }
            return nil
        }
    }

    /// Reads `bytes` with segments of `segmentBytes` (0: one parse), keeping what a caller sees, the error included.
    static func read(_ bytes: [UInt8], segmentBytes: Int, maxRecordBytes: Int = 16 << 20, delimiter: UInt8? = nil,
                     stopAfter: Int? = nil) throws -> Read {
        let path = Fixture.temporary("")
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let reader = try CSVReader(options: CSVReadOptions(delimiter: delimiter, maxRecordBytes: maxRecordBytes, segmentBytes: segmentBytes))
        var read = Read()
        do {
            try reader.read(path: path) { record in
                read.records.append(record.strings)
                read.numbers.append(record.number)
                read.lines.append(record.line)
                if let stopAfter, read.records.count == stopAfter { throw CancellationError() }
            }
        } catch let error as CSVReadError {
            read.error = error
        }
        read.checksum = reader.checksum
        read.bytes = reader.bytesRead
        return read
    }

    /// A file of the shapes real exports have, chosen at random: quoted commas and doubled quotes, line ends inside
    /// quotes (LF, CRLF, CR), blank and space-only lines, a stray `"` inside an unquoted field, LF, CRLF and CR line
    /// ends, a byte-order mark, a last line with or without its end.
    static func tricky(records: Int, seed: UInt64) -> [UInt8] {
        var random = SeededNumbers(seed: seed)
        let ends = ["\n", "\r\n", "\r"]
        let cells = ["plain", "", "  padded  ", "\"a, b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"cr\r\nlf\"", "\"old\rmac\"",
                     "12\" pipe", "Café", "\"\"", "x\"y\"z"]
        var text = random.next(2) == 0 ? "\u{FEFF}" : ""
        text += "id,name,note\n"
        let lineEnd = ends[random.next(ends.count)]
        for index in 0..<records {
            switch random.next(20) {
            case 0: text += lineEnd
            case 1: text += "   " + lineEnd
            default: break
            }
            text += "\(index),\(cells[random.next(cells.count)]),\(cells[random.next(cells.count)])"
            if index < records - 1 || random.next(2) == 0 { text += random.next(10) == 0 ? ends[random.next(ends.count)] : lineEnd }
        }
        return Array(text.utf8)
    }

    @Test("records, numbers, lines, checksum and bytes are those of one parse, for files cut in many places")
    func sameAsOneParse() throws {
        for seed in 1...8 as ClosedRange<UInt64> {
            let bytes = Self.tricky(records: 2_000, seed: seed)
            let whole = try Self.read(bytes, segmentBytes: 0)
            #expect(whole.records.count > 1_900 && bytes.count > 8 * 4_096)
            for segmentBytes in [1, 2, 3, 7, 16, 61, 256, 1_000, 5_000] {
                let cut = try Self.read(bytes, segmentBytes: segmentBytes)
                let difference = cut.difference(from: whole)
                #expect(difference == nil, "seed \(seed), segments of \(segmentBytes) bytes: \(difference ?? "")")
            }
        }
    }

    @Test("a quote never closed, a record over the limit: the same error on the same line, after the same records")
    func sameErrors() throws {
        var text = "a,b\n"
        for index in 0..<3_000 { text += "\(index),\"x\ny\"\n" }
        let open = Array((text + "3001,\"never closed\n3002,z\n3003,w\n").utf8)
        let big = Array((text + "3001,\(String(repeating: "q", count: 5_000))\n3002,z\n").utf8)
        for (bytes, limit) in [(open, 16 << 20), (big, 4_096)] {
            let whole = try Self.read(bytes, segmentBytes: 0, maxRecordBytes: limit)
            #expect(whole.error != nil && whole.records.count == 3_001)
            for segmentBytes in [5, 64, 333, 2_000, 6_000] {
                let difference = try Self.read(bytes, segmentBytes: segmentBytes, maxRecordBytes: limit).difference(from: whole)
                #expect(difference == nil, "segments of \(segmentBytes) bytes: \(difference ?? "")")
            }
        }
        // A file that is not text says so from its first segment.
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 4_000)
        let error = try Self.read(zip, segmentBytes: 100).error
        #expect(error?.line == 1 && error?.message.contains("ZIP") == true)
    }

    @Test("a semicolon or tab delimiter is sniffed once and used by every segment's parser")
    func delimiters() throws {
        for delimiter in [";", "\t"] {
            let text = "a\(delimiter)b\n" + (0..<3_000).map { "\($0)\(delimiter) x \(delimiter)\"q\(delimiter)\n\"\n" }.joined()
            let whole = try Self.read(Array(text.utf8), segmentBytes: 0)
            #expect(whole.records.count == 3_001 && whole.records[1] == ["0", "x", "q\(delimiter)\n"])
            #expect(try Self.read(Array(text.utf8), segmentBytes: 97).difference(from: whole) == nil)
        }
    }

    @Test("a handler that stops the read stops every thread; nothing more is handed to it")
    func handlerStops() throws {
        let bytes = Array(("a,b\n" + (0..<20_000).map { "\($0),\"v\n\($0)\"\n" }.joined()).utf8)
        for stop in [1, 2, 500, 19_000] {
            #expect(throws: CancellationError.self) { _ = try Self.read(bytes, segmentBytes: 4_096, stopAfter: stop) }
        }
    }

    @Test("the cut goes after the last line end with an even count of quotes before it, else after the last line end")
    func cutPoints() {
        func cut(_ text: String, oddQuotes: Bool = false) -> Int? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { SegmentedParse.cutPoint($0, from: 0, oddQuotes: oddQuotes) }
        }
        #expect(cut("a,b\nc,d\ne") == 8)
        #expect(cut("a,\"b\nc\"\nd,\"e\nf") == 8)      // the last LF is inside an open quote
        #expect(cut("a,\"b\nc\"\nd", oddQuotes: true) == 5)
        #expect(cut("a\rb\r\nc\r") == 5)                // a CR at the end may be half of a CRLF
        #expect(cut("a\"b\nc") == 4)                    // no even line end: the last line end
        #expect(cut("abc") == nil)
    }
}
