import Foundation
import Testing

/// Issue 30's adversarial cases, each with the input that broke the tool and the behaviour it must have now.
struct HardeningTests {
    static let orders = """
        order_id,created_at,shipping_method,shipping_paid,sku,quantity,unit_price
        A,2026-11-16T10:00:00-05:00,UPS Ground,8.00,W,2,10.00
        B,2026-11-16T10:00:00-05:00,UPS Ground,8.00,W,1,10.00

        """
    static let catalog = "sku,unit_weight,weight_unit\nW,16,oz\n"

    /// Runs `arguments` on the three files in a new directory and returns the result and the directory.
    static func run(
        orders: String = orders, catalog: String = catalog, shipments: String, config: String? = nil,
        _ extra: [String] = ["--no-write"], command: String = "analyze"
    ) throws -> (Shell.Result, URL) {
        let dir = Shell.scratch()
        Shell.write(orders, "orders.csv", in: dir)
        Shell.write(catalog, "catalog.csv", in: dir)
        Shell.write(shipments, "shipments.csv", in: dir)
        var arguments = [
            command, "--orders", "orders.csv", "--catalog", "catalog.csv", "--shipments", "shipments.csv",
            "--as-of", "2026-11-19T02:00:00-05:00",
        ]
        if let config {
            Shell.write(config, "shipaudit.toml", in: dir)
            arguments += ["--config", "shipaudit.toml"]
        }
        return (try Shell.run(arguments + extra, in: dir), dir)
    }

    static let shipmentsHeader = "order_id,tracking_number,carrier,service,weight,weight_unit\n"

    @Test("1. weights past any parcel's (1e18 oz, Int64.max g, a config of 1e20 oz) are refused with a line, no crash")
    func hugeWeights() throws {
        let (package, _) = try Self.run(
            shipments: Self.shipmentsHeader
                + "A,1ZA,ups,UPS Ground,1000000000000000000,oz\nB,1ZB,ups,UPS Ground,16,oz\n",
            ["--format", "json", "--no-write"])
        #expect(package.status == 0 || package.status == 1, "\(package.stderr)")
        #expect(package.stdout.contains("is out of range (more than 1,000,000 kg)"), "\(package.stdout.prefix(400))")
        let (catalog, _) = try Self.run(
            catalog: "sku,unit_weight,weight_unit\nW,9223372036854775807,g\nV,1,g\n",
            shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,32,oz\n", ["--format", "json", "--no-write"])
        #expect([0, 1].contains(catalog.status), "\(catalog.stderr)")
        #expect(catalog.stdout.contains("9223372036854775807"), "the row is rejected with its value")
        let (config, _) = try Self.run(
            shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,32,oz\n",
            config: "[weight]\npackaging = \"99999999999999999999 oz\"\n")
        #expect(config.status == 2 && config.stderr.split(separator: "\n").count == 1, "\(config.stderr)")
        #expect(config.stderr.contains("packaging") && config.stderr.contains("out of range"), "\(config.stderr)")
        for command in ["analyze", "explain"] {
            let extra = command == "explain" ? ["A"] : ["--no-write"]
            let (result, _) = try Self.run(
                shipments: Self.shipmentsHeader + "A,1ZA,ups,UPS Ground,999999999999999,oz\n", extra, command: command)
            #expect(result.status < 3 && !result.stderr.contains("Fatal error"), "\(command): \(result.stderr)")
        }
    }

    @Test("2 and 3. quantities past a million, and hex or exponent forms, are rejected rows, never clamped or read")
    func quantities() throws {
        for bad in ["1000000000000", "9223372036854775807", "0x10", "0x1p3", "1e3", "2.5", "١٢"] {
            let orders = "order_id,sku,quantity\nA,W,\(bad)\nB,W,1\n"
            let (result, _) = try Self.run(
                orders: orders, shipments: Self.shipmentsHeader + "B,1ZB,ups,UPS Ground,16,oz\n",
                ["--format", "json", "--no-write"])
            #expect([0, 1].contains(result.status), "\(bad): \(result.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(bad)")
            let rejects = json["rejects"] as? [[String: Any]] ?? []
            #expect(rejects.count == 1 && rejects.first?["column"] as? String == "quantity", "\(bad): \(rejects)")
            #expect(!result.stdout.contains("2147483647"), "\(bad)")
        }
    }
}
