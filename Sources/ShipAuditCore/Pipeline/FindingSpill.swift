import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The check stage's findings, written to a temporary file as the slices of orders are checked and read back once the
/// stores are let go: a run then holds the stores or the findings, not both (a million orders: the stores are about
/// 310 MB during the check and its 60,000 flags about 75 MB more, which was the run's peak). The file and its
/// failures are `RecordSpill`'s; the findings' records are `FindingCodec`'s.
public final class FindingSpill: Sendable {
    private let records: RecordSpill

    /// A spill in a temporary file in `directory` (removed from it at once); in memory when the file cannot be made.
    public init(directory: String) { records = RecordSpill(directory: directory, prefix: ".shipaudit-flags") }

    /// A spill writing to an open descriptor it then owns (for tests: `/dev/full` fails every write).
    init(descriptor: Int32) { records = RecordSpill(descriptor: descriptor) }

    /// The number of findings added.
    public var count: Int { records.count }

    /// True while the findings go to the file.
    var isOnDisk: Bool { records.isOnDisk }

    /// Closes and removes the file; the findings in it can no longer be read back (those in memory still can).
    func closeFile() { records.closeFile() }

    /// Adds findings encoded by `FindingCodec` (`count` of them), after those added before. Not thread-safe: the
    /// check adds slices one at a time, in order.
    func append(encoded bytes: [UInt8], count added: Int) { records.append(records: bytes, count: added) }

    /// Every finding added, in order, decoded on every core.
    func findings() -> [Finding] { records.records(FindingCodec.Decoder.self) }
}

/// Findings as bytes and back, exactly: texts as their UTF-8, amounts as their `Decimal`, times as their `Double`.
/// A `Finding` field not written here is lost in every run with a spill: `FindingSpillTests` compares every field.
enum FindingCodec {
    /// The records of `findings`.
    static func encoded(_ findings: [Finding]) -> [UInt8] {
        var out: [UInt8] = []
        encode(findings, into: &out)
        return out
    }

    /// Appends the records of `findings` to `out`.
    static func encode(_ findings: [Finding], into out: inout [UInt8]) {
        var writer = RecordWriter()
        for finding in findings { writer.record { encode(finding, into: &$0) } }
        out += writer.bytes
    }

    private static func encode(_ finding: Finding, into out: inout RecordWriter) {
        out.text(finding.rule)
        out.byte(UInt8(Severity.allCases.firstIndex(of: finding.severity)!))
        out.text(finding.orderId)
        out.text(finding.orderName)
        out.text(finding.message)
        out.bytes(finding.packedEvidence)
        if let money = finding.moneyAtStake {
            out.byte(1)
            out.decimal(money.amount)
            out.text(money.currency)
        } else {
            out.byte(0)
        }
        out.text(finding.action)
        out.length(finding.sources.count)
        for source in finding.sources {
            out.length(Int(source.fileNumber))
            out.length(source.line)
        }
        out.text(finding.moneyKind)
        out.date(finding.deadline)
        out.byte(UInt8(Owner.allCases.firstIndex(of: finding.owner)!))
        out.text(finding.carrier)
        out.text(finding.service)
        out.date(finding.orderDate)
    }

    /// Makes findings from records. Texts that repeat from flag to flag (rules, currencies, carriers, services) are
    /// made once and shared, as they were when the check made them.
    struct Decoder: RecordDecoder {
        private var shared = SharedTexts()

        mutating func record(_ reader: inout RecordReader) -> Finding {
            let rule = reader.text(sharedIn: &shared)
            let severity = Severity.allCases[Int(reader.byte())]
            let orderId = reader.text(), orderName = reader.text(), message = reader.text()
            let evidence = reader.bytes()
            var money: Money?
            if reader.byte() == 1 {
                let amount = reader.decimal()
                money = Money(amount, reader.text(sharedIn: &shared))
            }
            let action = reader.text()
            let sources = (0..<reader.length()).map { _ in
                SourceLocation(fileNumber: UInt32(reader.length()), line: reader.length())
            }
            let moneyKind = reader.text(sharedIn: &shared)
            let deadline = reader.date()
            let owner = Owner.allCases[Int(reader.byte())]
            let carrier = reader.text(sharedIn: &shared), service = reader.text(sharedIn: &shared)
            let orderDate = reader.date()
            return Finding(
                rule: rule, severity: severity, orderId: orderId, orderName: orderName, message: message,
                packedEvidence: evidence, moneyAtStake: money, action: action, sortedSources: sources,
                moneyKind: moneyKind, deadline: deadline, owner: owner, carrier: carrier, service: service,
                orderDate: orderDate)
        }
    }
}
