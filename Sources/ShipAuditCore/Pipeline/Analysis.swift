import Foundation

/// The whole pipeline, read → match → check, producing the `Report` the writers render.
public struct Analysis: Sendable {
    /// The run's configuration.
    public let configuration: Configuration

    /// Creates an analysis.
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Reads every input (a whole-file problem stops the run), matches, checks, and builds the report.
    /// `onStage` hears how long each stage took ("read and matched", "checked"), for the run's log.
    public func run(_ files: [InputFile], asOf: Date, onFile: (InputFile) -> Void = { _ in },
                    onStage: (String, Duration) -> Void = { _, _ in }) throws(InputProblem) -> Report {
        let clock = ContinuousClock()
        var start = clock.now
        let matched = try match(files, onFile: onFile) { onStage("read", clock.now - start) }
        onStage("read and matched", clock.now - start)
        start = clock.now
        let loaded = matched.loaded
        let (findings, coverage) = Checker(configuration: configuration).check(matched, asOf: asOf)
        onStage("checked", clock.now - start)
        return Report(asOf: asOf, inputs: loaded.inputs, findings: findings, coverage: coverage, rejects: loaded.rejects,
                      warnings: loaded.warnings, packages: coverage.packagesMatched)
    }

    /// The read and match stages: what the checks (and `explain`) work on.
    ///
    /// Orders and catalog files are read on one thread while shipments and tracking files are read on another: no
    /// file of one group needs anything from the other until the match, and reading is most of a run's time.
    public func match(_ files: [InputFile], onFile: (InputFile) -> Void = { _ in }, onRead: () -> Void = {}) throws(InputProblem) -> MatchedInputs {
        // Kinds in a fixed order, whatever the command line's: orders first, tracking last.
        let ordered = InputKind.allCases.flatMap { kind in files.filter { $0.kind == kind } }
        ordered.forEach(onFile)
        let first = ordered.filter { $0.kind == .orders || $0.kind == .catalog }
        let second = ordered.filter { $0.kind == .shipments || $0.kind == .tracking }
        let elsewhere = ResultBox()
        let group = DispatchGroup()
        if !second.isEmpty, !first.isEmpty {
            DispatchQueue.global().async(group: group) { [self] in elsewhere.result = self.load(second) }
        } else {
            elsewhere.result = load(second)
        }
        let here = load(first)
        group.wait()
        // A whole-file problem is reported for the first file in kind order, as a reader going one by one would.
        var loaded = try here.get()
        let rest = try elsewhere.result!.get()
        loaded.shipments = rest.shipments
        loaded.tracking = rest.tracking
        loaded.unknownStatuses = rest.unknownStatuses
        loaded.voidedLabels = rest.voidedLabels
        loaded.ordersWithRejectedRows.formUnion(rest.ordersWithRejectedRows)
        loaded.inputs += rest.inputs
        loaded.rejects += rest.rejects
        loaded.warnings += rest.warnings
        onRead()
        return OrderMatcher(configuration: configuration).match(loaded)
    }

    /// Reads files in order with one loader.
    private func load(_ files: [InputFile]) -> Result<LoadedInputs, InputProblem> {
        var loader = InputLoader(timeZone: configuration.timeZone, trackingTimeZone: configuration.trackingTimeZone,
                                 statuses: configuration.statuses, profiles: configuration.customProfiles + BuiltInProfiles.all,
                                 maxRecordBytes: configuration.maxRecordBytes)
        do throws(InputProblem) {
            for file in files {
                let profile = file.profileId ?? configuration.profiles[file.kind]
                try loader.load(InputFile(path: file.path, kind: file.kind, profileId: profile, delimiter: file.delimiter))
            }
            return .success(loader.loaded)
        } catch {
            return .failure(error)
        }
    }
}

/// What the other reading thread produced; read only after the group is waited for.
private final class ResultBox: @unchecked Sendable {
    var result: Result<LoadedInputs, InputProblem>?
}
