import Foundation
import Testing

/// The messages a clerk gets for the mistakes real reports make, exactly, in both languages: each
/// case edits the street-office example and runs `check --lang en` and `--lang zh`.
@Suite(.pinnedFonts) struct ClerkMessageTests {
    let binary = nianbaoBinary

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var example = "qingshan-street-2024"
        var edit: @Sendable (String) -> String
        var status: Int32
        var en: [String]
        var zh: [String]
        var description: String { name }
    }

    static func replace(_ old: String, _ new: String) -> @Sendable (String) -> String {
        { $0.replacingOccurrences(of: old, with: new) }
    }

    static let cases: [Case] = [
        Case(name: "a comma in a flow map", edit: replace(#"{本年处理决定数量: "1,204"}"#, "{本年处理决定数量: 1,204}"), status: 1,
             en: [":40:30: error: body[1].content[0].values.行政许可.204: YAML read 1,204 as two cells, '本年处理决定数量: 1' and '204:', because in {…} a comma separates cells; write 1204 without the comma, or in quotes: \"1,204\""],
             zh: [":40:30: 错误: body[1].content[0].values.行政许可.204: YAML 把 1,204 读成了两个单元格“本年处理决定数量: 1”和“204:”，因为在 {…} 中逗号用来分隔单元格；请去掉逗号写作 1204，或加上引号写作 \"1,204\""]),
        Case(name: "a leading zero", edit: replace("{本年处理决定数量: 36件}", "{本年处理决定数量: 0036}"), status: 1,
             en: [":41:28: error: active-disclosure.values.penalties.decisions: 表一 行政处罚 / 本年处理决定数量：'0036' starts with a 0; write 36"],
             zh: [":41:28: 错误: active-disclosure.values.penalties.decisions: 表一 行政处罚 / 本年处理决定数量：'0036' 前面多了 0，应写作 36"]),
        Case(name: "a date that does not exist", edit: replace("  date: 2025年1月20日", "  date: 2025年13月2日"), status: 1,
             en: [": error: signature.date: '2025年13月2日' is not a date that exists: there is no month 13"],
             zh: [": 错误: signature.date: '2025年13月2日' 这一天不存在：没有 13 月"]),
        Case(name: "a misspelt column label", edit: replace("行政许可: {本年处理决定数量", "行政许可: {本年处理决定数"), status: 1,
             en: [":40:27: error: active-disclosure.values.licensing.本年处理决定数: unknown column '本年处理决定数'; did you mean '本年处理决定数量'?"],
             zh: [":40:27: 错误: active-disclosure.values.licensing.本年处理决定数: 没有列 '本年处理决定数'；是否应为 '本年处理决定数量'？"]),
        Case(name: "a missing part", edit: { text in
                 let start = text.range(of: "  - section: 其他需要报告的事项")!.lowerBound
                 return String(text[..<start]) + "\n" + String(text[text.range(of: "signature:")!.lowerBound...])
             }, status: 0,
             en: [":18:5: warning: body: the part '其他需要报告的事项' of the national format (gov-2021) is missing"],
             zh: [":18:5: 警告: body: 缺少全国统一格式（gov-2021）的组成部分 '其他需要报告的事项'"]),
        Case(name: "years and dates that disagree",
             edit: replace("title: 青山街道办事处2024年", "header:\n  category: 2023年度\n  date: 2025-01-21\ntitle: 青山街道办事处2024年"), status: 0,
             en: [":13:13: warning: header.category: 组配分类 '2023年度' names 2023 but the title names 2024",
                  ":14:9: warning: header.date: 成文日期 2025年1月21日 differs from the signature's date 2025年1月20日"],
             zh: [":13:13: 警告: header.category: 组配分类 '2023年度' 写的是 2023 年，标题是 2024 年",
                  ":14:9: 警告: header.date: 成文日期 2025年1月21日 与落款日期 2025年1月20日 不一致"]),
        Case(name: "tables swapped into each other's parts", example: "yunxi-county-2023", edit: { text in
                 let a = text.range(of: "      - table: active-disclosure")!.lowerBound, b = text.range(of: "  - section: 收到和处理政府信息公开申请情况")!.lowerBound
                 let c = text.range(of: "      - table: applications")!.lowerBound, d = text.range(of: "  - section: 政府信息公开行政复议、行政诉讼情况")!.lowerBound
                 return String(text[..<a]) + text[c..<d] + text[b..<c] + text[a..<b] + text[d...]
             }, status: 0,
             en: [":40:9: warning: table: 表二 belongs under '收到和处理政府信息公开申请情况', not under '主动公开政府信息情况'",
                  ":67:9: warning: table: 表一 belongs under '主动公开政府信息情况', not under '收到和处理政府信息公开申请情况'"],
             zh: [":40:9: 警告: table: 表二 应放在 '收到和处理政府信息公开申请情况' 之下，而不是 '主动公开政府信息情况' 之下",
                  ":67:9: 警告: table: 表一 应放在 '主动公开政府信息情况' 之下，而不是 '收到和处理政府信息公开申请情况' 之下"]),
    ]

    @Test(arguments: cases)
    func saysWhatIsWrongInBothLanguages(_ clerkCase: Case) throws {
        let folder = try temporaryFolder()
        let original = try String(contentsOfFile: "\(repositoryRoot)/examples/\(clerkCase.example).yaml", encoding: .utf8)
        let edited = clerkCase.edit(original)
        try #require(edited != original)
        try edited.write(toFile: "\(folder)/r.yaml", atomically: true, encoding: .utf8)
        for (language, expected) in [("en", clerkCase.en), ("zh", clerkCase.zh)] {
            let result = try run([binary, "check", "\(folder)/r.yaml", "--lang", language], in: folder)
            #expect(result.status == clerkCase.status, "\(clerkCase.name) \(language): \(result.error)")
            let lines = result.error.split(separator: "\n").map(String.init)
            #expect(lines.count == expected.count, "\(clerkCase.name) \(language): \(result.error)")
            for line in expected {
                #expect(lines.contains { $0.hasPrefix("\(folder)/r.yaml") && $0.hasSuffix(line) }, "\(clerkCase.name) \(language): no “\(line)” in \(result.error)")
            }
        }
    }
}
