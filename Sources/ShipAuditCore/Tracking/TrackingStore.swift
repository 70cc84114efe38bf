/// Every parcel's tracking, by tracking number. Parcels sit in an array and the dictionary holds only their
/// positions: a dictionary of the large `ParcelTracking` values would keep its spare capacity at full size.
public struct TrackingStore: Sendable {
    private var positions: [String: Int32] = [:]
    private var parcels: [ParcelTracking] = []

    /// An empty store.
    public init() {}

    /// The parcel with this tracking number.
    public subscript(trackingNumber: String) -> ParcelTracking? {
        positions[trackingNumber].map { parcels[Int($0)] }
    }

    /// The parcel, or a new one, for reading and changing in place.
    public subscript(trackingNumber: String, default value: @autoclosure () -> ParcelTracking) -> ParcelTracking {
        get { self[trackingNumber] ?? value() }
        set {
            if let position = positions[trackingNumber] {
                parcels[Int(position)] = newValue
            } else {
                positions[trackingNumber] = Int32(parcels.count)
                parcels.append(newValue)
            }
        }
    }

    /// Makes room for this many parcels (a growing array of large values would hold up to twice the room).
    mutating func reserve(_ count: Int) {
        parcels.reserveCapacity(count)
        positions.reserveCapacity(count)
    }

    /// True when no tracking rows were read.
    public var isEmpty: Bool { parcels.isEmpty }
    /// The tracking numbers.
    public var keys: Dictionary<String, Int32>.Keys { positions.keys }
    /// The parcels.
    public var values: [ParcelTracking] { parcels }
}
