import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the stores keep their records: in memory, or, once an array of them passes `threshold` bytes, in a
/// temporary file of `directory` mapped into memory (`PagedArray`).
///
/// A file-backed array's pages are the file's pages in the system's page cache: the run hands them back to the
/// system as it goes (they stay in the cache, and come back at the cost of a page fault when read again), so its own
/// resident memory is bounded by the pages in use, not by the size of the exports. Under memory pressure (a small
/// container) the system can write those pages to the file and drop them instead of killing the run.
public struct StoreBacking: Sendable {
    /// The directory for the files; nil: memory only.
    public let directory: String?
    /// The size, in bytes, from which an array moves to a file.
    public let threshold: Int
    /// The most bytes a file may take, as if the disk then filled (for tests; a real full disk fails the same way).
    public var fileLimit = Int.max

    /// Memory only (tests, and callers without a directory for the files).
    public static let memory = StoreBacking(directory: nil, threshold: .max)

    /// Arrays larger than `threshold` bytes in temporary files in `directory` (removed from it as soon as made).
    public static func files(in directory: String, from threshold: Int = 4 << 20) -> StoreBacking {
        StoreBacking(directory: directory, threshold: threshold)
    }
}

/// The bytes of one `PagedArray`: a range of address space, mapped to anonymous memory or to a temporary file.
///
/// Memory: the whole reservation is readable and writable (pages count once touched); when it is full a reservation
/// four times larger is made and the bytes copied. File: the reservation is address space only, and the file is
/// mapped into it as it grows (blocks allocated first, so a full disk is an error, not a signal); a larger
/// reservation maps the same file again, without copying. A file that cannot be made, grown or mapped moves the bytes
/// back to memory, and the array stays there.
public final class PagedStorage: @unchecked Sendable {
    public private(set) var base: UnsafeMutableRawPointer?
    /// Bytes of address space at `base`.
    private var reserved = 0
    /// Bytes at `base` that can be read and written.
    public private(set) var mapped = 0
    /// The file (-1: memory).
    private var descriptor: Int32 = -1
    private let backing: StoreBacking
    /// True once a file failed: the array stays in memory.
    private var fileFailed = false

