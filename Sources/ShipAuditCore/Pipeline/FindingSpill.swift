import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
import ShipAuditCSV
import ShipAuditStorage
#endif

/// The check stage's findings, written to a temporary file as the slices of orders are checked and read back once the
/// stores are let go: a run then holds the stores or the findings, not both (a million orders: the stores are about
/// 310 MB during the check and its 60,000 flags about 75 MB more, which was the run's peak).
///
/// The file is created in the report directory and removed from it at once (only this process's descriptor keeps it),
/// so nothing is left behind however the run ends. A file that cannot be created or written (a full disk) keeps the
/// findings in memory from there on: the run is the same, only larger.
public final class FindingSpill: @unchecked Sendable {
    private var descriptor: Int32
    /// Bytes in the file, every one of them written.
    private var written = 0
    /// Records not in the file (all of them without one, or after a write failed), after those in the file.
    private var memory: [UInt8] = []
    /// Each append's records: where their bytes are (in the file, or in `memory`) and how many findings they hold.
    private var segments: [(inFile: Bool, offset: Int, length: Int, count: Int)] = []
    /// The number of findings added.
    public var count: Int { segments.reduce(0) { $0 + $1.count } }

    /// The file's path while it is still in its directory (a file system that cannot remove an open file).
    private var path: [CChar]?

    /// A spill in a temporary file in `directory`; in memory when the file cannot be made.
    public init(directory: String) {
        var template = Array((directory as NSString).appendingPathComponent(".shipaudit-flags-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0, template.withUnsafeBufferPointer({ unlink($0.baseAddress!) }) != 0 { path = template }
    }

    /// A spill writing to an open descriptor it then owns (for tests: `/dev/full` fails every write).
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { closeFile() }

    /// Closes and removes the file; the findings in it can no longer be read back (those in memory still can).
    func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        path?.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        path = nil
    }

    /// True while the findings go to the file.
    var isOnDisk: Bool { descriptor >= 0 && memory.isEmpty }

    /// Adds findings encoded by `FindingCodec.encode` (`count` of them), after those added before. Not thread-safe:
    /// the check adds slices one at a time, in order.
    func append(encoded bytes: [UInt8], count added: Int) {
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

    /// Every finding added, in order. The appends' records are decoded on every core, each straight into its place:
    /// the file's bytes are never all in memory beside the findings made from them.
    func findings() -> [Finding] {
        var starts: [Int] = []
        starts.reserveCapacity(segments.count)
        var total = 0
        for segment in segments {
            starts.append(total)
            total += segment.count
        }
        let segments = self.segments, firsts = starts
        let taken = Atomic<Int>(0)
        return [Finding](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = UncheckedSendable(buffer.baseAddress!)
            let workers = min(segments.count, ProcessInfo.processInfo.activeProcessorCount)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var decoder = FindingCodec.Decoder()
                while case let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue, index < segments.count {
                    let segment = segments[index]
                    let decoded = withSegmentBytes(segment) { decoder.decode($0, to: base.value + firsts[index]) }
                    precondition(decoded == segment.count, "the findings' records do not add up")
                }
            }
            initialized = total
        }
    }

    /// Calls `body` with the bytes of one append's records.
    private func withSegmentBytes<T>(
        _ segment: (inFile: Bool, offset: Int, length: Int, count: Int),
        _ body: (UnsafeBufferPointer<UInt8>) -> T
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
            precondition(got > 0, "the findings' temporary file could not be read back")
            done += got
        }
        return bytes.withUnsafeBufferPointer(body)
    }
}

/// Findings as bytes and back, exactly: texts as their UTF-8, amounts as their `Decimal`, times as their `Double`.
/// Each record starts with its length, so a block of records can end anywhere.
enum FindingCodec {
    /// The records of `findings`.
    static func encoded(_ findings: [Finding]) -> [UInt8] {
        var out: [UInt8] = []
        encode(findings, into: &out)
        return out
    }

    /// Appends the records of `findings` to `out`.
    static func encode(_ findings: [Finding], into out: inout [UInt8]) {
        for finding in findings {
            let start = out.count
            out.append(contentsOf: [0, 0, 0, 0])
            encode(finding, into: &out)
            let length = UInt32(out.count - start - 4)
            withUnsafeBytes(of: length.littleEndian) { out.replaceSubrange(start..<start + 4, with: $0) }
        }
    }

