import Foundation

/// What a piece of the document is, in the layout's own terms; each engine maps it to its
/// format's (a PDF structure type, a cairo tag and its attributes).
public enum StructureRole: Sendable, Hashable {
    case document
    case heading(level: Int)
    case paragraph
    /// A heading's number (一、).
    case label
    /// Inline text inside a paragraph or heading that also holds a label or links.
    case span
    /// An address in the text, with the URL it points to (http://…, mailto:…).
    case link(url: String)
    case table
    case row
    case headerCell
    case cell
    case figure
    case caption
}

extension StructureRole {
    /// The standard structure type of the role (ISO 32000-1, 14.8.4), the vocabulary both
    /// engines write: our writer as /S, cairo as its tag names.
    public var standardType: String {
        switch self {
        case .document: "Document"
        case .heading(let level): "H\(min(max(level, 1), 6))"
        case .paragraph: "P"
        case .label: "Lbl"
        case .span: "Span"
        case .link: "Link"
        case .table: "Table"
        case .row: "TR"
        case .headerCell: "TH"
        case .cell: "TD"
        case .figure: "Figure"
        case .caption: "Caption"
        }
    }
}

/// An element of the document's structure: its role and which element it is. Two placed pieces
/// of content with equal elements belong to the same element.
public struct StructureElement: Sendable, Hashable {
    public var role: StructureRole
    /// The document block the element belongs to.
    public var block: Int
    /// Which element of the block (a row, a cell, a link…); 0 for the block's own element.
    public var part: Int
    /// Text read in place of a figure's picture (/Alt).
    public var alternateText: String?

    public init(_ role: StructureRole, block: Int, part: Int = 0, alternateText: String? = nil) {
        self.role = role
        self.block = block
        self.part = part
        self.alternateText = alternateText
    }
}

/// Consecutive glyph clusters of a line that belong to the same leaf element; `path` runs from
/// the element under Document down to the leaf.
public struct StructureRun: Sendable, Equatable {
    public var clusters: Int
    public var path: [StructureElement]

    public init(clusters: Int, path: [StructureElement]) {
        self.clusters = clusters
        self.path = path
    }
}

/// Character ranges of a block's text and the element each belongs to, before the text is broken
/// into lines; `runs(for:)` then cuts them to each line's clusters.
public struct StructuredText: Sendable, Equatable {
    private var characters: [Character]
    private var paths: [[StructureElement]]
    /// Position in the text of the next line's first cluster.
    private var cursor = 0

    /// `parts` in reading order: the text of each part and its element path.
    public init(_ parts: [(text: String, path: [StructureElement])]) {
        characters = []
        paths = []
        for part in parts {
            let chars = Array(part.text)
            characters += chars
            paths += Array(repeating: part.path, count: chars.count)
        }
    }

    /// A paragraph (or heading) of one element, its URLs and e-mail addresses as links: the rest of
    /// its text then goes into spans, as a link is a child element and content must sit in leaves.
    public static func text(_ text: String, in element: StructureElement) -> StructuredText {
        StructuredText(parts(of: text, in: element))
    }

    /// The parts of `text` in `element`: one, or spans and links.
    public static func parts(of text: String, in element: StructureElement) -> [(text: String, path: [StructureElement])] {
        let links = Self.links(in: text)
        guard !links.isEmpty else { return [(text, [element])] }
        var parts: [(text: String, path: [StructureElement])] = []
        var cursor = text.startIndex
        var part = 1
        func span(_ end: String.Index) {
            guard cursor < end else { return }
            parts.append((String(text[cursor..<end]), [element, StructureElement(.span, block: element.block, part: part)]))
            part += 1
        }
        for (range, target) in links {
            span(range.lowerBound)
            parts.append((String(text[range]), [element, StructureElement(.link(url: target), block: element.block, part: part)]))
            part += 1
            cursor = range.upperBound
        }
        span(text.endIndex)
        return parts
    }

    /// URLs and e-mail addresses (not masked ones), with the address each points to.
    static func links(in text: String) -> [(range: Range<String.Index>, target: String)] {
        guard TextNormalizer.mayHoldAddress(text) else { return [] }
        return TextNormalizer.addresses.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let range = Range(match.range, in: text) else { return nil }
            let found = String(text[range])
            guard !found.contains("*") else { return nil }
            let target = found.contains("://") ? found : found.hasPrefix("www.") ? "http://" + found : "mailto:" + found
            return (range, target)
        }
    }

    /// The runs of one line, given in order: each cluster takes the element of the text it starts
    /// at (white space the line left out is skipped).
    public mutating func runs(for line: ShapedLine) -> [StructureRun] {
        var runs: [StructureRun] = []
        for cluster in line.runs.flatMap(\.clusters) {
            let scalars = cluster.text.unicodeScalars
            let isSpace = scalars.first.map(CharacterClass.isWhitespace) == true   // as Character.isWhitespace
            while cursor < characters.count, characters[cursor].isWhitespace, !isSpace {
                cursor += 1
            }
            let path = cursor < paths.count ? paths[cursor] : paths.last ?? []
            cursor += scalars.count == 1 ? 1 : cluster.text.count
            if let last = runs.last, last.path == path {
                runs[runs.count - 1].clusters += 1
            } else {
                runs.append(StructureRun(clusters: 1, path: path))
            }
        }
        return runs
    }
}
