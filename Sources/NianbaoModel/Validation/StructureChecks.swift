/// Compares a report's outline with the national format its template describes (`parts:`): the
/// parts present, in order, with their headings; each table under its part; one year throughout;
/// no empty section. Warnings only: an agency may have reasons, and the render goes on.
enum StructureChecks {
    static func check(_ report: Report, against templates: TemplateSet) -> [Diagnostic] {
        partWarnings(report, templates) + yearWarnings(report) + emptySections(report.body)
    }

    /// A top-level item: a section (一、…) or a table standing as its own part.
    private struct Item {
        var heading: String
        var location: SourceLocation?
        var tables: [TableBlock]
        var ownTable: String?
    }

    private static func partWarnings(_ report: Report, _ templates: TemplateSet) -> [Diagnostic] {
        let parts = templates.parts
        guard !parts.isEmpty else { return [] }
        let items = report.body.compactMap { block -> Item? in
            switch block {
            case .section(let section):
                return Item(heading: section.heading, location: section.location, tables: Report.tables(in: section.content))
            case .table(let table):
                let title = templates.tables[table.id].map { TableResolver.normalized($0.title) } ?? table.id
                return Item(heading: title, location: table.location, tables: [table], ownTable: table.id)
            case .paragraph, .figure:
                return nil
            }
        }
        var warnings: [Diagnostic] = []
        var matched: [Int?] = []
        let wordings = PartWordings(parts)
        for item in items {
            var index = item.ownTable.flatMap { id in parts.firstIndex { $0.table == id } }
            let written = comparable(item.heading)
            let exact = index != nil || wordings.headings.contains(written)
            index = index ?? wordings.bestPart(for: written)
            if let index, !exact {
                let official = parts[index].heading
                warnings.append(.warning(at: item.location, field: "section", Message(
                    "the heading \(item.heading.quoted) rewords the national format's part \(official.quoted) (\(templates.name))",
                    "标题 \(item.heading.quoted) 与全国统一格式（\(templates.name)）的 \(official.quoted) 不一致")))
            }
            if index == nil {
                warnings.append(.warning(at: item.location, field: "section", Message(
                    "\(item.heading.quoted) is not one of the parts of the national format (\(templates.name)): \(list(parts))",
                    "\(item.heading.quoted) 不是全国统一格式（\(templates.name)）的组成部分：\(list(parts))")))
            }
            matched.append(index)
        }
        var latest = -1
        for (item, index) in zip(items, matched) {
            guard let index else { continue }
            if index < latest {
                warnings.append(.warning(at: item.location, field: "section", Message(
                    "\(parts[index].heading.quoted) comes after \(parts[latest].heading.quoted); the national format puts it before",
                    "\(parts[index].heading.quoted) 排在了 \(parts[latest].heading.quoted) 之后；全国统一格式中它在前")))
            }
            latest = max(latest, index)
            for table in item.tables {
                guard let home = parts.firstIndex(where: { $0.table == table.id }), home != index,
                      let name = templates.tables[table.id]?.name else { continue }
                warnings.append(.warning(at: table.location, field: "table", Message(
                    "\(name) belongs under \(parts[home].heading.quoted), not under \(item.heading.quoted)",
                    "\(name) 应放在 \(parts[home].heading.quoted) 之下，而不是 \(item.heading.quoted) 之下")))
            }
        }
        let start = report.body.first.flatMap(location) ?? SourceLocation(file: report.source, line: 1, column: 1)
        for (index, part) in parts.enumerated() where !matched.contains(index) {
            warnings.append(.warning(at: start, field: "body", Message(
                "the part \(part.heading.quoted) of the national format (\(templates.name)) is missing",
                "缺少全国统一格式（\(templates.name)）的组成部分 \(part.heading.quoted)")))
        }
        return warnings
    }

