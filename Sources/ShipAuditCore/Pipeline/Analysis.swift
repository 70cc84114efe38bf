import Foundation

/// The whole pipeline, read → match → check, producing the `Report` the writers render.
public struct Analysis {
    /// The run's configuration.
    public let configuration: Configuration

    /// Creates an analysis.
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Reads every input (a whole-file problem stops the run), matches, checks, and builds the report.
    public func run(_ files: [InputFile], asOf: Date, onFile: (InputFile) -> Void = { _ in }) throws(InputProblem) -> Report {
        let matched = try match(files, onFile: onFile)
        let loaded = matched.loaded
        let (findings, coverage) = Checker(configuration: configuration).check(matched, asOf: asOf)
        return Report(asOf: asOf, inputs: loaded.inputs, findings: findings, coverage: coverage, rejects: loaded.rejects,
                      warnings: loaded.warnings, packages: coverage.packagesMatched)
    }

    /// The read and match stages: what the checks (and `explain`) work on.
    public func match(_ files: [InputFile], onFile: (InputFile) -> Void = { _ in }) throws(InputProblem) -> MatchedInputs {
        var loader = InputLoader(timeZone: configuration.timeZone, trackingTimeZone: configuration.trackingTimeZone,
                                 statuses: configuration.statuses, profiles: configuration.customProfiles + BuiltInProfiles.all,
                                 maxRecordBytes: configuration.maxRecordBytes)
        // Kinds in a fixed order, whatever the command line's: orders first, tracking last.
        let ordered = InputKind.allCases.flatMap { kind in files.filter { $0.kind == kind } }
        for file in ordered {
            onFile(file)
            let profile = file.profileId ?? configuration.profiles[file.kind]
            try loader.load(InputFile(path: file.path, kind: file.kind, profileId: profile, delimiter: file.delimiter))
        }
        return OrderMatcher(configuration: configuration).match(loader.loaded)
    }
}
