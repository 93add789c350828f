import NianbaoModel

/// The report as typeset content: numbered, normalised, tables resolved; no positions yet.
public enum DocumentBlock: Sendable, Equatable {
    /// The portal's metadata block, set as a ruled table.
    case headerBlock(TableModel)
    /// The title, line by line (one element: the layout breaks it).
    case title([String])
    /// Running text, or a heading on its own line.
    case paragraph(TextBlock)
    case figure(FigureBlock)
    /// A statistical table with its title (nil when a section heading already names it).
    case table(title: String?, table: TableModel)
    case signature(agency: String, date: String)

    /// What the block's text is set in, and where it comes from, for messages about its characters.
    public var origin: (roles: [FontRole], location: SourceLocation?, what: Message) {
        switch self {
        case .headerBlock: return ([.table], nil, Message("the header block", "信息公开标识栏"))
        case .title: return ([.title], nil, Message("the title", "标题"))
        case .paragraph(let text): return (text.spans.map(\.role).uniqued(), text.location, Message(verbatim: "“\(text.text.prefix(12))…”"))
        case .figure(let figure): return ([.caption], figure.location, Message("the caption “\(figure.caption)”", "图题“\(figure.caption)”"))
        case .table(let title, let table): return ([.table, .tableTitle], table.location, Message("the table \(title ?? "")", "表格\(title ?? "")"))
        case .signature: return ([.body], nil, Message("the signature", "落款"))
        }
    }
}


/// A span of text in one font role.
public struct TextSpan: Sendable, Equatable {
    public var text: String
    public var role: FontRole

    public init(_ text: String, _ role: FontRole) {
        self.text = text
        self.role = role
    }
}

/// A paragraph or heading: spans, how it is set, and the bookmark it makes, if any.
public struct TextBlock: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case justified, centered }

    public var spans: [TextSpan]
    /// Where the text comes from in the report file, for messages.
    public var location: SourceLocation?
    public var alignment: Alignment = .justified
    public var indented: Bool = true
    public var role: LineRole
    /// Kept on the same page as the start of the next block (headings).
    public var keepWithNext: Bool = false
    public var bookmark: Bookmark?
    /// A section heading's level (1–4), and how many characters of its text are the number (一、).
    /// A run-in heading's first span is the heading, the rest its first paragraph.
    public var headingLevel: Int?
    public var labelLength = 0

    public init(spans: [TextSpan], role: LineRole) {
        self.spans = spans
        self.role = role
    }

    public var text: String { spans.map(\.text).joined() }
}

/// A figure: optional image file (absolute path) and its numbered caption.
public struct FigureBlock: Sendable, Equatable {
    public var image: String?
    /// Natural size of the image in points (pixels at 96 dpi), known when `image` is set.
    public var imageSize: Size?
    public var caption: String
    public var location: SourceLocation?

    public init(image: String?, caption: String) {
        self.image = image
        self.caption = caption
    }
}

/// A bookmark's title and depth (1 = top level).
public struct Bookmark: Sendable, Equatable {
    public var title: String
    public var level: Int

    public init(title: String, level: Int) {
        self.title = title
        self.level = level
    }
}

/// A width and a height in points.
public struct Size: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}
