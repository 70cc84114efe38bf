import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Status vocabularies and folding scan rows into one parcel's tracking.
struct TrackingTests {
    @Test("the index's byte comparison and hash of short keys agree with memcmp and see every byte, at every length")
    func shortKeys() {
        var random = SeededNumbers(seed: 5)
        for count in 0...40 {
            for _ in 0..<200 {
                let a = (0..<count).map { _ in UInt8(random.next(4) + 0x41) }
                var b = a
                if count > 0, random.next(2) == 0 { b[random.next(count)] = UInt8(random.next(4) + 0x41) }
                a.withUnsafeBytes { x in
                    b.withUnsafeBytes { y in
                        let expected = count == 0 || memcmp(x.baseAddress!, y.baseAddress!, count) == 0
                        if count > 0 { #expect(ByteKeyIndex.same(x.baseAddress!, y.baseAddress!, count) == expected) }
                        let hashes = (
                            a.withUnsafeBufferPointer(ByteKeyIndex.hash), b.withUnsafeBufferPointer(ByteKeyIndex.hash)
                        )
                        if expected { #expect(hashes.0 == hashes.1) }
                    }
                }
            }
            // One byte changed anywhere changes the hash (every byte is read).
            let key = [UInt8](repeating: 0x41, count: count)
            for place in 0..<count {
                var other = key
                other[place] = 0x42
                #expect(
                    key.withUnsafeBufferPointer(ByteKeyIndex.hash) != other.withUnsafeBufferPointer(ByteKeyIndex.hash),
                    "\(count) \(place)")
            }
        }
    }

    @Test(
        "vocabularies normalize",
        arguments: [
            ("InTransit", ParcelStatus.inTransit), ("pre_transit", .labelCreated),
            ("out_for_delivery", .outForDelivery),
            ("AvailableForPickup", .availableForPickup), ("return_to_sender", .returned), ("FAILURE", .exception),
            ("D", .delivered), ("X", .exception), ("MP", .labelCreated), ("RS", .returned), ("DL", .delivered),
            ("DE", .exception),
            ("HL", .availableForPickup), ("Delivered, Front Door", .delivered), ("Departed FedEx hub", .inTransit),
            ("Shipment information sent to FedEx", .labelCreated), ("Delivery attempted - no access", .exception),
            ("Out For Delivery Today", .outForDelivery), ("Returned to shipper", .returned),
            ("Origin Scan", .inTransit),
        ])
    func normalize(text: String, status: ParcelStatus) {
        #expect(ParcelStatus.normalize(text) == status)
    }

    @Test("an unknown text is not guessed; the config can map it")
    func unknown() {
        #expect(ParcelStatus.normalize("Zorgled at node 7") == nil)
        #expect(
            ParcelStatus.normalize("Zorgled at node 7", extra: [ServiceDirectory.key("Zorgled at node 7"): .inTransit])
                == .inTransit)
    }

    @Test("rows out of order fold to the same result: latest status, first and last scan, earliest delivery")
    func outOfOrder() throws {
        let rows: [(String, String)] = [
            ("2026-11-17T22:00:00Z", "Departed facility"), ("2026-11-16T21:00:00Z", "Label created"),
            ("2026-11-18T15:00:00Z", "Delivered"), ("2026-11-17T09:00:00Z", "Picked up"),
        ]
        for order in [rows, rows.reversed(), [rows[2], rows[0], rows[3], rows[1]]] {
            var store = TrackingStore()
            for (index, (time, text)) in order.enumerated() {
                store.add(
                    "T", status: ParcelStatus.normalize(text)!, text: text, time: Scenario.date(time), scheduled: nil,
                    deliveredAt: nil,
                    weight: nil, source: SourceLocation(file: "t.csv", line: index + 2))
            }
            let parcel = try #require(store["T"])
            #expect(parcel.status == .delivered)
            #expect(parcel.firstScan?.text == "Picked up")
            #expect(parcel.lastScan?.text == "Delivered")
            #expect(ReportJSONWriter.timestamp(parcel.delivered!.time!) == "2026-11-18T15:00:00Z")
        }
    }

