import Foundation
import ShipAuditCSV
import ShipAuditStorage
import Synchronization

/// The check stage: runs every enabled rule on every checkable order and counts what could not be checked.
public struct Checker: Sendable {
    private var rules: [any Rule]
    private var inputRules: [any InputRule]
    private var invoiceRules: [any InvoiceRule]
    private let configuration: Configuration

    /// False: every order is checked in full, without the rules' quick test (`Rule.passesAtOnce`); for tests.
    private let quickTest: Bool

    /// Creates a checker with the rules not disabled in the configuration.
    public init(
        configuration: Configuration, rules: [any Rule] = RuleCatalog.all,
        inputRules: [any InputRule] = RuleCatalog.inputRules,
        invoiceRules: [any InvoiceRule] = RuleCatalog.invoiceRules,
        quickTest: Bool = true
    ) {
        self.configuration = configuration
        self.quickTest = quickTest
        self.rules = rules.filter { !configuration.disabledRules.contains(type(of: $0).id) }
        self.inputRules = inputRules.filter { !configuration.disabledRules.contains(type(of: $0).id) }
        self.invoiceRules = invoiceRules.filter { !configuration.disabledRules.contains(type(of: $0).id) }
    }

    /// Checks every order as of `asOf`; returns the findings (sorted by order, then rule) and the coverage.
    public func check(_ matched: MatchedInputs, asOf: Date) -> (findings: [Finding], coverage: Coverage) {
        let checked = check(matched, asOf: asOf, spill: nil)
        return (checked.findings(), checked.coverage)
    }

    /// What a check found: the coverage, and the findings, held or waiting in a spill until `findings()` is asked.
    public struct Checked {
        /// What could and could not be checked.
        public internal(set) var coverage: Coverage
        /// The findings sorted, when they were held.
        private let held: [Finding]
        private let spill: FindingSpill?

        /// What each flagged order is worth (goods plus shipping paid).
        public internal(set) var orderValues: [String: Money] = [:]

        fileprivate init(coverage: Coverage, held: [Finding], spill: FindingSpill?) {
            (self.coverage, self.held, self.spill) = (coverage, held, spill)
        }

        /// Closes the spill's file on the release thread (`Released`): the findings are read back, and closing a
        /// file of tens of megabytes waits for the disk to free its blocks.
        func releaseSpillInBackground() {
            guard let spill else { return }
            Released<Void>.inBackground { spill.closeFile() }
        }

        /// Every finding, sorted by order, then rule (read back from the spill, if there is one).
        public func findings() -> [Finding] { findingsAndTotals().findings }

