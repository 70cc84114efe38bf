import Foundation
import Testing
@testable import ShipAuditCore
@testable import ShipAuditCSV
@testable import ShipAuditStorage

struct RuleCatalogTests {
    @Test("every *Rule.swift file is in RuleCatalog, and every rule has a test file")
    func everyRuleListed() throws {
        let rulesFolder = Fixture.root.appendingPathComponent("Sources/ShipAuditCore/Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path)
            .filter { $0.hasSuffix("Rule.swift") && $0 != "Rule.swift" }
            .map { String($0.dropLast(".swift".count)) }.sorted()
        let listed = RuleCatalog.descriptions.map { String(describing: $0) }.sorted()
        #expect(files == listed)
        let tests = try FileManager.default.contentsOfDirectory(atPath: Fixture.directory.deletingLastPathComponent().appendingPathComponent("Rules").path)
        for name in listed { #expect(tests.contains("\(name)Tests.swift"), "no test file for \(name)") }
    }

    @Test("rule ids are unique snake_case")
    func ids() {
        #expect(Set(RuleCatalog.ids).count == RuleCatalog.ids.count)
        for id in RuleCatalog.ids { #expect(id.allSatisfy { $0.isLowercase || $0 == "_" }) }
    }
}
