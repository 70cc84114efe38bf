import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The libcsv wrapper on a table of tricky inputs: records, the line each starts on, errors.
struct CSVReaderTests {
    struct Parsed: Equatable {
        var records: [[String]] = []
        var lines: [Int] = []
    }

    static func parse(_ text: String, delimiter: UInt8? = nil, blockSize: Int = 1 << 18) throws -> Parsed {
        try parse(bytes: Array(text.utf8), delimiter: delimiter, blockSize: blockSize)
    }

    static func parse(
        bytes: [UInt8], delimiter: UInt8? = nil, blockSize: Int = 1 << 18, countingDelimiterRuns: Bool = true
    ) throws -> Parsed {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csvreader-\(UUID().uuidString).csv")
            .path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var parsed = Parsed()
        var options = CSVReadOptions(delimiter: delimiter, blockSize: blockSize)
        options.countsDelimiterRuns = countingDelimiterRuns
        try CSVReader(options: options).read(path: path) { record in
            parsed.records.append(record.strings)
            parsed.lines.append(record.line)
        }
        return parsed
    }

    /// Options that parse a small file on the caller's thread (`inline`) or on a thread of its own.
    static func options(inline: Bool, blockSize: Int = 1 << 18) -> CSVReadOptions {
        var options = CSVReadOptions(blockSize: blockSize)
        options.inlineBelow = inline ? CSVReader.inlineBytes : 0
        return options
    }

