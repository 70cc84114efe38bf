import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The whole pipeline, read → match → check, producing the `Report` the writers render.
public struct Analysis: Sendable {
    /// The run's configuration.
    public let configuration: Configuration

    /// Whether each input's checksum is worked out (`InputSummary.checksum`), which only the history's fingerprint of
    /// a run uses: a run that keeps no history reads its bytes without it.
    public var inputChecksums = true

    /// "Now" read again in the store's zone once the orders have said which (a `--as-of` without an offset); nil:
    /// the `asOf` given to `run` stands.
    public var asOfInStoreZone: (@Sendable (TimeZone) -> Date?)?

    /// Creates an analysis.
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Reads every input (a whole-file problem stops the run), matches, checks, and builds the report.
    /// `onStage` hears how long each stage took ("read and matched", "checked"), for the run's log.
    ///
    /// With a `spillDirectory`, the findings wait in a temporary file there while the orders are checked
    /// (`FindingSpill`), and are read back once the read and matched inputs are let go: the run's peak is then the
    /// larger of the two, not their sum. The stores' records go to temporary files there too (`StoreBacking`).
    public func run(
        _ files: [InputFile], asOf: Date, spillDirectory: String? = nil, onFile: (InputFile) -> Void = { _ in },
        onStage: (String, Duration) -> Void = { _, _ in }
    ) throws(InputProblem) -> Report {
        let clock = ContinuousClock()
        var start = clock.now
        let checked: Checker.Checked
        let inputs: [InputSummary], rejects: [InputProblem], warnings: [InputProblem]
        let storeClock: StoreClock
        let now: Date
        let ledger: [ShippingLedger]
        do {
            let backing = spillDirectory.map { StoreBacking.files(in: $0) } ?? .memory
            let matched = Released(
                try match(files, backing: backing, onFile: onFile) { onStage("read", clock.now - start) })
            onStage("read and matched", clock.now - start)
            start = clock.now
            (inputs, rejects, warnings) = (
                matched.value!.loaded.inputs, matched.value!.loaded.rejects, matched.value!.loaded.warnings
            )
            storeClock = matched.value!.clock
            now = asOfInStoreZone?(storeClock.zone) ?? asOf
            checked = Checker(configuration: matched.value!.configuration).check(
                matched.value!, asOf: now, spill: spillDirectory.map(FindingSpill.init))
            // The stores are let go here, while the findings come back from the spill: on a thread of their own, as
            // closing their files waits for the disk to free the blocks (tens of milliseconds on a disk mounted
            // with `discard`), which the run need not wait for. A small run's go at once: waking that thread (and
            // unmapping memory another thread has touched) cost more than the release.
            ledger = matched.value!.shippingLedger
            if Self.size(files).map({ $0 < Self.smallRun }) ?? false {
                matched.releaseNow()
            } else {
                matched.releaseInBackground()
            }
        }
        let (findings, totals) = checked.findingsAndTotals()
        checked.releaseSpillInBackground()
        onStage("checked", clock.now - start)
        var report = Report(
            asOf: now, inputs: inputs, findings: findings, totals: totals, coverage: checked.coverage,
            rejects: rejects,
            warnings: warnings, packages: checked.coverage.packagesMatched)
        report.clock = storeClock
        report.orderValues = checked.orderValues
        report.shippingLedger = ledger
        report.countExposure(orderValues: checked.orderValues)
        return report
    }

