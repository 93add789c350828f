import Foundation
import Testing
import Nianbao
import NianbaoModel
import Synchronization

@Suite(.pinnedFonts) struct FaultTests {
    let binary = nianbaoBinary

    /// `count` distinct small reports in `folder`.
    func reports(_ count: Int, in folder: String, tag: String = "", prefix: String = "report") throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<count {
            try BadInputTests.replacing("正文。", "第\(tag)\(i)份报告的正文。").write(toFile: "\(folder)/\(prefix)-\(i).yaml", atomically: true, encoding: .utf8)
        }
    }

    /// The log goes to a full disk, or to a reader that went away while SIGPIPE is ignored (as
    /// systemd starts services): the batch stops with exit 1 and a manifest of whole lines, and
    /// the next run renders only what is missing.
    @Test(arguments: [
        ("--json-log to a full disk", "exec \"$0\" batch in -o out -j 1 --json-log --quiet > /dev/full", "the JSON log (standard output) cannot be written"),
        ("the text log to a full disk", "exec \"$0\" batch in -o out -j 1 2> /dev/full", ""),
        ("--json-log to a closed pipe", "trap '' PIPE; \"$0\" batch in -o out -j 1 --json-log --quiet | head -c 1 > /dev/null; exit ${PIPESTATUS[0]}",
         "the JSON log (standard output) cannot be written (Broken pipe)"),
    ])
    func aLogThatCannotBeWrittenEndsTheBatchCleanly(_ name: String, _ script: String, _ message: String) throws {
        let folder = try temporaryFolder()
        try reports(4, in: "\(folder)/in")
        let result = try run(["bash", "-c", script, binary], in: folder, environment: ["NIANBAO_HOME": repositoryRoot])
        #expect(result.status == 1, "\(name): \(result.error)")
        #expect(message.isEmpty || result.error.contains(message), "\(name): \(result.error)")
        let lines = try String(contentsOfFile: "\(folder)/out/manifest.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(Manifest.read("\(folder)/out/manifest.jsonl").count == lines.count, "\(name): a torn manifest line")
        #expect(lines.count < 4, "\(name): the batch went on after its log failed")
        let rerun = try run([binary, "batch", "in", "-o", "out", "--json-log", "--quiet"], in: folder, environment: ["NIANBAO_HOME": repositoryRoot])
        #expect(rerun.status == 0)
        #expect(rerun.output.split(separator: "\n").filter { $0.contains("\"status\":\"skipped\"") }.count == lines.count)
    }

    /// A second batch starting while another appends to the same manifest does not compact it (the
    /// first holds the shared lock), so none of the first's records is lost and nothing is
    /// rendered again needlessly.
    @Test func aSecondBatchDoesNotCompactAManifestInUse() throws {
        let folder = try temporaryFolder()
        try reports(60, in: "\(folder)/a", tag: "甲")
        try reports(4, in: "\(folder)/b", tag: "乙", prefix: "other")
        let environment = ["NIANBAO_HOME": repositoryRoot]
        #expect(try run([binary, "batch", "a", "-o", "out", "--quiet"], in: folder, environment: environment).status == 0)
        let manifest = "\(folder)/out/manifest.jsonl"
        let lines = try String(contentsOfFile: manifest, encoding: .utf8)
        // Twice as many lines as records: one more line makes the manifest due for compaction.
        try String(repeating: lines, count: 2).write(toFile: manifest, atomically: true, encoding: .utf8)
        try reports(60, in: "\(folder)/a", tag: "丙")   // every report changed: the first batch renders all again

        let first = Process()
        first.executableURL = URL(fileURLWithPath: binary)
        first.arguments = ["batch", "a", "-o", "out", "-j", "1", "--quiet"]
        first.currentDirectoryURL = URL(fileURLWithPath: folder)
        first.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        first.standardError = FileHandle.nullDevice
        try first.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, first.isRunning,
              (try? String(contentsOfFile: manifest, encoding: .utf8))?.split(separator: "\n").count ?? 0 < 2 * 60 + 2 {
            usleep(5_000)
        }
        #expect(try run([binary, "batch", "b", "-o", "out", "-j", "1", "--quiet"], in: folder, environment: environment).status == 0)
        #expect(first.isRunning, "the first batch ended before the second did: nothing was tested")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(Manifest.read(manifest).count == 64)
        let rerun = try run([binary, "batch", "a", "b", "-o", "out", "--json-log", "--quiet"], in: folder, environment: environment)
        let statuses = rerun.output.split(separator: "\n").map { $0.contains("\"status\":\"skipped\"") }
        #expect(statuses.count == 64 && statuses.allSatisfy { $0 }, "rendered again: \(statuses.filter { !$0 }.count)")
    }

    /// A report rewritten while the batch runs and then put back: the manifest holds the hash of
    /// the bytes rendered, so the next run sees the PDF is not of the file as it is now.
    @Test func anInputChangedDuringTheBatchIsRenderedAgainWhenPutBack() throws {
        let folder = try temporaryFolder()
        try reports(2, in: "\(folder)/in")
        let changed = "\(folder)/in/report-1.yaml"
        let original = try String(contentsOfFile: changed, encoding: .utf8)
        var options = BatchOptions()
        options.outputDirectory = "\(folder)/out"
        options.jobs = 1
        let runner = BatchRunner(options: options, locator: ResourceLocator(roots: [repositoryRoot]))
        let jobs = try BatchInputs.jobs(from: ["\(folder)/in"], outputDirectory: options.outputDirectory).jobs
        _ = try runner.run(jobs) { event in
            if event.job.input.hasSuffix("report-0.yaml") {
                try original.replacingOccurrences(of: "第1份", with: "改过的第1份").write(toFile: changed, atomically: true, encoding: .utf8)
            }
        }
        try original.write(toFile: changed, atomically: true, encoding: .utf8)
        let rendered = Mutex<[String]>([])
        _ = try BatchRunner(options: options, locator: ResourceLocator(roots: [repositoryRoot])).run(jobs) { event in
            if event.kind == .rendered { rendered.withLock { $0.append(URL(fileURLWithPath: event.job.input).lastPathComponent) } }
        }
        #expect(rendered.withLock { $0 } == ["report-1.yaml"])
        var single = RenderOptions()
        single.outputDirectory = "\(folder)/single"
        let expected = try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).render(changed, options: single)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/out/report-1.pdf")) == Data(contentsOf: URL(fileURLWithPath: expected.pdf)))
    }

    /// SIGKILL at random moments of a long render: whatever is left in the output folder is a
    /// complete PDF (temporary files are not PDFs, and the next render removes them).
    @Test func killedAtRandomMomentsLeavesOnlyCompletePDFs() throws {
        let folder = try temporaryFolder()
        let paragraphs = (1...3_000).map { "      - 第\($0)段：全年共收到政府信息公开申请39件，均在法定期限内予以答复。" }.joined(separator: "\n")
        try BadInputTests.replacing("      - 正文。", paragraphs).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["render", "\(folder)/report.yaml", "-o", "\(folder)/out"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 50_000...(round == 5 ? 9_000_000 : 2_500_000), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? [] where name.hasSuffix(".pdf") {
                #expect(try run(["qpdf", "--check", "\(folder)/out/\(name)"]).status == 0, "round \(round): \(name) is not a complete PDF")
            }
        }
        // A render after the kills finishes and clears what killed runs left behind.
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/out"], in: folder)
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/out") == ["report.pdf"])
    }

    /// Every input the fuzzer kept (fuzz/corpus) and every crash it found (fuzz/crashes) goes through
    /// decode → validate → layout → PDF without crashing; a refusal is an input error with a place.
    @Test func fuzzCorpusAndCrashesRunClean() throws {
        let renderer = Renderer(locator: ResourceLocator(roots: [repositoryRoot]))
        var options = RenderOptions()
        options.outputDirectory = try temporaryFolder()
        options.allowInconsistent = true
        var count = 0
        for folder in ["fuzz/corpus", "fuzz/crashes"] {
            let path = "\(repositoryRoot)/\(folder)"
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() where name.hasSuffix(".yaml") {
                count += 1
                do {
                    _ = try renderer.render("\(path)/\(name)", options: options)
                } catch let error as InputError {
                    #expect(error.diagnostics.allSatisfy { $0.location != nil || $0.message.en.contains(name) }, "\(name): \(error)")
                } catch {
                    #expect(error is ResourceError, "\(name): \(type(of: error)) \(error)")
                }
            }
        }
        #expect(count > 0)
    }
}
