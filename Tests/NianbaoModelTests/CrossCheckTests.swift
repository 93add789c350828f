import Testing
@testable import NianbaoModel

/// Every cross-check of the gov-2019 template, with numbers that pass and numbers that fail.
@Suite struct CrossCheckTests {
    let templates: TemplateSet

    init() throws {
        templates = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2019.yaml")
    }

    func problems(_ table: String, _ values: [String: [String: String]]) -> [String] {
        let block = TableBlock(id: table, values: values.mapValues { $0.mapValues { CellValue($0) } })
        return CrossChecks.check(block, against: templates.tables[table]!).map(\.message.zh)
    }

    /// A consistent 表二: 5 received, 1 carried over; 3 granted, 2 not held, 1 carried forward.
    let consistent: [String: [String: String]] = [
        "new-received": ["natural-person": "4", "commercial": "1", "total": "5"],
        "carried-over": ["natural-person": "1", "total": "1"],
        "granted": ["natural-person": "2", "commercial": "1", "total": "3"],
        "unable.not-held": ["natural-person": "2", "total": "2"],
        "results-total": ["natural-person": "4", "commercial": "1", "total": "5"],
        "carried-forward": ["natural-person": "1", "total": "1"],
    ]

    @Test func consistentApplicationsPass() {
        #expect(problems("applications", consistent).isEmpty)
    }

    @Test func rowTotalMustBeTheSumOfApplicants() {
        var values = consistent
        values["granted"]!["total"] = "4"
        #expect(problems("applications", values) == ["表二 （一）予以公开 / 总计：应为 3，实为 4"])
    }

    @Test func resultsTotalMustBeTheSumOfResults() {
        var values = consistent
        values["results-total"]!["natural-person"] = "5"
        values["results-total"]!["total"] = "6"
        #expect(problems("applications", values) == [
            "表二 （七）总计 / 自然人：应为 4，实为 5", "表二 （七）总计 / 总计：应为 5，实为 6"])
    }

    @Test func receivedPlusCarriedOverMustBeResultsPlusCarriedForward() {
        var values = consistent
        values["carried-forward"] = [:]
        #expect(problems("applications", values) == [
            "表二 自然人：一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 5，但 （七）总计 + 四、结转下年度继续办理 = 4",
            "表二 总计：一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 6，但 （七）总计 + 四、结转下年度继续办理 = 5",
        ])
    }

    @Test func aWrongTotalIsReportedOnceNotByEveryRuleThatReadsIt() {
        var values = consistent
        values["results-total"] = [:]   // as in the seed: the parts are filled, the total is not
        let found = problems("applications", values)
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.hasPrefix("表二 （七）总计 / ") && $0.contains("实为 空") })
    }

    @Test func reviewAndLitigationTotals() {
        let good = ["cases": ["review.upheld": "1", "review.pending": "2", "review.total": "3",
                              "direct.corrected": "1", "direct.total": "1", "after-review.total": "0"]]
        #expect(problems("reviews-litigation", good).isEmpty)
        var bad = good
        bad["cases"]!["direct.total"] = "2"
        bad["cases"]!["after-review.other"] = "1"
        #expect(problems("reviews-litigation", bad) == [
            "表三 未经复议直接起诉 总计：应为 1，实为 2",
            "表三 复议后起诉 总计：应为 1，实为 0"])
    }

    @Test func theDeliberatelyInconsistentExampleBlamesExactlyItsThreeMistakes() throws {
        let report = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/yunxi-county-2023-inconsistent.yaml")
        let templates2021 = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2021.yaml")
        let found = ReportValidator.validate(report, against: templates2021)
        #expect(found.map(\.message.zh) == [
            "表二 （一）予以公开 / 总计：应为 110，实为 111",
            "表二 （七）总计 / 自然人：应为 241，实为 240",
            "表三 行政复议 总计：应为 9，实为 8"])
        // Each message points at the line and column of the wrong value.
        #expect(found.map { $0.location.map { "\($0.line):\($0.column)" } ?? "" } == ["54:105", "73:43", "84:27"])
    }

    @Test func theConsistent2021ExamplesPass() throws {
        let templates2021 = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2021.yaml")
        for name in ["yunxi-county-2023", "linjiang-ecology-bureau-2022"] {
            let report = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/\(name).yaml")
            #expect(ReportValidator.validate(report, against: templates2021).isEmpty, "\(name)")
        }
    }

    @Test func otherResultsOf2021CountInTheResultsTotal() throws {
        let templates2021 = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2021.yaml")
        func check(_ values: [String: [String: String]]) -> [String] {
            let block = TableBlock(id: "applications", values: values.mapValues { $0.mapValues { CellValue($0) } })
            return CrossChecks.check(block, against: templates2021.tables["applications"]!).map(\.message.zh)
        }
        var values: [String: [String: String]] = [
            "new-received": ["natural-person": "3", "total": "3"],
            "other.no-correction": ["natural-person": "1", "total": "1"],
            "other.fees-unpaid": ["natural-person": "1", "total": "1"],
            "other.other": ["natural-person": "1", "total": "1"],
            "results-total": ["natural-person": "3", "total": "3"],
        ]
        #expect(check(values).isEmpty)
        values["other.other"] = [:]
        // A whole row left out: no one cell explains it, so the broken sums are reported as they are.
        #expect(check(values) == [
            "表二 自然人：（七）总计 = 3，但 （一）予以公开 … 3.其他（共21项） = 2",
            "表二 总计：（七）总计 = 3，但 （一）予以公开 … 3.其他（共21项） = 2"])
    }

    @Test func figuresTheTextRepeatsAreComparedWithTheTable() throws {
        let templates2021 = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2021.yaml")
        var report = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/yunxi-county-2023.yaml")
        report.preamble.append(Paragraph("全年共收到政府信息公开申请271件，上年结转13件。", at: SourceLocation(file: "r.yaml", line: 9, column: 5)))
        let found = ReportValidator.validate(report, against: templates2021)
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.description.hasPrefix("r.yaml:9:5: warning:") == true)
        #expect(found.first?.message.en.contains("“收到政府信息公开申请271件”") == true)
        #expect(found.first?.message.en.contains("表二 一、本年新收政府信息公开申请数量 / 总计 is 270") == true)
    }

    @Test func valuesThatAreNotNumbersAreLeftToTheValueCheck() {
        var values = consistent
        values["granted"]!["natural-person"] = "两"
        #expect(!problems("applications", values).contains { $0.contains("（一）予以公开 / 总计") })
    }
}