    @Test(
        "lines and checksum are the same however the file is cut into blocks, on the caller's thread or another; a changed byte changes the checksum",
        arguments: [true, false])
    func blocksAndChecksum(inline: Bool) throws {
        var generator = SystemRandomNumberGenerator()
        let endings = ["\n", "\r\n", "\r"]
        var text = "a,b\n"
        for index in 0..<300 { text += "\(index),\"x\(index)\ny\"" + endings.randomElement(using: &generator)! }
        let bytes = Array(text.utf8)
        func read(_ bytes: [UInt8], blockSize: Int) throws -> (records: [[String]], lines: [Int], checksum: String) {
            let path = Fixture.temporary("")
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let reader = try CSVReader(options: Self.options(inline: inline, blockSize: blockSize))
            var records: [[String]] = [], lines: [Int] = []
            try reader.read(path: path) {
                records.append($0.strings); lines.append($0.line)
            }
            return (records, lines, reader.checksum)
        }
        let whole = try read(bytes, blockSize: 1 << 18)
        #expect(whole.records.count == 301 && whole.lines.last == 600)
        for blockSize in [1, 2, 3, 7, 8, 9, 13, 64, 1000] {
            let cut = try read(bytes, blockSize: blockSize)
            #expect(cut.records == whole.records && cut.lines == whole.lines && cut.checksum == whole.checksum)
        }
        var changed = bytes
        changed[bytes.count / 2] ^= 0x01
        #expect(try read(changed, blockSize: 1 << 18).checksum != whole.checksum)
        #expect(try read(Array(bytes.dropLast()), blockSize: 7).checksum != whole.checksum)
        #expect(try read(bytes + [0], blockSize: 7).checksum != whole.checksum)
        // The standard digest: SHA-256 of "abc" is the FIPS 180-2 example's.
        #expect(
            SHA256Stream.hex(of: Data("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("a pipe written in small pieces reads as the file does; a descriptor that cannot be read is a one-line error")
    func pipeAndReadError() throws {
        var text = "a,b\n"
        for index in 0..<2_000 { text += "\(index),\"x,\(index)\"\n" }
        let bytes = Array(text.utf8)
        let whole = try Self.parse(bytes: bytes)
        let pipe = Pipe()
        let writer = Thread {
            // 37-byte writes: every read(2) of the reader's block returns a part of it.
            var offset = 0
            while offset < bytes.count {
                let piece = Data(bytes[offset..<min(bytes.count, offset + 37)])
                pipe.fileHandleForWriting.write(piece)
                offset += piece.count
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        var piped = Parsed()
        try CSVReader().read(pipe.fileHandleForReading) { record in
            piped.records.append(record.strings)
            piped.lines.append(record.line)
        }
        #expect(piped == whole && piped.records.count == 2_001)

        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 16)
        defer { block.deallocate() }
        let error = #expect(throws: CSVReadError.self) { try CSVReader.fill(block, from: -1, line: 7) }
        #expect(
            error?.line == 7 && error?.message == "could not be read: Bad file descriptor"
                && error?.hint.isEmpty == false)
    }

    @Test(
        "records before a read error are all handed over first; an error thrown by the handler stops the reader; on the caller's thread or another",
        arguments: [true, false])
    func errorsAcrossBatches(inline: Bool) throws {
        let good = (0..<3_000).map { "\($0),x\n" }.joined()
        let path = Fixture.temporary("a,b\n" + good + "\"never closed,1\n")
        var seen = 0
        let error = #expect(throws: CSVReadError.self) {
            try CSVReader(options: Self.options(inline: inline)).read(path: path) { _ in seen += 1 }
        }
        #expect(seen == 3_001 && error?.line == 3_002)
        struct Stop: Error {}
        var handled = 0
        #expect(throws: Stop.self) {
            try CSVReader(options: Self.options(inline: inline)).read(path: Fixture.temporary("a,b\n" + good + good)) {
                _ in
                handled += 1
                if handled == 10 { throw Stop() }
            }
        }
        #expect(handled == 10)
    }

    @Test(
        "a look-ahead gives each record the one that many places after it, or nil; the records are the same",
        arguments: [true, false])
    func lookahead(inline: Bool) throws {
        let path = Fixture.temporary("a,b\n" + (0..<5_000).map { "\($0),x\n" }.joined())
        guard let handle = FileHandle(forReadingAtPath: path) else { Issue.record("no fixture"); return }
        defer { try? handle.close() }
        var values: [String] = [], aheadSeen = 0, wrong = 0
        try CSVReader(options: Self.options(inline: inline)).read(handle, lookahead: 8) { record, ahead in
            values.append(record.string(at: 0))
            guard let ahead else { return }
            aheadSeen += 1
            if ahead.number != record.number + 8 || ahead.line != record.line + 8
                || ahead.string(at: 0) != String(record.number + 6)
            {
                wrong += 1
            }
        }
        #expect(values == ["a"] + (0..<5_000).map(String.init))
        // Records near a batch's end have none (1,024 records a batch).
        #expect(wrong == 0 && aheadSeen >= 4_900)
    }

    @Test("plain LF records with line numbers")
    func plain() throws {
        let parsed = try Self.parse("a,b\n1,2\n3,4\n")
        #expect(parsed.records == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parsed.lines == [1, 2, 3])
    }

    @Test(
        "a cell of every length up to 70 bytes keeps its bytes (the field callback copies short cells in overlapping words)"
    )
    func cellLengths() throws {
        // Each cell's bytes differ from each other and from its neighbours', so a byte copied to the wrong place shows.
        func cell(_ length: Int) -> String {
            // `#` to `+`: no quote, no comma
            let bytes: [UInt8] = (0..<length).map { index in UInt8(0x23 + (index * 7 + length) % 9) }
            return String(decoding: bytes, as: UTF8.self)
        }
        let cells = (1...70).map(cell)
        let parsed = try Self.parse("h\n" + cells.joined(separator: "\n") + "\n" + cells.joined(separator: ",") + "\n")
        #expect(parsed.records.dropFirst().prefix(70).map { $0[0] } == cells)
        #expect(parsed.records.last == cells)
    }

    @Test("quoted comma, doubled quote and embedded newline; the next record starts two lines down")
    func quoting() throws {
        let parsed = try Self.parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",z\nlast,row\n")
        #expect(parsed.records == [["a", "b"], ["x, y", "say \"hi\""], ["line1\nline2", "z"], ["last", "row"]])
        #expect(parsed.lines == [1, 2, 3, 5])
    }

    @Test("CRLF, LF and CR mixed; no final newline")
    func lineEndings() throws {
        let parsed = try Self.parse("a,b\r\n1,2\n3,4\r5,6")
        #expect(parsed.records == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(parsed.lines == [1, 2, 3, 4])
    }

    @Test("CRLF split across blocks counts one line", arguments: [1, 2, 3, 5, 7])
    func crlfAcrossBlocks(blockSize: Int) throws {
        let parsed = try Self.parse("a,b\r\n1,2\r\n\"q\r\nq\",3\r\n4,5\r\n", blockSize: blockSize)
        #expect(parsed.records == [["a", "b"], ["1", "2"], ["q\r\nq", "3"], ["4", "5"]])
        #expect(parsed.lines == [1, 2, 3, 5])
    }

