import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// How urgent a flag is.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case high, medium, low

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Who acts on a flag.
public enum Owner: String, Sendable, CaseIterable {
    case warehouse
    case carrierClaims = "carrier claims"
    case customerService = "customer service"
}

/// One flag raised by one rule on one order: what is wrong, the evidence, what it costs and what to do.
public struct Finding: Sendable {
    /// The rule's id (`service_downgrade`).
    public let rule: String
    /// How urgent.
    public let severity: Severity
    /// Normalized order number (no `#`).
    public let orderId: String
    /// The order number as the store writes it (`#1041`).
    public let orderName: String
    /// One sentence a manager understands: "Paid UPS Next Day Air (overnight), shipped UPS® Ground (ground)".
    public private(set) var message: String
    /// The facts behind it, by name, in a fixed order (paid vs shipped, expected vs measured, …).
    public var evidence: [(String, JSONValue)] { PackedJSON.unpackObject(packedEvidence) }
    /// `evidence`, packed (`PackedJSON`): a run flagging many orders keeps a few hundred bytes per flag for it, not
    /// a tree of a dozen heap objects.
    let packedEvidence: [UInt8]
    /// Money at stake, when it can be put in money.
    public let moneyAtStake: Money?
    /// The recommended remedy (the rule's, or `[policy.actions]`).
    public internal(set) var action: String
    /// Every input row the flag used.
    public let sources: [SourceLocation]
    /// What the money at stake is ("shipping paid", "goods value", "claimable label cost", …).
    public let moneyKind: String
    /// The latest useful moment to act (reship-by, claim deadline), when one applies.
    public let deadline: Date?
    /// Who acts: the rule's default owner, or the one `[policy.owners]` names.
    public internal(set) var owner: Owner
    /// The carrier and service of the order's first package, for grouping; empty when none.
    public internal(set) var carrier = ""
    /// The service as written on the first package.
    public internal(set) var service = ""
    /// When the order was placed, for `--since`/`--until`.
    public internal(set) var orderDate: Date?

    /// This finding with its message and action in storage of their own size, for a finding held in memory until the
    /// report (a finding written to a spill is encoded at once, and its texts are let go).
    func compacted() -> Finding {
        var copy = self
        copy.message = Self.exact(message)
        copy.action = Self.exact(action)
        return copy
    }

    /// `text` in storage of its own size: a message built by interpolation keeps the room it grew into, up to twice
    /// its length.
    static func exact(_ text: String) -> String {
        text.utf8.count <= 15
            ? text
            : String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                _ = buffer.initialize(from: text.utf8)
                return text.utf8.count
            }
    }

    /// A finding from its stored parts as they are (`FindingCodec`): evidence already packed, sources already sorted.
    init(
        rule: String, severity: Severity, orderId: String, orderName: String, message: String, packedEvidence: [UInt8],
        moneyAtStake: Money?, action: String, sortedSources: [SourceLocation], moneyKind: String, deadline: Date?,
        owner: Owner, carrier: String, service: String, orderDate: Date?
    ) {
        self.rule = rule
        self.severity = severity
        self.orderId = orderId
        self.orderName = orderName
        self.message = message
        self.packedEvidence = packedEvidence
        self.moneyAtStake = moneyAtStake
        self.action = action
        sources = sortedSources
        self.moneyKind = moneyKind
        self.deadline = deadline
        self.owner = owner
        self.carrier = carrier
        self.service = service
        self.orderDate = orderDate
    }

    /// Creates a finding; sources are sorted and de-duplicated.
    public init(
        rule: String, severity: Severity, orderId: String, orderName: String, message: String,
        evidence: Evidence, moneyAtStake: Money?, action: String, sources: [SourceLocation],
        moneyKind: String = "", deadline: Date? = nil, owner: Owner = .customerService
    ) {
        self.rule = rule
        self.severity = severity
        self.orderId = orderId
        self.orderName = orderName
        self.message = message
        packedEvidence = evidence.packed
        self.moneyAtStake = moneyAtStake
        self.action = action
        self.sources = SourceLocation.sortedUnique(sources)
        self.moneyKind = moneyAtStake == nil ? "" : moneyKind
        self.deadline = deadline
        self.owner = owner
    }
}
