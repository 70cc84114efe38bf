import Foundation
import Testing

@testable import ShipAuditStorage

/// `KeywordText` against its plain twin, Foundation's `contains` on the lower-cased text.
struct KeywordTextTests {
    @Test("a keyword is found where Foundation's contains finds it, on random texts and keywords")
    func sameAsFoundation() {
        let letters: [Character] = ["a", "B", "d", "e", " ", "-", "é", "É", "1"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = String(
                (0..<Int.random(in: 0...12, using: &random)).map { _ in letters.randomElement(using: &random)! })
            let word = String(
                (0..<Int.random(in: 1...3, using: &random)).map { _ in letters.randomElement(using: &random)! }
            )
            .lowercased()
            guard word.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            #expect(KeywordText(text).contains(word) == text.lowercased().contains(word), "\(text) \(word)")
        }
        #expect(KeywordText("UPS: Out For Delivery Today").contains("out for delivery"))
        #expect(!KeywordText("Deliv").contains("delivered"))
    }
}
