import Foundation
import Testing

@testable import ShipAuditStorage

struct ByteViewTests {
    @Test("a view's tests agree with the same tests on its text, for random short byte strings")
    func agreesWithText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("aZ09 #-_zA".utf8) + [0xC3, 0xA9, 0x80, 0x7F, 0x00]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let other = Bool.random(using: &generator) ? bytes : bytes.shuffled(using: &generator)
            ByteView.of(bytes) { view in
                #expect(view.count == bytes.count && Array(view) == bytes)
                #expect(view.text == String(decoding: bytes, as: UTF8.self))
                #expect(view.isASCII == bytes.allSatisfy { $0 < 0x80 })
                #expect(view.isUpperCaseASCII == bytes.allSatisfy { $0 < 0x80 && !(0x61...0x7A).contains($0) })
                ByteView.of(other) { #expect((view == $0) == (bytes == other)) }
            }
        }
    }
}
