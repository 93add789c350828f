import NianbaoModel

/// A page style read from `layouts/NAME.yaml`: page geometry, grid, fonts by role and spacing.
public struct LayoutSpec: Sendable, Equatable {
    public var name: String
    public var pageWidth: Double
    public var pageHeight: Double
    /// Top-left corner of the text block (版心).
    public var blockLeft: Double
    public var blockTop: Double
    public var blockWidth: Double
    public var blockHeight: Double
    /// Lines per full page and characters per full line.
    public var gridLines: Int
    public var gridCharacters: Int
    public var fonts: [FontRole: TextStyle]
    public var spacing: Spacing
    public var pageNumber: PageNumberSpec
    public var breaking = BreakingRules()

    /// Spacing rules, in points unless stated.
    public struct Spacing: Sendable, Equatable {
        /// In characters.
        public var firstLineIndent: Double = 2
        public var linesAfterTitle: Int = 1
        public var linesBeforeSignature: Int = 1
        /// In characters.
        public var signatureInset: Double = 2
        /// In characters.
        public var signatureDateOffset: Double = 2
        /// Line pitch in table cells as a multiple of the font size.
        public var tableLineSpacing: Double = 1.3
        /// Smallest size table text shrinks to, to fit a cell or a page.
        public var tableMinSize: Double = 9
        public var tableCellPadding: Double = 3
        public var tableFrame: Double = 1
        public var tableRule: Double = 0.5
        public var figureMaxHeight: Double = 100 * pointsPerMillimetre
        /// Print empty data cells of statistical tables as 0 (many offices do) instead of leaving them blank.
        public var zeroInEmptyCells = false
    }

    /// Where page numbers go (GB/T 9704: 7 mm below the block, one character in).
    public struct PageNumberSpec: Sendable, Equatable {
        public var belowBlock: Double = 7 * pointsPerMillimetre
        /// In characters of the page-number size.
        public var inset: Double = 1
    }

    public var blockRight: Double { blockLeft + blockWidth }
    public var blockBottom: Double { blockTop + blockHeight }
    /// Distance between baselines of body lines: the block height shared by the grid's lines.
    public var linePitch: Double { blockHeight / Double(gridLines) }
    /// Width of one grid character: the block width shared by the grid's characters.
    public var characterPitch: Double { blockWidth / Double(gridCharacters) }

    public func style(_ role: FontRole) -> TextStyle { fonts[role]! }

    /// The page turned for a wide table (GB/T 9704: the sheet turned a quarter clockwise, so the
    /// table's head faces the binding edge on odd pages): the same block, lying on its side, with
    /// as many whole grid lines as its height holds.
    public var landscape: LayoutSpec {
        var turned = self
        turned.pageWidth = pageHeight
        turned.pageHeight = pageWidth
        turned.blockLeft = pageHeight - blockTop - blockHeight
        turned.blockTop = blockLeft
        turned.blockWidth = blockHeight
        turned.blockHeight = blockWidth
        turned.gridLines = Int(blockWidth / linePitch)
        return turned
    }

    /// Letter spacing that puts `gridCharacters` characters of `size` on one line. Pango breaks lines
    /// as if every character had its full spacing but trims it at line ends, so the spacing must make
    /// n·(size+ls) fit, not n·size + (n−1)·ls; a hair less keeps rounding from pushing one out.
    public func gridLetterSpacing(for size: Double) -> Double {
        let n = Double(gridCharacters)
        return min(0, (blockWidth - n * size) / (n - 1)) - 0.001
    }
}

