import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `InvoiceStore`: charge lines kept packed and made again on access, and amounts formatted from their stored form.
struct InvoiceStoreTests {
    /// A line with every part of its package said.
    static func line(_ tracking: String, amount: String, invoice: String = "691317025", scale: Double? = 3266)
        -> InvoiceLine
    {
        var package = BilledPackage()
        package.billedWeight = Weight(grams: 3628.7)
        package.weightUnit = .pounds
        package.dimensional = false
        package.scaleWeight = scale.map { Weight(grams: $0) }
        package.dimensions = Dimensions(length: 12, width: 9.5, height: 7)
        package.statedDivisor = 139
        package.zone = "004"
        package.receiverCompany = "Acme Supply LLC"
        package.deliveredAt = Date(timeIntervalSince1970: 1_795_000_000)
        return InvoiceLine(
            carrier: "ups", invoiceNumber: invoice, invoiceDate: Date(timeIntervalSince1970: 1_794_960_000),
            trackingNumber: tracking, code: "SHP", description: "Ground Residential",
            amount: Decimal(string: amount)!, currency: "USD", shipDate: Date(timeIntervalSince1970: 1_794_500_000),
            source: SourceLocation(file: "inv.csv", line: 7), package: package, kind: .other)
    }

    @Test(
        "lines come back as they were added; packages are numbered by tracking number, invoices by carrier, number and date"
    )
    func roundTrip() {
        var store = InvoiceStore()
        let lines = [
            Self.line("1ZAAA0000000000001", amount: "9.10"),
            Self.line("1ZAAA0000000000001", amount: "-1.2345"),
            Self.line("1ZBBB0000000000002", amount: "1234567.89", invoice: "691317099", scale: nil),
        ]
        lines.forEach { store.append($0) }
        #expect(store.lines == lines)
        #expect(store.count == 3 && store.packageCount == 2)
        #expect(store.package(at: 0) == store.package(at: 1) && store.package(at: 1) != store.package(at: 2))
        #expect(store.scaleGrams(at: 0) == 3266 && store.scaleGrams(at: 2) == nil)
        #expect(store.amount(at: 1).amount == -12_345 && store.currency(at: 2) == "USD")
    }

    @Test("a package's lines that repeat what they say of it keep it once")
    func factsShared() {
        var store = InvoiceStore()
        let said = Self.line("1ZAAA0000000000001", amount: "1").package
        let first = store.facts(said)
        #expect(store.facts(said) == first)
        var other = said
        other.scaleWeight = nil
        #expect(store.facts(other) != first)
    }

    @Test("an amount in ten-thousandths is formatted as its Decimal is, half to even, for any amount")
    func formatStored() {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, 1, 49, 50, 51, 149, 150, 151, 250, -50, -150, -151, -1, 10_000, -999_999_950]
        let random = (0..<2_000).map { _ in Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator) }
        for stored in edges + random {
            #expect(Money.format(stored: stored) == Money.formatRounding(StoredMoney.decode(stored)!), "\(stored)")
        }
        // Amounts as written, of every exponent: the quick path and the rounding one agree.
        let written = [
            "0", "12", "1200", "-3.5", "0.125", "0.135", "99.995", "1234567.8912", "-0.004", "1e6", "12.34567",
            "123456789012345.67", "0.00001",
        ]
        for text in written {
            let amount = Decimal(string: text)!
            #expect(Money.format(amount) == Money.formatRounding(amount), "\(text)")
        }
    }
}