    /// The read and match stages: what the checks (and `explain`) work on.
    ///
    /// Orders (with the catalog), shipments and tracking are read on three threads: no file of one group needs
    /// anything from another until the match, and reading is most of a run's time. Three threads on two cores
    /// share the cores by time, so the longest group does not decide the run alone. `backing` says where the stores
    /// keep their records.
    public func match(
        _ files: [InputFile], backing: StoreBacking = .memory, onFile: (InputFile) -> Void = { _ in },
        onRead: () -> Void = {}
    ) throws(InputProblem) -> MatchedInputs {
        // Kinds in a fixed order, whatever the command line's: orders first, tracking last.
        let ordered = InputKind.allCases.flatMap { kind in files.filter { $0.kind == kind } }
        ordered.forEach(onFile)
        let groups = [
            ordered.filter { $0.kind == .orders || $0.kind == .catalog },
            ordered.filter { $0.kind == .shipments },
            // The invoices on a thread of their own: at five charge lines a package, often the largest input.
            ordered.filter { $0.kind == .invoices },
            ordered.filter { $0.kind == .tracking },
        ].filter { !$0.isEmpty }
        let results = Slots<Result<LoadedInputs, InputProblem>>(count: groups.count)
        read(groups, results, configuration: configuration, backing: backing)
        // The store's clock, from the config or the offsets the orders state: groups that read a value in the zone
        // assumed until now are read again in the store's own.
        var stated = StatedOffsets()
        if !groups.isEmpty, groups[0][0].kind == .orders, case .success(let orders) = results.peek(0) {
            stated = orders.statedOffsets
        }
        let clock = StoreClock.decide(
            configured: configuration.timeZoneConfigured ? configuration.timeZone : nil,
            fallback: configuration.timeZone, stated: stated, holidaysConfigured: configuration.holidaysConfigured
        ) {
            // Asked only when the offsets name a US zone: the orders' records are read once for it.
            guard case .success(let orders) = results.peek(0), groups[0][0].kind == .orders else { return nil }
            return orders.orders.mostCommonCurrency
        }
        var effective = configuration
        effective.timeZone = clock.zone
        if !configuration.holidaysConfigured, !clock.usHolidays { effective.promise.calendar.holidays = [] }
        if clock.zone != configuration.timeZone {
            let again = groups.indices.filter { index in
                if case .success(let part) = results.peek(index) { return part.readInStoreZone }
                return false
            }
            if !again.isEmpty {
                // Let go first: a group's stores are the larger part of a run's memory.
                for index in again { results.clear(index) }
                let reread = Slots<Result<LoadedInputs, InputProblem>>(count: again.count)
                read(again.map { groups[$0] }, reread, configuration: effective, backing: backing)
                for (slot, index) in again.enumerated() { results.set(index, reread.take(slot)) }
            }
        }
        // The merged inputs are handed to the matcher as they are made, not kept here: the match lets go of the
        // tracking numbers' index once every package has its parcel.
        let loaded = try Self.merge(groups, results)
        loaded.releaseResident()
        onRead()
        var matched = OrderMatcher(configuration: effective).match(loaded)
        (matched.configuration, matched.clock) = (effective, clock)
        return matched
    }

    /// The bytes of input below which a run reads its groups one after the other on one thread.
    static let smallRun = 256 << 10

