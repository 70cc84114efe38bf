/// The bytes and field ends of the record libcsv is delivering, in memory the reader owns. libcsv's callbacks
/// reach it through a raw pointer, so appending a field costs a copy and no Swift array or exclusivity checks
/// (those were a sixth of the read's time).
struct RecordBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var fields = 0
    private var fieldCapacity: Int
    /// Set by the record callback; cleared when the record is handed on.
    var complete = false
    /// Set when the record outgrew `limit`: its later bytes were dropped.
    var overflow = false
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        capacity = 4096
        bytes = .allocate(capacity: capacity)
        fieldCapacity = 128
        ends = .allocate(capacity: fieldCapacity)
    }

    /// Frees the memory (the owner calls it once).
    func free() {
        bytes.deallocate()
        ends.deallocate()
    }

    mutating func appendField(_ field: UnsafeRawPointer?, _ length: Int) {
        if count + length > limit {
            overflow = true
        } else if let field, length > 0 {
            if count + length > capacity {
                var grown = capacity * 2
                while grown < count + length { grown *= 2 }
                let next = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                next.update(from: bytes, count: count)
                bytes.deallocate()
                bytes = next
                capacity = grown
            }
            (bytes + count).update(from: field.assumingMemoryBound(to: UInt8.self), count: length)
            count += length
        }
        if fields == fieldCapacity {
            let next = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
            next.update(from: ends, count: fields)
            ends.deallocate()
            ends = next
            fieldCapacity *= 2
        }
        ends[fields] = count
        fields += 1
    }

    mutating func clear() {
        count = 0
        fields = 0
        complete = false
    }
}
