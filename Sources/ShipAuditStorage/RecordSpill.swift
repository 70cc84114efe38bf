import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Records written to a temporary file as they are made and read back later, on every core, so that a run holds
/// either what made them or the records, not both. The records are bytes written by a `RecordWriter`; a
/// `RecordDecoder` makes them values again, reading each through a `RecordReader`.
///
/// The file is created in the given directory and removed from it at once (only this process's descriptor keeps it),
/// so nothing is left behind however the run ends. A file that cannot be created or written (a full disk) keeps the
/// records in memory from there on: the run is the same, only larger.
public final class RecordSpill: @unchecked Sendable {
    private var descriptor: Int32
    /// Bytes in the file, every one of them written.
    private var written = 0
    /// Records not in the file (all of them without one, or after a write failed), after those in the file.
    private var memory: [UInt8] = []
    /// Each append's records: where their bytes are (in the file, or in `memory`) and how many records they hold.
    private var segments: [(inFile: Bool, offset: Int, length: Int, count: Int)] = []
    /// The file's path while it is still in its directory (a file system that cannot remove an open file).
    private var path: [CChar]?

    /// The number of records added.
    public var count: Int { segments.reduce(0) { $0 + $1.count } }

    /// A spill in a temporary file named from `prefix` in `directory`; in memory when the file cannot be made.
    public init(directory: String, prefix: String) {
        var template = Array((directory as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0, template.withUnsafeBufferPointer({ unlink($0.baseAddress!) }) != 0 { path = template }
    }

    /// A spill writing to an open descriptor it then owns (for tests: `/dev/full` fails every write).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { closeFile() }

    /// Closes and removes the file; the records in it can no longer be read back (those in memory still can).
    public func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        path?.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        path = nil
    }

    /// True while the records go to the file.
    public var isOnDisk: Bool { descriptor >= 0 && memory.isEmpty }

    /// Adds `count` records written by a `RecordWriter` (its `bytes`), after those added before. Not thread-safe:
    /// add from one thread at a time, in the order the records are to come back.
    public func append(records bytes: [UInt8], count added: Int) {
        guard added > 0 else { return }
        if isOnDisk {
            let offset = written
            let complete = bytes.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let result = write(descriptor, raw.baseAddress! + done, raw.count - done)
                    if result < 0 && errno == EINTR { continue }
                    if result <= 0 { return false }
                    done += result
                }
                return true
            }
            if complete {
                written += bytes.count
                segments.append((true, offset, bytes.count, added))
                return
            }
            // A write that failed part way (a full disk): this append and every later one stay in memory; the
            // bytes written of it are never read back.
        }
        segments.append((false, memory.count, bytes.count, added))
        memory += bytes
    }

    /// Every record added, in order, made by `Decoder`s. The appends' records are decoded on every core (a decoder
    /// each), each straight into its place: the file's bytes are never all in memory beside the values made from
    /// them.
    public func records<Decoder: RecordDecoder>(_ decoder: Decoder.Type) -> [Decoder.Record] {
        var starts: [Int] = []
        starts.reserveCapacity(segments.count)
        var total = 0
        for segment in segments {
            starts.append(total)
            total += segment.count
        }
        let segments = self.segments, firsts = starts
        let taken = Atomic<Int>(0)
        return [Decoder.Record](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = UncheckedPointer(buffer.baseAddress!)
            let workers = min(segments.count, ProcessInfo.processInfo.activeProcessorCount)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var decoder = Decoder()
                while case let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue, index < segments.count {
                    let segment = segments[index]
                    let place = base.value + firsts[index]
                    let decoded = withSegmentBytes(segment) { bytes in
                        var offset = 0, decoded = 0
                        while offset + 4 <= bytes.count {
                            let length = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt32.self)
                            let end = offset + 4 + Int(UInt32(littleEndian: length))
                            precondition(end <= bytes.count, "a record is cut short")
                            var reader = RecordReader(bytes: UnsafeBufferPointer(rebasing: bytes[offset + 4..<end]))
                            (place + decoded).initialize(to: decoder.record(&reader))
                            decoded += 1
                            offset = end
                        }
                        return decoded
                    }
                    precondition(decoded == segment.count, "the records do not add up")
                }
            }
            initialized = total
        }
    }

    /// Calls `body` with the bytes of one append's records.
    private func withSegmentBytes<T>(
        _ segment: (inFile: Bool, offset: Int, length: Int, count: Int), _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) -> T {
        guard segment.inFile else {
            return memory.withUnsafeBufferPointer {
                body(UnsafeBufferPointer(rebasing: $0[segment.offset..<segment.offset + segment.length]))
            }
        }
        var bytes = [UInt8](repeating: 0, count: segment.length)
        var done = 0
        while done < segment.length {
            let got = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, segment.length - done, off_t(segment.offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            // A file this process wrote and holds open is not expected to fail to read back.
            precondition(got > 0, "the spill's temporary file could not be read back")
            done += got
        }
        return bytes.withUnsafeBufferPointer(body)
    }
}

