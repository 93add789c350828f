import Foundation
import NianbaoModel
import Testing
import ZIPFoundation
@testable import NianbaoImport

/// Word documents: Word's own list numbers give the levels, merged cells keep their places, and a
/// damaged or hostile file is one clear error.
@Suite struct WordImportTests {
    func importer() throws -> ReportImporter {
        ReportImporter(templates: try ["gov-2019", "gov-2021"].map { try TemplateDecoder.decode(file: "\(repository)/layouts/templates/\($0).yaml") })
    }

    /// Tests/Fixtures/import/tjhq-zwfwb-2022.docx, made once by make-docx.py from the text fixture:
    /// headings numbered by Word (一、 from numbering.xml, not typed), cells merged across columns and rows.
    @Test func aWordFileGivesTheReportItsTextGives() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(repository)/Tests/Fixtures/import/tjhq-zwfwb-2022.docx")))
        let fromWord = try importer().importWord(bytes, file: "report.docx")
        let fromText = try importFixture("tjhq-zwfwb-2022", title: "天津市红桥区政务服务办2022年政府信息公开工作年度报告")
        let uncommented = { (yaml: String) in yaml.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(uncommented(fromWord.yaml) == uncommented(fromText.yaml))
        #expect(fromWord.report.title == ["天津市红桥区政务服务办2022年政府信息公开工作年度报告"])
        #expect(fromWord.cellsPlaced == 65 && fromWord.cellsFound == 65)
    }

    @Test(arguments: [(1, "decimal", "1"), (3, "chineseCounting", "三"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
                      (20, "chineseCounting", "二十"), (25, "ideographTraditional", "二十五")])
    func listNumbersAreWrittenAsWordPrintsThem(_ value: Int, _ format: String, _ written: String) {
        #expect(WordReader.Numbering.written(value, format) == written)
    }

    @Test func notAZipPackageIsOneError() throws {
        let error = #expect(throws: ImportError.self) { try importer().importWord(Array("not a zip".utf8), file: "old.docx") }
        #expect(error?.message.zh.contains("另存为 .docx") == true)
    }

    @Test func aPartThatUnpacksTooLargeIsRefused() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let size = WordReader.maxPartBytes + 1
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { position, count in
            Data(repeating: 0x20, count: count)
        }
        let bytes = try #require(archive.data)
        #expect(bytes.count < 1 << 20)
        let error = #expect(throws: ImportError.self) { try importer().importWord([UInt8](bytes), file: "bomb.docx") }
        #expect(error?.message.en.contains("unpacks to \(size) bytes") == true)
    }
}
