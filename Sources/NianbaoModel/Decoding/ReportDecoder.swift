import Foundation
import Yams

/// Reads a report from YAML or JSON into a `Report`, failing with file:line:column and the field.
public enum ReportDecoder {
    /// Longest paragraph accepted, in characters: a real one is a few hundred; a megabyte of text
    /// in one paragraph is a mistake that would take long to set.
    public static let maxParagraphLength = TextLimits.paragraph

    /// Deepest section level the numbering scheme has (一、 （一） 1. （1）).
    public static let maxSectionDepth = 4

    /// The keys of a report's top level.
    static let rootKeys = ["template", "header", "style", "title", "preamble", "body", "signature"]

    public static func decode(file path: String, followSymlinks: Bool = true) throws -> Report {
        try decode(text: try SourceText.read(path, followSymlinks: followSymlinks), file: path)
    }

    public static func decode(text: String, file: String) throws -> Report {
        let root = try NodeReader.parse(text, file: file)
        try checkLooksLikeAReport(root)
        let fields = try root.fields(allowed: rootKeys)
        let header = try fields["header"].map(decodeHeader)
        let signature = try decodeSignature(fields.required("signature"))
        let template = try fields.required("template")
        var report = Report(
            source: file,
            template: try decodeTemplateName(template),
            header: header,
            style: try fields["style"].map(decodeStyle) ?? ReportStyle(),
            title: try decodeTitle(fields.required("title")),
            preamble: try fields["preamble"].map { try $0.list().map(decodeParagraph) } ?? [],
            body: try fields.required("body").list().map { try decodeBlock($0, parentLevel: 0) },
            signature: signature)
        report.templateLocation = template.location
        return report
    }

    /// A mapping with none of a report's keys is some other file (a planted link to /etc/shadow, a
    /// Kubernetes manifest): refused without quoting any of it, since it may be secret.
    static func checkLooksLikeAReport(_ root: NodeReader) throws {
        guard root.isMapping, let keys = try? root.entries().map(\.key), !keys.contains(where: rootKeys.contains) else { return }
        let list = rootKeys.joined(separator: ", ")
        throw InputError(.error(at: SourceLocation(file: root.file, line: 1, column: 1), field: "",
                                Message("not a nianbao report: its top level has none of the keys \(list)",
                                        "不是 nianbao 年报文件：最外层没有这些键中的任何一个：\(list)")))
    }

    /// A template is named, never given as a path: a report cannot make nianbao read other files.
    static func decodeTemplateName(_ reader: NodeReader) throws -> String {
        let name = try reader.nonEmptyString()
        guard ResourceName.isValid(name) else {
            throw reader.error(Message("\(name.quoted) is not a template name; write one of the templates' names, such as gov-2019 or gov-2021",
                                       "\(name.quoted) 不是模板名称；请写模板的名称，如 gov-2019 或 gov-2021"))
        }
        return name
    }

    static func decodeTitle(_ reader: NodeReader) throws -> [String] {
        let lines = try reader.lines()
        try NodeReader.check(lines.joined(), Message("a title", "标题"), limit: TextLimits.title, reader.error)
        return lines
    }

    /// Every field is optional: many reports are published without the portal's block, and one
    /// that has some of its fields prints those.
    static func decodeHeader(_ reader: NodeReader) throws -> HeaderInfo {
        let f = try reader.fields(allowed: ["index-number", "date", "disclosure", "category", "publisher"])
        func field(_ key: String) throws -> String? {
            try f[key].map { try $0.text(Message("a header field", "信息栏的一项"), limit: TextLimits.header) }
        }
        var header = HeaderInfo(indexNumber: try field("index-number"), date: try f["date"].map(decodeDate),
                                disclosure: try field("disclosure"), category: try field("category"),
                                publisher: try field("publisher"))
        for entry in f.entries { header.locations[entry.key] = entry.value.location }
        return header
    }

    static func decodeSignature(_ reader: NodeReader) throws -> Signature {
        let f = try reader.fields(allowed: ["agency", "date"])
        let date = try f.required("date")
        return Signature(agency: try f.required("agency").text(Message("an issuing body", "落款单位"), limit: TextLimits.agency),
                         date: try decodeDate(date), dateLocation: date.location)
    }