    @Test("UPS-style date and time columns without a zone are read in the tracking zone")
    func zonelessColumns() throws {
        let path = Fixture.temporary(
            "tracking_number,date,time,status,location\n1Z5R89390357567127,20261118,163000,I,Chicago IL\n1Z5R89390357567127,2026-11-19,09:15,Delivered,Chicago IL\n"
        )
        var loader = InputLoader(timeZone: Fixture.newYork, trackingTimeZone: TimeZone(identifier: "America/Chicago")!)
        try loader.load(InputFile(path: path, kind: .tracking))
        let parcel = try #require(loader.loaded.tracking["1Z5R89390357567127"])
        #expect(ReportJSONWriter.timestamp(parcel.firstScan!.time!) == "2026-11-18T22:30:00Z")
        #expect(ReportJSONWriter.timestamp(parcel.delivered!.time!) == "2026-11-19T15:15:00Z")
        #expect(loader.loaded.inputs[0].profile == "shipaudit-tracking")
    }

    @Test("a snapshot row (no time) is the current status; unknown texts are counted")
    func snapshot() throws {
        let path = Fixture.temporary(
            "Tracking Number,Status,Scheduled Delivery\nT1,In Transit,2026-11-23\nT2,Zorgled,\nT2,Zorgled,\n")
        var loader = InputLoader(timeZone: Fixture.newYork)
        try loader.load(InputFile(path: path, kind: .tracking))
        #expect(loader.loaded.tracking["T1"]?.status == .inTransit)
        #expect(loader.loaded.tracking["T1"]?.scheduled?.source.line == 2)
        #expect(loader.loaded.unknownStatuses == ["Zorgled": 2])
    }

