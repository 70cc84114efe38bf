import Foundation
import Testing

/// The corpus of malformed inputs (scripts/make_corpus.py): every case gives a one-line error with file:line and
/// exit 2, or is analysed with its bad rows in rejects.csv; rows read = used + rejected holds every time.
struct CorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let kind: String
        let exit: Int32
        let text: String
        var testDescription: String { file }
    }

    static let directory = Shell.fixtures.appendingPathComponent("corpus")

    static let cases: [Case] = {
        let manifest = (try? String(contentsOf: directory.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return manifest.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(file: parts[0], kind: parts[1], exit: Int32(parts[2])!, text: parts.count > 3 ? parts[3] : "")
        }
    }()

    /// Runs analyze with `data` as the input of `kind`, beside a small valid set of the others.
    static func analyze(_ data: Data, kind: String) throws -> (Shell.Result, URL) {
        let dir = Shell.scratch()
        Shell.write("order_id,sku,quantity\n1,A,2\n", "orders.csv", in: dir)
        Shell.write(
            "order_id,tracking_number,service,weight,weight_unit\n1,1ZOK,UPS Ground,1,kg\n", "shipments.csv", in: dir)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("\(kind).csv").path, contents: data)
        var arguments = [
            "analyze", "--orders", "orders.csv", "--shipments", "shipments.csv", "--out", "out", "--no-history",
            "--as-of", "2026-11-19T02:00:00Z",
        ]
        if kind == "tracking" { arguments += ["--tracking", "tracking.csv"] }
        return (try Shell.run(arguments, in: dir), dir)
    }

    @Test("the corpus has at least 40 cases")
    func size() { #expect(Self.cases.count >= 40) }

    @Test(
        "each malformed input: a one-line error with exit 2, or analysed with rejects; rows always add up",
        arguments: cases)
    func corpusCase(_ testCase: Case) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(testCase.file))
        let (result, dir) = try Self.analyze(data, kind: testCase.kind)
        if testCase.exit == 2 {
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("shipaudit: error: "), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line, no stack trace: \(result.stderr)")
            #expect(result.stderr.contains("\(testCase.kind).csv"), "names the file")
            #expect(result.stderr.contains(testCase.text), "\(result.stderr)")
            return
        }
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let rejects = (try? String(contentsOf: dir.appendingPathComponent("out/rejects.csv"), encoding: .utf8)) ?? ""
        if !testCase.text.isEmpty {
            #expect(
                rejects.contains(testCase.text) || result.stderr.contains(testCase.text)
                    || result.stdout.contains(testCase.text),
                "expected \"\(testCase.text)\" in rejects.csv or the output:\n\(rejects)\n\(result.stderr)\n\(result.stdout)"
            )
        }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/report.json")))
                as? [String: Any])
        for input in try #require(json["inputs"] as? [[String: Any]]) {
            #expect(input["rows_read"] as? Int == (input["rows_used"] as! Int) + (input["rows_rejected"] as! Int))
        }
        let rejectRows = rejects.split(separator: "\r\n").count - 1
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["rows_rejected"] as? Int == rejectRows, "every rejected row is in rejects.csv")
    }

    @Test("a 100 MB field stops with a one-line error; memory stays bounded")
    func hugeField() throws {
        var data = Data("order_id,sku,quantity\n1,\"".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 100 << 20))
        data.append(Data("\",2\n".utf8))
        let (result, _) = try Self.analyze(data, kind: "orders")
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("orders.csv:2: a field is larger than")
                || result.stderr.contains("orders.csv:2: a record is larger than"), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("a 10 MB line (under the record limit) is read")
    func longLine() throws {
        var data = Data("order_id,sku,quantity,item_name\n1,A,2,".utf8)
        data.append(Data(repeating: UInt8(ascii: "y"), count: 10 << 20))
        data.append(Data("\n".utf8))
        let (result, _) = try Self.analyze(data, kind: "orders")
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
    }

    @Test(
        "every corpus file replays through the reader and all loaders without a crash (the fuzz target's replay mode)")
    func replay() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter {
            $0.hasSuffix(".csv")
        }
        .map { Self.directory.appendingPathComponent($0).path }
        let replayer = (Shell.binary as NSString).deletingLastPathComponent + "/ShipAuditFuzz"
        let result = try Shell.run(files, in: Shell.scratch(), executable: replayer)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "replayed \(files.count) input(s) without a crash\n")
    }
}