    public static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))
    /// A file grows by this much at a time.
    public static let fileStep = 4 << 20

    public init(backing: StoreBacking) {
        self.backing = backing
    }

    deinit {
        if descriptor >= 0 { ResidentTrimmer.shared.lock.withLock { ResidentTrimmer.shared.set(self, region: nil) } }
        if let base { munmap(base, reserved) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// True when the bytes are in a file.
    public var isFileBacked: Bool { descriptor >= 0 }

    private static func roundUp(_ bytes: Int, to step: Int) -> Int { (bytes + step - 1) / step * step }

    /// Address space only, or anonymous memory (`writable`); nil when the system refuses.
    private static func reserve(_ bytes: Int, writable: Bool) -> UnsafeMutableRawPointer? {
        let pointer = mmap(
            nil, bytes, writable ? PROT_READ | PROT_WRITE : PROT_NONE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        return pointer == MAP_FAILED ? nil : pointer
    }

    /// Anonymous memory of `preferred` bytes, or of `bytes` (rounded up to pages) when the system will not give that
    /// much address space (a strict overcommit policy counts it all).
    private static func memory(atLeast bytes: Int, preferred: Int) -> (UnsafeMutableRawPointer, Int) {
        let least = roundUp(max(bytes, 1), to: pageSize)
        for size in [max(least, preferred), least] {
            if let pointer = reserve(size, writable: true) { return (pointer, size) }
        }
        fatalError("out of memory: \(least) bytes for the stores' records")
    }

    /// Makes at least `bytes` usable, keeping the first `used`.
    public func ensure(_ bytes: Int, used: Int) {
        guard bytes > mapped else { return }
        // The trimmer reads `base` and `mapped` of file-backed storages: they change under its lock.
        ResidentTrimmer.shared.lock.withLock { grow(bytes, used: used) }
    }

    private func grow(_ bytes: Int, used: Int) {
        defer { ResidentTrimmer.shared.set(self, region: descriptor >= 0 ? (base!, mapped) : nil) }
        if descriptor < 0, !fileFailed, let directory = backing.directory, bytes > backing.threshold {
            moveToFile(in: directory, bytes: bytes, used: used)
        }
        if descriptor >= 0, bytes > mapped {
            growFile(to: Self.roundUp(bytes, to: Self.fileStep), used: used)
        }
        if descriptor < 0, bytes > mapped {
            growMemory(to: bytes, used: used)
        }
    }

    private func growMemory(to bytes: Int, used: Int) {
        let (next, size) = Self.memory(atLeast: bytes, preferred: max(reserved * 4, 16 * Self.pageSize))
        if let base {
            if used > 0 { memcpy(next, base, used) }
            munmap(base, reserved)
        }
        (base, reserved, mapped) = (next, size, size)
    }

    /// Grows the file and its mapping to `size` bytes; back to memory when that fails.
    private func growFile(to size: Int, used: Int) {
        if size > reserved, !remapFile(reserving: max(size, reserved * 8)) {
            moveToMemory(used: used)
            return
        }
        guard size <= backing.fileLimit, posix_fallocate(descriptor, off_t(mapped), off_t(size - mapped)) == 0,
            mmap(
                base! + mapped, size - mapped, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, descriptor, off_t(mapped)
            ) != MAP_FAILED
        else {
            moveToMemory(used: used)
            return
        }
        mapped = size
    }

    /// Maps the file's `mapped` bytes at the start of a new reservation of `size` bytes.
    private func remapFile(reserving size: Int) -> Bool {
        guard let next = Self.reserve(size, writable: false) else { return false }
        if mapped > 0, mmap(next, mapped, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, descriptor, 0) == MAP_FAILED {
            munmap(next, size)
            return false
        }
        if let base { munmap(base, reserved) }
        (base, reserved) = (next, size)
        return true
    }

    /// Moves the first `used` bytes to a new temporary file of `bytes` (rounded up) in `directory`, when it can.
    private func moveToFile(in directory: String, bytes: Int, used: Int) {
        var template = Array((directory as NSString).appendingPathComponent(".shipaudit-store-XXXXXX").utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else {
            fileFailed = true
            return
        }
        // Removed at once: only this descriptor keeps it. A file system that cannot do that is not used.
        let size = Self.roundUp(bytes, to: Self.fileStep)
        let removed = template.withUnsafeBufferPointer { unlink($0.baseAddress!) } == 0
        let space = max(size, 1 << 30)
        var next: UnsafeMutableRawPointer?
        if removed, size <= backing.fileLimit, posix_fallocate(file, 0, off_t(size)) == 0, Self.write(file, base, used)
        {
            next = Self.reserve(space, writable: false)
        }
        guard let next, mmap(next, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, file, 0) != MAP_FAILED else {
            if let next { munmap(next, space) }
            close(file)
            // A file system that cannot remove an open file can once it is closed.
            if !removed { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
            fileFailed = true
            return
        }
        if let base { munmap(base, reserved) }
        (base, reserved, mapped, descriptor) = (next, space, size, file)
    }

    /// Writes `count` bytes from `from` at the start of `file`.
    private static func write(_ file: Int32, _ from: UnsafeMutableRawPointer?, _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let result = pwrite(file, from! + done, count - done, off_t(done))
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { return false }
            done += result
        }
        return true
    }

    /// Copies the first `used` bytes of the file to memory, and lets the file go.
    private func moveToMemory(used: Int) {
        let (next, size) = Self.memory(
            atLeast: used, preferred: max(Self.roundUp(used, to: Self.pageSize) * 2, 16 * Self.pageSize))
        if used > 0 { memcpy(next, base!, used) }
        if let base { munmap(base, reserved) }
        close(descriptor)
        (base, reserved, mapped, descriptor, fileFailed) = (next, size, size, -1, true)
    }

    /// Gives the pages of the first `bytes` back to the system (file-backed only: they stay in the file, and are
    /// read again from the page cache when next used). Safe while other threads read: they fault the pages back in.
    public func releaseResident(upTo bytes: Int = .max) {
        guard descriptor >= 0, let base else { return }
        let end = min(mapped, bytes / Self.pageSize * Self.pageSize)
        if end > 0 { madvise(base, end, MADV_DONTNEED) }
    }

    /// A storage of its own with the first `used` bytes (copy on write).
    public func copy(used: Int) -> PagedStorage {
        let copy = PagedStorage(backing: backing)
        if used > 0 {
            copy.ensure(used, used: 0)
            memcpy(copy.base!, base!, used)
        }
        return copy
    }
}

/// An array of plain records (no references) in `PagedStorage`: appending never copies what is stored once the
/// array is in a file, and its pages can be handed back to the system (`releaseResident`) and read again later.
/// A file-backed array hands back all but its last pages every few megabytes it grows, so appending a million
/// records holds a few megabytes of them. Copies share the storage until one of them changes (copy on write).
public struct PagedArray<Element: BitwiseCopyable>: RandomAccessCollection, MutableCollection, @unchecked Sendable {
    private var storage: PagedStorage?
    private var elements: UnsafeMutablePointer<Element>?
    /// The number of elements.
    public private(set) var count = 0
    /// Elements that fit the storage's mapped bytes.
    private var capacity = 0
    /// The count at which a file-backed array next hands back its pages.
    private var releaseAt = 0
    private let backing: StoreBacking

    public init(backing: StoreBacking = .memory) {
        self.backing = backing
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    private static var stride: Int { MemoryLayout<Element>.stride }

    public subscript(index: Int) -> Element {
        get {
            precondition(UInt(bitPattern: index) < UInt(count), "index out of range")
            return elements![index]
        }
        set {
            precondition(UInt(bitPattern: index) < UInt(count), "index out of range")
            makeUnique()
            elements![index] = newValue
        }
        _modify {
            precondition(UInt(bitPattern: index) < UInt(count), "index out of range")
            makeUnique()
            yield &elements![index]
        }
    }

    /// Makes room for `count` elements in all.
    public mutating func reserveCapacity(_ count: Int) {
        makeUnique()
        if count > capacity { grow(to: count) }
    }

    public mutating func append(_ element: Element) {
        makeUnique()
        if count == capacity { grow(to: count + 1) }
        elements![count] = element
        count += 1
        if count >= releaseAt { releaseWritten() }
    }

    public mutating func append(contentsOf buffer: UnsafeBufferPointer<Element>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        makeUnique()
        if count + buffer.count > capacity { grow(to: count + buffer.count) }
        (elements! + count).update(from: source, count: buffer.count)
        count += buffer.count
        if count >= releaseAt { releaseWritten() }
    }

    /// Runs `body` on the elements in `range`, in place.
    public func withElements<Result>(in range: Range<Int>, _ body: (UnsafeBufferPointer<Element>) -> Result) -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return body(UnsafeBufferPointer(start: elements.map { $0 + range.lowerBound }, count: range.count))
    }

    public func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result)
        rethrows -> Result?
    {
        try body(UnsafeBufferPointer(start: elements, count: count))
    }

    /// True when the elements are in a file.
    public var isFileBacked: Bool { storage?.isFileBacked ?? false }

    /// Hands every page back to the system (file-backed only; nothing changes for a reader but the time of the
    /// first read of each page). Used between stages and slices of the check.
    public func releaseResident() {
        storage?.releaseResident(upTo: count * Self.stride + PagedStorage.pageSize)
    }

    /// Hands back what was appended but the last page, and sets when to do it next.
    private mutating func releaseWritten() {
        releaseAt = count + Swift.max(1, PagedStorage.fileStep / Self.stride)
        storage?.releaseResident(upTo: count * Self.stride)
    }

    private mutating func makeUnique() {
        guard storage != nil, !isKnownUniquelyReferenced(&storage) else { return }
        storage = storage!.copy(used: count * Self.stride)
        rebind()
    }

    private mutating func grow(to needed: Int) {
        if storage == nil { storage = PagedStorage(backing: backing) }
        storage!.ensure(needed * Self.stride, used: count * Self.stride)
        rebind()
    }

    private mutating func rebind() {
        guard let storage, let base = storage.base else { return }
        capacity = storage.mapped / Self.stride
        elements = base.bindMemory(to: Element.self, capacity: capacity)
    }
}

/// Hands the pages of every file-backed storage back to the system every `interval`, on a thread of its own that
/// runs while such storages exist: a stage that walks the records (the match's passes over every package, the check's
/// orders) then holds the pages it read in the last moment, not all it ever read. Pages come back from the page cache
/// when read again (a page fault, about a microsecond); readers and writers on other threads are unaffected, as for
/// `PagedStorage.releaseResident`.
public final class ResidentTrimmer: @unchecked Sendable {
    public static let shared = ResidentTrimmer()
    public static let interval: useconds_t = 50_000

    /// Held while a storage's mapping changes, and while the trimmer releases pages.
    public let lock = NSLock()
    /// The mapped bytes of each file-backed storage, by storage: the trimmer never touches the storages themselves.
    private var regions: [ObjectIdentifier: (base: UnsafeMutableRawPointer, length: Int)] = [:]
    private var running = false

    /// Sets (nil: removes) the file-backed region of `storage`; the caller holds `lock`.
    public func set(_ storage: PagedStorage, region: (base: UnsafeMutableRawPointer, length: Int)?) {
        regions[ObjectIdentifier(storage)] = region
        guard region != nil, !running else { return }
        running = true
        let thread = Thread { [self] in run() }
        thread.stackSize = 256 << 10
        thread.start()
    }

    private func run() {
        while true {
            usleep(Self.interval)
            let done = lock.withLock {
                if regions.isEmpty {
                    running = false
                    return true
                }
                for region in regions.values { madvise(region.base, region.length, MADV_DONTNEED) }
                return false
            }
            if done { return }
        }
    }
}

extension PagedArray where Element == UInt8 {
    /// Appends the bytes of a view.
    @inlinable public mutating func append(contentsOf bytes: ByteView) { append(contentsOf: bytes.buffer) }

    /// Runs `body` on a view of the bytes at `range` (valid during the call only).
    @inlinable
    public func withBytes<Result>(in range: Range<Int>, _ body: (ByteView) -> Result) -> Result {
        withElements(in: range) { body(ByteView($0)) }
    }
}

extension String {
    /// Runs `body` on a view of the text's UTF-8 (no copy when the text is native).
    @inlinable
    public func withByteView<Result>(_ body: (ByteView) throws -> Result) rethrows -> Result {
        try withBytes { try body(ByteView($0)) }
    }
}
