/// A point on the page, in points from the top-left corner, y growing downwards.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A rectangle on the page, in points, y growing downwards.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// What a placed line is, for tests, tagging and the text round trip.
public enum LineRole: String, Sendable {
    case title, heading, paragraph, caption, tableTitle, tableCell, note, signature, pageNumber
    /// 续表 over a table's repeated header rows.
    case tableContinued
}

/// A shaped line at its place: `origin` is the left end of its baseline.
public struct PlacedLine: Sendable, Equatable {
    public var origin: Point
    public var line: ShapedLine
    public var role: LineRole
    /// Quarter turns clockwise about `origin`: 1 for the page number of a landscape table page,
    /// which stays where it is on the sheet held upright.
    public var quarterTurns = 0
    /// The structure elements its clusters belong to, in order; empty for page furniture (page
    /// numbers), which stays out of the structure tree.
    public var structure: [StructureRun]

    public init(origin: Point, line: ShapedLine, role: LineRole, quarterTurns: Int = 0, structure: [StructureRun] = []) {
        self.origin = origin
        self.line = line
        self.role = role
        self.quarterTurns = quarterTurns
        self.structure = structure
    }

    /// Left and right ends of the space the line takes on the page (its grid cells, for grid text).
    public var minX: Double { origin.x + line.x }
    public var maxX: Double { origin.x + line.x + line.width }
}

/// A straight rule (table lines).
public struct Rule: Sendable, Equatable {
    public var from: Point
    public var to: Point
    public var width: Double

    public init(from: Point, to: Point, width: Double) {
        self.from = from
        self.to = to
        self.width = width
    }
}

/// A raster image scaled into a rectangle.
public struct PlacedImage: Sendable, Equatable {
    public var path: String
    public var frame: Rect
    /// The figure element it is, with the caption as its alternate text.
    public var structure: [StructureElement] = []
}

/// One thing drawn on a page.
public enum PageItem: Sendable, Equatable {
    case text(PlacedLine)
    case rule(Rule)
    case image(PlacedImage)
    /// A structure element with nothing drawn (an empty table cell), so that the tagged table keeps
    /// every cell in its place for a screen reader.
    case emptyElement([StructureElement])
}

/// A laid-out page: everything on it is decided; painting only draws.
public struct Page: Sendable, Equatable {
    /// 1-based.
    public var number: Int
    public var width: Double
    public var height: Double
    public var items: [PageItem]

    public init(number: Int, width: Double, height: Double, items: [PageItem] = []) {
        self.number = number
        self.width = width
        self.height = height
        self.items = items
    }

    /// Wider than tall: a landscape table page.
    public var isLandscape: Bool { width > height }

    public var lines: [PlacedLine] {
        items.compactMap { if case .text(let line) = $0 { return line } else { return nil } }
    }

    public var rules: [Rule] {
        items.compactMap { if case .rule(let rule) = $0 { return rule } else { return nil } }
    }
}
