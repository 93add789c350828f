/// Carries figures over from last year's report (`--previous`): a cell the template derives from
/// last year (上一年项目数量, 现行有效件数) is filled in when empty and checked when written; a
/// mismatch is a warning that names both files.
public enum YearOverYear {
    /// Fills `report`'s derivable cells from `previous`; returns the mismatches found.
    public static func apply(to report: inout Report, previous: Report, templates: TemplateSet) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let lastTables = Dictionary(previous.tables.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        report.body = report.body.map { block in
            mapTables(block) { table in
                guard let template = templates.tables[table.id], let last = lastTables[table.id] else { return table }
                var table = table
                for rule in template.yearOverYear {
                    for row in template.rows where row.slotKeys.contains(rule.column) {
                        guard let key = row.key, let expected = value(of: rule, row: key, this: table, last: last, template: template,
                                                                      reader: templates.cellReader) else { continue }
                        let written = table.values[key]?[rule.column]
                        if let written, !written.text.isEmpty {
                            if templates.cellReader.read(written.text, kind: template.kind(ofColumn: rule.column)).number != expected {
                                let cell = template.cellLabel(row: key, column: rule.column, in: table)
                                warnings.append(Diagnostic(.warning, at: written.location ?? table.location, field: "\(table.id).values.\(key).\(rule.column)",
                                    Message("\(template.name) \(cell): this report has \(written.text); last year's report \(previous.source) makes it \(expected)",
                                            "\(template.name) \(cell)：本报告为 \(written.text)，按上年报告 \(previous.source) 应为 \(expected)")))
                            }
                        } else {
                            table.values[key, default: [:]][rule.column] = CellValue(String(expected), at: table.location)
                        }
                    }
                }
                return table
            }
        }
        return warnings
    }

    /// The rule's value for a row, or nil when last year's report holds none of its figures.
    static func value(of rule: YearOverYearRule, row: String, this: TableBlock, last: TableBlock,
                      template: TableTemplate, reader: CellReader) -> Int? {
        var total = 0
        var sawLastYear = false
        for term in rule.terms {
            let text = (term.lastYear ? last : this).values[row]?[term.column]?.text ?? ""
            if term.lastYear && !text.isEmpty { sawLastYear = true }
            guard let number = reader.read(text, kind: template.kind(ofColumn: term.column)).number else { return nil }
            total += term.sign * number
        }
        return sawLastYear ? total : nil
    }

    static func mapTables(_ block: Block, _ transform: (TableBlock) -> TableBlock) -> Block {
        switch block {
        case .table(let table): return .table(transform(table))
        case .section(var section):
            section.content = section.content.map { mapTables($0, transform) }
            return .section(section)
        case .paragraph, .figure: return block
        }
    }
}
