import NianbaoModel

/// A bookmark: its title, depth (1 = top), and where it points.
public struct OutlineEntry: Sendable, Equatable {
    public var title: String
    public var level: Int
    public var page: Int
    public var y: Double
}

/// Document information for the PDF's Info dictionary.
public struct DocumentInfo: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    public var creator: String
    /// ISO 8601, from the report's 成文日期, so that output does not depend on the clock.
    public var creationDate: String

    public init(title: String, author: String, subject: String, keywords: String, creator: String, creationDate: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.creationDate = creationDate
    }
}

/// The result of layout: pages, bookmarks and metadata, ready to paint.
public struct LaidOutDocument: Sendable, Equatable {
    public var pages: [Page]
    public var outline: [OutlineEntry]
    public var info: DocumentInfo
    /// Characters no font of their role's chain could draw, with where they are.
    public var missingGlyphs: [MissingGlyph]
    /// Blocks that cannot be set inside the page: they would run off it or be cut.
    public var overflows: [Overflow] = []
}

/// A block too large for the page: a table row taller than the text block, a title or signature
/// taller than a page. Never drawn off the page or cut; the render stops with this.
public struct Overflow: Sendable, Equatable {
    public var location: SourceLocation?
    /// The block, in words (“the title”, “the table 表二”).
    public var place: Message
    /// What does not fit, and how much room there is.
    public var detail: Message
}

/// A character that no font of its role's fallback chain has.
public struct MissingGlyph: Sendable, Equatable {
    public var character: Character
    public var roles: [FontRole]
    public var location: SourceLocation?
    /// The block it is in, in words (“本报告全文包括…”, the title, the table …).
    public var place: Message

    /// "U+1F600".
    public var codePoint: String { Self.codePoint(of: character) }

    public static func codePoint(of character: Character) -> String {
        let hex = String(character.unicodeScalars.first!.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
