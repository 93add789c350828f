import Foundation
import Testing
@testable import NianbaoModel

/// The repository root, found from this file's place.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A small valid report, shared with the bad-input matrix.
private let minimal = try! String(contentsOfFile: "\(repositoryRoot)/Tests/Fixtures/minimal-report.yaml", encoding: .utf8)

private func decodeError(_ yaml: String) -> String {
    do {
        _ = try ReportDecoder.decode(text: yaml, file: "r.yaml")
        return "no error"
    } catch {
        return String(describing: error)
    }
}

@Suite struct ReportDecoderTests {
    @Test func decodesTheSeedReportCompletely() throws {
        let report = try ReportDecoder.decode(file: "\(repositoryRoot)/examples/quzhou-zhihuixincheng-2019.yaml")
        #expect(report.template == "gov-2019")
        #expect(report.header?.indexNumber == "113308000026184538/2020-104149")
        #expect(report.header?.date?.chinese == "2020年1月31日")
        #expect(report.header?.publisher == "市智慧新城管委会")
        #expect(report.preamble.count == 3)
        let sections = report.body.compactMap { if case .section(let s) = $0 { return s } else { return nil } }
        #expect(sections.map(\.heading) == ["政府信息公开工作的基本概况", "政府信息主动公开、依申请公开等基本情况",
                                             "政府信息公开工作中存在的主要问题", "政府信息公开工作中要改进情况"])
        // The seed lists its ten categories as 1. items right under 二、.
        let items = sections[1].content.compactMap { if case .section(let s) = $0 { return s } else { return nil } }
        #expect(items.count == 10)
        #expect(items.allSatisfy { $0.level == 3 })
        #expect(report.tables.map(\.id) == ["active-disclosure", "applications", "reviews-litigation"])
        #expect(report.tables[0].values["procurement"]?["amount"]?.text == "71850元")
        #expect(report.tables[0].values["procurement"]?["count"]?.text == "9")
        #expect(report.tables[1].values["unable.not-held"]?["natural-person"]?.text == "6")
        #expect(report.signature.agency == "智慧新城管理委员会")
    }

    @Test func jsonUsesTheSameSchema() throws {
        let json = """
        {"template": "gov-2019",
         "header": {"index-number": "1/2020-1", "date": "2020-01-31", "disclosure": "主动公开",
                    "category": "2019年度", "publisher": "某局"},
         "title": "某局2019年度政府信息公开工作年度报告",
         "body": [{"section": "总体情况", "content": ["正文。"]},
                  {"table": "active-disclosure", "values": {"procurement": {"count": 9, "amount": "71850元"}}}],
         "signature": {"agency": "某局", "date": "2020-01-31"}}
        """
        var fromJSON = try ReportDecoder.decode(text: json, file: "r.json")
        var fromYAML = try ReportDecoder.decode(text: minimal, file: "r.yaml")
        // Locations differ between the two spellings; the content must not.
        func strip(_ report: inout Report) {
            report.templateLocation = nil
            report.header?.locations = [:]
            report.signature.dateLocation = nil
            report.body = report.body.map {
                if case .table(var t) = $0 {
                    t.location = nil
                    t.rowLocations = [:]
                    t.values = t.values.mapValues { $0.mapValues { CellValue($0.text) } }
                    return .table(t)
                }
                guard case .section(var s) = $0 else { return $0 }
                s.location = nil
                s.content = s.content.map { if case .paragraph(var p) = $0 { p.location = nil; return .paragraph(p) } else { return $0 } }
                return .section(s)
            }
        }
        strip(&fromJSON)
        strip(&fromYAML)
        fromYAML.source = fromJSON.source
        #expect(fromJSON == fromYAML)
    }

    @Test func unknownKeySuggestsTheKnownOne() {
        let message = decodeError(minimal.replacingOccurrences(of: "title:", with: "titel:"))
        #expect(message.contains("r.yaml:8:1"))
        #expect(message.contains("unknown key 'titel'"))
        #expect(message.contains("did you mean 'title'?"))
    }

    @Test func typeErrorNamesFileLineColumnAndField() {
        let message = decodeError(minimal.replacingOccurrences(of: "  publisher: 某局", with: "  publisher: [a, b]"))
        #expect(message.contains("r.yaml:7:14"))
        #expect(message.contains("header.publisher"))
        #expect(message.contains("expected text, found a list"))
    }

    @Test func missingFieldIsNamed() throws {
        let signature = try #require(minimal.range(of: "signature:")?.lowerBound)
        let line = minimal[..<signature].count { $0 == "\n" } + 1
        let message = decodeError(minimal.replacingOccurrences(of: "  agency: 某局\n", with: ""))
        #expect(message.contains("r.yaml:\(line + 1):3"))
        #expect(message.contains("missing required key 'agency'"))
    }

    /// A report published without the portal's metadata block is written without one.
    @Test func theHeaderAndEachOfItsFieldsAreOptional() throws {
        let withoutHeader = minimal.replacing(#/header:\n(  .*\n)+/#, with: "")
        #expect(try ReportDecoder.decode(text: withoutHeader, file: "r.yaml").header == nil)
        let partial = try ReportDecoder.decode(text: minimal.replacingOccurrences(of: "  disclosure: 主动公开\n", with: ""), file: "r.yaml")
        #expect(partial.header?.disclosure == nil)
        #expect(partial.header?.publisher == "某局")
    }

    @Test func impossibleDateIsRefused() {
        let message = decodeError(minimal.replacingOccurrences(of: "  date: 2020-01-31\n  disclosure", with: "  date: 2019-02-30\n  disclosure"))
        #expect(message.contains("r.yaml:4:9"))
        #expect(message.contains("'2019-02-30' is not a date that exists"))
    }

    @Test func sectionsNestAtMostFourLevels() {
        let deep = minimal.replacingOccurrences(of: "      - 正文。", with: """
              - section: 二
                content:
                  - section: 三
                    content:
                      - section: 四
                        content:
                          - section: 五
        """)
        #expect(decodeError(deep).contains("sections nest at most 4 levels deep"))
    }

    @Test func levelMustBeBelowTheParent() {
        let bad = minimal.replacingOccurrences(of: "      - 正文。", with: "      - section: 子\n        level: 1")
        #expect(decodeError(bad).contains("level 1 is not below its parent section's level 1"))
    }

    @Test func paragraphEndingInAColonGetsAHint() {
        let bad = minimal.replacingOccurrences(of: "      - 正文。", with: "      - 共分七大类:")
        #expect(decodeError(bad).contains("ends with ':'"))
    }

    @Test func invalidYAMLHasAPosition() {
        let message = decodeError("template: \"gov-2019\n")
        #expect(message.contains("r.yaml:"))
        #expect(message.contains("invalid YAML"))
    }

    @Test func emptyFileIsAnError() {
        #expect(decodeError("").contains("the file is empty"))
    }

    @Test func nonUTF8InputIsRefusedWithItsPlace() throws {
        let gbk = Data("title: ".utf8) + Data([0xC4, 0xEA, 0xB1, 0xA8])   // 年报 in GBK
        #expect(throws: InputError.self) { try SourceText.decode(gbk, file: "g.yaml") }
        do {
            _ = try SourceText.decode(gbk, file: "g.yaml")
        } catch {
            #expect(String(describing: error).contains("g.yaml:1:8"))
            #expect(String(describing: error).contains("not UTF-8"))
        }
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let text = try SourceText.decode(Data([0xEF, 0xBB, 0xBF]) + Data(minimal.utf8), file: "b.yaml")
        #expect(try ReportDecoder.decode(text: text, file: "b.yaml").header?.publisher == "某局")
    }
}

@Suite struct ReportDateTests {
    @Test func writesOfficialForm() {
        #expect(ReportDate(parsing: "2020-01-31")?.chinese == "2020年1月31日")
        #expect(ReportDate(parsing: "2020年1月20日")?.chinese == "2020年1月20日")
        #expect(ReportDate(parsing: "2020-01-31")?.iso8601 == "2020-01-31T00:00:00+08:00")
    }

    @Test func refusesDatesThatDoNotExist() {
        #expect(ReportDate(parsing: "2019-02-29") == nil)
        #expect(ReportDate(parsing: "2020-02-29") != nil)
        #expect(ReportDate(parsing: "2020-13-01") == nil)
        #expect(ReportDate(parsing: "31/01/2020") == nil)
    }
}

@Suite struct SuggestionTests {
    @Test func findsCloseKeysOnly() {
        #expect(Suggestion.closest(to: "signatur", among: ["signature", "title"]) == "signature")
        #expect(Suggestion.closest(to: "zzzzzz", among: ["signature", "title"]) == nil)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
    }
}