    static func decodeStyle(_ reader: NodeReader) throws -> ReportStyle {
        let f = try reader.fields(allowed: ["run-in-levels", "level-3-numbers", "empty-cells"])
        var style = ReportStyle()
        if let levels = f["run-in-levels"] {
            let values = try levels.list().map { try $0.int() }
            guard values.allSatisfy((2...maxSectionDepth).contains) else {
                throw levels.error(Message("run-in levels are 2, 3 or 4 (a level-1 heading stands on its own line)",
                                           "接排的标题层级只能是 2、3 或 4（一级标题单独成行）"))
            }
            style.runInLevels = Set(values)
        }
        if let numbers = f["level-3-numbers"] {
            let text = try numbers.nonEmptyString()
            guard let value = ReportStyle.Level3Numbers(rawValue: text) else {
                throw numbers.error(Message("level-3-numbers is \"1.\" (GB/T 9704) or \"1、\"", "level-3-numbers 只能是 \"1.\"（GB/T 9704）或 \"1、\""))
            }
            style.level3Numbers = value
        }
        style.zeroInEmptyCells = try f["empty-cells"].map(decodeEmptyCells)
        return style
    }

    static func decodeEmptyCells(_ reader: NodeReader) throws -> Bool {
        switch try reader.nonEmptyString() {
        case "zero", "0": return true
        case "blank", "空": return false
        default: throw reader.error(Message("empty-cells is zero (print 0) or blank", "empty-cells 只能是 zero（印 0）或 blank（留空）"))
        }
    }

    static func decodeDate(_ reader: NodeReader) throws -> ReportDate {
        let text = try reader.nonEmptyString()
        switch ReportDate.read(text) {
        case .date(let date):
            return date
        case .doesNotExist(let why):
            throw reader.error(Message("\(text.quoted) is not a date that exists: \(why.en)", "\(text.quoted) 这一天不存在：\(why.zh)"))
        case .malformed:
            throw reader.error(Message("\(text.quoted) is not a date; write it as one of \(ReportDate.forms)",
                                       "\(text.quoted) 不是日期；可以写作 \(ReportDate.forms) 中的任一种"))
        }
    }

    static func decodeParagraph(_ reader: NodeReader) throws -> Paragraph {
        Paragraph(try reader.text(Message("a paragraph", "段落"), limit: maxParagraphLength), at: reader.location)
    }

    /// A block is a plain string (a paragraph) or a mapping named by its first key.
    static func decodeBlock(_ reader: NodeReader, parentLevel: Int) throws -> Block {
        guard reader.isMapping else { return .paragraph(try decodeParagraph(reader)) }
        let kinds = ["section", "figure", "table", "paragraph"]
        let keys = try reader.entries().map(\.key)
        guard let kind = kinds.first(where: keys.contains) ?? keys.first else {
            throw reader.error(Message("an empty mapping; expected one of \(kinds.joined(separator: ", "))",
                                       "空的一组；应为 \(kinds.joined(separator: ", ")) 之一"))
        }
        switch kind {
        case "section":
            let f = try reader.fields(allowed: ["section", "level", "run-in", "content"])
            let level = try f["level"]?.int() ?? parentLevel + 1
            if level > maxSectionDepth {
                throw reader.error(Message("sections nest at most \(maxSectionDepth) levels deep (一、 （一） 1. （1）)",
                                           "标题最多 \(maxSectionDepth) 层（一、 （一） 1. （1））"))
            }
            if level <= parentLevel {
                throw try f.required("level").error(Message("level \(level) is not below its parent section's level \(parentLevel)",
                                                            "第 \(level) 层不在上一级标题（第 \(parentLevel) 层）之下"))
            }
            let runIn = try f["run-in"]?.bool()
            if runIn == true && level == 1 {
                throw try f.required("run-in").error(Message("a level-1 heading stands on its own line; run-in is for levels 2 to 4",
                                                             "一级标题单独成行；接排只用于第 2 至 4 层"))
            }
            let content = try f["content"].map { try $0.list().map { try decodeBlock($0, parentLevel: level) } } ?? []
            return .section(Section(heading: try f.required("section").text(Message("a heading", "标题"), limit: TextLimits.heading),
                                    level: level, content: content, runIn: runIn, at: reader.location))
        case "figure":
            let f = try reader.fields(allowed: ["figure", "image"])
            return .figure(Figure(caption: try f.required("figure").text(Message("a caption", "图题"), limit: TextLimits.caption),
                                  image: try f["image"]?.text(Message("an image path", "图片路径"), limit: 4096), at: reader.location))
        case "table":
            return .table(try decodeTable(reader))
        case "paragraph":
            let f = try reader.fields(allowed: ["paragraph"])
            return .paragraph(try decodeParagraph(f.required("paragraph")))
        default:
            let entries = try reader.entries()
            if entries.count == 1, case .scalar(let value) = entries[0].value.node, value.string.isEmpty || value.string == "~" {
                throw reader.error(Message("this paragraph ends with ':', which YAML reads as a key; put the paragraph in quotes or end it with a full-width '：'",
                                           "这一段以半角冒号“:”结尾，YAML 会把它当作键；请给这一段加上引号，或改用全角冒号“：”"))
            }
            _ = try reader.fields(allowed: kinds)   // reports the unknown key with a suggestion
            throw reader.error(Message(verbatim: "unreachable"))
        }
    }

