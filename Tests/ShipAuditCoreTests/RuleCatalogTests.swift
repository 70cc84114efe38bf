import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
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
        let tests = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.directory.deletingLastPathComponent().appendingPathComponent("Rules").path)
        for name in listed { #expect(tests.contains("\(name)Tests.swift"), "no test file for \(name)") }
    }

    @Test("README's table of checks has one row per rule, no more")
    func readmeTable() throws {
        let readme = try String(contentsOf: Fixture.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section =
            try #require(readme.components(separatedBy: "\n## The checks\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
            .map { $0.dropFirst(3).prefix { $0 != "`" } }.map(String.init)
        #expect(rows.sorted() == RuleCatalog.ids.sorted(), "README.md's \"The checks\" table and RuleCatalog differ")
    }

    @Test("`shipaudit rules` shows each rule's own summary and thresholds")
    func listing() {
        let configuration = Configuration()
        let listing = RulesListing.render(configuration)
        for type in RuleCatalog.descriptions {
            #expect(listing.contains("\(type.id)\n  \(type.summary)\n"))
            for line in type.thresholds(configuration) { #expect(listing.contains("  \(line)\n")) }
        }
        #expect(
            !WeightShortRule.thresholds(configuration).isEmpty && UnknownOrderRule.thresholds(configuration).isEmpty)
    }

    @Test("every rule whose flags are invoice disputes is a rule")
    func disputeRules() {
        #expect(Set(InvoiceDisputes.reasons.keys).isSubset(of: Set(RuleCatalog.ids)))
    }

    @Test("rule ids are unique snake_case")
    func ids() {
        #expect(Set(RuleCatalog.ids).count == RuleCatalog.ids.count)
        for id in RuleCatalog.ids { #expect(id.allSatisfy { $0.isLowercase || $0 == "_" }) }
    }
}
