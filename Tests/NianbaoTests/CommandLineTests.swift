import Foundation
import Testing

/// The `nianbao` executable as users run it (built by `swift build` before the tests).
@Suite(.pinnedFonts) struct CommandLineTests {
    let binary = nianbaoBinary

    @Test func renderWritesThePDFAndTimings() throws {
        let out = try temporaryFolder()
        let result = try run([binary, "render", seedReport, "-o", out, "--timings", "--allow-inconsistent"], in: repositoryRoot)
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

    /// The seed leaves its （七）总计 row empty: computed, it is consistent; its headings and order
    /// differ from the national format's, which `check` reports as warnings.
    @Test func checkComputesTheSeedsTotalsAndWarnsAboutItsStructure() throws {
        let result = try run([binary, "check", seedReport], in: repositoryRoot)
        #expect(result.status == 0)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.contains("quzhou-zhihuixincheng-2019.yaml:") && $0.contains(": warning: ") })
        #expect(result.output.contains("quzhou-zhihuixincheng-2019.yaml: ok (8 warnings)"))
        let chinese = try run([binary, "check", seedReport, "--lang", "zh"], in: repositoryRoot)
        #expect(chinese.output.contains("quzhou-zhihuixincheng-2019.yaml：通过（8 个警告）"))
        #expect(chinese.error.contains("yaml:24:5: 警告: section: 标题 '政府信息公开工作的基本概况' 与全国统一格式（gov-2019）的 '总体情况' 不一致"))
        #expect(chinese.error.contains("yaml:24:5: 警告: body: 缺少全国统一格式（gov-2019）的组成部分 '其他需要报告的事项'"))
    }

    @Test func inconsistentTablesStopTheRenderUnlessAllowed() throws {
        let report = "\(repositoryRoot)/examples/yunxi-county-2023-inconsistent.yaml"
        let checked = try run([binary, "check", report, "--lang", "zh"], in: repositoryRoot)
        #expect(checked.status == 1)
        #expect(checked.error.split(separator: "\n").count == 3)
        #expect(checked.error.contains("yaml:54:105: 错误: applications.values.granted.total: 表二 （一）予以公开 / 总计：应为 110，实为 111"))
        // Without the flag the render stops and leaves nothing; with it the PDF is made and the
        // problems are listed as allowed, not as errors, since the exit is 0.
        let out = try temporaryFolder()
        #expect(try run([binary, "render", report, "-o", out], in: repositoryRoot).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        let allowed = try run([binary, "render", report, "-o", out, "--allow-inconsistent"], in: repositoryRoot)
        #expect(allowed.status == 0)
        #expect(allowed.error.contains("yaml:54:105: allowed: applications.values.granted.total: 表二 （一）予以公开 / 总计: should be 110, is 111"))
        #expect(!allowed.error.contains("error:"))
        let inChinese = try run([binary, "render", report, "-o", out, "--allow-inconsistent"], in: repositoryRoot,
                                environment: ["LANG": "zh_CN.UTF-8"])
        #expect(inChinese.error.contains("yaml:54:105: 已允许: "))
        #expect(inChinese.output.contains("yunxi-county-2023-inconsistent.pdf：共 5 页"))
        // The PDF says in its keywords that its tables did not pass.
        let info = try run(["pdfinfo", "\(out)/yunxi-county-2023-inconsistent.pdf"])
        #expect(info.output.contains("表格未通过勾稽关系检查（3处）"))
    }

    @Test func anUnknownLanguageIsAUsageError() throws {
        let result = try run([binary, "check", seedReport, "--lang", "fr"], in: repositoryRoot)
        #expect(result.status == 2)
        #expect(result.error.contains("--lang is zh or en, not 'fr'"))
    }

    @Test func checkFindsMissingFiles() throws {
        let missing = try run([binary, "check", "/nonexistent/r.yaml"], in: repositoryRoot)
        #expect(missing.status == 1)
        #expect(missing.error.contains("no such file"))
    }

    @Test func previousReportFillsAndChecksCarriedFigures() throws {
        let folder = try temporaryFolder()
        let county = try String(contentsOfFile: "\(repositoryRoot)/examples/yunxi-county-2023.yaml", encoding: .utf8)
        try county.replacingOccurrences(of: "{issued: 12, repealed: 3, in-force: 86}", with: "{issued: 9, repealed: 2, in-force: 75}")
            .write(toFile: "\(folder)/yunxi-2022.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "check", "\(repositoryRoot)/examples/yunxi-county-2023.yaml", "--previous", "\(folder)/yunxi-2022.yaml", "--lang", "zh"],
                             in: repositoryRoot)
        #expect(result.status == 0)   // a warning does not stop anything
        #expect(result.error.contains("警告:"))
        #expect(result.error.contains("现行有效件数：本报告为 86，按上年报告"))
        #expect(result.error.contains("yunxi-2022.yaml 应为 84"))
        #expect(try run([binary, "check", seedReport, seedReport, "--previous", seedReport], in: repositoryRoot).status == 2)
    }

    /// docs/templates.md is what `nianbao template` prints, so the documented keys are the real ones.
    @Test func templateKeysDocumentationIsCurrent() throws {
        var generated = "<!-- generated: nianbao template gov-2019 / gov-2021 -->\n"
        generated += try run([binary, "template", "gov-2019"], in: repositoryRoot).output + "\n"
        generated += try run([binary, "template", "gov-2021"], in: repositoryRoot).output
        #expect(generated == (try String(contentsOfFile: "\(repositoryRoot)/docs/templates.md", encoding: .utf8)))
        #expect(generated.contains("| `results-total` | （七）总计 |"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try run([binary, "render"], in: repositoryRoot).status == 2)
        #expect(try run([binary, "render", seedReport, "--no-such-flag"], in: repositoryRoot).status == 2)
    }

    @Test func unknownLayoutIsNamed() throws {
        let result = try run([binary, "render", seedReport, "--layout", "gbt9705", "-o", try temporaryFolder(), "--allow-inconsistent"], in: repositoryRoot)
        #expect(result.status == 1)
        #expect(result.error.contains("no layout named 'gbt9705'"))
    }

    /// With fontconfig shown no system fonts at all, the only font is the one in the project's `fonts/`.
    @Test func fontsFolderIsUsed() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: "\(root)/layouts", withDestinationPath: "\(repositoryRoot)/layouts")
        let config = "\(root)/fonts.conf"
        try """
        <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig><cachedir>\(root)/cache</cachedir></fontconfig>
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["FONTCONFIG_FILE": config, "NIANBAO_HOME": root]

        let bare = try run([binary, "render", seedReport, "-o", "\(root)/bare", "--allow-inconsistent"], in: root, environment: environment)
        #expect(bare.status == 1)
        #expect(bare.error.contains("no font has 根 (U+6839)"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/bare")) ?? []).isEmpty)

        try fm.createDirectory(atPath: "\(root)/fonts", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: "\(root)/fonts/serif.ttc",
                                  withDestinationPath: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
        let withFont = try run([binary, "render", seedReport, "-o", "\(root)/out", "--allow-inconsistent"], in: root, environment: environment)
        #expect(withFont.status == 0, "\(withFont.error)")
        #expect(!withFont.error.contains("no font has"))
        let fonts = try run(["pdffonts", "\(root)/out/quzhou-zhihuixincheng-2019.pdf"]).output
        #expect(fonts.contains("NotoSerifCJK"))
    }
}
