import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct ServiceDirectoryTests {
    let directory = ServiceDirectory(extra: ["Standard Shipping (3-5 business days)": .ground])

    @Test(
        "names as exports spell them",
        arguments: [
            ("UPS® Ground", "", ServiceTier.ground), ("ups_ground", "", .ground), ("03", "ups", .ground),
            ("UPS Next Day Air", "", .overnight), ("01", "UPS", .overnight), ("UPS 2nd Day Air®", "", .twoDay),
            ("ups_second_day_air", "", .twoDay), ("FedEx 2Day®", "", .twoDay), ("FEDEX_2_DAY", "", .twoDay),
            ("Ground", "fedex", .ground), ("FedEx Home Delivery", "", .ground), ("PRIORITY_OVERNIGHT", "", .overnight),
            ("USPS Ground Advantage", "stamps_com", .ground), ("First-Class Package", "", .ground),
            ("Priority Mail", "stamps_com", .priorityMail), ("Priority Mail Express", "", .overnight),
            ("P", "DHL Express", .twoDay), ("standard shipping (3-5 business days)", "", .ground),
            ("USPS Priority Mail - Package", "stamps_com", .priorityMail),
            ("USPS First Class Mail - Large Envelope or Flat", "", .ground),
        ])
    func resolves(name: String, carrier: String, tier: ServiceTier) {
        #expect(directory.resolve(name, carrier: carrier)?.tier == tier)
    }

    @Test(
        "unknown names are not guessed",
        arguments: [("Ground", ""), ("03", ""), ("Speedy Express", "acme"), ("", "ups")])
    func unknown(name: String, carrier: String) {
        #expect(directory.resolve(name, carrier: carrier) == nil)
    }

    @Test("tiers are ordered fastest first")
    func order() {
        #expect(ServiceTier.overnight < .twoDay && ServiceTier.twoDay < .ground && ServiceTier.ground < .economy)
        // The rank is the position in the declaration, fastest first.
        #expect(ServiceTier.allCases.enumerated().allSatisfy { $0.offset == $0.element.rank })
        #expect(Set(ServiceTier.allCases).count == ServiceTier.allCases.count)
    }

    @Test(
        "the comparison key is the lower-cased name's letters and digits, scalar by scalar",
        arguments: [
            "UPS® 2nd Day Air", "FedEx Home Delivery®", "ÉCONOMIQUE 48h", "İstanbul Kargo", "stamps_com", "", "® ™",
        ])
    func key(name: String) {
        let expected = String(
            decoding: name.lowercased().utf8.filter { (48...57).contains($0) || (97...122).contains($0) }, as: UTF8.self
        )
        #expect(ServiceDirectory.key(name) == expected)
    }

    @Test("the tier table finds every key inserted, across growths, and no other")
    func tierTable() {
        var table = TierTable()
        var expected: [UInt64: ServiceTier] = [:]
        var generator = SystemRandomNumberGenerator()
        // Keys of the memo's three kinds (kind in the top bits, text numbers below) and some at the extremes.
        var keys: [UInt64] = [0, 1, UInt64.max - 1, 1 << 62, 2 << 62, 3 << 31 | 7]
        for _ in 0..<3_000 {
            keys.append(
                UInt64.random(in: 0..<UInt64.max, using: &generator) >> UInt64.random(in: 0..<40, using: &generator))
        }
        for key in keys {
            let tier = ServiceTier.allCases.randomElement(using: &generator)!
            table.insert(key, tier)
            expected[key] = tier
            #expect(table[key] == tier)
        }
        for (key, tier) in expected { #expect(table[key] == tier) }
        for _ in 0..<3_000 {
            let key = UInt64.random(in: 0..<UInt64.max, using: &generator)
            #expect(table[key] == expected[key])
        }
    }
}