    static func decodeTable(_ reader: NodeReader) throws -> TableBlock {
        let f = try reader.fields(allowed: ["table", "values", "labels", "footer", "notes", "all-zero", "empty-cells"])
        var table = TableBlock(id: try f.required("table").nonEmptyString(), at: reader.location)
        for row in try f["values"]?.entries() ?? [] {
            var cells: [String: CellValue] = [:]
            let entries = try row.value.entries()
            for (index, cell) in entries.enumerated() {
                if index > 0, let trap = flowMapComma(before: cell, after: entries[index - 1]) { throw trap }
                cells[cell.key] = CellValue(try cell.value.text(Message("a cell", "单元格"), limit: TextLimits.cell, allowEmpty: true),
                                            at: cell.value.location)
            }
            table.values[row.key] = cells
            table.rowLocations[row.key] = row.keyLocation ?? row.value.location
        }
        for label in try f["labels"]?.entries() ?? [] {
            table.labels[label.key] = try label.value.text(Message("a label", "栏目名称"), limit: TextLimits.label)
        }
        table.footer = try f["footer"]?.list().map {
            try $0.text(Message("a line under a table", "表下的一行"), limit: TextLimits.footer, allowEmpty: true)
        } ?? []
        table.notes = try f["notes"]?.list().map(decodeParagraph) ?? []
        if let allZero = f["all-zero"] {
            table.allZero = try allZero.bool()
            if table.allZero && f["values"] != nil {
                throw allZero.error(Message("a table declared all-zero lists no values; to print 0 in the cells left empty, write empty-cells: zero",
                                            "声明 all-zero（全部为 0）的表格不再填写数值；若只想让未填的格印 0，请写 empty-cells: zero"))
            }
        }
        table.zeroInEmptyCells = try f["empty-cells"].map(decodeEmptyCells)
        return table
    }

    /// `{total: 1,486}` is two cells to YAML, `total: 1` and `486:` with no value: a comma in a
    /// `{…}` mapping separates entries. Said so, where it happened.
    static func flowMapComma(before cell: Entry, after previous: Entry) -> InputError? {
        guard case .scalar(let value) = cell.value.node, value.string.isEmpty || value.string == "~", value.style != .doubleQuoted,
              value.style != .singleQuoted, cell.key.count == 3, cell.key.allSatisfy(\.isASCIIDigit),
              case .scalar(let before) = previous.value.node, !before.string.isEmpty,
              before.string.allSatisfy({ $0.isASCIIDigit || $0 == "," }) else { return nil }
        let number = "\(before.string),\(cell.key)"
        return InputError(.error(at: cell.keyLocation ?? cell.value.location, field: cell.value.path, Message(
            "YAML read \(number) as two cells, '\(previous.key): \(before.string)' and '\(cell.key):', because in {…} a comma separates cells; write \(before.string)\(cell.key) without the comma, or in quotes: \"\(number)\"",
            "YAML 把 \(number) 读成了两个单元格“\(previous.key): \(before.string)”和“\(cell.key):”，因为在 {…} 中逗号用来分隔单元格；请去掉逗号写作 \(before.string)\(cell.key)，或加上引号写作 \"\(number)\"")))
    }
}
