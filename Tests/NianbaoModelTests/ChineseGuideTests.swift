import Foundation
import Testing
@testable import NianbaoModel

/// The Chinese guide's examples are true: its dates read as dates, its cells as the values it says,
/// and the example it points to exists and uses what it describes.
@Suite struct ChineseGuideTests {
    let guide: String

    init() throws {
        guide = try String(contentsOfFile: "\(repositoryRoot)/docs/zh/填写说明.md", encoding: .utf8)
    }

    @Test func theDatesItListsAreRead() {
        for written in ["2025-01-20", "2025年1月20日", "2025/1/20", "2025.1.20", "二〇二五年一月二十日"] {
            #expect(guide.contains("`\(written)`"))
            #expect(ReportDate(parsing: written) == ReportDate(year: 2025, month: 1, day: 20), "\(written)")
        }
    }

    @Test func theCountsItListsRead486Or1486() {
        let reader = CellReader()
        for (written, value) in [("486", 486), ("４８６", 486), ("1,486", 1486), ("1，486", 1486), ("486件", 486)] {
            #expect(guide.contains("`\(written)`"))
            #expect(reader.read(written, kind: .count).number == value, "\(written)")
        }
        #expect(reader.read("0009", kind: .count).number == nil)
        for placeholder in ["-", "—", "/", "无"] {
            #expect(guide.contains("`\(placeholder)`"))
            #expect(reader.read(placeholder, kind: .count).number == 0)
        }
    }

    @Test func theExampleItPointsToUsesWhatItDescribes() throws {
        let example = try String(contentsOfFile: "\(repositoryRoot)/examples/qingshan-street-2024.yaml", encoding: .utf8)
        #expect(guide.contains("examples/qingshan-street-2024.yaml"))
        for used in ["run-in-levels: [2, 3, 4]", "level-3-numbers: 1、", "all-zero: true", "table: 表二", "一、本年新收政府信息公开申请数量: {自然人: 5, 商业企业: 1}"] {
            #expect(example.contains(used), "\(used)")
            #expect(guide.contains(used), "\(used)")
        }
        #expect(!example.contains("header:"))
    }
}
