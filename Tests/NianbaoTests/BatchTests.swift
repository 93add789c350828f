import Foundation
import Testing
import Nianbao

/// `nianbao batch` run for real on small corpora in a private NIANBAO_HOME (so layout and template
/// files can be changed), checked through its JSON log, its manifest and the PDFs' bytes.
@Suite(.pinnedFonts) struct BatchTests {
    let binary = nianbaoBinary

    /// A home with the layouts and a corpus: `count` distinct minimal reports (gov-2019) in a/ and
    /// b/, and two copies of the linjiang example (gov-2021) in c/.
    func corpus(_ count: Int = 4) throws -> (home: String, input: String) {
        let home = try temporaryFolder()
        try FileManager.default.copyItem(atPath: "\(repositoryRoot)/layouts", toPath: "\(home)/layouts")
        let input = "\(home)/reports"
        for folder in ["a", "b", "c"] { try FileManager.default.createDirectory(atPath: "\(input)/\(folder)", withIntermediateDirectories: true) }
        for i in 0..<count {
            let text = BadInputTests.valid.replacingOccurrences(of: "正文。", with: "第\(i)份报告的正文。")
            try text.write(toFile: "\(input)/\(i % 2 == 0 ? "a" : "b")/report-\(i).yaml", atomically: true, encoding: .utf8)
        }
        for i in 0..<2 {
            try FileManager.default.copyItem(atPath: "\(repositoryRoot)/examples/linjiang-ecology-bureau-2022.yaml",
                                             toPath: "\(input)/c/linjiang-\(i).yaml")
        }
        return (home, input)
    }

