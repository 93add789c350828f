import CHTMLShim
import Foundation

/// A portal page saved from the browser: libxml2's HTML parser (which reads broken markup as
/// browsers do, in the page's own charset) gives the tree; the report is the part of the page that
/// holds most of its text (not the menus and footers around it); in it, block elements are
/// paragraphs, and tables keep every cell in its place with its spans.
public enum HTMLReader {
    /// An element or a text of the page.
    final class Node {
        let name: String   // "" for text
        var text: String
        let line: Int
        let colspan: Int
        let rowspan: Int
        var children: [Node] = []

        init(name: String, text: String = "", line: Int = 0, colspan: Int = 1, rowspan: Int = 1) {
            self.name = name
            self.text = text
            self.line = line
            self.colspan = colspan
            self.rowspan = rowspan
        }

        var isText: Bool { name.isEmpty }
        var elements: [Node] { children.filter { !$0.isText } }

        /// All the text below, a space where a block ends.
        lazy var allText: String = {
            if isText { return text }
            if HTMLReader.skipped.contains(name) { return "" }
            return children.map { $0.isText ? $0.text : (HTMLReader.blocks.contains($0.name) ? " " : "") + $0.allText }.joined()
        }()

        lazy var textLength: Int = HTMLReader.clean(allText).count

        func first(_ name: String) -> Node? {
            if self.name == name { return self }
            for child in elements { if let found = child.first(name) { return found } }
            return nil
        }
    }

    static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                                      "blockquote", "center", "dd", "dt", "dl", "pre", "header", "footer", "form", "hr", "br", "tr", "table"]
    static let skipped: Set<String> = ["script", "style", "noscript", "head", "select", "button", "iframe", "template", "svg", "option"]

    public static func read(_ bytes: [UInt8], file: String) -> SourceDocument? {
        var length = 0
        guard let outline = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { nianbao_html_outline($0.baseAddress, $0.count, &length) }
        }) else { return nil }
        defer { free(outline) }
        let records = String(decoding: UnsafeRawBufferPointer(start: outline, count: length), as: UTF8.self)
        guard let root = tree(records) else { return nil }
        let title = root.first("title").map { pageTitle(clean($0.allText)) }
        var walker = Walker()
        walker.walk(mainContent(root.first("body") ?? root))
        walker.flush()
        return SourceDocument(file: file, items: walker.items, title: title?.isEmpty == false ? title : nil)
    }

    /// The records (see htmlshim.h) as a tree.
    static func tree(_ records: String) -> Node? {
        let root = Node(name: "#document")
        var stack: [(depth: Int, node: Node)] = [(-1, root)]
        for record in records.split(separator: "\u{1E}") {
            let fields = record.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard fields.count >= 3, let depth = Int(fields[1]) else { continue }
            while let last = stack.last, last.depth >= depth { stack.removeLast() }
            guard let parent = stack.last?.node else { continue }
            if fields[0] == "E", fields.count >= 6 {
                let node = Node(name: String(fields[2]), line: Int(fields[3]) ?? 0, colspan: Int(fields[4]) ?? 1, rowspan: Int(fields[5]) ?? 1)
                parent.children.append(node)
                stack.append((depth, node))
            } else if fields[0] == "T" {
                parent.children.append(Node(name: "", text: String(fields[2]), line: parent.line))
            }
        }
        return root
    }

    /// A page title without the site's name after it (…年度报告_某某区人民政府).
    static func pageTitle(_ text: String) -> String {
        for separator in ["_", "－", " - ", "|", "—"] {
            if let range = text.range(of: separator), text[..<range.lowerBound].contains("报告") {
                return String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
        }
        return text
    }

    /// From the body down, into the child that holds most of the text while one holds at least
    /// four fifths of it: the article, not the page around it.
    static func mainContent(_ node: Node) -> Node {
        var current = node
        while let largest = current.elements.max(by: { $0.textLength < $1.textLength }),
              current.textLength > 0, Double(largest.textLength) >= 0.8 * Double(current.textLength), largest.name != "table" {
            current = largest
        }
        return current
    }

    /// White space as a browser shows it: runs (no-break spaces too) one space, none at the ends;
    /// ideographic spaces kept.
    static func clean(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text {
            if character == " " || character == "\u{A0}" || character == "\t" || character == "\n" || character == "\r" || character == "\r\n" {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" "); space = false }
            out.append(character)
        }
        return out
    }

    /// Paragraphs and tables in document order.
    struct Walker {
        var items: [SourceItem] = []
        private var paragraph = ""
        private var line = 0

        mutating func flush() {
            let text = HTMLReader.clean(paragraph)
            if !text.isEmpty { items.append(.paragraph(text, line: line)) }
            paragraph = ""
        }

        mutating func walk(_ node: Node) {
            for child in node.children { visit(child) }
        }

        private mutating func visit(_ node: Node) {
            if node.isText {
                if paragraph.isEmpty { line = node.line }
                paragraph += node.text
                return
            }
            if HTMLReader.skipped.contains(node.name) { return }
            if node.name == "table" {
                flush()
                let rows = Self.rows(of: node)
                if !rows.isEmpty { items.append(.table(rows, line: node.line)) }
                return
            }
            let isBlock = HTMLReader.blocks.contains(node.name)
            if isBlock { flush() }
            walk(node)
            if isBlock { flush() }
        }

        /// The table's rows (in thead, tbody or directly), each cell's text and spans; a table in
        /// a cell is read as that cell's text.
        static func rows(of table: Node) -> [SourceRow] {
            var rows: [SourceRow] = []
            func collect(_ node: Node) {
                for child in node.elements {
                    switch child.name {
                    case "tr":
                        let cells = child.elements.filter { $0.name == "td" || $0.name == "th" }.map {
                            SourceCell(HTMLReader.clean($0.allText), colspan: $0.colspan, rowspan: $0.rowspan)
                        }
                        if !cells.isEmpty { rows.append(SourceRow(cells: cells, line: child.line, keepsEmptyCells: true)) }
                    case "thead", "tbody", "tfoot":
                        collect(child)
                    default:
                        break
                    }
                }
            }
            collect(table)
            return rows
        }
    }
}
