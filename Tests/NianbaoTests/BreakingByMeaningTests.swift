import Foundation
import Testing
import Nianbao
import NianbaoLayout

/// GB/T 9704 7.3.1: a title is broken so that its words stay whole (词意完整) in a trapezoid or
/// diamond. Real agency titles of every shape, each written with `|` where a break is acceptable
/// (between the parts of the agency's name, after the year, inside 政府信息公开工作年度报告 only
/// before 工作 or 年度报告); the laid-out title must break only there, be centred, and never
/// leave a line of one or two characters or an hourglass.
@Suite(.pinnedFonts) struct BreakingByMeaningTests {
    static let titles = [
        "天镇县|信访局|2021年度|政府信息公开|工作|年度报告",
        "国家|发展和改革委员会|2022年度|政府信息公开|工作|年度报告",
        "北京市|朝阳区|人民政府|建外街道办事处|2023年|政府信息公开|工作|年度报告",
        "上海市|人民政府|办公厅|2019年|政府信息公开|工作|年度报告",
        "衢州市|智慧新城|管理委员会|2019年度|政府信息公开|工作|年度报告",
        "广州市|天河区|人民政府|天河南街道办事处|2022年|政府信息公开|工作|年度报告",
        "湖南省|人民政府|2021年|政府信息公开|工作|年度报告",
        "重庆市|渝中区|解放碑街道办事处|2020年|政府信息公开|工作|年度报告",
        "杭州市|西湖区|发展和改革局|2023年度|政府信息公开|工作|年度报告",
        "深圳市|市场监督管理局|2022年|政府信息公开|工作|年度报告",
        "成都市|武侯区|人民政府|办公室|2021年|政府信息公开|工作|年度报告",
        "中华人民共和国|生态环境部|2020年|政府信息公开|工作|年度报告",
        "国家新闻出版署|2022年|政府信息公开|工作|年度报告",
        "云南省|昆明市|五华区|华山街道办事处|2023年度|政府信息公开|工作|年度报告",
        "内蒙古自治区|呼和浩特市|赛罕区|人民政府|2022年|政府信息公开|工作|年度报告",
        "广西壮族自治区|住房和城乡建设厅|2021年|政府信息公开|工作|年度报告",
        "苏州工业园区|管理委员会|2020年|政府信息公开|工作|年度报告",
        "武汉市|江汉区|城市管理执法局|2023年|政府信息公开|工作|年度报告",
        "天津市|滨海新区|政务服务办公室|2022年度|政府信息公开|工作|年度报告",
        "西安市|雁塔区|小寨路街道办事处|2021年|政府信息公开|工作|年度报告",
        "某县2019年政府信息公开工作年度报告",
        "河北省|石家庄市|长安区|人民政府|2020年|政府信息公开|工作|年度报告",
        "黑龙江省|哈尔滨市|道里区|自然资源和规划局|2023年|政府信息公开|工作|年度报告",
        "中共北京市委|机构编制委员会|办公室|二〇二二年度|政府信息公开|工作|年度报告",
        "新疆维吾尔自治区|伊犁哈萨克自治州|奎屯市|人民政府|办公室|2022年|政府信息公开|工作|年度报告",
        "广东省|深圳市|南山区|粤海街道办事处|社区工作站|2021年度|政府信息公开|工作|年度报告",
        "中国（上海）自由贸易试验区|临港新片区|管理委员会|2023年|政府信息公开|工作|年度报告",
        "内蒙古自治区|鄂尔多斯市|伊金霍洛旗|人民政府|扎萨克镇|人民政府|2021年|政府信息公开|工作|年度报告",
        "国务院|国有资产监督管理委员会|2019年|政府信息公开|工作|年度报告",
        "某局|政府信息公开|工作|年度报告",
    ]

    /// A minimal report whose title or first heading is replaced.
    static func report(title: String? = nil, heading: String? = nil, agency: String? = nil) throws -> String {
        let folder = try temporaryFolder()
        var text = BadInputTests.valid
        if let title { text = text.replacingOccurrences(of: "title: 某局2019年度政府信息公开工作年度报告", with: "title: \(title)") }
        if let heading { text = text.replacingOccurrences(of: "section: 总体情况", with: "section: \(heading)") }
        if let agency { text = text.replacingOccurrences(of: "  agency: 某局", with: "  agency: \(agency)") }
        try text.write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        return "\(folder)/report.yaml"
    }