    /// Reads the groups at once, each on a thread of its own (the first on this one), into `results`.
    private func read(
        _ groups: [[InputFile]], _ results: Slots<Result<LoadedInputs, InputProblem>>, configuration: Configuration,
        backing: StoreBacking
    ) {
        let pacer = ReadPacer(sizes: groups.map(Self.size))
        // Small files (a quick question, a test, a fuzzed input) are read one group after the other on this thread:
        // starting threads costs more than it saves below a few hundred kilobytes.
        let sizes = groups.map(Self.size)
        if sizes.allSatisfy({ $0 != nil }), sizes.reduce(0, { $0 + $1! }) < Self.smallRun {
            for index in groups.indices {
                results.set(
                    index, load(groups[index], configuration: configuration, backing: backing, pacing: (pacer, index)))
            }
            return
        }
        let done = DispatchSemaphore(value: 0)
        for index in groups.indices.dropFirst() {
            let thread = Thread { [self] in
                results.set(
                    index,
                    self.load(groups[index], configuration: configuration, backing: backing, pacing: (pacer, index)))
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        if let first = groups.first {
            results.set(0, load(first, configuration: configuration, backing: backing, pacing: (pacer, 0)))
        }
        for _ in groups.indices.dropFirst() { done.wait() }
    }

    /// The groups' inputs in one, each taken out of the box. A whole-file problem is reported for the first file in
    /// kind order, as a reader going one by one would.
    private static func merge(_ groups: [[InputFile]], _ results: Slots<Result<LoadedInputs, InputProblem>>)
        throws(InputProblem) -> LoadedInputs
    {
        var loaded = LoadedInputs()
        for (index, group) in groups.enumerated() {
            let part = try results.take(index).get()
            switch group[0].kind {
            case .orders, .catalog:
                loaded.unknownPaymentStatuses = part.unknownPaymentStatuses
                loaded.unknownFulfilmentStatuses = part.unknownFulfilmentStatuses
                loaded.statedOffsets = part.statedOffsets
                loaded.shippingCompanies = part.shippingCompanies
                (loaded.orders, loaded.catalog, loaded.catalogSkusWithoutWeight) = (
                    part.orders, part.catalog, part.catalogSkusWithoutWeight
                )
            case .shipments:
                (loaded.shipments, loaded.voidedLabels, loaded.shipmentRowsWithoutTracking) = (
                    part.shipments, part.voidedLabels, part.shipmentRowsWithoutTracking
                )
            case .tracking:
                (loaded.tracking, loaded.unknownStatuses) = (part.tracking, part.unknownStatuses)
            case .invoices:
                loaded.invoices = part.invoices
            }
            loaded.voidedTracking.merge(part.voidedTracking) { first, _ in first }
            loaded.ordersWithRejectedRows.formUnion(part.ordersWithRejectedRows)
            loaded.inputs += part.inputs
            loaded.rejects += part.rejects
            loaded.warnings += part.warnings
        }
        return loaded
    }

    /// The bytes of a group of files, when every one is a regular file (nil: standard input, a pipe, a device).
    private static func size(_ files: [InputFile]) -> Int? {
        var total = 0
        for file in files {
            var status = stat()
            guard file.path != "-", stat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                return nil
            }
            total += Int(status.st_size)
        }
        return total
    }

    /// Reads files in order with one loader, paced against the other groups' loaders.
    private func load(
        _ files: [InputFile], configuration: Configuration, backing: StoreBacking, pacing: (ReadPacer, Int)
    ) -> Result<LoadedInputs, InputProblem> {
        // However the group ends, the others no longer wait for it.
        defer { pacing.0.end(pacing.1) }
        var loader = InputLoader(
            timeZone: configuration.timeZone, trackingTimeZone: configuration.trackingTimeZone,
            statuses: configuration.statuses, paymentStatuses: configuration.paymentStatuses,
            fulfilmentStatuses: configuration.fulfilmentStatuses,
            cashOnDelivery: configuration.cashOnDelivery ? configuration.cashOnDeliveryMethods : nil,
            dateOrder: configuration.dateOrder, nullMarkers: NullMarkers(configuration.nullMarkers),
            decimalMark: configuration.decimalMark,
            profiles: configuration.customProfiles + BuiltInProfiles.all,
            maxRecordBytes: configuration.maxRecordBytes, backing: backing, checksums: inputChecksums,
            invoiceCurrency: configuration.defaultCurrency)
        loader.pacing = (pacer: pacing.0, group: pacing.1)
        do throws(InputProblem) {
            for file in files {
                let profile = file.profileId ?? configuration.profiles[file.kind]
                try loader.load(
                    InputFile(path: file.path, kind: file.kind, profileId: profile, delimiter: file.delimiter))
            }
            var loaded = loader.loaded
            loaded.readInStoreZone = loader.zoneUse.wasUsed
            return .success(loaded)
        } catch {
            return .failure(error)
        }
    }
}
