import Foundation

/// The bytes of a cell, a key or a stored text, seen where they are: valid only while what holds them is (a record
/// being read, a store not being changed), like the closure argument it comes from. Domain code passes, compares,
/// numbers and decodes bytes through this type and never touches a pointer.
public struct ByteView: RandomAccessCollection, Equatable {
    /// The bytes, for the machinery's own fast paths.
    public let buffer: UnsafeBufferPointer<UInt8>

    /// A view of `buffer`.
    @inlinable @inline(__always)
    public init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    /// No bytes.
    @inlinable public static var empty: ByteView { ByteView(UnsafeBufferPointer(start: nil, count: 0)) }

    /// The bytes without `first` at the start and `last` at the end (both within the count).
    @inlinable
    public func dropping(first: Int, last: Int) -> ByteView {
        ByteView(UnsafeBufferPointer(rebasing: buffer[first..<(buffer.count - last)]))
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { buffer.count }
    @inlinable public var count: Int { buffer.count }
    @inlinable public var isEmpty: Bool { buffer.isEmpty }
    @inlinable public subscript(position: Int) -> UInt8 { buffer[position] }

    /// Lets `String(decoding:as:)` and `Array(_:)` copy the bytes at once.
    @inlinable
    public func withContiguousStorageIfAvailable<Result>(
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result? { try body(buffer) }

    /// The bytes as UTF-8 text (invalid sequences replaced).
    @inlinable public var text: String { String(decoding: buffer, as: UTF8.self) }

    /// True when every byte is ASCII.
    @inlinable public var isASCII: Bool { buffer.reduce(0, |) & 0x80 == 0 }

    /// True when every byte is ASCII and none is a lower-case letter (then the text upper-cased is these bytes).
    @inlinable
    public var isUpperCaseASCII: Bool {
        // Without a branch per byte.
        var other: UInt8 = 0
        for byte in buffer { other |= byte & 0x80 | (byte &- 0x61 < 26 ? 1 : 0) }
        return other == 0
    }

    /// Byte for byte the same.
    @inlinable
    public static func == (a: ByteView, b: ByteView) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.buffer.baseAddress, let y = b.buffer.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// The view of `bytes`'s own storage while `body` runs.
    @inlinable
    public static func of<Result>(_ bytes: [UInt8], _ body: (ByteView) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { try body(ByteView($0)) }
    }

    /// The view of a text's UTF-8 while `body` runs (no copy when the text is native).
    @inlinable
    public static func of<Result>(_ text: String, _ body: (ByteView) throws -> Result) rethrows -> Result {
        var text = text
        return try text.withUTF8 { try body(ByteView($0)) }
    }
}

/// A reference to an object that something else keeps alive for longer (a file's layout, held by its reader for the
/// whole file): holding it counts nothing, where a counted reference made per row was a measurable share of a read.
public struct UncountedReference<Object: AnyObject> {
    /// The object; valid while its owner keeps it.
    public unowned(unsafe) let object: Object

    /// A reference to `object`, which the caller guarantees outlives this value.
    @inlinable public init(_ object: Object) { self.object = object }

    /// Calls `body` with the object without counting a reference for the call (threads that share one object and
    /// call through it per row or per order otherwise pass its count's cache line back and forth).
    @inlinable
    public func withoutCounting<Result>(_ body: (Object) -> Result) -> Result {
        Unmanaged.passUnretained(object)._withUnsafeGuaranteedRef(body)
    }
}

/// A table of a fixed number of plain values in memory of its own, read without reference counting or copy-on-write
/// checks (a file's column index per field, read for every cell).
public final class FixedTable<Element: BitwiseCopyable> {
    private let elements: UnsafeMutableBufferPointer<Element>

    /// `count` copies of `value`.
    public init(count: Int, repeating value: Element) {
        elements = .allocate(capacity: count)
        elements.initialize(repeating: value)
    }

    deinit { elements.deallocate() }

    /// The value at `index`.
    @inlinable @inline(__always)
    public subscript(index: Int) -> Element {
        get { element(at: index) }
        set { set(newValue, at: index) }
    }

    @usableFromInline func element(at index: Int) -> Element { elements[index] }
    @usableFromInline func set(_ value: Element, at index: Int) { elements[index] = value }
}

/// The case number of a field-less enum's value: its own one-byte tag, without a table or a `switch` (a test should
/// check it against `allCases`).
@inlinable
public func caseNumber<Enum>(of value: Enum) -> Int {
    withUnsafeBytes(of: value) { $0.isEmpty ? 0 : Int($0[0]) }
}