extension LayoutSpec {
    /// Reads and checks a layout file; every role must be defined.
    public static func load(file path: String) throws -> LayoutSpec {
        let root = try NodeReader.parse(try SourceText.read(path), file: path)
        let f = try root.fields(allowed: ["name", "description", "page", "block", "grid", "fonts", "spacing", "page-number", "breaking"])
        let page = try f.required("page").fields(allowed: ["width", "height", "top", "left"])
        let block = try f.required("block").fields(allowed: ["width", "height"])
        let grid = try f.required("grid").fields(allowed: ["lines", "characters"])
        var spec = LayoutSpec(
            name: try f.required("name").nonEmptyString(),
            pageWidth: try length(page.required("width")), pageHeight: try length(page.required("height")),
            blockLeft: try length(page.required("left")), blockTop: try length(page.required("top")),
            blockWidth: try length(block.required("width")), blockHeight: try length(block.required("height")),
            gridLines: try grid.required("lines").int(), gridCharacters: try grid.required("characters").int(),
            fonts: [:], spacing: Spacing(), pageNumber: PageNumberSpec())
        guard spec.gridLines >= 1, spec.gridCharacters >= 2 else {
            throw try f.required("grid").error(Message("needs at least 1 line and 2 characters", "至少需要 1 行、每行 2 个字"))
        }
        guard spec.blockLeft + spec.blockWidth <= spec.pageWidth, spec.blockTop + spec.blockHeight <= spec.pageHeight else {
            throw try f.required("block").error(Message("the text block does not fit on the page", "版心超出了页面"))
        }
        let fonts = try f.required("fonts")
        let roles = try fonts.fields(allowed: FontRole.allCases.map(\.rawValue))
        for role in FontRole.allCases where role.standIn == nil {
            guard let reader = roles[role.rawValue] else {
                let required = FontRole.allCases.filter { $0.standIn == nil }.map(\.rawValue).joined(separator: ", ")
                throw fonts.error(Message("missing font role '\(role.rawValue)' (every layout defines: \(required))",
                                          "缺少字体角色“\(role.rawValue)”（每个版式都要定义：\(required)）"))
            }
            spec.fonts[role] = try style(reader)
        }
        for role in FontRole.allCases {
            guard let standIn = role.standIn else { continue }
            spec.fonts[role] = try roles[role.rawValue].map(style) ?? spec.fonts[standIn]
        }
        if let s = try f["spacing"]?.fields(allowed: ["first-line-indent", "lines-after-title", "lines-before-signature",
                                                      "signature-inset", "signature-date-offset", "table-line-spacing", "table-min-size",
                                                      "table-cell-padding", "table-frame", "table-rule", "figure-max-height",
                                                      "empty-data-cells"]) {
            if let v = s["first-line-indent"] { spec.spacing.firstLineIndent = try v.double() }
            if let v = s["lines-after-title"] { spec.spacing.linesAfterTitle = try v.int() }
            if let v = s["lines-before-signature"] { spec.spacing.linesBeforeSignature = try v.int() }
            if let v = s["signature-inset"] { spec.spacing.signatureInset = try v.double() }
            if let v = s["signature-date-offset"] { spec.spacing.signatureDateOffset = try v.double() }
            if let v = s["table-line-spacing"] { spec.spacing.tableLineSpacing = try v.double() }
            if let v = s["table-min-size"] {
                guard let size = Units.fontSize(try v.string()) else { throw v.error(Message("not a font size", "不是字号")) }
                spec.spacing.tableMinSize = size
            }
            if let v = s["table-cell-padding"] { spec.spacing.tableCellPadding = try length(v) }
            if let v = s["table-frame"] { spec.spacing.tableFrame = try length(v) }
            if let v = s["table-rule"] { spec.spacing.tableRule = try length(v) }
            if let v = s["figure-max-height"] { spec.spacing.figureMaxHeight = try length(v) }
            if let v = s["empty-data-cells"] {
                switch try v.string() {
                case "blank": spec.spacing.zeroInEmptyCells = false
                case "zero": spec.spacing.zeroInEmptyCells = true
                default: throw v.error(Message("empty-data-cells is blank or zero", "empty-data-cells 只能是 blank 或 zero"))
                }
            }
        }
        if let p = try f["page-number"]?.fields(allowed: ["below-block", "inset"]) {
            if let v = p["below-block"] { spec.pageNumber.belowBlock = try length(v) }
            if let v = p["inset"] { spec.pageNumber.inset = try v.double() }
        }
        if let b = f["breaking"] { spec.breaking = try BreakingRules.decode(b) }
        return spec
    }

    private static func length(_ reader: NodeReader) throws -> Double {
        let text = try reader.string()
        guard let value = Units.length(text), value >= 0 else { throw reader.error(Message("'\(text)' is not a length (e.g. 37mm or 14pt)", "“\(text)”不是长度（例如 37mm 或 14pt）")) }
        return value
    }

    private static func style(_ reader: NodeReader) throws -> TextStyle {
        let f = try reader.fields(allowed: ["families", "size", "weight"])
        let families = try f.required("families").list().map { try $0.nonEmptyString() }
        if families.isEmpty { throw try f.required("families").error(Message("needs at least one family", "至少需要一个字体族")) }
        let sizeReader = try f.required("size")
        let written = try sizeReader.string()
        guard let size = Units.fontSize(written), size > 0 else {
            throw sizeReader.error(Message("'\(written)' is not a font size (三号, 3号, 小四 or 16pt)",
                                           "“\(written)”不是字号（三号、3号、小四或 16pt）"))
        }
        var weight = TextStyle.Weight.regular
        if let w = f["weight"] {
            guard let value = TextStyle.Weight(rawValue: try w.string()) else { throw w.error(Message("weight is regular or bold", "字重只能是 regular 或 bold")) }
            weight = value
        }
        return TextStyle(families: families, size: size, weight: weight)
    }
}