    private static func encode(_ finding: Finding, into out: inout [UInt8]) {
        put(finding.rule, &out)
        out.append(UInt8(Severity.allCases.firstIndex(of: finding.severity)!))
        put(finding.orderId, &out)
        put(finding.orderName, &out)
        put(finding.message, &out)
        putLength(finding.packedEvidence.count, &out)
        out += finding.packedEvidence
        if let money = finding.moneyAtStake {
            out.append(1)
            withUnsafeBytes(of: money.amount) { out.append(contentsOf: $0) }
            put(money.currency, &out)
        } else {
            out.append(0)
        }
        put(finding.action, &out)
        putLength(finding.sources.count, &out)
        for source in finding.sources {
            putLength(Int(source.fileNumber), &out)
            putLength(source.line, &out)
        }
        put(finding.moneyKind, &out)
        put(finding.deadline, &out)
        out.append(UInt8(Owner.allCases.firstIndex(of: finding.owner)!))
        put(finding.carrier, &out)
        put(finding.service, &out)
        put(finding.orderDate, &out)
    }

    private static func put(_ text: String, _ out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            putLength(bytes.count, &out)
            out.append(contentsOf: bytes)
        }
    }

    private static func put(_ date: Date?, _ out: inout [UInt8]) {
        guard let date else { return out.append(0) }
        out.append(1)
        withUnsafeBytes(of: date.timeIntervalSinceReferenceDate.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func putLength(_ value: Int, _ out: inout [UInt8]) { PackedJSON.putLength(value, &out) }

    /// Makes findings from records. Texts that repeat from flag to flag (rules, currencies, carriers, services) are
    /// made once and shared, as they were when the check made them.
    struct Decoder {
        private var shared: [[UInt8]: String] = [:]

        /// Decodes the records of `bytes` (whole records only) into uninitialized memory at `place` on; returns how
        /// many it decoded.
        mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, to place: UnsafeMutablePointer<Finding>) -> Int {
            var offset = 0, decoded = 0
            while offset + 4 <= bytes.count {
                let length = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt32.self)
                let end = offset + 4 + Int(UInt32(littleEndian: length))
                precondition(end <= bytes.count, "a finding's record is cut short")
                var reader = Reader(bytes: UnsafeBufferPointer(rebasing: bytes[offset + 4..<end]))
                (place + decoded).initialize(to: finding(&reader))
                decoded += 1
                offset = end
            }
            return decoded
        }

        private mutating func finding(_ reader: inout Reader) -> Finding {
            let rule = sharedText(&reader)
            let severity = Severity.allCases[Int(reader.byte())]
            let orderId = reader.text(), orderName = reader.text(), message = reader.text()
            let evidence = Array(reader.bytes(reader.length()))
            var money: Money?
            if reader.byte() == 1 {
                var amount = Decimal()
                withUnsafeMutableBytes(of: &amount) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(reader.bytes(MemoryLayout<Decimal>.size)))
                }
                money = Money(amount, sharedText(&reader))
            }
            let action = reader.text()
            let sources = (0..<reader.length()).map { _ in
                SourceLocation(fileNumber: UInt32(reader.length()), line: reader.length())
            }
            let moneyKind = sharedText(&reader)
            let deadline = reader.date()
            let owner = Owner.allCases[Int(reader.byte())]
            let carrier = sharedText(&reader), service = sharedText(&reader)
            let orderDate = reader.date()
            return Finding(
                rule: rule, severity: severity, orderId: orderId, orderName: orderName, message: message,
                packedEvidence: evidence, moneyAtStake: money, action: action, sortedSources: sources,
                moneyKind: moneyKind, deadline: deadline, owner: owner, carrier: carrier, service: service,
                orderDate: orderDate)
        }

        private mutating func sharedText(_ reader: inout Reader) -> String {
            let bytes = reader.bytes(reader.length())
            if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
            let key = Array(bytes)
            if let known = shared[key] { return known }
            let text = String(decoding: bytes, as: UTF8.self)
            if shared.count < 4_096 { shared[key] = text }
            return text
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func byte() -> UInt8 {
            defer { index += 1 }
            return bytes[index]
        }

        mutating func length() -> Int {
            var value: UInt = 0, shift: UInt = 0
            while true {
                let byte = self.byte()
                value |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { return Int(bitPattern: value) }
                shift += 7
            }
        }

        mutating func bytes(_ count: Int) -> UnsafeBufferPointer<UInt8> {
            defer { index += count }
            return UnsafeBufferPointer(rebasing: bytes[index..<index + count])
        }

        mutating func text() -> String { String(decoding: bytes(length()), as: UTF8.self) }

        mutating func date() -> Date? {
            guard byte() == 1 else { return nil }
            var bits: UInt64 = 0
            withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(self.bytes(8))) }
            return Date(timeIntervalSinceReferenceDate: Double(bitPattern: UInt64(littleEndian: bits)))
        }
    }
}
