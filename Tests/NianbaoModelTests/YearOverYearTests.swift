import Testing
@testable import NianbaoModel

@Suite struct YearOverYearTests {
    func report(_ file: String, template: String, table: TableBlock) throws -> Report {
        var report = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/yunxi-county-2023.yaml")
        report.source = file
        report.template = template
        report.body = [.table(table)]
        return report
    }

    func cells(_ values: [String: [String: String]]) -> [String: [String: CellValue]] {
        values.mapValues { $0.mapValues { CellValue($0) } }
    }

    @Test func inForceCarriesOnFromLastYear2021() throws {
        let templates = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2021.yaml")
        let last = try report("2022.yaml", template: "gov-2021", table: TableBlock(id: "active-disclosure",
            values: cells(["normative-documents": ["issued": "9", "repealed": "2", "in-force": "77"]])))
        var this = try report("2023.yaml", template: "gov-2021", table: TableBlock(id: "active-disclosure",
            values: cells(["normative-documents": ["issued": "12", "repealed": "3"]])))
        let warnings = YearOverYear.apply(to: &this, previous: last, templates: templates)
        #expect(warnings.isEmpty)
        #expect(this.tables[0].values["normative-documents"]?["in-force"]?.text == "86")
        // No figures last year for 规章: nothing is filled in.
        #expect(this.tables[0].values["regulations"] == nil)
    }

    @Test func aMismatchNamesBothReports() throws {
        let templates = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2021.yaml")
        let last = try report("2022.yaml", template: "gov-2021", table: TableBlock(id: "active-disclosure",
            values: cells(["normative-documents": ["in-force": "77"]])))
        var this = try report("2023.yaml", template: "gov-2021", table: TableBlock(id: "active-disclosure",
            values: cells(["normative-documents": ["issued": "12", "repealed": "3", "in-force": "80"]])))
        let warnings = YearOverYear.apply(to: &this, previous: last, templates: templates)
        #expect(warnings.map(\.message.zh) == ["表一 行政规范性文件 / 现行有效件数：本报告为 80，按上年报告 2022.yaml 应为 86"])
        #expect(warnings.first?.severity == .warning)
    }

    @Test func previousYearCountFollowsLastYearsChange2019() throws {
        let templates = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2019.yaml")
        let last = try report("2018.yaml", template: "gov-2019", table: TableBlock(id: "active-disclosure",
            values: cells(["licensing": ["previous-year": "10", "change": "+2"], "fees": ["previous-year": "5", "change": "-5"]])))
        var this = try report("2019.yaml", template: "gov-2019", table: TableBlock(id: "active-disclosure",
            values: cells(["licensing": ["change": "-1"]])))
        _ = YearOverYear.apply(to: &this, previous: last, templates: templates)
        #expect(this.tables[0].values["licensing"]?["previous-year"]?.text == "12")
        #expect(this.tables[0].values["fees"]?["previous-year"]?.text == "0")
    }
}
