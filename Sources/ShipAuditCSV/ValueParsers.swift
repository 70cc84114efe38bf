import Foundation
import ShipAuditStorage

/// Reading the plain values of export cells: quantities, money, weights, order and tracking numbers, flags.
public enum ValueParsers {
    /// The largest quantity of one line read (a million units); more is refused, never clamped.
    public static let maximumQuantity = 1_000_000

    /// A whole number of units, zero or more (`2`, also `2.0` as Excel writes it), in decimal digits only: `0x10`,
    /// `1e3` and `0x1p3` are refused, as is a quantity above `maximumQuantity`.
    public static func quantity(_ text: String) -> Result<Int, ValueError> {
        let text = text.trimmingSpaces()
        var body = Substring(text)
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        // Digits, then optionally a point and digits (`2.0` as Excel writes it): nothing else is a quantity.
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in part.allSatisfy { $0 >= "0" && $0 <= "9" } }
        guard let whole = parts.first, !whole.isEmpty, isDigits(whole), parts.count == 1 || isDigits(parts[1]) else {
            return .failure(
                ValueError("\"\(text)\" is not a whole number", hint: "write the quantity as digits, e.g. 2"))
        }
        if parts.count == 2, parts[1].contains(where: { $0 != "0" }) {
            return .failure(
                ValueError("\"\(text)\" is not a whole number of units", hint: "quantities count whole units"))
        }
        let significant = whole.drop { $0 == "0" }
        if negative, !significant.isEmpty {
            return .failure(
                ValueError("\"\(text)\" is a negative quantity", hint: "quantities count units shipped; fix the export")
            )
        }
        guard significant.count <= 7, let value = Int(significant.isEmpty ? "0" : significant), value <= maximumQuantity
        else {
            return .failure(
                ValueError(
                    "\"\(text)\" is out of range (more than \(maximumQuantity) units on one line)",
                    hint: "check the column holds quantities; a line of more units is not read"))
        }
        return .success(value)
    }

    /// A decimal amount: `34.95`, `$34.95`, `1,234.50`, `-5.00`, `USD 12.00`, `15,00€`, `R$ 1.234,56`, `(12.00)`.
    /// Never binary floating point.
    public static func money(_ text: String, decimalMark: Character? = nil) -> Result<Decimal, ValueError> {
        storedMoney(text, decimalMark: decimalMark).map { StoredMoney.decode($0)! }
    }

    /// An amount as an exact count of ten-thousandths (see `StoredMoney`), parsed from its digits: the read stage
    /// keeps amounts in this form and makes a `Decimal` only when a report needs one. `decimalMark`: the file's
    /// (`[store] decimal_mark`, a mapping's `decimal`); nil reads a value only when it has one reading
    /// (`LocaleNumbers`).
    public static func storedMoney(_ text: String, decimalMark: Character? = nil) -> Result<Int64, ValueError> {
        if decimalMark != ",", let value = fixedPoint(text) { return .success(value) } // the common case: 34.95
        guard let number = LocaleNumbers.amountNumber(text) else {
            return .failure(ValueError("\"\(text)\" is not an amount", hint: "write amounts as digits, e.g. 34.95"))
        }
        let plain: LocaleNumbers.Plain
        switch LocaleNumbers.plain(number, decimalMark: decimalMark) {
        case .success(let value): plain = value
        case .failure(let error):
            return .failure(
                ValueError(
                    "\"\(text)\" is not an amount this tool reads: "
                        + error.reason.replacingOccurrences(
                            of: "\"\(number)\" ", with: ""),
                    hint: error.hint.isEmpty ? "write amounts as digits, e.g. 34.95" : error.hint))
        }
        guard let value = fixedPoint(plain.text) else {
            return .failure(ValueError("\"\(text)\" has more than four decimals or is too large to be an amount"))
        }
        return .success(value)
    }

    /// Ten-thousandths from `-12.50`-shaped text; nil when it is not that shape, has more than four significant
    /// decimals, or does not fit.
    public static func fixedPoint(_ text: String) -> Int64? {
        guard isPlainNumber(text) else { return nil }
        return text.withBytes(fixedPoint)
    }

    private static func fixedPoint(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        var decimals = -1 // -1: no dot seen yet
        var pendingZeros = 0 // zeros after the dot not yet applied (trailing zeros beyond four are fine)
        var negative = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): decimals = 0
            default:
                let digit = Int64(byte - 48)
                if decimals >= 0 {
                    if digit == 0 { pendingZeros += 1; continue }
                    // apply the zeros seen before this digit
                    for _ in 0..<pendingZeros { guard decimals < 4 else { return nil }; decimals += 1; value *= 10 }
                    pendingZeros = 0
                    guard decimals < 4 else { return nil }
                    decimals += 1
                }
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                value = sum
            }
        }
        for _ in 0..<(4 - max(decimals, 0)) {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times10
        }
        guard value < 9_000_000_000_000_000 else { return nil }
        return negative ? -value : value
    }

    /// A quantity from a cell of plain digits (the usual `2`), nil for anything else (read as text then).
    public static func plainQuantity(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // Up to 6 digits: always within `maximumQuantity`; a longer cell is read as text, which checks the range.
        guard !bytes.isEmpty, bytes.count <= 6 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// An amount in stored form from a `34.95`-shaped cell, nil for anything else (read as text then).
    public static func plainStoredMoney(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        // Most cells are a price with two decimals (`88.17`, `144.53`): read at their fixed places.
        let count = bytes.count
        if count >= 4, count <= 8, bytes[count - 3] == 0x2E {
            let tens = Int64(bytes[count - 2]) &- 48, ones = Int64(bytes[count - 1]) &- 48
            var value: Int64 = 0, other = UInt64(bitPattern: tens) >= 10 || UInt64(bitPattern: ones) >= 10
            for index in 0..<count - 3 {
                let digit = Int64(bytes[index]) &- 48
                other = other || UInt64(bitPattern: digit) >= 10
                value = value &* 10 &+ digit
            }
            if !other { return (value &* 100 &+ tens &* 10 &+ ones) &* 100 }
        }
        // The usual cell (`88.17`: digits, one dot at most, at most four decimals, fourteen digits) in one pass
        // without a branch per byte; anything else through the checked reading. (Fourteen digits and four
        // decimals cannot overflow.)
        if bytes.count <= 15 {
            var value: Int64 = 0, digits = 0, dots = 0, decimals = 0, other = false
            for byte in bytes {
                let digit = Int64(byte) &- 48
                let isDigit = UInt64(bitPattern: digit) < 10, isDot = byte == 0x2E
                other = other || !(isDigit || isDot)
                value = isDigit ? value &* 10 &+ digit : value
                digits &+= isDigit ? 1 : 0
                decimals &+= isDigit && dots > 0 ? 1 : 0
                dots &+= isDot ? 1 : 0
            }
            if !other, digits > 0, digits <= 14, dots <= 1, decimals <= 4 {
                for _ in decimals..<4 { value &*= 10 }
                // The checked reading's bound (exact as a `Double`).
                return value < 9_000_000_000_000_000 ? value : nil
            }
        }
        return checkedStoredMoney(bytes)
    }

    /// `plainStoredMoney` by the checked two-pass reading (signs, trailing zeros past four decimals, overflow).
    public static func checkedStoredMoney(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        isPlainNumber(bytes) ? fixedPoint(bytes) : nil
    }

    /// The value of an unsigned decimal cell (`162.80`, `16`) when it converts exactly as `Double(text)` does by the
    /// fast path of correct rounding (at most 15 significant digits, at most 22 decimals: the digits and the power
    /// of ten are exact, so one division rounds correctly); nil for anything else (read as text then).
    public static func plainAmount(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0, digits = 0, decimals = 0, before = 0
        var dot = false
        for byte in bytes {
            if byte == 0x2E {
                guard !dot else { return nil }
                dot = true
            } else if byte >= 0x30 && byte <= 0x39 {
                if mantissa > 0 || byte != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                if dot { decimals += 1 } else { before += 1 }
            } else {
                return nil
            }
        }
        guard before > 0, !dot || decimals > 0, digits <= 15, decimals <= 22 else { return nil }
        return Double(mantissa) / Self.powersOfTen[decimals]
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Digits with at most one dot and an optional leading sign: `-12.50`, `+3`, `.5`.
    public static func isPlainNumber(_ text: String) -> Bool { text.withBytes(isPlainNumber) }

    /// `isPlainNumber` of UTF-8 bytes.
    public static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0, dots = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if index != 0 { return false }
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }

    /// `orderNumber` of a cell in its usual forms, `#1041` or `1041` (digits, not all zeros), as the bytes of the cell
    /// it is: nil for anything else, which `orderNumber` reads as text.
    public static func plainOrderNumber(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        while start < cell.count, cell[start] == 0x23 { start += 1 }
        guard start < cell.count else { return nil }
        for index in start..<cell.count where cell[index] < 48 || cell[index] > 57 { return nil }
        while start < cell.count, cell[start] == 48 { start += 1 }
        return start < cell.count ? UnsafeBufferPointer(rebasing: cell[start...]) : nil
    }

    /// The order number used for matching: `#1041`, ` 1041 `, `01041` all become `1041`; letters are upper-cased.
    public static func orderNumber(_ text: String) -> String {
        // The common forms, `#1041` and `1041`, byte by byte.
        let plain: String? = text.withBytes { all in
            var bytes = all[...]
            while bytes.first == 0x23 { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            let digits = bytes.drop { $0 == 0x30 }
            return digits.isEmpty ? "0" : String(decoding: UnsafeBufferPointer(rebasing: digits), as: UTF8.self)
        }
        if let plain { return plain }
        var value = Substring(text.trimmingSpaces())
        while value.hasPrefix("#") { value.removeFirst() }
        var upper = value.trimmingSpaces().uppercased()
        // `1041.0`: the number as a spreadsheet or a data frame wrote it, a float; exact below 16 digits.
        if let whole = wholeNumber(upper), whole.count < 16 { upper = String(whole) }
        if !upper.isEmpty, upper.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let stripped = upper.drop { $0 == "0" }
            return stripped.isEmpty ? "0" : String(stripped)
        }
        return upper
    }

    /// The digits of a whole number written as a decimal (`477179081230.0`, `1041.00`: how a spreadsheet or a data
    /// frame writes a column it read as numbers), nil for any other text.
    static func wholeNumber(_ text: String) -> Substring? {
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let (digits, fraction) = (text[..<dot], text[text.index(after: dot)...])
        guard !digits.isEmpty, !fraction.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            fraction.utf8.allSatisfy({ $0 == 48 })
        else { return nil }
        return digits
    }

    /// A tracking number kept as text; spaces and an Excel apostrophe are removed, and a number written as a float
    /// (`477179081230.0`) is its digits. A number turned into scientific notation (`7.90535E+11`), or a float of more
    /// than 15 digits, has lost digits for good and is refused.
    public static func trackingNumber(_ text: String) -> Result<String, ValueError> {
        // The common case, already clean (upper-case letters and digits only), needs no work.
        if text.withBytes(isCleanTrackingNumber) { return .success(text) }
        var value = Substring(text.trimmingSpaces())
        if value.hasPrefix("'") { value.removeFirst() }
        let upper = value.removing(" ").uppercased()
        let mantissaAndExponent = upper.split(separator: "E", maxSplits: 1)
        if mantissaAndExponent.count == 2, Double(mantissaAndExponent[0]) != nil, Int(mantissaAndExponent[1]) != nil {
            return .failure(
                ValueError(
                    "\"\(text)\" is a tracking number Excel turned into a number; its digits are lost",
                    hint: "export again without opening the file in Excel, or format the column as Text before saving"))
        }
        if let whole = wholeNumber(upper) {
            // A double holds every whole number of up to 15 digits exactly; longer ones were rounded.
            guard whole.count < 16 else {
                return .failure(
                    ValueError(
                        "\"\(text)\" is a tracking number written as a decimal number; beyond 15 digits its last digits may be lost",
                        hint:
                            "export again without opening the file in a spreadsheet or data frame, or keep the column as text"
                    ))
            }
            return .success(String(whole))
        }
        return .success(upper)
    }

    /// A tracking number as a key (its normal form), "" for none or one Excel mangled.
    public static func trackingKey(_ text: String) -> String {
        if case .success(let key) = trackingNumber(text) { return key }
        return ""
    }

    /// True for a tracking number already in its normal form (capitals and digits only, not empty), as carriers
    /// write them: such a cell is used as it is.
    public static func isCleanTrackingNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        let count = bytes.count
        guard count >= 8 else {
            // Every byte tested, without a branch per byte.
            var other: UInt8 = 0
            for byte in bytes { other |= (byte &- 48 < 10 ? 0 : 1) & (byte &- 65 < 26 ? 0 : 1) }
            return other == 0
        }
        // Eight bytes at a time, the last word overlapping the one before: each tracking row's number is tested
        // twice (`InputLoader.prefetch`), and the vectorized byte loop took some 170 instructions for 18 bytes.
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 < count {
            guard isCleanWord(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) else { return false }
            index += 8
        }
        return isCleanWord(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    }

    /// True when each of a word's eight bytes is a digit or a capital letter.
    @inline(__always) private static func isCleanWord(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        guard word & highs == 0 else { return false }
        // With every byte below 0x80, adding 0x80 - n sets a byte's high bit exactly when the byte is n or more, and
        // no carry crosses into the next byte (0x7F + 0x50 is below 0x100).
        func atLeast(_ n: UInt64) -> UInt64 { word &+ (0x80 &- n) &* ones }
        let clean = atLeast(0x30) & ~atLeast(0x3A) | atLeast(0x41) & ~atLeast(0x5B)
        return clean & highs == highs
    }

    /// A yes/no cell: `true`, `yes`, `y`, `1`, `x` are true; `false`, `no`, `n`, `0` and empty are false.
    public static func flag(_ text: String) -> Result<Bool, ValueError> {
        if let known = text.withBytes(knownFlag) { return .success(known) }
        return switch text.trimmingSpaces().lowercased() {
        case "true", "yes", "y", "1", "x", "t": .success(true)
        case "false", "no", "n", "0", "", "f": .success(false)
        default: .failure(ValueError("\"\(text)\" is not yes or no", hint: "write true or false"))
        }
    }

    /// The common spellings of a yes/no cell, compared as lower-cased ASCII bytes without making a string; nil for
    /// anything else (read as text then).
    public static func knownFlag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count <= 5 else { return nil }
        var word: UInt64 = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            word = word << 8 | UInt64((65...90).contains(byte) ? byte + 32 : byte)
        }
        switch word {
        case Self.word("true"), Self.word("yes"), Self.word("y"), Self.word("1"), Self.word("x"), Self.word("t"):
            return true
        case Self.word("false"), Self.word("no"), Self.word("n"), Self.word("0"), 0, Self.word("f"): return false
        default: return nil
        }
    }

    /// A short ASCII word as one number, its bytes in order (`"no"` → 0x6E6F).
    private static func word(_ text: StaticString) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<text.utf8CodeUnitCount { word = word << 8 | UInt64(text.utf8Start[index]) }
        return word
    }

    /// The key a SKU is matched by: trimmed and upper-cased.
    public static func sku(_ text: String) -> String {
        text.trimmingSpaces().uppercased()
    }
}

// The cell fast paths as the domain's readers call them, on a cell's view.
extension ValueParsers {
    /// `plainQuantity` of a cell.
    @inlinable public static func plainQuantity(_ cell: ByteView) -> Int? { plainQuantity(cell.buffer) }
    /// `plainStoredMoney` of a cell.
    @inlinable public static func plainStoredMoney(_ cell: ByteView) -> Int64? { plainStoredMoney(cell.buffer) }
    /// `plainAmount` of a cell.
    @inlinable public static func plainAmount(_ cell: ByteView) -> Double? { plainAmount(cell.buffer) }
    /// `plainOrderNumber` of a cell.
    @inlinable public static func plainOrderNumber(_ cell: ByteView) -> ByteView? {
        plainOrderNumber(cell.buffer).map(ByteView.init)
    }
    /// `isCleanTrackingNumber` of a cell.
    @inlinable public static func isCleanTrackingNumber(_ cell: ByteView) -> Bool { isCleanTrackingNumber(cell.buffer) }
    /// `knownFlag` of a cell.
    @inlinable public static func knownFlag(_ cell: ByteView) -> Bool? { knownFlag(cell.buffer) }
}
