import Foundation
import Testing

/// Layouts with no built-in profile, mapped purely by configuration, give the same flags as the built-in inputs.
struct MappingTests {
    static let mapping = Shell.fixtures.appendingPathComponent("mapping")

    /// The samples' config with the two mappings appended, in a scratch directory.
    static func config(in dir: URL) throws -> String {
        let base = try String(contentsOf: Shell.root.appendingPathComponent("samples/shipaudit.toml"), encoding: .utf8)
        let profiles = try String(contentsOf: mapping.appendingPathComponent("profiles.toml"), encoding: .utf8)
        return Shell.write(base + profiles, "shipaudit.toml", in: dir)
    }

    static func flagPairs(_ reportDir: String) throws -> Set<String> {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(reportDir)/report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let flags = try #require(json["flags"] as? [[String: Any]])
        return Set(flags.map { "\($0["order_id"]!) \($0["rule"]!)" })
    }

    @Test("repeated-field orders and split date/time scans, mapped by config: the same flags as the built-in samples")
    func sameFlags() throws {
        let dir = Shell.scratch()
        let config = try Self.config(in: dir)
        let asOf = ["--as-of", "2026-11-19T02:00:00-05:00"]
        let builtIn = try Shell.run(
            [
                "analyze", "--orders", "samples/orders_export.csv", "--catalog", "samples/products_export.csv",
                "--shipments", "samples/shipments.csv", "--tracking", "samples/tracking.csv",
                "--config", config, "--out", dir.appendingPathComponent("a").path,
            ] + asOf)
        let mapped = try Shell.run(
            [
                "analyze", "--orders", Self.mapping.appendingPathComponent("orders_repeated.csv").path,
                "--catalog", "samples/products_export.csv", "--shipments", "samples/shipments.csv",
                "--tracking", Self.mapping.appendingPathComponent("tracking_split.csv").path,
                "--config", config, "--out", dir.appendingPathComponent("b").path,
            ] + asOf)
        #expect(builtIn.status == 1 && mapped.status == 1, "\(mapped.stderr)")
        let reference = try Self.flagPairs(dir.appendingPathComponent("a").path)
        #expect(reference.count == 25)
        #expect(try Self.flagPairs(dir.appendingPathComponent("b").path) == reference)
        let json = try String(contentsOf: dir.appendingPathComponent("b/report.json"), encoding: .utf8)
        #expect(json.contains("\"profile\": \"woo-orders\"") && json.contains("\"profile\": \"portal-scans\""))
    }

    @Test("a mapped column that does not exist names the closest header")
    func missingMappedColumn() throws {
        let dir = Shell.scratch()
        let config = try Self.config(in: dir)
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "item_name = \"Product\"", with: "item_name = \"Product Name\"")
        Shell.write(text, "shipaudit.toml", in: dir)
        let result = try Shell.run([
            "analyze", "--orders", Self.mapping.appendingPathComponent("orders_repeated.csv").path,
            "--shipments", "samples/shipments.csv", "--orders-profile", "woo-orders",
            "--config", dir.appendingPathComponent("shipaudit.toml").path, "--out",
            dir.appendingPathComponent("r").path,
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "orders_repeated.csv:1: column \"Product Name\": is mapped to item_name in profile woo-orders but the file has no such column (did you mean \"Product\"?)"
            ), "\(result.stderr)")
    }

    @Test("a date that does not fit the mapping's format names file:line, the value and the format")
    func dateFormat() throws {
        let dir = Shell.scratch()
        let config = try Self.config(in: dir)
        let orders = try String(contentsOf: Self.mapping.appendingPathComponent("orders_repeated.csv"), encoding: .utf8)
            .replacingOccurrences(of: "16/11/2026 10:14:58", with: "2026-11-16 10:14")
        let path = Shell.write(orders, "orders.csv", in: dir)
        let result = try Shell.run([
            "analyze", "--orders", path, "--shipments", "samples/shipments.csv", "--config", config,
            "--out", dir.appendingPathComponent("r").path,
        ])
        let rejects = try String(contentsOf: dir.appendingPathComponent("r/rejects.csv"), encoding: .utf8)
        #expect(result.status == 1)
        #expect(
            rejects.contains(
                "orders.csv,2,Order Date,2026-11-16 10:14,\"\"\"2026-11-16 10:14\"\" does not fit the date format \"\"%d/%m/%Y %H:%M:%S\"\""
            ), "\(rejects)")
    }

    @Test("inspect proposes a mapping that works once its TODO lines are filled in")
    func inspectProposes() throws {
        let dir = Shell.scratch()
        let path = Self.mapping.appendingPathComponent("orders_repeated.csv").path
        let result = try Shell.run(["inspect", path, "--config", "samples/shipaudit.toml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("delimiter \";\""))
        #expect(result.stdout.contains("recognised: no built-in profile"))
        #expect(result.stdout.contains("date (day first)"))
        let starter = try #require(
            result.stdout.components(separatedBy: "Starter mapping (paste into the config; fill in what says TODO)\n\n")
                .last)
        #expect(!starter.contains("TODO"), "every required field was inferred:\n\(starter)")
        let base = try String(contentsOf: Shell.root.appendingPathComponent("samples/shipaudit.toml"), encoding: .utf8)
        let config = Shell.write(base + "\n" + starter, "shipaudit.toml", in: dir)
        let run = try Shell.run([
            "analyze", "--orders", path, "--catalog", "samples/products_export.csv", "--shipments",
            "samples/shipments.csv",
            "--config", config, "--as-of", "2026-11-19T02:00:00-05:00", "--out", dir.appendingPathComponent("r").path,
        ])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("27 orders"))
    }

    @Test("inspect on a known export names its profile; profiles show prints a mapping that reads the same file")
    func inspectKnown() throws {
        let result = try Shell.run(["inspect", "samples/shipments.csv"])
        #expect(result.stdout.contains("recognised: shipstation-shipments"))
        #expect(result.stdout.contains("tracking number"))
        let show = try Shell.run(["profiles", "show", "shipstation-shipments"])
        #expect(show.stdout.hasPrefix("[profiles.shipstation-shipments-custom]\nkind = \"shipments\""))
        let dir = Shell.scratch()
        let config = Shell.write(
            show.stdout + "\n[profiles]\nshipments = \"shipstation-shipments-custom\"\n", "c.toml", in: dir)
        let run = try Shell.run([
            "analyze", "--orders", "samples/orders_export.csv", "--shipments", "samples/shipments.csv",
            "--config", config, "--out", dir.appendingPathComponent("r").path,
        ])
        #expect(run.status == 1, "\(run.stderr)")
    }

    @Test("inspect lists status texts no vocabulary knows, as a value map to fill in")
    func inspectStatuses() throws {
        let result = try Shell.run(["inspect", Self.mapping.appendingPathComponent("tracking_split.csv").path])
        #expect(result.stdout.contains("date_format = \"%d.%m.%Y %H:%M\""))
        #expect(result.stdout.contains("scheduled_delivery = \"Voraussichtliche Zustellung\""))
        #expect(result.stdout.contains("\"Zugestellt\" = \"TODO\""))
    }
}
