import Testing
import NianbaoModel
@testable import NianbaoLayout

/// The tables as nianbao resolves them, cell for cell (position, spans, printed label), against the
/// national templates as ../shared/research/official-format.md §4–6 transcribes them from
/// 国办公开办函〔2019〕60号 and 〔2021〕30号.
@Suite struct NationalTemplateTests {
    func cells(_ template: String, _ table: String) throws -> (TableModel, [String]) {
        let set = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/\(template).yaml")
        let model = try TableResolver.resolve(set.tables[table]!, with: TableBlock(id: table))
        let labels = model.cells.filter { !$0.text.isEmpty }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
            .map { "\($0.row),\($0.column)" + ($0.rowspan > 1 || $0.colspan > 1 ? " \($0.rowspan)x\($0.colspan)" : "") + " \($0.text)" }
        return (model, labels)
    }

    /// Every grid position is covered by exactly one cell.
    func expectTiled(_ model: TableModel) {
        var covered = [[Int]](repeating: [Int](repeating: 0, count: model.columnCount), count: model.rowCount)
        for cell in model.cells { for r in cell.rows { for c in cell.columns { covered[r][c] += 1 } } }
        #expect(covered.allSatisfy { $0.allSatisfy { $0 == 1 } })
    }

    static let applicationsHeader = [
        "0,0 3x3 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "0,3 1x7 申请人情况",
        "1,3 2x1 自然人", "1,4 1x5 法人或其他组织", "1,9 2x1 总计",
        "2,4 商业企业", "2,5 科研机构", "2,6 社会公益组织", "2,7 法律服务机构", "2,8 其他",
        "3,0 1x3 一、本年新收政府信息公开申请数量", "4,0 1x3 二、上年结转政府信息公开申请数量",
    ]
    static let refusedToNotProcessed = [
        "7,1 8x1 （三）不予公开", "7,2 1.属于国家秘密", "8,2 2.其他法律行政法规禁止公开", "9,2 3.危及“三安全一稳定”",
        "10,2 4.保护第三方合法权益", "11,2 5.属于三类内部事务信息", "12,2 6.属于四类过程性信息", "13,2 7.属于行政执法案卷",
        "14,2 8.属于行政查询事项", "15,1 3x1 （四）无法提供", "15,2 1.本机关不掌握相关政府信息",
        "16,2 2.没有现成信息需要另行制作", "17,2 3.补正后申请内容仍不明确", "18,1 5x1 （五）不予处理", "18,2 1.信访举报投诉类申请",
        "19,2 2.重复申请", "20,2 3.要求提供公开出版物", "21,2 4.无正当理由大量反复申请", "22,2 5.要求行政机关确认或重新出具已获取信息",
    ]

    @Test func applications2019() throws {
        let (model, labels) = try cells("gov-2019", "applications")
        #expect(model.columnCount == 10)
        #expect(labels == Self.applicationsHeader + [
            "5,0 20x1 三、本年度办理结果", "5,1 1x2 （一）予以公开", "6,1 1x2 （二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ] + Self.refusedToNotProcessed + [
            "23,1 1x2 （六）其他处理", "24,1 1x2 （七）总计", "25,0 1x3 四、结转下年度继续办理",
        ])
        expectTiled(model)
    }

    @Test func applications2021() throws {
        let (model, labels) = try cells("gov-2021", "applications")
        #expect(model.columnCount == 10)
        #expect(labels == Self.applicationsHeader + [
            "5,0 22x1 三、本年度办理结果", "5,1 1x2 （一）予以公开", "6,1 1x2 （二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ] + Self.refusedToNotProcessed + [
            "23,1 3x1 （六）其他处理", "23,2 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "24,2 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "25,2 3.其他",
            "26,1 1x2 （七）总计", "27,0 1x3 四、结转下年度继续办理",
        ])
        expectTiled(model)
    }

    @Test func reviewsAndLitigationBothYears() throws {
        for template in ["gov-2019", "gov-2021"] {
            let (model, labels) = try cells(template, "reviews-litigation")
            #expect(model.columnCount == 15)
            let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
            #expect(labels == ["0,0 1x5 行政复议", "0,5 1x10 行政诉讼"]
                + results.enumerated().map { "1,\($0.offset) 2x1 \($0.element)" }
                + ["1,5 1x5 未经复议直接起诉", "1,10 1x5 复议后起诉"]
                + (results + results).enumerated().map { "2,\($0.offset + 5) \($0.element)" })
            #expect(model.rowCount == 4)   // one data row of 15 numbers
            expectTiled(model)
        }
    }

    /// Six parts after 信息内容, as the printed template draws it: three columns take two parts
    /// each, the (八) and (九) blocks' two columns three each (no empty cell).
    @Test func activeDisclosure2019() throws {
        let (model, labels) = try cells("gov-2019", "active-disclosure")
        func group(_ row: Int, _ item: String, _ columns: [String], _ rows: [String]) -> [String] {
            let span = 6 / columns.count
            return ["\(row),0 1x7 第二十条第（\(item)）项", "\(row + 1),0 信息内容"]
                + columns.enumerated().map { "\(row + 1),\($0.offset * span + 1) 1x\(span) \($0.element)" }
                + rows.enumerated().map { "\(row + 2 + $0.offset),0 \($0.element)" }
        }
        let decisions = ["上一年项目数量", "本年增/减", "处理决定数量"]
        #expect(labels == group(0, "一", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"])
            + group(4, "五", decisions, ["行政许可", "其他对外管理服务事项"])
            + group(8, "六", decisions, ["行政处罚", "行政强制"])
            + group(12, "八", ["上一年项目数量", "本年增/减"], ["行政事业性收费"])
            + group(15, "九", ["采购项目数量", "采购总金额"], ["政府集中采购"]))
        expectTiled(model)
    }

    @Test func activeDisclosure2021() throws {
        let (model, labels) = try cells("gov-2021", "active-disclosure")
        #expect(labels == [
            "0,0 1x4 第二十条第（一）项", "1,0 信息内容", "1,1 本年制发件数", "1,2 本年废止件数", "1,3 现行有效件数", "2,0 规章", "3,0 行政规范性文件",
            "4,0 1x4 第二十条第（五）项", "5,0 信息内容", "5,1 1x3 本年处理决定数量", "6,0 行政许可",
            "7,0 1x4 第二十条第（六）项", "8,0 信息内容", "8,1 1x3 本年处理决定数量", "9,0 行政处罚", "10,0 行政强制",
            "11,0 1x4 第二十条第（八）项", "12,0 信息内容", "12,1 1x3 本年收费金额（单位：万元）", "13,0 行政事业性收费",
        ])
        // The one-number rows take their number in a cell spanning the three data columns.
        #expect(model.cells.filter { $0.row == 6 && $0.column == 1 }.first?.colspan == 3)
        expectTiled(model)
    }
}