/// A pointer handed to the decoding workers, each writing its own places.
private struct UncheckedPointer<Pointee>: @unchecked Sendable {
    let value: UnsafeMutablePointer<Pointee>
    init(_ value: UnsafeMutablePointer<Pointee>) { self.value = value }
}

/// Makes values from a spill's records, one decoder per worker (it may keep what records share, such as texts).
public protocol RecordDecoder {
    /// What a record becomes.
    associatedtype Record
    /// A decoder with nothing kept yet.
    init()
    /// The value of the record `reader` reads (its whole record, in the order it was written).
    mutating func record(_ reader: inout RecordReader) -> Record
}

/// Writes records for a `RecordSpill`: each starts with its length, so a block of records can end anywhere. Values
/// are written exactly: texts as their UTF-8, numbers as their bytes.
public struct RecordWriter {
    /// The records written so far.
    public private(set) var bytes: [UInt8] = []
    /// How many.
    public private(set) var count = 0
    private var start = -1

    /// An empty writer.
    public init() {}

    /// Writes one record, whatever `body` puts.
    public mutating func record(_ body: (inout RecordWriter) -> Void) {
        start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        body(&self)
        let length = UInt32(bytes.count - start - 4)
        withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(start..<start + 4, with: $0) }
        count += 1
    }

    /// A byte.
    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// A count or a non-negative number, in as few bytes as it needs.
    public mutating func length(_ value: Int) { PackedJSON.putLength(value, &bytes) }

    /// A text.
    public mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            length(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes, with their count.
    public mutating func bytes(_ values: [UInt8]) {
        length(values.count)
        bytes += values
    }

    /// A plain value's bytes as they are in memory (a `Decimal`, a `Double`'s bits): read back on this machine only.
    public mutating func raw<Value: BitwiseCopyable>(_ value: Value) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// An exact decimal, as its bytes in memory.
    public mutating func decimal(_ value: Decimal) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }

    /// A time, or none.
    public mutating func date(_ date: Date?) {
        guard let date else { return bytes.append(0) }
        bytes.append(1)
        raw(date.timeIntervalSinceReferenceDate.bitPattern.littleEndian)
    }
}

/// Reads one record of a spill, value by value, in the order they were written (`RecordWriter`).
public struct RecordReader {
    private let record: UnsafeBufferPointer<UInt8>
    private var index = 0

    fileprivate init(bytes: UnsafeBufferPointer<UInt8>) { record = bytes }

    /// A byte.
    public mutating func byte() -> UInt8 {
        defer { index += 1 }
        return record[index]
    }

    /// A count or number written by `RecordWriter.length`.
    public mutating func length() -> Int {
        var value: UInt = 0, shift: UInt = 0
        while true {
            let byte = self.byte()
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(bitPattern: value) }
            shift += 7
        }
    }

    private mutating func take(_ count: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index + count <= record.count, "a record is cut short")
        defer { index += count }
        return UnsafeBufferPointer(rebasing: record[index..<index + count])
    }

    /// A text.
    public mutating func text() -> String { String(decoding: take(length()), as: UTF8.self) }

    /// A text that records repeat (a rule's id, a currency, a carrier): made once per decoder and shared through
    /// `shared`, as it was when the values were made.
    public mutating func text(sharedIn shared: inout SharedTexts) -> String {
        let bytes = take(length())
        if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
        let key = Array(bytes)
        if let known = shared.texts[key] { return known }
        let text = String(decoding: bytes, as: UTF8.self)
        if shared.texts.count < 4_096 { shared.texts[key] = text }
        return text
    }

    /// Bytes written by `RecordWriter.bytes`.
    public mutating func bytes() -> [UInt8] { Array(take(length())) }

    /// A value written by `RecordWriter.raw`.
    public mutating func raw<Value: BitwiseCopyable>(_ type: Value.Type) -> Value {
        UnsafeRawPointer(take(MemoryLayout<Value>.size).baseAddress!).loadUnaligned(as: Value.self)
    }

    /// A decimal written by `RecordWriter.decimal`.
    public mutating func decimal() -> Decimal {
        var value = Decimal()
        let stored = take(MemoryLayout<Decimal>.size)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(stored)) }
        return value
    }

    /// A time written by `RecordWriter.date`.
    public mutating func date() -> Date? {
        guard byte() == 1 else { return nil }
        return Date(timeIntervalSinceReferenceDate: Double(bitPattern: UInt64(littleEndian: raw(UInt64.self))))
    }
}

/// Texts a decoder has made, by their bytes, for `RecordReader.text(sharedIn:)` (short texts are not kept: making
/// them again is cheaper than looking them up).
public struct SharedTexts {
    fileprivate var texts: [[UInt8]: String] = [:]

    /// None yet.
    public init() {}
}