    /// The report's year (from its title), and every other place a year is stated.
    private static func yearWarnings(_ report: Report) -> [Diagnostic] {
        guard let year = report.year else { return [] }
        var warnings: [Diagnostic] = []
        let titlePlace = report.body.first.flatMap(location) ?? SourceLocation(file: report.source, line: 1, column: 1)
        if let header = report.header {
            if let category = header.category, let stated = years(in: category).first, stated != year {
                warnings.append(.warning(at: header.locations["category"], field: "header.category", Message(
                    "组配分类 \(category.quoted) names \(stated) but the title names \(year)",
                    "组配分类 \(category.quoted) 写的是 \(stated) 年，标题是 \(year) 年")))
            }
            if let date = header.date, date != report.signature.date {
                warnings.append(.warning(at: header.locations["date"], field: "header.date", Message(
                    "成文日期 \(date.chinese) differs from the signature's date \(report.signature.date.chinese)",
                    "成文日期 \(date.chinese) 与落款日期 \(report.signature.date.chinese) 不一致")))
            }
        }
        let signed = report.signature.date.year
        if signed != year && signed != year + 1 {
            warnings.append(.warning(at: report.signature.dateLocation, field: "signature.date", Message(
                "the report for \(year) is signed in \(signed); a year's report is signed that year or the next",
                "\(year) 年度的报告落款于 \(signed) 年；年度报告应在当年或次年成文")))
        }
        let periods = (report.preamble + NarrativeChecks.paragraphs(in: report.body)).filter { $0.text.contains("统计期") }
        for paragraph in periods {
            for stated in years(in: paragraph.text).uniqued() where stated != year {
                warnings.append(.warning(at: paragraph.location ?? titlePlace, field: "text", Message(
                    "the data period names \(stated) but the title names \(year)",
                    "数据统计期限写的是 \(stated) 年，标题是 \(year) 年")))
            }
        }
        return warnings
    }

    /// A heading of level 1 or 2 with nothing under it; below that a heading alone is a list item
    /// ("1.机构概况类：……").
    private static func emptySections(_ blocks: [Block]) -> [Diagnostic] {
        blocks.flatMap { block -> [Diagnostic] in
            guard case .section(let section) = block else { return [] }
            guard !section.content.isEmpty || section.level > 2 else {
                return [.warning(at: section.location, field: "section", Message(
                    "the section \(section.heading.quoted) has no content", "标题 \(section.heading.quoted) 下没有内容"))]
            }
            return emptySections(section.content)
        }
    }

    /// Years written as four digits before 年 (2024年, 2024年度), in order.
    static func years(in text: String) -> [Int] {
        let characters = Array(text)
        var found: [Int] = []
        for i in characters.indices.dropFirst(4) where characters[i] == "年" {
            let digits = characters[(i - 4)..<i]
            guard digits.allSatisfy(\.isASCIIDigit), i < 5 || !characters[i - 5].isASCIIDigit,
                  let year = Int(String(digits)), (1949...2199).contains(year) else { continue }
            found.append(year)
        }
        return found
    }

    /// The parts' headings and their variants, compared as `comparable` and `similarity` see them,
    /// worked out once for all of a report's headings.
    struct PartWordings {
        /// Each part's official heading.
        var headings: Set<String>
        var wordings: [(part: Int, text: String, pairs: [String: Int])]

        init(_ parts: [ReportPart]) {
            headings = Set(parts.map { comparable($0.heading) })
            wordings = parts.enumerated().flatMap { index, part in
                ([part.heading] + part.variants).map { wording in
                    let text = comparable(wording)
                    return (index, text, pairs(text))
                }
            }
        }

        /// The part a heading (as `comparable`) stands for: the one whose wording (or a variant of
        /// it) it holds, else the one that shares most of its character pairs with it, if that is
        /// at least half.
        func bestPart(for written: String) -> Int? {
            let writtenPairs = pairs(written)
            var best: (index: Int, score: Double)?
            for wording in wordings {
                var score = dice(writtenPairs, wording.pairs)
                if !wording.text.isEmpty && (written.contains(wording.text) || wording.text.contains(written)) { score = max(score, 0.6) }
                if score >= 0.5, score > best?.score ?? 0 { best = (wording.part, score) }
            }
            return best?.index
        }
    }

    /// Adjacent character pairs, counted.
    private static func pairs(_ text: String) -> [String: Int] {
        let characters = Array(text)
        guard characters.count > 1 else { return [text: 1] }
        return characters.indices.dropLast().reduce(into: [:]) { $0[String(characters[$1...$1 + 1]), default: 0] += 1 }
    }

    /// Dice's coefficient over adjacent character pairs: 1 for the same text, 0 for nothing shared.
    private static func dice(_ x: [String: Int], _ y: [String: Int]) -> Double {
        let shared = x.reduce(0) { $0 + min($1.value, y[$1.key] ?? 0) }
        let total = x.values.reduce(0, +) + y.values.reduce(0, +)
        return total == 0 ? 0 : 2 * Double(shared) / Double(total)
    }

    /// A heading compared without numbers, spaces and punctuation.
    private static func comparable(_ heading: String) -> String {
        TableResolver.normalized(heading).filter { !$0.isPunctuation }
    }

    private static func list(_ parts: [ReportPart]) -> String { parts.map(\.heading).joined(separator: "、") }

    private static func location(_ block: Block) -> SourceLocation? {
        switch block {
        case .section(let section): section.location
        case .table(let table): table.location
        case .paragraph(let paragraph): paragraph.location
        case .figure(let figure): figure.location
        }
    }
}
