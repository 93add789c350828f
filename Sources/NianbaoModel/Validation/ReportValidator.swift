import Foundation

/// Checks a decoded report against its table template: known tables, rows, columns and labels,
/// and values of the right kind. Arithmetic cross-checks build on this.
public enum ReportValidator {
    public static func validate(_ report: Report, against templates: TemplateSet) -> [Diagnostic] {
        var problems = numberedHeadings(in: report.body)
        var seen: Set<String> = []
        for table in report.tables {
            guard let template = templates.tables[table.id] else {
                let known = templates.tables.keys.sorted()
                var message = "template \(templates.name) has no table \(table.id.quoted)"
                if let guess = Suggestion.closest(to: table.id, among: known) { message += "; did you mean '\(guess)'?" }
                problems.append(.error(at: table.location, field: "table", message + " (tables: \(known.joined(separator: ", ")))"))
                continue
            }
            if !seen.insert(table.id).inserted {
                problems.append(.error(at: table.location, field: "table", "table \(table.id.quoted) appears twice"))
            }
            problems += validate(table, against: template)
            problems += CrossChecks.check(table, against: template)
        }
        return problems + NarrativeChecks.check(report, against: templates)
    }

    static func validate(_ table: TableBlock, against template: TableTemplate) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let rows = Dictionary(template.rows.compactMap { row in row.key.map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        for (rowKey, cells) in table.values.sorted(by: { $0.key < $1.key }) {
            guard let row = rows[rowKey] else {
                let location = cells.values.compactMap(\.location).min { ($0.line, $0.column) < ($1.line, $1.column) }
                problems.append(.error(at: location, field: "\(table.id).values.\(rowKey.shortened)",
                                       unknown("row", rowKey, among: template.rowKeys)))
                continue
            }
            for (columnKey, value) in cells.sorted(by: { $0.key < $1.key }) {
                let field = "\(table.id).values.\(rowKey).\(columnKey.shortened)"
                guard row.slotKeys.contains(columnKey) else {
                    problems.append(.error(at: value.location, field: field, unknown("column", columnKey, among: row.slotKeys)))
                    continue
                }
                let money = MoneyFormat(label: template.printedLabel(ofColumn: columnKey, in: table))
                if let message = check(value.text, kind: template.kind(ofColumn: columnKey), money: money) {
                    let cell = template.cellLabel(row: rowKey, column: columnKey, in: table)
                    problems.append(.error(at: value.location, field: field, "\(template.name) \(cell)：\(message)"))
                }
            }
        }
        for id in table.labels.keys.sorted() where !template.labelIDs.contains(id) {
            problems.append(.error(at: table.location, field: "\(table.id).labels.\(id.shortened)",
                                   unknown("label", id, among: template.labelIDs)))
        }
        return problems
    }

    /// A heading written with its own number ("一、总体情况") would be printed "一、一、总体情况".
    static func numberedHeadings(in blocks: [Block]) -> [Diagnostic] {
        blocks.flatMap { block -> [Diagnostic] in
            guard case .section(let section) = block else { return [] }
            var found: [Diagnostic] = []
            if let number = section.heading.firstMatch(of: leadingNumber) {
                found.append(.error(at: section.location, field: "section",
                                    "the heading \(section.heading.quoted) starts with its own number '\(number.output)'; "
                                    + "nianbao numbers sections itself, so leave the number out"))
            }
            return found + numberedHeadings(in: section.content)
        }
    }

    /// 一、 （一） (一) 1. 1、 （1） at the start of a heading.
    nonisolated(unsafe) static let leadingNumber = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))/

    static func unknown(_ what: String, _ key: String, among keys: [String]) -> String {
        var message = "unknown \(what) \(key.quoted)"
        if let guess = Suggestion.closest(to: key, among: keys) { message += "; did you mean '\(guess)'?" }
        return message
    }

    /// Nil when `text` is a valid value of `kind`; else what is wrong with it.
    static func check(_ text: String, kind: CellKind, money: MoneyFormat = MoneyFormat()) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        switch kind {
        case .count:
            guard value.allSatisfy(\.isASCIIDigit) else { return "\(value.quoted) is not a count (a whole number, 0 or more)" }
            return value.count <= 9 ? nil : "\(value.quoted) is too large for a count (at most 999999999)"
        case .signed:
            var digits = Substring(value)
            if let sign = digits.first, "+-−".contains(sign) { digits = digits.dropFirst() }
            return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) && digits.count <= 9 ? nil
                : "\(value.quoted) is not a whole number with an optional sign (+3, -253, 0)"
        case .money:
            return money.problem(with: value)
        case .text:
            return nil
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Report {
    /// Every statistical table in the body, in reading order.
    public var tables: [TableBlock] {
        func collect(_ blocks: [Block]) -> [TableBlock] {
            blocks.flatMap { block -> [TableBlock] in
                switch block {
                case .table(let table): return [table]
                case .section(let section): return collect(section.content)
                case .paragraph, .figure: return []
                }
            }
        }
        return collect(body)
    }
}
