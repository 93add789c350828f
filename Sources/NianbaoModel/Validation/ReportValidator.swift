import Foundation

/// Reads a decoded report against its table templates: tables, rows and columns found by key or by
/// printed label, every cell read as clerks type it and rewritten in the table's form, totals left
/// out computed, then the values checked, the arithmetic cross-checked and the national structure
/// compared with the template's parts.
public enum ReportValidator {
    /// The problems found; the report is left as it is.
    public static func validate(_ report: Report, against templates: TemplateSet) -> [Diagnostic] {
        var copy = report
        return resolve(&copy, against: templates)
    }

    /// The problems found, with `report`'s tables rewritten as they will print: keys as the
    /// template's, cells in the table's form, totals that were left out computed.
    public static func resolve(_ report: inout Report, against templates: TemplateSet) -> [Diagnostic] {
        var problems = numberedHeadings(in: report.body)
        var seen: Set<String> = []
        let reader = templates.cellReader
        report.body = report.body.map { block in
            YearOverYear.mapTables(block) { written in
                var table = written
                if templates.tables[table.id] == nil, let named = templates.tables.values.first(where: { $0.name == table.id }) {
                    table.id = named.id
                }
                guard let template = templates.tables[table.id] else {
                    let known = templates.order
                    let guess = Suggestion.closest(to: table.id, among: known + known.compactMap { templates.tables[$0]?.name })
                    let hint = guess.map { Message("; did you mean '\($0)'?", "；是否应为 '\($0)'？") } ?? Message(verbatim: "")
                    let list = known.map { "\($0) (\(templates.tables[$0]!.name))" }.joined(separator: ", ")
                    problems.append(.error(at: table.location, field: "table",
                        Message("template \(templates.name) has no table \(table.id.quoted)", "模板 \(templates.name) 中没有表格 \(table.id.quoted)")
                            + hint + Message(" (tables: \(list))", "（可用的表格：\(list)）")))
                    return table
                }
                if !seen.insert(table.id).inserted {
                    problems.append(.error(at: table.location, field: "table",
                                           Message("table \(table.id.quoted) appears twice", "表格 \(table.id.quoted) 出现了两次")))
                }
                problems += TableResolver(template: template, reader: reader).resolve(&table)
                problems += CrossChecks.check(table, against: template, reader: reader)
                return table
            }
        }
        return problems + NarrativeChecks.check(report, against: templates) + StructureChecks.check(report, against: templates)
    }

    /// As `resolve(_:against:)`, with the cells the template derives from last year's report filled
    /// in from `previous` (or checked against it) before the totals are computed and cross-checked.
    public static func resolve(_ report: inout Report, against templates: TemplateSet, previous: Report?) -> [Diagnostic] {
        guard var last = previous else { return resolve(&report, against: templates) }
        _ = resolve(&last, against: templates)
        // Keys and cells in the template's form first, so that both years are read alike; then
        // the computed cells are dropped again, to be worked out with last year's figures in.
        _ = resolve(&report, against: templates)
        report.body = report.body.map { block in
            YearOverYear.mapTables(block) { table in
                var table = table
                for (row, cells) in table.values { table.values[row] = cells.filter { !$0.value.isComputed } }
                return table
            }
        }
        let carried = YearOverYear.apply(to: &report, previous: last, templates: templates)
        return resolve(&report, against: templates) + carried
    }

    /// A heading written with its own number ("一、总体情况") would be printed "一、一、总体情况".
    static func numberedHeadings(in blocks: [Block]) -> [Diagnostic] {
        blocks.flatMap { block -> [Diagnostic] in
            guard case .section(let section) = block else { return [] }
            var found: [Diagnostic] = []
            if let number = section.heading.firstMatch(of: leadingNumber) {
                let n = String(number.output)
                found.append(.error(at: section.location, field: "section", Message(
                    "the heading \(section.heading.quoted) starts with its own number '\(n)'; nianbao numbers sections itself, so leave the number out",
                    "标题 \(section.heading.quoted) 自带了序号“\(n)”；nianbao 会自动编号，请删去序号")))
            }
            return found + numberedHeadings(in: section.content)
        }
    }

    /// 一、 （一） (一) 1. 1、 （1） at the start of a heading.
    nonisolated(unsafe) static let leadingNumber = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))/

    static func unknown(_ what: Message, _ key: String, among keys: [String]) -> Message {
        var message = Message("unknown \(what.en) \(key.quoted)", "没有\(what.zh) \(key.quoted)")
        if let guess = Suggestion.closest(to: key, among: keys) { message = message + Message("; did you mean '\(guess)'?", "；是否应为 '\(guess)'？") }
        return message
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Report {
    /// Every statistical table in the body, in reading order.
    public var tables: [TableBlock] { Self.tables(in: body) }

    /// Every statistical table in `blocks` and their sections, in reading order.
    static func tables(in blocks: [Block]) -> [TableBlock] {
        blocks.flatMap { block -> [TableBlock] in
            switch block {
            case .table(let table): [table]
            case .section(let section): tables(in: section.content)
            case .paragraph, .figure: []
            }
        }
    }
}
