import Foundation
import Testing

/// The `nianbao` executable as users run it (built by `swift build` before the tests).
@Suite struct CommandLineTests {
    let binary = "\(repositoryRoot)/.build/debug/nianbao"

    @Test func renderWritesThePDFAndTimings() throws {
        let out = try temporaryFolder()
        let result = try run([binary, "render", seedReport, "-o", out, "--timings"], in: repositoryRoot)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("quzhou-zhihuixincheng-2019.pdf: 8 pages"))
        #expect(result.output.contains("timings: parse"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/quzhou-zhihuixincheng-2019.pdf"))
    }

    @Test func invalidInputExitsOneAndLeavesNothing() throws {
        let folder = try temporaryFolder()
        let bad = "\(folder)/bad.yaml"
        let seed = try String(contentsOfFile: seedReport, encoding: .utf8)
        try seed.replacingOccurrences(of: "procurement: {count: 9", with: "procurement: {count: nine")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let out = "\(folder)/out"
        let result = try run([binary, "render", bad, "-o", out], in: repositoryRoot)
        #expect(result.status == 1)
        #expect(result.error.contains("bad.yaml:"))
        #expect(result.error.contains("active-disclosure.values.procurement.count"))
        #expect(result.error.contains("'nine' is not a count"))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(left.isEmpty)
    }

    @Test func checkValidatesWithoutRendering() throws {
        let result = try run([binary, "check", seedReport], in: repositoryRoot)
        #expect(result.status == 0)
        #expect(result.output.contains("ok"))
        let missing = try run([binary, "check", "/nonexistent/r.yaml"], in: repositoryRoot)
        #expect(missing.status == 1)
        #expect(missing.error.contains("no such file"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try run([binary, "render"], in: repositoryRoot).status == 2)
        #expect(try run([binary, "render", seedReport, "--no-such-flag"], in: repositoryRoot).status == 2)
    }

    @Test func unknownLayoutIsNamed() throws {
        let result = try run([binary, "render", seedReport, "--layout", "gbt9705", "-o", try temporaryFolder()], in: repositoryRoot)
        #expect(result.status == 1)
        #expect(result.error.contains("no layout named 'gbt9705'"))
    }
}