    @Test(
        "a run of delimiters at a line's end is that many empty fields, outside quotes; inside a quote it is text",
        arguments: [1, 2, 3, 5, 1 << 18])
    func trailingDelimiters(blockSize: Int) throws {
        let text = "a,b,c,d\n1,,,\n2,x,,\r\n,,,\n\"q\",,,\n\"x,,,\ny\",,,\n3 , , ,\n\"open,,\r\n\",,,\n4,,,"
        let parsed = try Self.parse(text, blockSize: blockSize)
        #expect(
            parsed.records == [
                ["a", "b", "c", "d"], ["1", "", "", ""], ["2", "x", "", ""], ["", "", "", ""], ["q", "", "", ""],
                ["x,,,\ny", "", "", ""], ["3", "", "", ""], ["open,,\r\n", "", "", ""], ["4", "", "", ""],
            ])
        #expect(parsed.lines == [1, 2, 3, 4, 5, 6, 8, 9, 11])
        // Runs longer than a word, and a word's worth of delimiters after a short cell.
        for (cell, run) in [("5", 60), ("long cell 12345", 57), ("x", 8), ("", 9), ("12345678", 16)] {
            let row = try Self.parse("a\n" + cell + String(repeating: ",", count: run) + "\r\n", blockSize: blockSize)
                .records.last
            #expect(row == [cell] + Array(repeating: "", count: run), "\(cell) and \(run) delimiters")
        }
        // Runs inside the lines of a wide file: before, between and after cells, quoted or not, in a quote.
        let header = (1...CSVReader.wideRecord).map { "h\($0)" }
        let rows = [
            ",,,x,,,,y,,,\n", "\"a\",,,,\"b,,,,c\",,,\n", ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,z\r\n",
            "\"q,,,\n,,,\",,,,w\n",
        ]
        let wideParsed = try Self.parse(header.joined(separator: ",") + "\n" + rows.joined(), blockSize: blockSize)
        #expect(
            wideParsed.records.dropFirst().map { $0 } == [
                ["", "", "", "x", "", "", "", "y", "", "", ""], ["a", "", "", "", "b,,,,c", "", "", ""],
                Array(repeating: "", count: 40) + ["z"], ["q,,,\n,,,", "", "", "", "w"],
            ])
        #expect(wideParsed.lines == [1, 2, 3, 4, 5])
        #expect(
            try Self.parse("a;b;c\n1;;\n", delimiter: 0x3B, blockSize: blockSize).records == [
                ["a", "b", "c"], ["1", "", ""],
            ])
        #expect(
            try Self.parse("a\tb\tc\n1\t\t\n", delimiter: 0x09, blockSize: blockSize).records == [
                ["a", "b", "c"], ["1", "", ""],
            ])
    }

    @Test("records, lines and errors are the same with runs of delimiters counted or handed to libcsv, on random text")
    func trailingDelimitersAgreeWithLibcsv() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "a", "bc", " ", "\"", "\"\"", ",", ",", ",,,", ";", "\t", "\n", "\r\n", "\r", "\"x,,\n", ",,,\n", ",,,\r\n",
            "\",,,\n",
        ]
        // A narrow header (runs at the line's end only) and a wide one (runs inside lines too).
        let wide = (1...CSVReader.wideRecord).map { "h\($0)" }.joined(separator: ",") + "\n"
        for round in 0..<600 {
            var text = round % 2 == 0 ? "h1,h2,h3\n" : wide
            for _ in 0..<Int.random(in: 1...40, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            for blockSize in [1, 3, 1 << 18] {
                func read(_ counting: Bool) -> String {
                    do {
                        return "\(try Self.parse(bytes: bytes, blockSize: blockSize, countingDelimiterRuns: counting))"
                    } catch { return "error: \(error)" }
                }
                #expect(read(true) == read(false), "\(text.debugDescription) in blocks of \(blockSize)")
            }
        }
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        let parsed = try Self.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("Name,Total\n#1,2\n".utf8))
        #expect(parsed.records[0] == ["Name", "Total"])
    }

    @Test("blank lines are skipped but still counted")
    func blankLines() throws {
        let parsed = try Self.parse("a,b\n\n1,2\n\r\n3,4\n")
        #expect(parsed.records == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parsed.lines == [1, 3, 5])
    }

    @Test(
        "a line of only spaces or tabs outside a record is blank: the next record keeps its own line, whatever the blocks",
        arguments: [1, 2, 3, 1 << 18])
    func spaceOnlyLines(blockSize: Int) throws {
        let parsed = try Self.parse("a,b\n   \n1,2\n\t \t\n  3,4\n", blockSize: blockSize)
        #expect(parsed.records == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parsed.lines == [1, 3, 5])
        // Tab-delimited, a line of tabs is a record of empty fields; a line of spaces is still blank.
        let tabs = try Self.parse("a\tb\n  \n\t\n1\t2\n", delimiter: 0x09, blockSize: blockSize)
        #expect(tabs.records == [["a", "b"], ["", ""], ["1", "2"]])
        #expect(tabs.lines == [1, 3, 4])
    }

    @Test(
        "delimiter sniffed from the header",
        arguments: [(";", "a;b\n1,5;2\n"), ("\t", "a\tb\n1 x\t2\n"), (",", "a,b\n1;2,3\n")])
    func sniffing(delimiter: String, text: String) throws {
        let parsed = try Self.parse(text)
        #expect(parsed.records[0] == ["a", "b"])
        #expect(parsed.records[1].count == 2)
    }

    @Test("tab-delimited fields keep inner spaces; leading and trailing spaces are trimmed")
    func tabs() throws {
        let parsed = try Self.parse("a\tb\n  x y  \t z\n", delimiter: 0x09)
        #expect(parsed.records[1] == ["x y", "z"])
    }

    @Test("cells lose surrounding spaces and tabs, inside quotes too; a row of only spaces is blank")
    func trimmedCells() throws {
        let path = Fixture.temporary("a,b,c\n\"  x \",\" \t\", y z \n  ,\t, \n\"\t  inner \"\"q\"\" \",,\n")
        var records: [[String]] = [], blank: [Bool] = []
        try CSVReader().read(path: path) { record in
            records.append(record.strings)
            blank.append(record.isBlank)
        }
        #expect(records == [["a", "b", "c"], ["x", "", "y z"], ["", "", ""], ["inner \"q\"", "", ""]])
        #expect(blank == [false, false, true, false])
    }

    @Test("bytes that are not UTF-8 are read as Windows-1252")
    func windows1252() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cp1252-\(UUID().uuidString).csv").path
        FileManager.default.createFile(
            atPath: path, contents: Data(Array("name\nCaf".utf8) + [0xE9, 0x20, 0x80, 0x0A]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader()
        var values: [String] = []
        try reader.read(path: path) { values.append($0.string(at: 0)) }
        #expect(values == ["name", "Café €"])
        #expect(reader.usedWindows1252)
    }

    @Test("a quote never closed is an error naming the line it opened on")
    func unterminatedQuote() throws {
        #expect(throws: CSVReadError.self) { try Self.parse("a,b\n1,2\n3,\"open\n4,5\n") }
        do {
            _ = try Self.parse("a,b\n1,2\n3,\"open\n4,5\n")
        } catch let error as CSVReadError {
            #expect(error.line == 3)
            #expect(error.message.contains("never closed"))
        }
    }

    @Test("an empty file has no records")
    func empty() throws {
        #expect(try Self.parse("").records.isEmpty)
    }

    @Test("ragged rows are returned as they are; the loader rejects them")
    func ragged() throws {
        let parsed = try Self.parse("a,b,c\n1,2\n1,2,3,4\n")
        #expect(parsed.records.map(\.count) == [3, 2, 4])
    }

    @Test("many records across many small blocks stay in order")
    func manyBlocks() throws {
        var text = "n,v\n"
        for i in 0..<500 { text += "\(i),\"v\(i)\nx\"\n" }
        let parsed = try Self.parse(text, blockSize: 13)
        #expect(parsed.records.count == 501)
        #expect(parsed.records[500] == ["499", "v499\nx"])
        #expect(parsed.lines[500] == 2 + 499 * 2)
    }

    @Test(
        "files that are not delimited text are named for what they are",
        arguments: [
            ([0xFF, 0xFE, 0x4E, 0x00], "UTF-16"), ([0x50, 0x4B, 0x03, 0x04, 0x14], "Excel workbook (.xlsx)"),
            ([0xD0, 0xCF, 0x11, 0xE0], ".xls"), (Array("a,b\n1,\u{0}2\n".utf8), "NUL bytes"),
        ] as [([UInt8], String)])
    func notText(bytes: [UInt8], expected: String) throws {
        let error = #expect(throws: CSVReadError.self) { try Self.parse(bytes: bytes) }
        #expect(error?.message.contains(expected) == true)
    }

    @Test("the UTF-8 check agrees with the standard library's on valid text and on random bytes, within runs of ASCII")
    func utf8Check() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0,
            0x8F, 0x90,
        ]
        var cases: [[UInt8]] = ["", "plain", "Café ®", "日本 🚚", "\u{10FFFF}\u{FFFD}"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            // Runs of ASCII before and after (read eight bytes at a time) and between the bytes of interest.
            func ascii() -> [UInt8] {
                Array(
                    repeating: 0x61,
                    count: Bool.random(using: &generator) ? 0 : Int.random(in: 1...19, using: &generator))
            }
            let middle = (0..<Int.random(in: 1...6, using: &generator)).flatMap { _ in
                [
                    Bool.random(using: &generator)
                        ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                ]
                    + (Int.random(in: 0..<4, using: &generator) == 0 ? ascii() : [])
            }
            cases.append(ascii() + middle + ascii())
        }
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(TextDecoder.isValidUTF8) == expected, "\(bytes)")
        }
    }
}
