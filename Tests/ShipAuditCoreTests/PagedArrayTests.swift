import Foundation
import Synchronization
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The stores' records live in `PagedArray`s: in memory, or past a size in a temporary file mapped into memory whose
/// pages are handed back to the system as the run goes. Whatever the backing, every element must read back as
/// written, copies must not see each other's changes, and no file may be left in the directory.
struct PagedArrayTests {
    struct Record: Equatable {
        var a: UInt32
        var b: Int64
        var c: UInt8
    }

    static func record(_ index: Int) -> Record {
        Record(
            a: UInt32(truncatingIfNeeded: index &* 2_654_435_761), b: Int64(index) * -3,
            c: UInt8(truncatingIfNeeded: index))
    }

    static func directory() throws -> String {
        let directory = Fixture.scratchRoot.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Appends `count` records one by one, with a few updated in place and a few appended as a buffer.
    static func filled(_ count: Int, backing: StoreBacking) -> PagedArray<Record> {
        var array = PagedArray<Record>(backing: backing)
        for index in 0..<count - 100 { array.append(record(index)) }
        let rest = (count - 100..<count).map(record)
        rest.withUnsafeBufferPointer { array.append(contentsOf: $0) }
        return array
    }

    static func matches(_ array: PagedArray<Record>, count: Int) -> Bool {
        array.count == count && array.indices.allSatisfy { array[$0] == record($0) }
    }

    @Test("in memory: elements read back as written across growths; copies change apart; ranges read in place")
    func memory() {
        var array = Self.filled(300_000, backing: .memory)
        #expect(Self.matches(array, count: 300_000) && !array.isFileBacked)
        let copy = array
        array[17].c = 99
        array.append(Self.record(-1))
        #expect(
            Self.matches(copy, count: 300_000) && array[17].c == 99 && array.count == 300_001
                && array[300_000] == Self.record(-1))
        let sum = array.withElements(in: 10..<20) { $0.reduce(0) { $0 + Int($1.a) } }
        #expect(sum == (10..<20).reduce(0) { $0 + Int(Self.record($1).a) })
        var empty = PagedArray<UInt8>()
        #expect(empty.isEmpty && empty.withElements(in: 0..<0) { $0.count } == 0)
        empty.append(7)
        #expect(Array(empty) == [7])
    }

    @Test(
        "past its threshold an array moves to a file, removed from the directory at once; handed-back pages read back as written"
    )
    func file() throws {
        let directory = try Self.directory()
        // 24-byte records: 1,000,000 are 24 MB, several of the file's 4 MB steps.
        var array = Self.filled(1_000_000, backing: .files(in: directory, from: 1 << 20))
        #expect(array.isFileBacked)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        #expect(Self.matches(array, count: 1_000_000))
        array.releaseResident()
        #expect(Self.matches(array, count: 1_000_000))
        // Changed after its pages were handed back, a record keeps the change; a copy does not see it.
        let copy = array
        array[999_999].b = 42
        array.releaseResident()
        #expect(array[999_999].b == 42 && copy[999_999] == Self.record(999_999) && Self.matches(copy, count: 1_000_000))
        // Small arrays stay in memory.
        let small = Self.filled(1_000, backing: .files(in: directory, from: 1 << 20))
        #expect(!small.isFileBacked && Self.matches(small, count: 1_000))
    }

    @Test(
        "a file that cannot be made (no such directory) or grown (the disk fills) keeps the elements in memory, all of them"
    )
    func fallback() throws {
        let missing = Fixture.scratchRoot.appendingPathComponent("missing-\(UUID().uuidString)").path
        let unmade = Self.filled(200_000, backing: .files(in: missing, from: 64 << 10))
        #expect(!unmade.isFileBacked && Self.matches(unmade, count: 200_000))
        var full = StoreBacking.files(in: try Self.directory(), from: 64 << 10)
        full.fileLimit = 8 << 20
        var array = Self.filled(600_000, backing: full)
        #expect(!array.isFileBacked && Self.matches(array, count: 600_000))
        array.append(Self.record(600_000))
        #expect(Self.matches(array, count: 600_001))
        // Too small for even the first file: never in one.
        full.fileLimit = 1 << 20
        #expect(Self.matches(Self.filled(200_000, backing: full), count: 200_000))
    }

    @Test("pages handed back by the trimmer thread while other threads read and write: every element as written")
    func concurrent() throws {
        let directory = try Self.directory()
        let array = Self.filled(800_000, backing: .files(in: directory, from: 1 << 20))
        let box = SendableBox(array)
        let results = Mutex([Bool](repeating: false, count: 4))
        // Longer than a few of the trimmer's intervals.
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            var ok = true
            for pass in 0..<3 {
                for index in stride(from: part, to: 800_000, by: 4) where box.value[index] != Self.record(index) {
                    ok = false
                }
                if pass == 1 { box.value.releaseResident() }
            }
            results.withLock { $0[part] = ok }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0 })
    }

    @Test("the read, match and check on stores in files give the same findings and coverage as in memory")
    func pipeline() throws {
        let directory = try Self.directory()
        let configuration = Configuration()
        let asOf = QuickTestTests.start.addingTimeInterval(14 * 86_400)
        let inMemory = Checker(configuration: configuration).check(
            OrderMatcher(configuration: configuration).match(QuickTestTests.inputs(count: 20_000, seed: 43)), asOf: asOf
        )
        let backing = StoreBacking.files(in: directory, from: 64 << 10)
        let loaded = QuickTestTests.inputs(count: 20_000, seed: 43, backing: backing)
        #expect(loaded.orders.isFileBacked && loaded.shipments.isFileBacked && loaded.tracking.isFileBacked)
        loaded.releaseResident()
        let inFiles = Checker(configuration: configuration).check(
            OrderMatcher(configuration: configuration).match(loaded), asOf: asOf)
        #expect(inMemory.findings.count > 2_000)
        #expect(inFiles.findings.map(FindingSpillTests.describe) == inMemory.findings.map(FindingSpillTests.describe))
        #expect(
            inFiles.coverage.ordersChecked == inMemory.coverage.ordersChecked
                && inFiles.coverage.skips == inMemory.coverage.skips)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}

extension PagedArrayTests {
    @Test(
        "the samples read into stores whose every array is in a file from its first record give the same findings as in memory"
    )
    func samples() throws {
        let (configuration, files, asOf) = try Fixture.samples()
        let directory = try Self.directory()
        let analysis = Analysis(configuration: configuration)
        let inFiles = try analysis.match(files, backing: .files(in: directory, from: 0))
        #expect(
            inFiles.loaded.orders.isFileBacked && inFiles.loaded.shipments.isFileBacked
                && inFiles.loaded.tracking.isFileBacked)
        let checked = Checker(configuration: configuration).check(inFiles, asOf: asOf)
        let held = Checker(configuration: configuration).check(try analysis.match(files), asOf: asOf)
        #expect(checked.findings.count > 10)
        #expect(checked.findings.map(FindingSpillTests.describe) == held.findings.map(FindingSpillTests.describe))
        #expect(
            checked.coverage.skips == held.coverage.skips
                && checked.coverage.ordersChecked == held.coverage.ordersChecked)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}

/// A value read from several threads at once (it is not changed while they run).
private final class SendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
