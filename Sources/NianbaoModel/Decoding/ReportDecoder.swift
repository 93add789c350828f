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
    static let rootKeys = ["template", "header", "title", "preamble", "body", "signature"]

    public static func decode(file path: String, followSymlinks: Bool = true) throws -> Report {
        try decode(text: try SourceText.read(path, followSymlinks: followSymlinks), file: path)
    }

    public static func decode(text: String, file: String) throws -> Report {
        let root = try NodeReader.parse(text, file: file)
        try checkLooksLikeAReport(root)
        let fields = try root.fields(allowed: rootKeys)
        let header = try decodeHeader(fields.required("header"))
        let signature = try decodeSignature(fields.required("signature"))
        return Report(
            source: file,
            template: try decodeTemplateName(fields.required("template")),
            header: header,
            title: try decodeTitle(fields.required("title")),
            preamble: try fields["preamble"].map { try $0.list().map(decodeParagraph) } ?? [],
            body: try fields.required("body").list().map { try decodeBlock($0, parentLevel: 0) },
            signature: signature)
    }

    /// A mapping with none of a report's keys is some other file (a planted link to /etc/shadow, a
    /// Kubernetes manifest): refused without quoting any of it, since it may be secret.
    static func checkLooksLikeAReport(_ root: NodeReader) throws {
        guard root.isMapping, let keys = try? root.entries().map(\.key), !keys.contains(where: rootKeys.contains) else { return }
        throw InputError(.error(at: SourceLocation(file: root.file, line: 1, column: 1), field: "",
                                "not a nianbao report: its top level has none of the keys \(rootKeys.joined(separator: ", "))"))
    }

    /// A template is named, never given as a path: a report cannot make nianbao read other files.
    static func decodeTemplateName(_ reader: NodeReader) throws -> String {
        let name = try reader.nonEmptyString()
        guard ResourceName.isValid(name) else {
            throw reader.error("\(name.quoted) is not a template name; write one of the templates' names, such as gov-2019 or gov-2021")
        }
        return name
    }

    static func decodeTitle(_ reader: NodeReader) throws -> [String] {
        let lines = try reader.lines()
        try NodeReader.check(lines.joined(), "a title", limit: TextLimits.title, reader.error)
        return lines
    }

    static func decodeHeader(_ reader: NodeReader) throws -> HeaderInfo {
        let f = try reader.fields(allowed: ["index-number", "date", "disclosure", "category", "publisher"])
        func field(_ key: String) throws -> String { try f.required(key).text("a header field", limit: TextLimits.header) }
        return HeaderInfo(indexNumber: try field("index-number"),
                          date: try decodeDate(f.required("date")),
                          disclosure: try field("disclosure"),
                          category: try field("category"),
                          publisher: try field("publisher"))
    }

    static func decodeSignature(_ reader: NodeReader) throws -> Signature {
        let f = try reader.fields(allowed: ["agency", "date"])
        return Signature(agency: try f.required("agency").text("an issuing body", limit: TextLimits.agency),
                         date: try decodeDate(f.required("date")))
    }

    static func decodeDate(_ reader: NodeReader) throws -> ReportDate {
        let text = try reader.nonEmptyString()
        guard let date = ReportDate(parsing: text) else {
            throw reader.error("\(text.quoted) is not a date that exists; write it as 2020-01-31 or 2020年1月31日")
        }
        return date
    }

    static func decodeParagraph(_ reader: NodeReader) throws -> Paragraph {
        Paragraph(try reader.text("a paragraph", limit: maxParagraphLength), at: reader.location)
    }

    /// A block is a plain string (a paragraph) or a mapping named by its first key.
    static func decodeBlock(_ reader: NodeReader, parentLevel: Int) throws -> Block {
        guard reader.isMapping else { return .paragraph(try decodeParagraph(reader)) }
        let kinds = ["section", "figure", "table", "paragraph"]
        let keys = try reader.entries().map(\.key)
        guard let kind = kinds.first(where: keys.contains) ?? keys.first else {
            throw reader.error("an empty mapping; expected one of \(kinds.joined(separator: ", "))")
        }
        switch kind {
        case "section":
            let f = try reader.fields(allowed: ["section", "level", "content"])
            let level = try f["level"]?.int() ?? parentLevel + 1
            if level > maxSectionDepth {
                throw reader.error("sections nest at most \(maxSectionDepth) levels deep (一、 （一） 1. （1）)")
            }
            if level <= parentLevel {
                throw try f.required("level").error("level \(level) is not below its parent section's level \(parentLevel)")
            }
            let content = try f["content"].map { try $0.list().map { try decodeBlock($0, parentLevel: level) } } ?? []
            return .section(Section(heading: try f.required("section").text("a heading", limit: TextLimits.heading),
                                    level: level, content: content,
                                    at: reader.location))
        case "figure":
            let f = try reader.fields(allowed: ["figure", "image"])
            return .figure(Figure(caption: try f.required("figure").text("a caption", limit: TextLimits.caption),
                                  image: try f["image"]?.text("an image path", limit: 4096), at: reader.location))
        case "table":
            return .table(try decodeTable(reader))
        case "paragraph":
            let f = try reader.fields(allowed: ["paragraph"])
            return .paragraph(try decodeParagraph(f.required("paragraph")))
        default:
            let entries = try reader.entries()
            if entries.count == 1, case .scalar(let value) = entries[0].value.node, value.string.isEmpty || value.string == "~" {
                throw reader.error("this paragraph ends with ':', which YAML reads as a key; "
                                   + "put the paragraph in quotes or end it with a full-width '：'")
            }
            _ = try reader.fields(allowed: kinds)   // reports the unknown key with a suggestion
            throw reader.error("unreachable")
        }
    }

    static func decodeTable(_ reader: NodeReader) throws -> TableBlock {
        let f = try reader.fields(allowed: ["table", "values", "labels", "footer", "notes"])
        var values: [String: [String: CellValue]] = [:]
        for row in try f["values"]?.entries() ?? [] {
            var cells: [String: CellValue] = [:]
            for cell in try row.value.entries() {
                cells[cell.key] = CellValue(try cell.value.text("a cell", limit: TextLimits.cell, allowEmpty: true),
                                            at: cell.value.location)
            }
            values[row.key] = cells
        }
        var labels: [String: String] = [:]
        for label in try f["labels"]?.entries() ?? [] { labels[label.key] = try label.value.text("a label", limit: TextLimits.label) }
        return TableBlock(id: try f.required("table").nonEmptyString(), values: values, labels: labels,
                          footer: try f["footer"]?.list().map { try $0.text("a line under a table", limit: TextLimits.footer, allowEmpty: true) } ?? [],
                          notes: try f["notes"]?.list().map(decodeParagraph) ?? [],
                          at: reader.location)
    }
}
