import Foundation
import Testing

@testable import ShipAuditStorage

struct KeyGroupsTests {
    @Test("groups of equal keys, with colliding hashes and items without a key, agree with a dictionary's")
    func agreesWithDictionary() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let count = Int.random(in: 0...3_000, using: &generator)
            let keys: [Int?] = (0..<count).map { _ in Bool.random(using: &generator) ? nil : Int.random(in: 0..<800) }
            // A weak hash on purpose: many keys share a hash, so equal hashes must still be told apart.
            let groups = KeyGroups.repeated(
                count: count, hasKey: { keys[$0] != nil }, hash: { UInt64(keys[$0]! % 37) },
                same: { keys[$0] == keys[$1] })
            var expected: [Int32: [Int]] = [:]
            var first: [Int: Int] = [:]
            for (index, key) in keys.enumerated() {
                guard let key else { continue }
                if let earlier = first[key] {
                    expected[Int32(earlier), default: []].append(index)
                } else {
                    first[key] = index
                }
            }
            #expect(groups == expected)
        }
    }
}
