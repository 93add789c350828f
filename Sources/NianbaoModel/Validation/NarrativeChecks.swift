import Foundation
import Synchronization

/// Compares figures the text states with the table cells that hold them ("全年共收到政府信息公开申请
/// 270件" against 表二 一、本年新收… / 总计). A mismatch is a warning: the sentence may mean something else.
enum NarrativeChecks {
    static func check(_ report: Report, against templates: TemplateSet) -> [Diagnostic] {
        // A figure is a number in ASCII digits: text without one states none.
        let paragraphs = (report.preamble + paragraphs(in: report.body)).filter { $0.text.utf8.contains { (0x30...0x39).contains($0) } }
        var warnings: [Diagnostic] = []
        for table in report.tables {
            guard let template = templates.tables[table.id] else { continue }
            for figure in template.narrative {
                guard let regex = compiled(figure.pattern) else { continue }
                let cellText = table.values[figure.row]?[figure.column]?.text ?? ""
                let held = templates.cellReader.read(cellText, kind: template.kind(ofColumn: figure.column)).number
                for paragraph in paragraphs {
                    let text = paragraph.text as NSString
                    for match in regex.matches(in: paragraph.text, range: NSRange(location: 0, length: text.length)) {
                        let stated = text.substring(with: match.range(at: 1)).replacingOccurrences(of: ",", with: "")
                        guard let number = Int(stated), let held, number != held else { continue }
                        let cell = template.cellLabel(row: figure.row, column: figure.column, in: table)
                        let said = text.substring(with: match.range)
                        warnings.append(Diagnostic(.warning, at: paragraph.location, field: "text", Message(
                            "the text says “\(said)” but \(template.name) \(cell) is \(cellText.isEmpty ? "empty" : cellText)",
                            "正文写“\(said)”，但\(template.name) \(cell) 为 \(cellText.isEmpty ? "空" : cellText)")))
                    }
                }
            }
        }
        return warnings
    }

    /// Patterns compiled once per process: they come from the few templates, and compiling them
    /// for every report cost more than matching them.
    private static let regexes = Mutex<[String: NSRegularExpression?]>([:])

    private static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let known = regexes.withLock({ $0[pattern] }) { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        regexes.withLock { $0[pattern] = regex }
        return regex
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
