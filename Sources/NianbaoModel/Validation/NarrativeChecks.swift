import Foundation

/// Compares figures the text states with the table cells that hold them ("全年共收到政府信息公开申请
/// 270件" against 表二 一、本年新收… / 总计). A mismatch is a warning: the sentence may mean something else.
enum NarrativeChecks {
    static func check(_ report: Report, against templates: TemplateSet) -> [Diagnostic] {
        let paragraphs = report.preamble + paragraphs(in: report.body)
        var warnings: [Diagnostic] = []
        for table in report.tables {
            guard let template = templates.tables[table.id] else { continue }
            for figure in template.narrative {
                guard let regex = try? NSRegularExpression(pattern: figure.pattern) else { continue }
                let cellText = table.values[figure.row]?[figure.column]?.text ?? ""
                let held = Int(cellText) ?? (cellText.isEmpty ? 0 : nil)
                for paragraph in paragraphs {
                    let text = paragraph.text as NSString
                    for match in regex.matches(in: paragraph.text, range: NSRange(location: 0, length: text.length)) {
                        let stated = text.substring(with: match.range(at: 1)).replacingOccurrences(of: ",", with: "")
                        guard let number = Int(stated), let held, number != held else { continue }
                        let cell = template.cellLabel(row: figure.row, column: figure.column, in: table)
                        warnings.append(Diagnostic(.warning, at: paragraph.location, field: "text",
                            "the text says “\(text.substring(with: match.range))” but \(template.name) \(cell) is \(cellText.isEmpty ? "空" : cellText)"))
                    }
                }
            }
        }
        return warnings
    }

    static func paragraphs(in blocks: [Block]) -> [Paragraph] {
        blocks.flatMap { block -> [Paragraph] in
            switch block {
            case .paragraph(let paragraph): return [paragraph]
            case .section(let section): return paragraphs(in: section.content)
            case .table(let table): return table.notes
            case .figure: return []
            }
        }
    }
}
