import Foundation
#if canImport(Glibc)
import Glibc
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
    /// The number of findings added.
    public private(set) var count = 0

    /// A spill in a temporary file in `directory`; in memory when the file cannot be made.
    public init(directory: String) {
        var template = Array((directory as NSString).appendingPathComponent(".shipaudit-flags-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 {
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// True while the findings go to the file.
    var isOnDisk: Bool { descriptor >= 0 && memory.isEmpty }

    /// Adds findings encoded by `FindingCodec.encode` (`count` of them), after those added before.
    func append(encoded bytes: [UInt8], count added: Int) {
        count += added
        guard !bytes.isEmpty else { return }
        guard isOnDisk else {
            memory += bytes
            return
        }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let result = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 {
                    // The rest stays in memory, after what the file holds.
                    memory += raw[offset...]
                    return
                }
                offset += result
                written += result
            }
        }
    }

    /// Every finding added, in order, with room for `extra` more. Read back in blocks: the file's bytes are never all
    /// in memory beside the findings made from them.
    func findings(reserving extra: Int = 0) -> [Finding] {
        var findings: [Finding] = []
        findings.reserveCapacity(count + extra)
        var decoder = FindingCodec.Decoder()
        var carry: [UInt8] = []
        if descriptor >= 0, written > 0 {
            var block = [UInt8](repeating: 0, count: 1 << 22)
            var offset = 0
            while offset < written {
                let wanted = min(block.count, written - offset)
                let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(offset)) }
                if got < 0 && errno == EINTR { continue }
                // A file this process wrote and holds open is not expected to fail to read back.
                precondition(got > 0, "the findings' temporary file could not be read back")
                offset += got
                carry += block[..<got]
                let used = carry.withUnsafeBufferPointer { decoder.decode($0, into: &findings) }
                carry.removeFirst(used)
            }
        }
        carry += memory
        let used = carry.withUnsafeBufferPointer { decoder.decode($0, into: &findings) }
        precondition(used == carry.count && findings.count == count, "the findings' records do not add up")
        return findings
    }
}

/// Findings as bytes and back, exactly: texts as their UTF-8, amounts as their `Decimal`, times as their `Double`.
/// Each record starts with its length, so a block of records can end anywhere.
enum FindingCodec {
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

        /// Decodes the whole records at the start of `bytes` into `findings`; returns the bytes used.
        mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, into findings: inout [Finding]) -> Int {
            var offset = 0
            while offset + 4 <= bytes.count {
                let length = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt32.self)
                let end = offset + 4 + Int(UInt32(littleEndian: length))
                guard end <= bytes.count else { break }
                var reader = Reader(bytes: UnsafeBufferPointer(rebasing: bytes[offset + 4..<end]))
                findings.append(finding(&reader))
                offset = end
            }
            return offset
        }

        private mutating func finding(_ reader: inout Reader) -> Finding {
            let rule = sharedText(&reader)
            let severity = Severity.allCases[Int(reader.byte())]
            let orderId = reader.text(), orderName = reader.text(), message = reader.text()
            let evidence = Array(reader.bytes(reader.length()))
            var money: Money?
            if reader.byte() == 1 {
                var amount = Decimal()
                withUnsafeMutableBytes(of: &amount) { $0.copyMemory(from: UnsafeRawBufferPointer(reader.bytes(MemoryLayout<Decimal>.size))) }
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
            return Finding(rule: rule, severity: severity, orderId: orderId, orderName: orderName, message: message,
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
