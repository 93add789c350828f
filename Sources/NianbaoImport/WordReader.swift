import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NianbaoModel
import ZIPFoundation

/// A Word document (.docx): the body's paragraphs and tables in order (ZIPFoundation opens the
/// package, Foundation's XML parser reads word/document.xml). A paragraph numbered by Word itself
/// gets its number written out from word/numbering.xml (一、 （一） 1.), so that levels come from
/// numbers as in any other source; a paragraph in a heading style (标题 1, Heading 2) is a heading
/// of that level. A cell merged across columns keeps its span; the cells a vertical merge
/// continues into are left out, as an HTML table leaves them.
public enum WordReader {
    /// What a part of the package may hold, unpacked: a larger one is refused (a zip bomb).
    static let maxPartBytes = 64 << 20

    public static func read(_ bytes: [UInt8], file: String) throws(ImportError) -> SourceDocument {
        func fail(_ en: String, _ zh: String) -> ImportError { ImportError(file: file, message: Message(en, zh)) }
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw fail("is not a Word document (.docx is a zip package; an old .doc must be saved as .docx)",
                       "不是 Word 文档（.docx 是 zip 包；旧的 .doc 请另存为 .docx）")
        }
        func part(_ path: String) throws(ImportError) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(maxPartBytes) else {
                throw fail("\(path) unpacks to \(entry.uncompressedSize) bytes; the limit is \(maxPartBytes)",
                           "\(path) 解压后有 \(entry.uncompressedSize) 字节，上限为 \(maxPartBytes)")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= maxPartBytes else { throw CocoaError(.fileReadTooLarge) }
                    data.append(chunk)
                }
            } catch {
                throw fail("\(path) cannot be unpacked (the file is damaged)", "\(path) 无法解压（文件已损坏）")
            }
            return data
        }
        guard let document = try part("word/document.xml") else {
            throw fail("has no word/document.xml: not a Word document", "没有 word/document.xml：不是 Word 文档")
        }
        let numbering = try part("word/numbering.xml").map(Numbering.init) ?? Numbering()
        let styles = try part("word/styles.xml").map(HeadingStyles.init) ?? HeadingStyles()
        let body = BodyParser(numbering: numbering, styles: styles)
        let parser = XMLParser(data: document)
        parser.delegate = body
        guard parser.parse() else {
            throw fail("word/document.xml is not well-formed XML (line \(parser.lineNumber))",
                       "word/document.xml 不是完整的 XML（第 \(parser.lineNumber) 行）")
        }
        return SourceDocument(file: file, items: body.items)
    }

    /// Word's own list numbers: for each list and level, its format and text (%1、, （%2）).
    struct Numbering {
        struct Level { var format = "decimal"; var text = "%1."; var start = 1 }
        var levels: [String: [Int: Level]] = [:]   // by abstractNumId
        var lists: [String: String] = [:]          // numId → abstractNumId

        init() {}

        init(_ data: Data) {
            let reader = Gatherer()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            _ = parser.parse()
            levels = reader.levels
            lists = reader.lists
        }

        final class Gatherer: NSObject, XMLParserDelegate {
            var levels: [String: [Int: Level]] = [:]
            var lists: [String: String] = [:]
            private var abstract: String?, level: Int?, num: String?

            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                let value = attributes["w:val"]
                switch name {
                case "w:abstractNum": abstract = attributes["w:abstractNumId"]
                case "w:lvl": level = attributes["w:ilvl"].flatMap { Int($0) }; if let abstract, let level { levels[abstract, default: [:]][level] = Level() }
                case "w:start": if let abstract, let level, let value, let n = Int(value) { levels[abstract]?[level]?.start = n }
                case "w:numFmt": if let abstract, let level, let value { levels[abstract]?[level]?.format = value }
                case "w:lvlText": if let abstract, let level, let value { levels[abstract]?[level]?.text = value }
                case "w:num": num = attributes["w:numId"]
                case "w:abstractNumId": if let num, let value { lists[num] = value }
                default: break
                }
            }

            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "w:abstractNum" { abstract = nil } else if name == "w:lvl" { level = nil } else if name == "w:num" { num = nil }
            }
        }

        /// Counters of each list, by level.
        var counters: [String: [Int: Int]] = [:]

        /// The number of the next paragraph of list `numId` at `level`, as Word would print it.
        mutating func next(list numId: String, level: Int) -> String? {
            guard let abstract = lists[numId], let format = levels[abstract]?[level] else { return nil }
            var counts = counters[abstract] ?? [:]
            counts[level] = (counts[level] ?? format.start - 1) + 1
            for deeper in counts.keys where deeper > level { counts[deeper] = nil }
            counters[abstract] = counts
            var text = format.text
            for (index, value) in counts.sorted(by: { $0.key < $1.key }) {
                let style = levels[abstract]?[index]?.format ?? "decimal"
                text = text.replacingOccurrences(of: "%\(index + 1)", with: Self.written(value, style))
            }
            return format.format == "none" || format.format == "bullet" ? nil : text
        }

        static func written(_ value: Int, _ format: String) -> String {
            guard format.hasPrefix("chinese") || format.hasPrefix("ideograph") || format == "taiwaneseCounting" else { return String(value) }
            let digits = Array("〇一二三四五六七八九")
            guard value > 0, value < 100 else { return String(value) }
            if value < 10 { return String(digits[value]) }
            return (value >= 20 ? String(digits[value / 10]) : "") + "十" + (value % 10 == 0 ? "" : String(digits[value % 10]))
        }
    }

    /// Paragraph styles that are headings (标题 1, heading 2 …), by style id, with their level.
    struct HeadingStyles {
        var levels: [String: Int] = [:]

        init() {}

        init(_ data: Data) {
            final class Gatherer: NSObject, XMLParserDelegate {
                var levels: [String: Int] = [:]
                var style: String?
                func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                    if name == "w:style" { style = attributes["w:styleId"] }
                    if name == "w:name", let style, let value = attributes["w:val"]?.lowercased() {
                        for prefix in ["heading ", "标题 "] where value.hasPrefix(prefix) {
                            if let level = Int(value.dropFirst(prefix.count)), (1...4).contains(level) { levels[style] = level }
                        }
                    }
                }
            }
            let reader = Gatherer()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            _ = parser.parse()
            levels = reader.levels
        }
    }

    /// word/document.xml's body, as paragraphs and tables.
    final class BodyParser: NSObject, XMLParserDelegate {
        var items: [SourceItem] = []
        private var numbering: Numbering
        private let styles: HeadingStyles
        // The paragraph being read.
        private var text = ""
        private var inText = false
        private var style: String?
        private var listID: String?, listLevel = 0
        // The tables being read (a table in a cell nests).
        private var tables: [[SourceRow]] = []
        private var row: [SourceCell] = []
        private var cellText: [String] = []
        private var span = 1
        private var continuesMerge = false
        private var rowLine = 0

        init(numbering: Numbering, styles: HeadingStyles) {
            self.numbering = numbering
            self.styles = styles
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "w:p": text = ""; style = nil; listID = nil; listLevel = 0
            case "w:t": inText = true
            case "w:tab": text += " "
            case "w:br", "w:cr": text += " "
            case "w:pStyle": style = attributes["w:val"]
            case "w:ilvl": listLevel = attributes["w:val"].flatMap { Int($0) } ?? 0
            case "w:numId": listID = attributes["w:val"]
            case "w:tbl": tables.append([])
            case "w:tr": row = []; rowLine = parser.lineNumber
            case "w:tc": cellText = []; span = 1; continuesMerge = false
            case "w:gridSpan": span = attributes["w:val"].flatMap { Int($0) }.map { min(max($0, 1), 1000) } ?? 1
            case "w:vMerge": continuesMerge = attributes["w:val"] != "restart"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p": endParagraph(line: parser.lineNumber)
            case "w:tc":
                if !continuesMerge { row.append(SourceCell(cellText.joined(separator: " "), colspan: span)) }
            case "w:tr":
                if !tables.isEmpty, !row.isEmpty { tables[tables.count - 1].append(SourceRow(cells: row, line: rowLine, keepsEmptyCells: true)) }
            case "w:tbl":
                let rows = tables.removeLast()
                if tables.isEmpty {
                    if !rows.isEmpty { items.append(.table(rows, line: rows[0].line)) }
                } else {
                    // A table inside a cell: its text joins the cell's.
                    cellText.append(rows.map { $0.cells.map(\.text).joined(separator: " ") }.joined(separator: " "))
                }
            default: break
            }
        }

        private func endParagraph(line: Int) {
            var written = text.trimmingCharacters(in: .whitespaces)
            if let listID, let number = numbering.next(list: listID, level: listLevel), !written.isEmpty { written = number + written }
            if !tables.isEmpty {
                if !written.isEmpty { cellText.append(written) }
                return
            }
            guard !written.isEmpty else { return }
            if let style, let level = styles.levels[style], HeadingNumber(written) == nil {
                items.append(.heading(written, level: level, line: line))
            } else {
                items.append(.paragraph(written, line: line))
            }
        }
    }
}
