import Foundation
import Testing
import Nianbao
import NianbaoModel

@Suite struct FaultTests {
    let binary = "\(repositoryRoot)/.build/debug/nianbao"

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
                    #expect(error.diagnostics.allSatisfy { $0.location != nil || $0.message.contains(name) }, "\(name): \(error)")
                } catch {
                    #expect(error is ResourceError, "\(name): \(type(of: error)) \(error)")
                }
            }
        }
        #expect(count > 0)
    }
}
