import Foundation
import NianbaoModel
import Testing
@testable import NianbaoImport

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func importFixture(_ name: String, title: String? = nil) throws -> ReportImporter.Result {
    let sets = try ["gov-2019", "gov-2021"].map { try TemplateDecoder.decode(file: "\(repository)/layouts/templates/\($0).yaml") }
    let text = try String(contentsOfFile: "\(repository)/Tests/Fixtures/import/\(name).txt", encoding: .utf8)
    return try ReportImporter(templates: sets).importText(text, file: name, template: nil, title: title)
}

/// The outline: each section's heading and level, and each table's id, in order.
func outline(_ blocks: [ImportedBlock]) -> [String] {
    blocks.flatMap { block -> [String] in
        switch block {
        case .section(let heading, let level, _, let content): ["\(level) \(heading)"] + outline(content)
        case .table(let table): ["table \(table.id)"]
        case .paragraph, .figure, .comment: []
        }
    }
}

func value(_ result: ReportImporter.Result, _ table: String, _ row: String, _ column: String) -> String? {
    result.report.body.tables.first { $0.id == table }?.values.first { $0.row == row }?.cells.first { $0.column == column }?.text
}

/// Real published reports (Tests/Fixtures/import/SOURCES.md): every paragraph, heading and cell
/// placed where the published page has it.
@Suite struct RealReportImportTests {
    @Test func tianjinHongqiaoGovernmentServicesOffice2022() throws {
        let result = try importFixture("tjhq-zwfwb-2022")
        #expect(result.report.template == "gov-2021")
        #expect(result.report.preamble.count == 1 && result.report.preamble[0].hasPrefix("本年度报告根据"))
        #expect(outline(result.report.body) == ["1 总体情况", "1 主动公开政府信息情况", "table active-disclosure",
                                                "1 收到和处理政府信息公开申请情况", "table applications"])
        #expect(value(result, "active-disclosure", "licensing", "decisions") == "1517")
        #expect(value(result, "active-disclosure", "fees", "amount") == "0")
        #expect(value(result, "applications", "new-received", "other") == "3")
        #expect(value(result, "applications", "new-received", "total") == "4")
        #expect(value(result, "applications", "granted", "natural-person") == "1")
        #expect(result.cellsPlaced == result.cellsFound && result.cellsFound == 65)
        #expect(result.leftAsComments == 0 && result.report.notes.isEmpty)
    }

    @Test func baotouJiuyuanGovernmentServicesBureau2022() throws {
        let result = try importFixture("jiuyuanqu-zwfwj-2022")
        #expect(result.report.template == "gov-2021")
        #expect(result.report.title == ["九原区政务服务局", "2022年政府信息公开工作年度报告"])
        #expect(result.report.preamble.isEmpty)
        #expect(outline(result.report.body) == ["1 总体情况", "1 主动公开政府信息情况", "table active-disclosure",
                                                "1 收到和处理政府信息公开申请情况", "table applications"])
        #expect(value(result, "applications", "new-received", "natural-person") == "1")
        #expect(value(result, "applications", "refused.safety-stability", "total") == "0")
        let applications = try #require(result.report.body.tables.last)
        #expect(applications.values.map(\.row) == ["new-received", "carried-over", "granted", "partially-granted",
                                                    "refused.state-secret", "refused.prohibited-by-law", "refused.safety-stability"])
        #expect(result.cellsPlaced == result.cellsFound && result.cellsFound == 98)
        #expect(result.leftAsComments == 0)
    }

    @Test func theSeedKeepsItsSectionsAndTablesInOrder() throws {
        let result = try importFixture("quzhou-zhihuixincheng-2019", title: "衢州市智慧新城管委会2019年度政府信息公开工作年度报告")
        #expect(outline(result.report.body).filter { $0.hasPrefix("1 ") || $0.hasPrefix("table") } == [
            "1 政府信息公开工作的基本概况", "1 政府信息主动公开、依申请公开等基本情况", "1 政府信息公开工作中存在的主要问题",
            "1 政府信息公开工作中要改进情况", "table active-disclosure", "table applications", "table reviews-litigation"])
        #expect(result.report.header.map(\.key) == ["index-number", "date", "disclosure", "category", "publisher"])
        #expect(result.report.signatureAgency == "智慧新城管理委员会")
    }
}

/// Copied text drops empty cells: values are put in their columns by the row's total.
@Suite struct DroppedCellTests {
    @Test func aRowWhoseLastValueIsTheSumGoesToTheTotal() throws {
        let result = try importFixture("quzhou-zhihuixincheng-2019")
        #expect(value(result, "applications", "new-received", "natural-person") == "3")
        #expect(value(result, "applications", "new-received", "total") == "3")
        #expect(value(result, "applications", "new-received", "commercial") == nil)
    }

    @Test func valuesAndLabelsAreToldApart() {
        for text in ["3", "71850元", "-2", "1,234", "12.5%", "—", "无", "0"] { #expect(LabelText.isValue(text), "\(text)") }
        for text in ["规章", "1.属于国家秘密", "（七）总计", "2019年度", "第二十条第(五)项"] { #expect(!LabelText.isValue(text), "\(text)") }
    }
}

/// Nothing is dropped silently: a table of no template stays in the file as a comment at its place.
@Suite struct LeftOverTests {
    @Test func aTableOfNoTemplateIsKeptAsACommentAndTheFileStillReads() throws {
        let sets = try ["gov-2019", "gov-2021"].map { try TemplateDecoder.decode(file: "\(repository)/layouts/templates/\($0).yaml") }
        let text = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n平台 | 发布条数 |\n门户网站 | 312 |\n某某局\n2024年1月20日\n"
        let result = try ReportImporter(templates: sets).importText(text, file: "t.txt", template: "gov-2021")
        #expect(result.leftAsComments == 1 && result.report.leftOver[0].line == 4)
        #expect(result.yaml.contains("# 第 4 行：不是gov-2021中的表格：平台 | 发布条数 / 门户网站 | 312"))
        #expect(result.report.signatureAgency == "某某局" && result.report.signatureDate == "2024-01-20")
        let report = try ReportDecoder.decode(text: result.yaml, file: "t.yaml")
        #expect(report.title == ["某某局2023年政府信息公开工作年度报告"])
        #expect(report.body.count == 1)
    }
}