    @Test(
        "tracking numbers as written (lower case, spaces, an Excel apostrophe) fold into the parcel of the clean number"
    )
    func trackingNumberSpellings() throws {
        let path = Fixture.temporary(
            """
            tracking_number,time,status
            1Z5R89390357567127,2026-11-17T10:00:00Z,Picked up
            1z5r89390357567127,2026-11-18T10:00:00Z,In transit
            "1Z 5R8 939 0357567127",2026-11-19T10:00:00Z,Delivered
            '1Z5R89390357567127,2026-11-19T11:00:00Z,Delivered
            9400111899223197428490,2026-11-19T12:00:00Z,Delivered
            ,2026-11-19T12:00:00Z,Delivered

            """)
        var loader = InputLoader(timeZone: Fixture.newYork)
        try loader.load(InputFile(path: path, kind: .tracking))
        let parcel = try #require(loader.loaded.tracking["1Z5R89390357567127"])
        #expect(parcel.rows == 4 && parcel.status == .delivered && parcel.firstScan?.source.line == 2)
        #expect(ReportJSONWriter.timestamp(parcel.delivered!.time!) == "2026-11-19T10:00:00Z")
        #expect(loader.loaded.tracking.count == 2 && loader.loaded.tracking["9400111899223197428490"]?.rows == 1)
        #expect(
            loader.loaded.inputs[0].rowsRead == 6 && loader.loaded.inputs[0].rowsUsed == 5
                && loader.loaded.rejects.count == 1)
    }

    @Test("times read from the cell's bytes and from text agree; a bad time is rejected with its column and value")
    func timesFromBytes() throws {
        let path = Fixture.temporary(
            """
            tracking_number,time,status
            T1, 2026-11-17 10:00:00 -0500 ,Picked up
            T1,11/18/2026 4:02:11 PM,In transit
            T1,2026-13-01T10:00:00Z,Delivered
            T1,soon,Delivered
            T1,20261119,Delivered

            """)
        var loader = InputLoader(timeZone: Fixture.newYork)
        try loader.load(InputFile(path: path, kind: .tracking))
        let parcel = try #require(loader.loaded.tracking["T1"])
        #expect(ReportJSONWriter.timestamp(parcel.firstScan!.time!) == "2026-11-17T15:00:00Z")
        #expect(ReportJSONWriter.timestamp(parcel.delivered!.time!) == "2026-11-19T05:00:00Z")
        #expect(
            loader.loaded.rejects.map(\.description) == [
                "\(path):4: column \"time\": \"2026-13-01T10:00:00Z\" is not a real date or time (check day, month and hour)",
                "\(path):5: column \"time\": \"soon\" is not a date and time this tool reads (use 2026-03-01 10:15:00 -0500, ISO 8601, 3/1/2026 4:02:11 PM or 20260301)",
            ])
    }

    @Test("the tracking-number index finds every key after growing, and nothing else")
    func byteKeyIndex() {
        var index = ByteKeyIndex()
        let keys = (0..<5_000).map { "1Z\($0 * 7919)" } + ["", "é", "1Z"]
        for (expected, key) in keys.enumerated() {
            #expect(index.insert(key) == expected)
        }
        #expect(index.count == keys.count)
        #expect(keys.enumerated().allSatisfy { index.position(of: $1) == $0 && index.key(at: $0) == $1 })
        #expect(index.insert("1Z7919") == 1)
        #expect(index.position(of: "1Z7919X") == nil && index.position(of: "1z7919") == nil)
        // A slot from a lookup is used only while nothing changed since; a stale one is looked up again.
        let (absent, slot) = index.lookup("NEW-1")
        let asOf = index.changes
        #expect(absent == nil)
        _ = index.insert("NEW-2")
        index.reserve(100_000)
        #expect(index.insert("NEW-1", at: slot, asOf: asOf) == keys.count + 1)
        #expect(index.position(of: "NEW-1") == keys.count + 1 && index.position(of: "NEW-2") == keys.count)
        let (_, fresh) = index.lookup("NEW-3")
        #expect(
            index.insert("NEW-3", at: fresh, asOf: index.changes) == keys.count + 2
                && index.position(of: "NEW-3") == keys.count + 2)
        // Grown past a few table sizes (each with fewer tag bits beside the position), every key is still found at its
        // position; near misses (one byte more, one less) are not.
        var large = ByteKeyIndex()
        let many = (0..<300_000).map { "1Z\(String($0, radix: 36))" }
        #expect(many.enumerated().allSatisfy { large.insert($1) == $0 })
        #expect(many.enumerated().allSatisfy { large.position(of: $1) == $0 })
        #expect(many.prefix(1000).allSatisfy { large.position(of: $0 + "0") == nil || many.contains($0 + "0") })
        #expect(large.position(of: "1") == nil && large.position(of: "") == nil && large.count == 300_000)
        // A few keys are compared in turn, more are looked up in the table: the same answers either way.
        var few = ByteKeyIndex()
        let statuses = [
            "Delivered", "In Transit", "in transit", "Picked up", "", "Out for delivery", "Exception", "Delivered ",
            "Label created", "Returned",
        ]
        for (count, status) in statuses.enumerated() {
            _ = few.insert(status)
            for probe in statuses + ["Deliver", "Delivered!", "X"] {
                var probe = probe
                #expect(
                    probe.withUTF8 { few.positionAmongFew(bytes: $0) } == few.position(of: probe),
                    "\(probe) among \(count + 1)")
            }
        }
    }

    @Test(
        "rows of several tracking files, numbered in one sequence, give back their file and line; a stored parcel is 72 bytes"
    )
    func rowNumbers() {
        let (a, b) = (
            SourceLocation(file: "a.csv", line: 1).fileNumber, SourceLocation(file: "b.csv", line: 1).fileNumber
        )
        var rows = RowNumbers()
        let rowsRead: [(UInt32, Int)] = [(a, 2), (a, 3), (a, 900), (b, 2), (b, 5), (a, 2), (a, 7)]
        let numbers = rowsRead.map { rows.number(file: $0.0, line: $0.1) }
        #expect(Set(numbers).count == numbers.count && !numbers.contains(0))
        for ((file, line), number) in zip(rowsRead, numbers) {
            #expect(rows.location(number) == SourceLocation(fileNumber: file, line: line))
            #expect(rows.location(number).file == (file == a ? "a.csv" : "b.csv"))
        }
        #expect(MemoryLayout<CompactParcel>.stride == 72)
    }

    @Test(
        "parcels kept compact or whole fold to what a whole parcel would: milliseconds and finer fractions, times far off, weights, many texts, rows of parcels interleaved"
    )
    func compactParcels() {
        var random = SystemRandomNumberGenerator()
        let statuses: [ParcelStatus] = [.labelCreated, .inTransit, .outForDelivery, .delivered, .exception, .returned]
        let base = Scenario.date("2026-11-01T00:00:00Z").timeIntervalSince1970
        var store = TrackingStore()
        var expected: [String: PackedParcel] = [:]
        var textOfLine: [Int: String] = [:]
        // A parcel with more texts than a compact record can number: texts first read after it are kept whole (the
        // statuses' texts are read before it).
        let early = statuses.map(\.rawValue) + ["delivered"]
        for row in 0..<66_000 {
            let text = row < early.count ? early[row] : "Filler \(row)"
            textOfLine[row + 2] = text
            store.add(
                "F", status: .inTransit, text: text, time: nil, scheduled: nil, deliveredAt: nil, weight: nil,
                source: SourceLocation(file: "compact.csv", line: row + 2))
            expected["F", default: PackedParcel()].add(
                status: .inTransit, text: 0, time: nil, scheduled: nil, deliveredAt: nil, grams: nil,
                row: UInt32(row + 2), deliveredText: 0)
        }
        for row in 66_000..<72_000 {
            let number = "T\(Int.random(in: 0..<300, using: &random))"
            let status = statuses.randomElement(using: &random)!
            // Some texts are many (numbers past 65,535 are kept whole), some times have fractions or are a century off.
            let text = Int.random(in: 0..<20, using: &random) == 0 ? "Scan \(row)" : status.rawValue
            let seconds: Double? =
                switch Int.random(in: 0..<40, using: &random) {
                case 0: nil
                case 1: base + 0.25
                case 4: base + Double(Int.random(in: 0..<2_000_000, using: &random)) + 0.62 // milliseconds, kept beside
                case 5: base + 0.0004 // not milliseconds: kept whole
                case 2: -2_500_000_000
                case 3: 4_000_000_000
                default: base + Double(Int.random(in: 0..<2_000_000, using: &random))
                }
            let scheduled =
                Int.random(in: 0..<5, using: &random) == 0 ? Date(timeIntervalSince1970: base + 400_000) : nil
            let weight =
                Int.random(in: 0..<30, using: &random) == 0
                ? Weight(grams: Double.random(in: 10..<9_000, using: &random)) : nil
            let deliveredAt =
                Int.random(in: 0..<30, using: &random) == 0 ? Date(timeIntervalSince1970: base + 700_000.5) : nil
            let source = SourceLocation(file: "compact.csv", line: row + 2)
            let time = seconds.map(Date.init(timeIntervalSince1970:))
            store.add(
                number, status: status, text: text, time: time, scheduled: scheduled, deliveredAt: deliveredAt,
                weight: weight, source: source)
            textOfLine[row + 2] = text
            expected[number, default: PackedParcel()].add(
                status: status, text: 0, time: time, scheduled: scheduled, deliveredAt: deliveredAt,
                grams: weight?.grams, row: UInt32(row + 2), deliveredText: 0)
        }
        for (number, parcel) in expected {
            let stored = store[number]!
            func same(_ mark: ParcelTracking.Mark?, _ packed: PackedParcel.PackedMark) -> Bool {
                guard let mark else { return packed.row == 0 }
                return mark.source.line == Int(packed.row)
                    && [textOfLine[mark.source.line], "delivered"].contains(mark.text)
                    && mark.time?.timeIntervalSince1970 == (packed.time.isNaN ? nil : packed.time)
            }
            #expect(stored.status == parcel.status && stored.rows == Int(parcel.rows), "\(number)")
            #expect(
                same(stored.statusMark, parcel.statusMark) && same(stored.firstScan, parcel.firstScan)
                    && same(stored.lastScan, parcel.lastScan), "\(number)")
            #expect(same(stored.delivered, parcel.delivered) && same(stored.problem?.mark, parcel.problem), "\(number)")
            #expect(
                stored.scheduled?.source.line == (parcel.scheduledRow == 0 ? nil : Int(parcel.scheduledRow)),
                "\(number)")
            #expect(stored.weight?.grams == (parcel.grams.isNaN ? nil : parcel.grams), "\(number)")
            #expect(
                stored.earliest?.timeIntervalSince1970 == (parcel.earliest.isNaN ? nil : parcel.earliest), "\(number)")
        }
        #expect(store.count == expected.count)
    }
}
