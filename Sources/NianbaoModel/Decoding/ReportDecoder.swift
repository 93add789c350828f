import Foundation
import Yams

/// Reads a report from YAML or JSON into a `Report`, failing with file:line:column and the field.
public enum ReportDecoder {
    /// Longest paragraph accepted, in characters: a real one is a few hundred; a megabyte of text
    /// in one paragraph is a mistake that would take long to set.
    public static let maxParagraphLength = 20_000

    /// Deepest section level the numbering scheme has (一、 （一） 1. （1）).
    public static let maxSectionDepth = 4

    public static func decode(file path: String) throws -> Report {
        try decode(text: try SourceText.read(path), file: path)
    }

    public static func decode(text: String, file: String) throws -> Report {
        let root = try NodeReader.parse(text, file: file)
        let fields = try root.fields(allowed: ["template", "header", "title", "preamble", "body", "signature"])
        let header = try decodeHeader(fields.required("header"))
        let signature = try decodeSignature(fields.required("signature"))
        return Report(
            source: file,
            template: try fields.required("template").nonEmptyString(),
            header: header,
            title: try fields.required("title").lines(),
            preamble: try fields["preamble"].map { try $0.list().map(decodeParagraph) } ?? [],
            body: try fields.required("body").list().map { try decodeBlock($0, parentLevel: 0) },
            signature: signature)
    }

    static func decodeHeader(_ reader: NodeReader) throws -> HeaderInfo {
        let f = try reader.fields(allowed: ["index-number", "date", "disclosure", "category", "publisher"])
        return HeaderInfo(indexNumber: try f.required("index-number").nonEmptyString(),
                          date: try decodeDate(f.required("date")),
                          disclosure: try f.required("disclosure").nonEmptyString(),
                          category: try f.required("category").nonEmptyString(),
                          publisher: try f.required("publisher").nonEmptyString())
    }

    static func decodeSignature(_ reader: NodeReader) throws -> Signature {
        let f = try reader.fields(allowed: ["agency", "date"])
        return Signature(agency: try f.required("agency").nonEmptyString(), date: try decodeDate(f.required("date")))
    }

    static func decodeDate(_ reader: NodeReader) throws -> ReportDate {
        let text = try reader.nonEmptyString()
        guard let date = ReportDate(parsing: text) else {
            throw reader.error("'\(text)' is not a date that exists; write it as 2020-01-31 or 2020年1月31日")
        }
        return date
    }

    static func decodeParagraph(_ reader: NodeReader) throws -> Paragraph {
        let text = try reader.nonEmptyString()
        // A character is at least one byte: most text is shorter than the limit in bytes already.
        if text.utf8.count > maxParagraphLength, text.count > maxParagraphLength {
            throw reader.error("a paragraph of \(text.count) characters; the limit is \(maxParagraphLength)")
        }
        return Paragraph(text, at: reader.location)
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
            return .section(Section(heading: try f.required("section").nonEmptyString(), level: level, content: content,
                                    at: reader.location))
        case "figure":
            let f = try reader.fields(allowed: ["figure", "image"])
            return .figure(Figure(caption: try f.required("figure").nonEmptyString(),
                                  image: try f["image"]?.nonEmptyString(), at: reader.location))
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
                cells[cell.key] = CellValue(try cell.value.string(), at: cell.value.location)
            }
            values[row.key] = cells
        }
        var labels: [String: String] = [:]
        for label in try f["labels"]?.entries() ?? [] { labels[label.key] = try label.value.nonEmptyString() }
        return TableBlock(id: try f.required("table").nonEmptyString(), values: values, labels: labels,
                          footer: try f["footer"]?.list().map { try $0.string() } ?? [],
                          notes: try f["notes"]?.list().map(decodeParagraph) ?? [],
                          at: reader.location)
    }
}