    /// Runs a batch; returns its exit status and the status of each input from the JSON log.
    @discardableResult
    func batch(_ home: String, _ arguments: [String]) throws -> (status: Int32, statuses: [String: String], error: String) {
        let result = try run([binary, "batch", "--json-log", "--quiet"] + arguments, environment: ["NIANBAO_HOME": home])
        var statuses: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let input = object?["input"] as? String, let status = object?["status"] as? String {
                statuses[URL(fileURLWithPath: input).lastPathComponent] = status
            }
        }
        return (result.status, statuses, result.error)
    }

    func pdfs(in folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".pdf") { out[path] = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(path)")) }
        }
        return out
    }

    @Test func parallelOutputIsByteIdenticalToSerialAndToASingleRender() throws {
        let (home, input) = try corpus()
        let serial = try batch(home, [input, "-o", "\(home)/serial", "-j", "1"])
        let parallel = try batch(home, [input, "-o", "\(home)/parallel", "-j", "3"])
        #expect(serial.status == 0 && parallel.status == 0, "\(serial.error)\(parallel.error)")
        let a = try pdfs(in: "\(home)/serial"), b = try pdfs(in: "\(home)/parallel")
        #expect(a.count == 6 && Set(a.keys) == ["a/report-0.pdf", "a/report-2.pdf", "b/report-1.pdf", "b/report-3.pdf", "c/linjiang-0.pdf", "c/linjiang-1.pdf"])
        #expect(a == b)
        var options = RenderOptions()
        options.outputDirectory = "\(home)/single"
        let single = try Renderer(locator: ResourceLocator(roots: [home])).render("\(input)/b/report-1.yaml", options: options)
        #expect(try Data(contentsOf: URL(fileURLWithPath: single.pdf)) == a["b/report-1.pdf"])
    }

    @Test func aRerunRendersOnlyWhatChanged() throws {
        let (home, input) = try corpus()
        let out = "\(home)/out"
        #expect(try batch(home, [input, "-o", out]).statuses.values.allSatisfy { $0 == "ok" })
        #expect(try batch(home, [input, "-o", out]).statuses.values.allSatisfy { $0 == "skipped" })

        // One report changes: only it.
        try (try String(contentsOfFile: "\(input)/a/report-2.yaml", encoding: .utf8)).replacingOccurrences(of: "某局", with: "某厅")
            .write(toFile: "\(input)/a/report-2.yaml", atomically: true, encoding: .utf8)
        var statuses = try batch(home, [input, "-o", out]).statuses
        #expect(statuses.filter { $0.value == "ok" }.keys.sorted() == ["report-2.yaml"])

        // The 2019 template changes: exactly the four reports that use it.
        let template = "\(home)/layouts/templates/gov-2019.yaml"
        try (try String(contentsOfFile: template, encoding: .utf8) + "\n# edited\n").write(toFile: template, atomically: true, encoding: .utf8)
        statuses = try batch(home, [input, "-o", out]).statuses
        #expect(statuses.filter { $0.value == "ok" }.keys.sorted() == ["report-0.yaml", "report-1.yaml", "report-2.yaml", "report-3.yaml"])

        // The layout changes: everything.
        let layout = "\(home)/layouts/gbt9704.yaml"
        try (try String(contentsOfFile: layout, encoding: .utf8) + "\n# edited\n").write(toFile: layout, atomically: true, encoding: .utf8)
        statuses = try batch(home, [input, "-o", out]).statuses
        #expect(statuses.count == 6 && statuses.values.allSatisfy { $0 == "ok" })

        // A PDF deleted or damaged: that one; --force: all.
        try FileManager.default.removeItem(atPath: "\(out)/c/linjiang-1.pdf")
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: "\(out)/b/report-3.pdf"))
        statuses = try batch(home, [input, "-o", out]).statuses
        #expect(statuses.filter { $0.value == "ok" }.keys.sorted() == ["linjiang-1.yaml", "report-3.yaml"])
        #expect(try batch(home, [input, "-o", out, "--force"]).statuses.values.allSatisfy { $0 == "ok" })

        // Seven runs appended 25 lines for 6 reports; a run that finds the old lines outnumbering
        // the newest records first rewrites the manifest with those alone (at most 3 lines a report).
        let lines = try String(contentsOfFile: "\(out)/manifest.jsonl", encoding: .utf8).split(separator: "\n").count
        #expect(lines <= 3 * 6, "the manifest keeps every run's lines: \(lines)")
        #expect(Manifest.read("\(out)/manifest.jsonl").count == 6)
    }

    /// SIGKILL in the middle of a batch, then a re-run: every PDF complete, each report rendered
    /// once over the two runs' manifests, nothing temporary left.
    @Test func aKilledBatchCompletesOnTheNextRun() throws {
        let (home, input) = try corpus(12)
        let out = "\(home)/out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["batch", input, "-o", out, "-j", "2", "--quiet"]
        process.environment = ProcessInfo.processInfo.environment.merging(["NIANBAO_HOME": home]) { _, new in new }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let manifest = "\(out)/manifest.jsonl"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = (try? String(contentsOfFile: manifest, encoding: .utf8))?.split(separator: "\n").count ?? 0
            if lines >= 3 || !process.isRunning { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = Manifest.read(manifest)
        #expect(before.count >= 3 && before.count < 14, "killed too late to test anything: \(before.count)")

        let rerun = try batch(home, [input, "-o", out, "-j", "2"])
        #expect(rerun.status == 0, "\(rerun.error)")
        let rendered = Set(rerun.statuses.filter { $0.value == "ok" }.keys)
        let skipped = Set(rerun.statuses.filter { $0.value == "skipped" }.keys)
        #expect(rendered.count + skipped.count == 14 && rendered.isDisjoint(with: skipped))
        #expect(skipped == Set(before.keys.map { URL(fileURLWithPath: $0).lastPathComponent }))
        let after = Manifest.read(manifest)
        #expect(after.count == 14)
        for record in after.values {
            let pdf = try Data(contentsOf: URL(fileURLWithPath: record.output))
            #expect(pdf.starts(with: Data("%PDF-".utf8)) && String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
            #expect(try run(["qpdf", "--check", record.output]).status == 0)
        }
        let leftovers = FileManager.default.enumerator(atPath: out)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") } ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func shardsPartitionTheSetAndTheirManifestsMerge() throws {
        let (home, input) = try corpus(10)
        let out = "\(home)/out"
        var seen: [String] = []
        for k in 0..<3 {
            let shard = try batch(home, [input, "-o", out, "--shard", "\(k)/3"])
            #expect(shard.status == 0, "\(shard.error)")
            seen += shard.statuses.keys
            #expect(FileManager.default.fileExists(atPath: "\(out)/manifest-shard-\(k)-of-3.jsonl"))
        }
        #expect(seen.count == 12 && Set(seen).count == 12, "shards overlap or miss: \(seen.sorted())")
        let merge = try run([binary, "batch", "--merge-manifests", "-o", out] + (0..<3).map { "\(out)/manifest-shard-\($0)-of-3.jsonl" })
        #expect(merge.status == 0, "\(merge.error)")
        #expect(Manifest.read("\(out)/manifest.jsonl").count == 12)
        // The merged manifest lets an unsharded re-run skip everything.
        #expect(try batch(home, [input, "-o", out]).statuses.values.allSatisfy { $0 == "skipped" })
        #expect(try run([binary, "batch", input, "--shard", "3/3"]).status == 2)

        // Shards left with no report still write their (empty) manifest, so the merge finds all.
        let single = "\(home)/single"
        for k in 0..<5 { #expect(try batch(home, ["\(input)/c/linjiang-0.yaml", "-o", single, "--shard", "\(k)/5"]).status == 0) }
        let manifests = (0..<5).map { "\(single)/manifest-shard-\($0)-of-5.jsonl" }
        #expect(manifests.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(try run([binary, "batch", "--merge-manifests", "-o", single] + manifests).status == 0)
        #expect(Manifest.read("\(single)/manifest.jsonl").count == 1)
    }

    /// A figure whose PNG declares 4294967295 × 4294967295 pixels once stopped every batch at its
    /// report (a trap): now it fails alone.
    @Test func aHostileImageFailsItsReportAlone() throws {
        let (home, input) = try corpus()
        try BadInputTests.header(.max, .max).write(to: URL(fileURLWithPath: "\(input)/b/huge.png"))
        try BadInputTests.replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: huge.png")
            .write(toFile: "\(input)/b/with-image.yaml", atomically: true, encoding: .utf8)
        let result = try batch(home, [input, "-o", "\(home)/out", "-j", "1"])
        #expect(result.status == 1)
        #expect(result.statuses["with-image.yaml"] == "failed")
        #expect(result.statuses.filter { $0.value == "ok" }.count == 6)
        #expect(result.error.contains("with-image.yaml:13:9: error: figure.image: 'huge.png' is 4294967295×4294967295 pixels"), "\(result.error)")
    }

    @Test func aBadReportFailsAloneAndIsRetried() throws {
        let (home, input) = try corpus()
        try "template: gov-2019\ntitle: [unclosed\n".write(toFile: "\(input)/b/broken.yaml", atomically: true, encoding: .utf8)
        let first = try batch(home, [input, "-o", "\(home)/out"])
        #expect(first.status == 1)
        #expect(first.statuses["broken.yaml"] == "failed")
        #expect(first.statuses.filter { $0.value == "ok" }.count == 6)
        #expect(first.error.contains("broken.yaml:3:1: error: invalid YAML"), "\(first.error)")
        #expect(!FileManager.default.fileExists(atPath: "\(home)/out/b/broken.pdf"))
        let second = try batch(home, [input, "-o", "\(home)/out"])
        #expect(second.statuses["broken.yaml"] == "failed" && second.statuses.filter { $0.value == "skipped" }.count == 6)
    }
}

/// An error that reports another keeps it, so that a program embedding nianbao can tell a missing
/// file from a full disk without reading our message.
@Suite struct ErrorCauseTests {
    @Test func aBatchListThatCannotBeReadKeepsTheReadError() throws {
        let error = #expect(throws: BatchError.self) {
            _ = try BatchInputs.jobs(from: ["/dev/null"], outputDirectory: NSTemporaryDirectory() + "nianbao-cause")
        }
        #expect(error?.cause.map { "\(type(of: $0))" } == "FileReadError")
        #expect(error?.description.hasPrefix("/dev/null: ") == true)
    }
}
