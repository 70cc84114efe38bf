import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What a service name resolved to.
public struct ResolvedService: Sendable, Hashable {
    /// The name as the export wrote it.
    public let written: String
    /// The speed tier.
    public let tier: ServiceTier
    /// The known service it matched, when it was a carrier service (nil for a merchant rate title).
    public let canonicalName: String?
    /// True when the carrier guarantees its delivery date.
    public let guaranteed: Bool
}

/// Looks up the tier of a carrier service or merchant rate title: config rate titles and services first, then the
/// built-in table. Never guesses: an unknown name resolves to nil and is counted by the caller.
public struct ServiceDirectory: Sendable {
    private var byKey: [String: ResolvedService] = [:]

    /// Builds the directory from the built-in services plus `extra` (normalized name → tier) from the config,
    /// which take precedence.
    public init(builtIn: [CarrierService] = BuiltInServices.all, extra: [String: ServiceTier] = [:]) {
        // The built-in table's keys are made once per process (a run builds a directory in several places).
        if builtIn.count == BuiltInServices.all.count {
            byKey = Self.builtInKeys
        } else {
            byKey = Self.keys(builtIn)
        }
        for (name, tier) in extra {
            byKey[Self.key(name)] = ResolvedService(written: name, tier: tier, canonicalName: nil, guaranteed: false)
        }
    }

    /// The built-in services' keys.
    private static let builtInKeys = keys(BuiltInServices.all)

    /// The keys of `services`: each name and alias, and the bare ones also with their carrier in front.
    private static func keys(_ services: [CarrierService]) -> [String: ResolvedService] {
        var byKey: [String: ResolvedService] = [:]
        for service in services {
            let carrierKey = carrierKey(service.carrier)
            for name in [service.name] + service.aliases {
                let resolved = ResolvedService(
                    written: name, tier: service.tier, canonicalName: service.name,
                    guaranteed: service.guaranteed)
                let key = key(name)
                // Aliases like "ups 03" are stored as written; bare names also get their carrier-prefixed form.
                byKey[key] = byKey[key] ?? resolved
                if !key.hasPrefix(carrierKey) { byKey[carrierKey + key] = byKey[carrierKey + key] ?? resolved }
            }
        }
        return byKey
    }

    /// Resolves a service name, trying it alone and then prefixed with its carrier (`03` + `ups`).
    public func resolve(_ name: String, carrier: String = "") -> ResolvedService? {
        // ShipStation writes "USPS Priority Mail - Package": the service is the part before the package type.
        if let dash = Self.packageTypeDash(name), resolveExactly(name, carrier: carrier) == nil {
            let service = String(decoding: name.utf8.prefix(dash), as: UTF8.self)
            return resolveExactly(service, carrier: carrier).map {
                ResolvedService(
                    written: name, tier: $0.tier, canonicalName: $0.canonicalName, guaranteed: $0.guaranteed)
            }
        }
        return resolveExactly(name, carrier: carrier)
    }

    /// The byte offset of the first " - " in `name`, nil without one.
    private static func packageTypeDash(_ name: String) -> Int? {
        var name = name
        return name.withUTF8 { bytes in
            guard bytes.count >= 3 else { return nil }
            for index in 0...(bytes.count - 3)
            where bytes[index] == 0x20 && bytes[index + 1] == 0x2D && bytes[index + 2] == 0x20 {
                return index
            }
            return nil
        }
    }

    private func resolveExactly(_ name: String, carrier: String) -> ResolvedService? {
        let key = Self.key(name)
        guard !key.isEmpty else { return nil }
        let found = byKey[key] ?? (carrier.isEmpty ? nil : byKey[Self.carrierKey(carrier) + key])
        return found.map {
            ResolvedService(written: name, tier: $0.tier, canonicalName: $0.canonicalName, guaranteed: $0.guaranteed)
        }
    }

    /// The comparison key of a name: letters and digits only, lower-cased (`UPS® 2nd Day Air` → `ups2nddayair`).
    public static func key(_ name: String) -> String {
        // Scalar by scalar: ASCII by arithmetic, others (`®`, `É`) through their lower-case mapping, which is what
        // lower-casing the whole name does, without lower-casing the whole name for every package.
        var key: [UInt8] = []
        key.reserveCapacity(name.utf8.count)
        func keep(_ byte: UInt8) { if (48...57).contains(byte) || (97...122).contains(byte) { key.append(byte) } }
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                keep((65...90).contains(byte) ? byte + 32 : byte)
            } else {
                String(scalar).lowercased().utf8.forEach(keep)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// The key of a carrier name, with the spellings exports use (`stamps_com`, `Federal Express`) folded together.
    static func carrierKey(_ carrier: String) -> String {
        let key = key(carrier)
        switch key {
        case "stampscom", "endicia", "usps", "unitedstatespostalservice", "uspostalservice": return "usps"
        case "fedex", "federalexpress", "fedexground", "fedexexpress": return "fedex"
        case "ups", "unitedparcelservice", "upsground": return "ups"
        case "dhl", "dhlexpress", "dhlexpressus": return "dhl"
        default: return key
        }
    }
}
