import Foundation

/// Writes an imported report in the report format (README, docs/format.md): the same layout of keys
/// a clerk would write, strings quoted only where YAML needs it, what was left over as comments.
public enum ReportYAMLWriter {
    public static func yaml(_ report: ImportedReport, source: String) -> String {
        var out = "# Imported by nianbao from \(source)\n"
        out += "# \(report.templateReason.zh)\n# \(report.templateReason.en)\n"
        for note in report.notes { out += comment(note) }
        out += "template: \(report.template)\n"
        if !report.header.isEmpty {
            out += "\nheader:\n"
            for field in report.header { out += "  \(field.key): \(scalar(field.value))\n" }
        }
        out += "\ntitle:\n"
        if report.title.isEmpty { out += "  - \(scalar("（标题）"))   # 原文没有标题，请在此填写 / the source has no title: write it here\n" }
        for line in report.title { out += "  - \(scalar(line))\n" }
        if !report.preamble.isEmpty {
            out += "\npreamble:\n"
            for paragraph in report.preamble { out += "  - \(scalar(paragraph))\n" }
        }
        out += "\nbody:\n"
        for block in report.body { write(block, indent: "  ", into: &out) }
        out += "\nsignature:\n"
        if let agency = report.signatureAgency { out += "  agency: \(scalar(agency))\n" } else { out += "  agency: \(scalar("（落款单位）"))   # 原文没有落款单位，请填写 / not found in the source\n" }
        if let date = report.signatureDate ?? report.header.first(where: { $0.key == "date" })?.value {
            out += "  date: \(scalar(date))\n"
        } else {
            out += "  date: 2000-01-01   # 原文没有成文日期，请填写 / not found in the source: write the report's date\n"
        }
        return out
    }

    private static func write(_ block: ImportedBlock, indent: String, into out: inout String) {
        switch block {
        case .paragraph(let text):
            out += "\(indent)- \(scalar(text))\n"
        case .figure(let caption):
            out += "\(indent)- figure: \(scalar(caption))\n"
        case .comment(let left):
            out += comment(left, indent: indent)
        case .section(let heading, let level, let explicit, let content):
            out += "\(indent)- section: \(scalar(heading))\n"
            if explicit { out += "\(indent)  level: \(level)\n" }
            if !content.isEmpty {
                out += "\(indent)  content:\n"
                for child in content { write(child, indent: indent + "    ", into: &out) }
            }
        case .table(let table):
            out += "\(indent)- table: \(table.id)\n"
            if !table.labels.isEmpty {
                out += "\(indent)  labels:\n"
                for (key, text) in table.labels { out += "\(indent)    \(key): \(scalar(text))\n" }
            }
            if !table.values.isEmpty {
                out += "\(indent)  values:\n"
                for (row, cells) in table.values where !cells.isEmpty {
                    out += "\(indent)    \(row): {" + cells.map { "\($0.column): \(flowScalar($0.text))" }.joined(separator: ", ") + "}\n"
                }
            }
            if !table.footer.isEmpty {
                out += "\(indent)  footer:\n"
                for line in table.footer { out += "\(indent)    - \(scalar(line))\n" }
            }
            if !table.notes.isEmpty {
                out += "\(indent)  notes:\n"
                for line in table.notes { out += "\(indent)    - \(scalar(line))\n" }
            }
        }
    }

    /// What the importer left or guessed, in Chinese and English, with its line in the source.
    private static func comment(_ item: LeftOver, indent: String = "") -> String {
        let line = { (text: String) in text.replacingOccurrences(of: "\n", with: " ") }
        return "\(indent)# 第 \(item.line) 行：\(line(item.message.zh))\n\(indent)#   line \(item.line): \(line(item.message.en))\n"
    }

    /// Plain where YAML reads the text back unchanged as a string, else double-quoted.
    static func scalar(_ text: String) -> String {
        needsQuotes(text, inFlow: false) ? quoted(text) : text
    }

    static func flowScalar(_ text: String) -> String {
        needsQuotes(text, inFlow: true) ? quoted(text) : text
    }

    private static func needsQuotes(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.isWhitespace || last.isWhitespace || last == ":" { return true }
        if text.contains(": ") || text.contains(" #") || text.contains("\n") || text.contains("\t") { return true }
        if inFlow && text.contains(where: { ",[]{}".contains($0) }) { return true }
        // What YAML would read as something else: true, null, ~, a number that is not one we mean.
        let lower = text.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lower) { return true }
        return text.contains(":") && text.unicodeScalars.contains { !$0.isASCII } == false
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
