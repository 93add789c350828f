import Foundation
import NianbaoModel

/// Turns a source document into a report: the header block (索引号 …), the title, the preamble,
/// sections nested by their numbers (the numbers removed: nianbao numbers them), paragraphs,
/// figure captions, the national tables (each read by `TableRecognizer`), their notes, and the
/// signature. What it cannot place is kept, with its line, as a comment.
public struct ReportRecognizer {
    public let templates: TemplateSet
    /// The title when the source has none (a portal prints it above the copied text).
    public var title: String?

    public init(templates: TemplateSet, title: String? = nil) {
        self.templates = templates
        self.title = title
    }

    static let headerKeys: [(label: String, key: String)] = [
        ("索引号", "index-number"), ("成文日期", "date"), ("公开方式", "disclosure"), ("组配分类", "category"),
        ("发布机构", "publisher"),
    ]

    /// The national tables a source table's rows hold, split at their title rows.
    func tables(in rows: [SourceRow]) -> [(template: TableTemplate, rows: [SourceRow])] {
        var out: [(template: TableTemplate, rows: [SourceRow])] = []
        let recognizers = templates.order.compactMap { templates.tables[$0] }.map(TableRecognizer.init)
        var pending: [SourceRow] = []
        for row in rows {
            if let titled = recognizers.first(where: { $0.isTitle(row) }) {
                if !pending.isEmpty { out += untitled(pending, recognizers) }
                out.append((titled.template, [row]))
                pending = []
            } else if out.isEmpty || !pending.isEmpty {
                pending.append(row)
            } else {
                out[out.count - 1].rows.append(row)
            }
        }
        if !pending.isEmpty { out += untitled(pending, recognizers) }
        return out
    }

    /// Rows before any title: the table whose rows they match most, if any.
    private func untitled(_ rows: [SourceRow], _ recognizers: [TableRecognizer]) -> [(template: TableTemplate, rows: [SourceRow])] {
        let best = recognizers.map { ($0, $0.matchedRows(rows)) }.max { $0.1 < $1.1 }
        guard let best, best.1 >= 2 else { return [] }
        return [(best.0.template, rows)]
    }

    /// How well this template set reads the document's tables: tables found by title, rows matched.
    func score(_ document: SourceDocument) -> (tables: Int, rows: Int) {
        var tables = 0, rows = 0
        for case .table(let source, _) in document.items {
            for (template, segment) in self.tables(in: source) {
                tables += 1
                rows += TableRecognizer(template: template).matchedRows(segment)
            }
        }
        return (tables, rows)
    }

    public func recognize(_ document: SourceDocument) -> ImportedReport {
        var report = ImportedReport(template: templates.name, templateReason: Message(verbatim: templates.name))
        var items = document.items[...]
        // The header block: a table of 索引号/成文日期 … pairs, first.
        if case .table(let rows, _)? = items.first, let header = header(rows) {
            report.header = header
            items = items.dropFirst()
        }
        // The signature: a date and an agency's name, last.
        var trailing = Array(items)
        if case .paragraph(let text, _)? = trailing.last, let date = Self.date(text) {
            report.signatureDate = date
            trailing.removeLast()
        }
        if case .paragraph(let text, _)? = trailing.last, Self.looksLikeAgency(text) {
            report.signatureAgency = text
            trailing.removeLast()
        }
        if case .paragraph(let text, _)? = trailing.last, report.signatureDate == nil, let date = Self.date(text) {
            report.signatureDate = date
            trailing.removeLast()
        }
        items = trailing[...]
        // The title: a first paragraph that reads as one, else the page's, else the caller's.
        let firstTwo = Array(items.prefix(2)).map(\.text)
        if let first = firstTwo.first, let text = first, Self.looksLikeTitle(text) {
            report.title = [text]
            items = items.dropFirst()
        } else if firstTwo.count == 2, let agency = firstTwo[0], let rest = firstTwo[1], Self.looksLikeAgency(agency), Self.looksLikeTitle(rest) {
            report.title = [agency, rest]   // a title set on two lines: the agency, then the year and 年度报告
            items = items.dropFirst(2)
        } else if let given = title ?? document.title {
            report.title = [given]
        }

        var builder = SectionBuilder()
        var seenHeading = false
        for item in items {
            switch item {
            case .paragraph(let text, let line):
                if Self.isNote(text), builder.attachNote(text) { continue }
                if let caption = Self.figureCaption(text) {
                    if seenHeading { builder.append(.figure(caption)) } else { report.preamble.append(text) }
                } else if let number = HeadingNumber(text) {
                    seenHeading = true
                    let (heading, rest) = Self.runIn(number.text)
                    builder.open(heading, level: number.level)
                    if let rest { builder.append(.paragraph(rest)) }
                } else if !seenHeading {
                    report.preamble.append(text)
                } else {
                    builder.append(.paragraph(text))
                }
                _ = line
            case .heading(let text, let level, _):
                seenHeading = true
                let (heading, rest) = Self.runIn(text)
                builder.open(heading, level: level)
                if let rest { builder.append(.paragraph(rest)) }
            case .table(let rows, let line):
                let found = tables(in: rows)
                if found.isEmpty {
                    let cells = rows.map { $0.filled.map(\.text).joined(separator: " | ") }.joined(separator: " / ")
                    let left = LeftOver(line: line, Message("a table that is none of \(templates.name)'s: \(cells)",
                                                            "不是\(templates.name)中的表格：\(cells)"))
                    builder.append(.comment(left))
                    report.leftOver.append(left)
                    continue
                }
                seenHeading = true
                for (template, segment) in found {
                    var notes: [LeftOver] = [], left: [LeftOver] = []
                    let table = TableRecognizer(template: template).recognize(segment, notes: &notes, leftOver: &left)
                    report.notes += notes
                    builder.appendTable(table, title: template.title)
                    for item in left { builder.append(.comment(item)) }
                    report.leftOver += left
                }
            }
        }
        report.body = builder.finish()
        return report
    }

