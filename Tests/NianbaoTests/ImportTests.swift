import Foundation
import Nianbao
import NianbaoImport
import NianbaoModel
import Testing

/// The seed report as copied from its portal page, imported: the same report as the example made
/// from it by hand (examples/quzhou-zhihuixincheng-2019.yaml), every cell placed.
@Suite(.pinnedFonts) struct SeedImportTests {
    let fixture = "\(repositoryRoot)/Tests/Fixtures/import/quzhou-zhihuixincheng-2019.txt"
    // The portal prints the title above the copied text; the example gives it as the report's title.
    let title = "衢州市智慧新城管委会2019年度政府信息公开工作年度报告"

    func imported() throws -> (result: ReportImporter.Result, path: String) {
        let result = try Renderer.importFile(fixture, with: try Renderer().importer(), template: nil, title: title)
        let path = try temporaryFolder() + "/seed.yaml"
        try Renderer.writeFile(result.yaml, to: path)
        return (result, path)
    }

    @Test func readsAsTheExampleDoes() throws {
        let (_, path) = try imported()
        let renderer = Renderer()
        #expect(try renderer.text(path) == (try renderer.text(seedReport)))
    }

    @Test func tablesHoldTheExamplesValuesAndWording() throws {
        let (_, path) = try imported()
        func tables(_ file: String) throws -> [String: TableBlock] {
            let report = try ReportDecoder.decode(text: String(contentsOfFile: file, encoding: .utf8), file: file)
            return Dictionary(uniqueKeysWithValues: report.tables.map { ($0.id, $0) })
        }
        let mine = try tables(path), theirs = try tables(seedReport)
        #expect(Set(mine.keys) == ["active-disclosure", "applications", "reviews-litigation"])
        for (id, table) in theirs {
            let got = try #require(mine[id])
            #expect(got.values.mapValues { $0.mapValues(\.text) } == table.values.mapValues { $0.mapValues(\.text) }, "\(id)")
            #expect(got.labels == table.labels, "\(id)")
            #expect(got.notes.map(\.text) == table.notes.map(\.text), "\(id)")
        }
    }

    @Test func everyCellIsPlacedAndTheTemplateIsChosenByItsTables() throws {
        let (result, _) = try imported()
        #expect(result.tablesFound == 3)
        #expect(result.cellsFound == 101 && result.cellsPlaced == 101)
        #expect(result.leftAsComments == 0)
        #expect(result.report.template == "gov-2019")
        #expect(result.report.templateReason.en.contains("gov-2021") && result.report.templateReason.zh.contains("gov-2021"))
    }

    @Test func theCommandWritesAReportThatChecks() throws {
        let folder = try temporaryFolder()
        let imported = try run([nianbaoBinary, "import", fixture, "--title", title, "-o", "\(folder)/seed.yaml"])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.error.contains("1 files, 0 failed; 3 tables, 101 of 101 table cells placed, 0 items left as comments"))
        let checked = try run([nianbaoBinary, "check", "\(folder)/seed.yaml"])
        #expect(checked.status == 0, "\(checked.error)")
    }

    @Test func anOldWordFileIsOneClearError() throws {
        let folder = try temporaryFolder()
        FileManager.default.createFile(atPath: "\(folder)/report.doc", contents: Data([0xD0, 0xCF]))
        let imported = try run([nianbaoBinary, "import", "\(folder)/report.doc", "-o", folder + "/out"])
        #expect(imported.status == 1)
        #expect(imported.error.contains("report.doc: is an old Word (or WPS) file; open it and save it as .docx"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}

/// A folder of reports imports in one command, each into a file of its own, with a summary.
@Suite(.pinnedFonts) struct FolderImportTests {
    @Test func everyFileOfAFolderGetsAReportFileOfItsOwn() throws {
        let folder = try temporaryFolder()
        let fixtures = "\(repositoryRoot)/Tests/Fixtures/import"
        try FileManager.default.createDirectory(atPath: "\(folder)/in/sub", withIntermediateDirectories: true)
        for (name, target) in [("tjhq-zwfwb-2022.txt", "in/a.txt"), ("tjhq-zwfwb-2022.docx", "in/a.docx"), ("jiuyuanqu-zwfwj-2022.txt", "in/sub/a.txt"),
                               ("jiuyuanqu-zwfwj-2022.html", "in/sub/b.html")] {
            try FileManager.default.copyItem(atPath: "\(fixtures)/\(name)", toPath: "\(folder)/\(target)")
        }
        FileManager.default.createFile(atPath: "\(folder)/in/notes.pdf", contents: Data("%PDF".utf8))
        let result = try run([nianbaoBinary, "import", "\(folder)/in", "-o", "\(folder)/out"])
        #expect(result.status == 0, "\(result.error)")
        let written = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/out").sorted()
        #expect(written == ["a.docx.yaml", "a.txt-2.yaml", "a.txt.yaml", "b.yaml"])
        #expect(result.error.contains("4 files, 0 failed; 8 tables, 326 of 326 table cells placed, 0 items left as comments"))
    }
}
