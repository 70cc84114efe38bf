/// The Windows-1252 code page, for exports re-saved by Excel or written by Windows tools (UPS WorldShip).
public enum Windows1252 {
    /// 0x80...0x9F differ from Latin-1; the undefined five map to themselves as C1 controls.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]

    /// The Unicode scalar value of one Windows-1252 byte.
    public static func scalar(for byte: UInt8) -> UInt32 {
        (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
    }
}