    /// 索引号: | X | 成文日期: | Y | … as the header's fields, or nil when the rows are not that.
    private func header(_ rows: [SourceRow]) -> [ImportedReport.Field]? {
        var found: [String: String] = [:]
        for row in rows {
            let cells = row.filled.map(\.text)
            var i = 0
            while i < cells.count {
                let label = cells[i].trimmingCharacters(in: CharacterSet(charactersIn: ":： "))
                if let key = Self.headerKeys.first(where: { $0.label == label })?.key {
                    if i + 1 < cells.count, !Self.headerKeys.contains(where: { $0.label == cells[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ":： ")) }) {
                        found[key] = key == "date" ? Self.date(cells[i + 1]) ?? cells[i + 1] : cells[i + 1]
                        i += 2
                        continue
                    }
                }
                i += 1
            }
        }
        guard !found.isEmpty else { return nil }
        return Self.headerKeys.compactMap { entry in found[entry.key].map { ImportedReport.Field(key: entry.key, value: $0) } }
    }

    /// A run-in heading (1、加强组织领导。信息公开工作……): the heading up to its first full stop,
    /// and the paragraph after it.
    static func runIn(_ text: String) -> (heading: String, rest: String?) {
        guard let stop = text.firstIndex(of: "。"), text.index(after: stop) < text.endIndex else { return (text, nil) }
        let rest = text[text.index(after: stop)...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? (text, nil) : (String(text[...stop]), rest)
    }

    /// 图1、衢州市政府信息公开网 → 衢州市政府信息公开网.
    static func figureCaption(_ text: String) -> String? {
        guard let match = text.firstMatch(of: /^图\s*[0-9０-９]+\s*[、.．:：\s]\s*/) else { return nil }
        let caption = String(text[match.range.upperBound...])
        return caption.isEmpty || caption.count > 60 ? nil : caption
    }

    static func isNote(_ text: String) -> Bool {
        text.hasPrefix("（注") || text.hasPrefix("(注") || text.hasPrefix("注：") || text.hasPrefix("注:")
    }

    static func looksLikeTitle(_ text: String) -> Bool {
        text.count <= 80 && !text.contains("。") && (text.hasSuffix("年度报告") || text.hasSuffix("年报") || text.hasSuffix("工作报告"))
    }

    static func looksLikeAgency(_ text: String) -> Bool {
        text.count <= 40 && !text.contains(where: { "。，,；;：:".contains($0) }) && HeadingNumber(text) == nil
    }

    /// A date written alone (2020年1月31日, 2020-01-31, 2020.1.31) as YYYY-MM-DD.
    static func date(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let match = trimmed.wholeMatch(of: /(\d{4})\s*[年\-.\/]\s*(\d{1,2})\s*[月\-.\/]\s*(\d{1,2})\s*日?/) else { return nil }
        guard let month = Int(match.2), let day = Int(match.3), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return String(format: "%@-%02d-%02d", String(match.1), month, day)
    }
}

/// Sections nested by their levels, as headings come.
struct SectionBuilder {
    var blocks: [ImportedBlock] = []
    /// The open sections, outermost first: heading, level, content so far.
    private var open: [(heading: String, level: Int, content: [ImportedBlock])] = []

    mutating func open(_ heading: String, level: Int) {
        while let last = open.last, last.level >= level { close() }
        open.append((heading, level, []))
    }

    mutating func append(_ block: ImportedBlock) {
        if open.isEmpty { blocks.append(block) } else { open[open.count - 1].content.append(block) }
    }

    /// A national table goes under the part whose heading is its title (二、主动公开政府信息情况, as
    /// the 2021 format prints it), else it is a part of its own.
    mutating func appendTable(_ table: ImportedTable, title: String) {
        let key = LabelText.key(title)
        if let part = open.firstIndex(where: { $0.level == 1 && LabelText.key($0.heading) == key }) {
            while open.count > part + 1 { close() }
        } else {
            closeAll()
        }
        append(.table(table))
    }

    /// Adds a note (注：…) to the table just placed; false when the last block is not a table.
    mutating func attachNote(_ note: String) -> Bool {
        func attach(_ blocks: inout [ImportedBlock]) -> Bool {
            guard case .table(var table)? = blocks.last else { return false }
            table.notes.append(note)
            blocks[blocks.count - 1] = .table(table)
            return true
        }
        if open.isEmpty { return attach(&blocks) }
        return attach(&open[open.count - 1].content)
    }

    mutating func closeAll() { while !open.isEmpty { close() } }

    private mutating func close() {
        let section = open.removeLast()
        let parent = open.last?.level ?? 0
        append(.section(heading: section.heading, level: section.level, explicitLevel: section.level != parent + 1, content: section.content))
    }

    mutating func finish() -> [ImportedBlock] {
        closeAll()
        return blocks
    }
}