    let renderer = Renderer(locator: ResourceLocator(roots: [repositoryRoot]))

    func lines(_ role: LineRole, of path: String) throws -> [PlacedLine] {
        try renderer.layout(path).pages.flatMap(\.lines).filter { $0.role == role }
    }

    @Test(arguments: titles)
    func aTitleBreaksOnlyBetweenWords(_ marked: String) throws {
        let title = marked.replacingOccurrences(of: "|", with: "")
        var allowed = Set<Int>()
        var offset = 0
        for character in marked { if character == "|" { allowed.insert(offset) } else { offset += 1 } }
        let placed = try lines(.title, of: try Self.report(title: title))
        #expect(placed.map(\.line.text).joined() == title)
        var breaks: [Int] = []
        for line in placed.dropLast() { breaks.append((breaks.last ?? 0) + line.line.characterCount) }
        for at in breaks {
            #expect(allowed.contains(at), "\(title) broken at \(at): \(placed.map(\.line.text))")
        }
        #expect(placed.allSatisfy { $0.line.characterCount > 2 }, "\(placed.map(\.line.text))")
        // Centred on the text block, 28 mm + 78 mm from the page's left edge.
        let centre = (28.0 + 78.0) * 72 / 25.4
        for line in placed { #expect(abs(line.origin.x + line.line.width / 2 - centre) < 0.5, "\(line.line.text) off centre") }
        let widths = placed.map(\.line.width)
        for i in widths.indices.dropFirst().dropLast() {
            #expect(!(widths[i] < widths[i - 1] - 1 && widths[i] < widths[i + 1] - 1), "an hourglass: \(placed.map(\.line.text))")
        }
    }

    /// The title as the PDF holds it (poppler's reading, not the layout's): the seed-like title
    /// that was broken "…政 / 府…" is on two lines, 天镇县信访局2021年度 over 政府信息公开工作年度报告.
    @Test func theTitleInThePDFBreaksAfterTheYear() throws {
        let path = try Self.report(title: "天镇县信访局2021年度政府信息公开工作年度报告")
        var options = RenderOptions()
        options.outputDirectory = try temporaryFolder()
        let pdf = try renderer.render(path, options: options).pdf
        let text = try run(["pdftotext", "-f", "1", "-l", "1", "-raw", pdf, "-"]).output
        #expect(text.contains("天镇县信访局2021年度\n政府信息公开工作年度报告\n"), "\(text)")
    }

    /// A heading that wraps does so between words and keeps at least two characters on its last line.
    @Test(arguments: [
        ("政府信息公开工作存在的主要问题及改进情况和下一步工作打算", "工作打算"),
        ("关于进一步加强和改进本机关政府信息公开申请办理工作的情况", "工作的情况"),
        ("本年度因政府信息公开工作被申请行政复议提起行政诉讼的情况", "行政诉讼的情况"),
    ])
    func aHeadingWrapsBetweenWords(_ heading: String, _ lastLine: String) throws {
        let placed = try lines(.heading, of: try Self.report(heading: heading))
        #expect(placed.count == 2, "\(placed.map(\.line.text))")
        #expect(placed.last?.line.text == lastLine, "\(placed.map(\.line.text))")
    }

    /// An issuing body too long for the signature line breaks after one of its parts and stays
    /// inside the block, two characters in from its right edge.
    @Test func aLongIssuingBodyBreaksAfterAPartOfItsName() throws {
        let placed = try lines(.signature, of: try Self.report(agency: "中共某某省某某市某某区委员会办公室某某区人民政府办公室"))
        #expect(placed.map(\.line.text) == ["中共某某省某某市某某区委员会办公室", "某某区人民政府办公室", "2020年1月31日"])
        let millimetre = 72 / 25.4
        let character: Double = 156 * millimetre / 28
        let right: Double = 184 * millimetre - 2 * character
        for line in placed.dropLast() { #expect(line.origin.x + line.line.width <= right + 0.5) }
        #expect(placed.allSatisfy { $0.origin.x >= 28 * millimetre })
    }
}
