import Testing
@testable import NianbaoModel

@Suite struct ValidationTests {
    let templates: TemplateSet

    init() throws {
        templates = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2019.yaml")
    }

    /// The errors only: a report cut down to one table also draws the structure's warnings.
    func errors(_ report: Report) -> [Diagnostic] {
        ReportValidator.validate(report, against: templates).filter { $0.severity == .error }
    }

    func report(with table: TableBlock) throws -> Report {
        var report = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/quzhou-zhihuixincheng-2019.yaml")
        report.body = [.table(table)]
        return report
    }

    /// The seed leaves its （七）总计 row empty, as the portal printed it: worked out from its terms,
    /// it is no longer an inconsistency; what remains are warnings about the national structure.
    @Test func theSeedsEmptyResultsTotalIsComputed() throws {
        var seed = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/quzhou-zhihuixincheng-2019.yaml")
        let problems = ReportValidator.resolve(&seed, against: templates)
        #expect(problems.allSatisfy { $0.severity == .warning })
        let total = seed.tables.first { $0.id == "applications" }?.values["results-total"]
        #expect(total?["natural-person"] == CellValue("6", at: total?["natural-person"]?.location, computed: true))
        #expect(total?["total"]?.text == "6")
        #expect(total?["total"]?.isComputed == true)
    }

    @Test func unknownRowAndColumnAreNamedWithSuggestions() throws {
        let location = SourceLocation(file: "r.yaml", line: 12, column: 7)
        let table = TableBlock(id: "applications", values: [
            "new-recieved": ["total": CellValue("3", at: location)],
            "carried-over": ["totl": CellValue("3", at: location)],
        ])
        let problems = ReportValidator.validate(try report(with: table), against: templates).map(\.description)
        #expect(problems.contains { $0.contains("r.yaml:12:7") && $0.contains("unknown row 'new-recieved'; did you mean 'new-received'?") })
        #expect(problems.contains { $0.contains("unknown column 'totl'; did you mean 'total'?") })
    }

    /// A row's cells on one line ({a: 1, b: 2}): the first is named, whatever the order of the
    /// dictionary (it varies from process to process).
    @Test func anUnknownRowIsPlacedAtItsFirstCell() throws {
        let cells = Dictionary(uniqueKeysWithValues: (0..<8).map { ("c\($0)", CellValue("1", at: SourceLocation(file: "r.yaml", line: 4, column: 20 + 9 * $0))) })
        let problems = ReportValidator.validate(try report(with: TableBlock(id: "applications", values: ["nonsense": cells])),
                                                against: templates).map(\.description)
        #expect(problems.contains { $0.hasPrefix("r.yaml:4:20:") && $0.contains("unknown row 'nonsense'") }, "\(problems)")
    }

    @Test func valuesMustMatchTheirKind() throws {
        let table = TableBlock(id: "active-disclosure", values: [
            "licensing": ["previous-year": CellValue("-3"), "change": CellValue("--253")],
            "procurement": ["amount": CellValue("71850元"), "count": CellValue("9")],
            "fees": ["change": CellValue("+3")],
        ])
        let problems = errors(try report(with: table)).map(\.description)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("licensing.previous-year") && $0.contains("not a count") })
        #expect(problems.contains { $0.contains("licensing.change") && $0.contains("表一 行政许可 / 本年增/减：'--253' is not a whole number") })
    }

    @Test func headingWithItsOwnNumberIsRefused() throws {
        var seed = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/quzhou-zhihuixincheng-2019.yaml")
        seed.body = [.section(Section(heading: "一、总体情况", level: 1, content: [
            .section(Section(heading: "（一）主动公开", level: 2, content: [])),
            .section(Section(heading: "2019年工作回顾", level: 2, content: [])),
            .section(Section(heading: "1.加强领导", level: 2, content: [])),
        ]))]
        let problems = errors(seed).map(\.description)
        #expect(problems.count == 3)
        #expect(problems[0].contains("starts with its own number '一、'"))
        #expect(problems[1].contains("'（一）'"))
        #expect(problems[2].contains("'1.'"))
    }

    func moneyProblems(_ amount: String, label: String? = nil) throws -> [String] {
        let table = TableBlock(id: "active-disclosure", values: ["procurement": ["amount": CellValue(amount)]],
                               labels: label.map { ["procurement-amount": $0] } ?? [:])
        return errors(try report(with: table)).map(\.message.en)
    }

    @Test func moneyFollowsTheUnitAndDecimalsItsColumnStates() throws {
        #expect(try moneyProblems("71850元").isEmpty)
        #expect(try moneyProblems("71850.5元").isEmpty)
        #expect(try moneyProblems("71850").first?.contains("needs its unit") == true)
        #expect(try moneyProblems("71850.123元").first?.contains("has 3 decimals; an amount in 元 has at most 2") == true)
        let fourDecimals = "采购总金额（万元，保留四位小数）"
        #expect(try moneyProblems("103.3879", label: fourDecimals).isEmpty)
        #expect(try moneyProblems("103.38", label: fourDecimals).first?.contains("the column asks for 4") == true)
        #expect(try moneyProblems("5元", label: fourDecimals).first?.contains("is in 元 but the column is in 万元") == true)
        #expect(try moneyProblems("1O3.3879", label: fourDecimals).first?.contains("is not an amount") == true)
    }

    @Test func aReportRewordsAColumnHeaderByItsKey() throws {
        let table = TableBlock(id: "active-disclosure", labels: ["new-made": "本年新 制作数量", "previous-year": "上年项目数量"])
        #expect(errors(try report(with: table)).isEmpty)
        #expect(templates.tables["active-disclosure"]!.labelIDs.filter { $0 == "previous-year" }.count == 3)
    }

    @Test func unknownTableIsNamed() throws {
        let problems = ReportValidator.validate(try report(with: TableBlock(id: "aplications")), against: templates)
        #expect(problems.first?.description.contains("did you mean 'applications'?") == true)
    }

    @Test func templateHasTheNationalStructure() {
        let applications = templates.tables["applications"]!
        #expect(applications.columnWidths.count == 10)
        #expect(applications.headerRowCount == 3)
        #expect(applications.rowKeys.count == 23)
        #expect(applications.rows.first { $0.key == "refused.state-secret" }?.slots.count == 7)
        #expect(templates.tables["reviews-litigation"]!.rows.last!.slots.count == 15)
        #expect(templates.tables["active-disclosure"]!.kind(ofColumn: "amount") == .money)
    }
}