        /// `findings()`, and the report's totals of them (`Report.totals`), worked out beside the sort: both read the
        /// findings as read back, and the end of the check runs on one core otherwise.
        func findingsAndTotals() -> (findings: [Finding], totals: Report.Totals) {
            guard let spill else { return (held, Report.totals(held)) }
            let unsorted = spill.findings()
            nonisolated(unsafe) var totals: (byRule: [(String, Int)], money: [Money])?
            nonisolated(unsafe) var sorted: [Finding] = []
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 { totals = Report.ruleAndMoneyTotals(unsorted) } else { sorted = Checker.sorted(unsorted) }
            }
            return (sorted, (Report.ordersFlagged(sorted: sorted), totals!.byRule, totals!.money))
        }
    }

    /// `findings` by order number, then by rule in catalog order (cross-order flags go with their order number), as a
    /// new array (the given one is only read). Each finding's order number
    /// as a number (when it is one) and its rule's place are worked out once, and positions are sorted, not findings:
    /// the comparison parsed both order numbers and looked both rules up every time, and sorting moved whole findings
    /// (a dozen references each) through its buffers.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        let ruleOrder = Dictionary(uniqueKeysWithValues: RuleCatalog.ids.enumerated().map { ($1, $0) })
        let numbers = findings.indices.map { Int(findings[$0].orderId) }
        // a rule not in the catalog (a test's) last
        let rules = findings.indices.map { ruleOrder[findings[$0].rule] ?? ruleOrder.count }
        var order = Array(findings.indices)
        // The same order as comparing `OrderMatcher.orderKeyLess` of the order numbers, then the rules; stable.
        order.sort { i, j in
            if let x = numbers[i], let y = numbers[j], x != y { return x < y }
            if findings[i].orderId != findings[j].orderId {
                return OrderMatcher.orderKeyLess(findings[i].orderId, findings[j].orderId)
            }
            return rules[i] < rules[j]
        }
        // The slices' findings come back in order unless cross-order flags are among them: then the array is the
        // answer as it is, shared, where building it again copied every finding.
        if order.indices.allSatisfy({ order[$0] == $0 }) { return findings }
        return order.map { findings[$0] }
    }

    /// `check`, with each slice's findings written to `spill` (in slice order, as soon as the slices before it are
    /// written) instead of being held: the caller lets the matched inputs go before it asks for the findings.
    ///
    /// The orders are checked in slices on all cores (a rule looks at one order and the shared, read-only context);
    /// the slices' findings and counts are then put together in order.
    public func check(_ matched: MatchedInputs, asOf: Date, spill: FindingSpill?) -> Checked {
        let missing = Self.missingInputs(
            of: rules.map { type(of: $0) } + inputRules.map { type(of: $0) } + invoiceRules.map { type(of: $0) },
            in: matched)
        guard missing.isEmpty else {
            // Rules whose inputs were not given are not run; every order is counted as not checked by them.
            var runnable = self
            runnable.rules = rules.filter { missing[type(of: $0).id] == nil }
            runnable.inputRules = inputRules.filter { missing[type(of: $0).id] == nil }
            runnable.invoiceRules = invoiceRules.filter { missing[type(of: $0).id] == nil }
            var checked = runnable.check(matched, asOf: asOf, spill: spill)
            checked.coverage.skips =
                (checked.coverage.skips
                + missing.map { rule, reason in
                    SkipCount(rule: rule, reason: reason, orders: checked.coverage.ordersChecked, items: [])
                }).sorted { ($0.rule, $0.reason) < ($1.rule, $1.reason) }
            return checked
        }
        let context = Self.context(matched, configuration, asOf: asOf)
        var parts = checkSlices(matched, context: context, spill: spill)
        var findings: [Finding] = []
        var crossOrder: [Finding] = []
        let invoiceSkips: [SkipCount]
        if let spill {
            invoiceSkips = spillAcrossOrders(matched, context: context, into: spill)
        } else {
            for rule in inputRules {
                rule.check(matched, context: context) { crossOrder.append(applyPolicy($0).compacted()) }
            }
            invoiceSkips = checkInvoices(matched, context: context) { crossOrder.append(applyPolicy($0).compacted()) }
            // The room for every flag made once (growing a full array would copy it into one twice its size).
            findings.reserveCapacity(parts.reduce(crossOrder.count) { $0 + ($1?.findings.count ?? 0) })
        }
        // Each slice's part is let go once merged: the parts and the merged list are not all held at the same time.
        var merged = Part()
        for index in parts.indices {
            guard let part = parts[index] else { continue }
            parts[index] = nil
            // Held until the report: texts in storage of their own size (spilled findings are encoded instead).
            findings.append(contentsOf: part.findings.lazy.map { $0.compacted() })
            merged.absorb(part)
        }
        var coverage = merged.coverage
        coverage.orders = matched.orders.count
        coverage.packagesWithoutOrder = matched.packagesWithoutOrder
        coverage.voidedLabels = matched.loaded.voidedLabels
        coverage.shipmentRowsWithoutTracking = matched.loaded.shipmentRowsWithoutTracking
        coverage.unknownStatuses = matched.loaded.unknownStatuses
        coverage.unknownPaymentStatuses = matched.loaded.unknownPaymentStatuses
        coverage.unknownFulfilmentStatuses = matched.loaded.unknownFulfilmentStatuses
        coverage.trackingWithoutPackage = matched.trackingWithoutPackage
        coverage.recycledTracking = matched.recycledTracking
        coverage.skips =
            (merged.skips.values.map { entry in
                var count = entry.count
                count.items = entry.items.sorted()
                return count
            } + inputRules.flatMap { $0.notChecked(matched, context: context) } + invoiceSkips)
            .sorted { ($0.rule, $0.reason) < ($1.rule, $1.reason) }
        if spill == nil {
            findings += crossOrder
            findings = Self.sorted(findings)
        }
        var checked = Checked(coverage: coverage, held: findings, spill: spill)
        checked.orderValues = merged.orderValues
        return checked
    }

    /// The orders in slices of `sliceSize`, checked on every core; each slice's part, in order. With a spill, each
    /// slice's findings are written to it (in slice order, as soon as the slices before it are written) instead of
    /// being kept in its part.
    ///
    /// One worker per core, each with its own copy of the stores' strings (see `MatchedOrders.withOwnStrings`),
    /// taking slices of orders until none is left: recent orders (in transit, not shipped) cost more than old ones,
    /// so two fixed halves would leave one core idle.
    private func checkSlices(_ matched: MatchedInputs, context: RuleContext, spill: FindingSpill?) -> [Part?] {
        let count = matched.orders.count
        let unitGrams = Self.unitGrams(matched)
        // The orders' shipping methods that mean pickup or local delivery, found once by their text numbers.
        let pickupMethods = matched.loaded.orders.shippingMethodNumbers.filter { number in
            number != 0
                && PickupMethods.matches(
                    matched.loaded.orders.text(number: number), extra: configuration.pickupMethods)
        }
        let pickupTexts = Set(pickupMethods.map { matched.loaded.orders.text(number: $0) })
        let slices = stride(from: 0, to: count, by: Self.sliceSize).map { $0..<min($0 + Self.sliceSize, count) }
        let parts = Mutex(SliceBook(count: slices.count))
        let workers = min(slices.count, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let orders = workers > 1 ? matched.orders.withOwnStrings() : matched.orders
            while let index = parts.withLock({ $0.nextSlice() }) {
                var part = checkOrders(
                    orders, slices[index], rejected: matched.loaded.ordersWithRejectedRows, context: context,
                    unitGrams: unitGrams, pickupMethods: pickupMethods, pickupTexts: pickupTexts)
                guard let spill else {
                    parts.withLock { $0.values[index] = part }
                    continue
                }
                let encoded = FindingCodec.encoded(part.findings), found = part.findings.count
                part.findings = []
                parts.withLock { book in
                    book.values[index] = part
                    book.encoded[index] = (encoded, found)
                    // Slices are written in order: a slice checked before the one ahead of it waits for it.
                    while book.spilled < slices.count, let ready = book.encoded[book.spilled] {
                        spill.append(encoded: ready.bytes, count: ready.count)
                        book.encoded[book.spilled] = nil
                        book.spilled += 1
                    }
                }
            }
        }
        return parts.withLock { book in
            defer { book.values = [] }
            return book.values
        }
    }

    /// The orders checked per slice.
    private static let sliceSize = 4_096

    /// The cross-order rules' flags, written to the spill a slice's worth at a time as the rules make them (a
    /// shipments export for another store's orders gives one per package); the sort puts them with their orders.
    /// Returns what the invoice rules could not judge.
    private func spillAcrossOrders(_ matched: MatchedInputs, context: RuleContext, into spill: FindingSpill)
        -> [SkipCount]
    {
        var pending: [Finding] = []
        func flush() {
            spill.append(encoded: FindingCodec.encoded(pending), count: pending.count)
            pending.removeAll(keepingCapacity: true)
        }
        func take(_ finding: Finding) {
            pending.append(applyPolicy(finding))
            if pending.count == Self.sliceSize { flush() }
        }
        for rule in inputRules { rule.check(matched, context: context, emit: take) }
        let skips = checkInvoices(matched, context: context, emit: take)
        flush()
        return skips
    }

    /// The invoice rules on every package the invoices bill, each package made once for all of them; returns the
    /// packages they could not judge, counted by rule and reason (the orders the packages are of, the tracking
    /// numbers as items).
    ///
    /// The packages are checked in slices on every core, a batch of slices at a time; each batch's findings are
    /// handed to `emit` in package order before the next batch starts, so that only a batch's are held.
    private func checkInvoices(_ matched: MatchedInputs, context: RuleContext, emit: (Finding) -> Void)
        -> [SkipCount]
    {
        let packages = matched.invoicePackages
        guard !invoiceRules.isEmpty, packages.count > 0 else { return [] }
        let rules = invoiceRules
        let slices = stride(from: 0, to: packages.count, by: Self.sliceSize).map {
            $0..<min($0 + Self.sliceSize, packages.count)
        }
        var skipped: [InvoiceSkip: (orders: Set<String>, items: [String])] = [:]
        let workers = ProcessInfo.processInfo.activeProcessorCount
        for batch in stride(from: 0, to: slices.count, by: 4 * workers) {
            let batchSlices = Array(slices[batch..<min(batch + 4 * workers, slices.count)])
            let parts = Mutex(InvoiceBook(count: batchSlices.count))
            DispatchQueue.concurrentPerform(iterations: min(workers, batchSlices.count)) { _ in
                while let index = parts.withLock({ $0.nextSlice() }) {
                    var part = InvoicePart()
                    for position in batchSlices[index] {
                        let package = packages.package(position, matched.loaded)
                        for (number, rule) in rules.enumerated() {
                            guard let reason = rule.check(package, context: context, emit: { part.findings.append($0) })
                            else { continue }
                            part.skips.append(
                                (
                                    InvoiceSkip(rule: number, reason: reason), package.order?.id ?? package.tracking,
                                    package.tracking
                                ))
                        }
                    }
                    parts.withLock { $0.parts[index] = part }
                }
            }
            let done = parts.withLock { book in
                defer { book.parts = [] }
                return book.parts
            }
            // The batch's invoice records are read: their pages go back to the system (file-backed records only).
            packages.store.releaseResident()
            for part in done {
                guard let part else { continue }
                part.findings.forEach(emit)
                for (key, order, tracking) in part.skips {
                    // Changed in place: a copy of the entry would copy its set for every package.
                    skipped[key, default: ([], [])].orders.insert(order)
                    skipped[key]!.items.append(tracking)
                }
            }
        }
        return skipped.map { key, entry in
            SkipCount(
                rule: type(of: invoiceRules[key.rule]).id, reason: key.reason, orders: entry.orders.count,
                items: entry.items.sorted())
        }
    }

    /// An invoice rule (its position) and why it could not judge a package.
    private struct InvoiceSkip: Hashable {
        let rule: Int, reason: String
    }

    /// One slice of invoice packages checked: its findings, and its packages not judged (rule and reason, order,
    /// tracking number).
    private struct InvoicePart: Sendable {
        var findings: [Finding] = []
        var skips: [(InvoiceSkip, String, String)] = []
    }

    /// A batch of invoice slices: the next to take, and each one's part once checked.
    private struct InvoiceBook: Sendable {
        var parts: [InvoicePart?]
        var next = 0
        init(count: Int) { parts = Array(repeating: nil, count: count) }
        mutating func nextSlice() -> Int? {
            guard next < parts.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// One thread's share of the check.
    private struct Part {
        var findings: [Finding] = []
        /// What each order with a flag is worth: goods plus shipping paid.
        var orderValues: [String: Money] = [:]
        var coverage = Coverage()
        var skips: [String: (count: SkipCount, items: Set<String>)] = [:]

        /// Adds another part's counts and skips to these (not its findings).
        mutating func absorb(_ part: Part) {
            coverage.packagesMatched += part.coverage.packagesMatched
            coverage.ordersWithPackages += part.coverage.ordersWithPackages
            coverage.packagesWithTracking += part.coverage.packagesWithTracking
            coverage.ordersChecked += part.coverage.ordersChecked
            coverage.fulfilledWithoutPackage += part.coverage.fulfilledWithoutPackage
            orderValues.merge(part.orderValues) { a, _ in a }
            coverage.unknownServices.merge(part.coverage.unknownServices, uniquingKeysWith: +)
            coverage.ordersNotChecked.merge(part.coverage.ordersNotChecked, uniquingKeysWith: +)
            skips.merge(part.skips) { a, b in
                var merged = a
                merged.count.orders += b.count.orders
                merged.items.formUnion(b.items)
                return merged
            }
        }
    }

    /// The workers' shared account of the slices, under a lock: which slice is next, each slice's part, and the
    /// encoded findings waiting for the slices before them to be spilled.
    private struct SliceBook {
        var values: [Part?]
        /// Slices' findings encoded for the spill, waiting for the slices before them to be written.
        var encoded: [(bytes: [UInt8], count: Int)?]
        /// The slices written to the spill so far.
        var spilled = 0
        private var next = 0

        init(count: Int) {
            values = Array(repeating: nil, count: count)
            encoded = Array(repeating: nil, count: count)
        }

        /// The next slice no worker has taken, nil when all are taken.
        mutating func nextSlice() -> Int? {
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// The catalog's unit weight in grams by the orders' text number of a SKU (NaN: not in the catalog), for
    /// `OrderFacts`.
    private static func unitGrams(_ matched: MatchedInputs) -> [Double] {
        let orders = matched.loaded.orders
        return (0..<orders.textCount).map { number in
            matched.catalog[orders.text(number: UInt32(number))]?.unitWeight.grams ?? .nan
        }
    }

    /// Runs the rules on the orders at `range`, counting what the coverage needs. An order every rule passes at once
    /// (`Rule.passesAtOnce`, from its `OrderFacts`) is counted from its facts; any other is made whole and checked.
    private func checkOrders(
        _ orders: MatchedOrders, _ range: Range<Int>, rejected: Set<String>, context: RuleContext,
        unitGrams: [Double], pickupMethods: Set<UInt32>, pickupTexts: Set<String>
    ) -> Part {
        var part = Part()
        let weightRules = rules.contains { $0 is WeightShortRule || $0 is WeightOverRule }
        let weight = configuration.weight
        var deadlines = DeadlineMemo()
        for position in range {
            if quickTest {
                let facts = orders.facts(
                    at: position, unitGrams: unitGrams, weight: weight, hasCatalog: context.hasCatalog,
                    deadlines: &deadlines)
                if !facts.isCancelled, !facts.isPaymentStatusUnknown, !pickupMethods.contains(facts.methodNumber),
                    !facts.hasUnknownService,
                    !(facts.placedSeconds > context.asOf.timeIntervalSince1970),
                    rejected.isEmpty || !rejected.contains(orders.id(at: position)),
                    passesAtOnce(facts, context)
                {
                    part.coverage.packagesMatched += facts.packages
                    if facts.packages > 0 { part.coverage.ordersWithPackages += 1 }
                    if context.hasShipments, facts.packages == 0, facts.hasFulfilledLine {
                        part.coverage.fulfilledWithoutPackage += 1
                    }
                    part.coverage.packagesWithTracking += facts.trackedPackages
                    part.coverage.ordersChecked += 1
                    continue
                }
            }
            var order = orders[position]
            part.coverage.packagesMatched += order.packages.count
            if !order.packages.isEmpty && !order.order.isCancelled { part.coverage.ordersWithPackages += 1 }
            // The store says it shipped, the shipments export has no package: a gap in the data, not a flag.
            if context.hasShipments, order.packages.isEmpty, !order.order.isCancelled,
                order.order.lines.contains(where: { $0.requiresShipping && $0.quantity > 0 && $0.isFulfilled == true })
            {
                part.coverage.fulfilledWithoutPackage += 1
            }
            part.coverage.packagesWithTracking += order.tracking.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            // Names that resolved to no tier, counted once per order or package (cancelled orders are not checked).
            if !order.order.isCancelled {
                if let text = order.paidServiceText, order.paidService == nil {
                    part.coverage.unknownServices[text, default: 0] += 1
                }
                for (package, service) in zip(order.packages, order.packageServices)
                where service == nil && !package.service.isEmpty {
                    part.coverage.unknownServices[package.service, default: 0] += 1
                }
            }
            if let reason = reasonNotChecked(order, rejected: rejected, asOf: context.asOf, pickupTexts: pickupTexts) {
                part.coverage.ordersNotChecked[reason, default: 0] += 1
                continue
            }
            part.coverage.ordersChecked += 1
            // Both weight rules compare the same expected and measured weights: worked out once.
            if weightRules { order.weighed = WeightComparison.make(order, context: context) }
            let flagsBefore = part.findings.count
            defer {
                // What a flagged order is worth caps what its flags count for in the headline (`countExposure`).
                if part.findings.count > flagsBefore {
                    part.orderValues[order.order.id] = Money(
                        order.order.goodsValue + (order.shippingPaid?.amount ?? 0), order.currency)
                }
            }
            for rule in rules {
                switch rule.check(order, context: context) {
                case .passed: break
                case .flagged(var finding):
                    finding.carrier = order.packages.first?.carrier ?? ""
                    finding.service = order.packages.first?.service ?? ""
                    finding.orderDate = order.order.createdAt
                    part.findings.append(applyPolicy(finding))
                case .skipped(let reason, let items):
                    let id = type(of: rule).id
                    let key = "\(id)\u{0}\(reason)"
                    var entry = part.skips[key] ?? (SkipCount(rule: id, reason: reason, orders: 0, items: []), [])
                    entry.count.orders += 1
                    entry.items.formUnion(items)
                    part.skips[key] = entry
                }
            }
        }
        return part
    }

    /// True when every rule passes the order at once. By index: `allSatisfy`'s closure took a copy of each rule
    /// (an existential: a retain and a release) for every order.
    private func passesAtOnce(_ facts: OrderFacts, _ context: RuleContext) -> Bool {
        for index in rules.indices where !rules[index].passesAtOnce(facts, context: context) { return false }
        return true
    }

    /// What the rules see for these inputs at `asOf`.
    static func context(_ matched: MatchedInputs, _ configuration: Configuration, asOf: Date) -> RuleContext {
        var context = RuleContext(
            catalog: matched.catalog, configuration: configuration,
            hasCatalog: matched.loaded.inputs.contains { $0.kind == .catalog },
            hasTracking: matched.loaded.inputs.contains { $0.kind == .tracking }, asOf: asOf)
        context.shipmentsBegin = matched.shipmentsBegin
        context.hasShipments =
            matched.loaded.shipments.count > 0 || matched.loaded.inputs.contains { $0.kind == .shipments }
        context.trackingBegins = matched.trackingBegins
        if context.hasTracking { context.carriersWithTracking = matched.carriersWithTracking }
        context.known = KnownNames(matched, context)
        return context
    }

    /// Every rule's outcome for one order, in catalog order, for `explain`: why each fired or did not.
    public func outcomes(for order: MatchedOrder, in matched: MatchedInputs, asOf: Date) -> [(
        rule: String, outcome: RuleOutcome
    )] {
        let context = Self.context(matched, configuration, asOf: asOf)
        // The rules across orders run as `check` runs them (on every order, whatever stops the per-order ones):
        // their verdict for this order is whether they flag it.
        let acrossMissing = Self.missingInputs(
            of: inputRules.map { type(of: $0) } + invoiceRules.map { type(of: $0) }, in: matched)
        let across =
            inputRules.map { rule -> (rule: String, outcome: RuleOutcome) in
                let id = type(of: rule).id
                if let reason = acrossMissing[id] { return (id, .skipped(reason: reason)) }
                let found = rule.check(matched, context: context).first { $0.orderId == order.order.id }
                return (id, found.map { .flagged(applyPolicy($0)) } ?? .passed)
            }
            + invoiceOutcomes(order, matched, context, missing: acrossMissing)
        if let reason = reasonNotChecked(order, rejected: matched.loaded.ordersWithRejectedRows, asOf: asOf) {
            return rules.map { (type(of: $0).id, RuleOutcome.skipped(reason: reason)) } + across
        }
        let missing = Self.missingInputs(of: rules.map { type(of: $0) }, in: matched)
        return rules.map { rule -> (rule: String, outcome: RuleOutcome) in
            let id = type(of: rule).id
            if let reason = missing[id] { return (id, .skipped(reason: reason)) }
            switch rule.check(order, context: context) {
            case .flagged(let finding): return (id, .flagged(applyPolicy(finding)))
            case let other: return (id, other)
            }
        } + across
    }

    /// Each invoice rule's outcome for the packages of one order the invoices bill: flagged, not judged (and why), or
    /// passed.
    private func invoiceOutcomes(
        _ order: MatchedOrder, _ matched: MatchedInputs, _ context: RuleContext, missing: [String: String]
    ) -> [(rule: String, outcome: RuleOutcome)] {
        let billed = matched.invoicePackages.packages(ofOrder: order.order.id, matched.loaded)
        return invoiceRules.map { rule in
            let id = type(of: rule).id
            if let reason = missing[id] { return (id, .skipped(reason: reason)) }
            var found: Finding?, unjudged: String?
            for package in billed {
                let reason = rule.check(package, context: context) { finding in
                    if found == nil, finding.orderId == order.order.id { found = finding }
                }
                if unjudged == nil { unjudged = reason }
            }
            if let found { return (id, .flagged(applyPolicy(found))) }
            return (id, unjudged.map { .skipped(reason: $0) } ?? .passed)
        }
    }

    /// For each rule that needs an input the run was not given, why it is not run ("needs --shipments").
    static func missingInputs(of rules: [any RuleDescription.Type], in matched: MatchedInputs) -> [String: String] {
        var given = Set(matched.loaded.inputs.map(\.kind))
        // Inputs made in memory (tests, a library caller) have no file summary: a store with rows was given.
        if matched.loaded.shipments.count > 0 { given.insert(.shipments) }
        var missing: [String: String] = [:]
        for rule in rules {
            let absent = rule.needs.filter { !given.contains($0) }
            if !absent.isEmpty {
                missing[rule.id] = "needs " + absent.map { "--\($0.rawValue)" }.joined(separator: " and ")
            }
        }
        return missing
    }

    /// The owner and action `[policy]` sets for the finding's rule, where it sets them.
    private func applyPolicy(_ finding: Finding) -> Finding {
        var finding = finding
        if let owner = configuration.policy.owners[finding.rule] { finding.owner = owner }
        if let action = configuration.policy.actions[finding.rule] { finding.action = action }
        return finding
    }

    /// Orders no rule looks at, and why.
    /// `pickupTexts`: the run's shipping methods that mean pickup, worked out once (nil: test this order's).
    func reasonNotChecked(
        _ order: MatchedOrder, rejected: Set<String>, asOf: Date, pickupTexts: Set<String>? = nil
    ) -> String? {
        if order.order.isCancelled { return "cancelled or refunded" }
        if let method = order.order.shippingMethod,
            pickupTexts?.contains(method) ?? PickupMethods.matches(method, extra: configuration.pickupMethods)
        {
            return Self.pickup
        }
        if rejected.contains(order.order.id) { return "a row of the order or its shipments was rejected" }
        if order.order.isPaymentStatusUnknown { return Self.paymentUnknown }
        if let placed = order.order.createdAt, placed > asOf { return Self.placedAfterAsOf }
        return nil
    }

    /// Why a pickup or local-delivery order is not judged: no carrier, no label.
    static let pickup = "pickup or local delivery: no carrier to check"

    /// Why an order whose financial status no vocabulary knows is not judged (never assumed paid).
    static let paymentUnknown = "payment status not understood (map it under [payment_statuses])"

    /// Why an order dated after the run's "now" is not judged: most often a misread date (day and month swapped).
    static let placedAfterAsOf = "placed after --as-of (a date read wrongly, such as day and month swapped?)"
}
