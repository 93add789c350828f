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

    @Test func aKindItCannotReadYetIsOneClearError() throws {
        let folder = try temporaryFolder()
        FileManager.default.createFile(atPath: "\(folder)/report.docx", contents: Data([0x50, 0x4B]))
        let imported = try run([nianbaoBinary, "import", "\(folder)/report.docx", "-o", folder + "/out"])
        #expect(imported.status == 1)
        #expect(imported.error.contains("report.docx: files of kind .docx cannot be imported yet"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}
