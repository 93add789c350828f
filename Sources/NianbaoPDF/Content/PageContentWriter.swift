import NianbaoLayout

/// Writes one page's content stream: tagged content first, in reading order, each leaf's content
/// marked with an MCID; then the page furniture (rules, page numbers) as artifacts.
struct PageContentWriter {
    let document: PDFDocumentBuilder
    let page: Page
    let index: Int
    private(set) var content = ContentStream()
    private(set) var fonts: [DocumentFont] = []
    private(set) var images: [(name: String, object: Int)] = []
    private(set) var links: [LinkArea] = []
    /// Whether the page has marked content (and so a /StructParents key).
    private(set) var marked = false
    private var openLeaf: Int?

    struct LinkArea {
        var node: Int
        var uri: String
        /// Lower left and upper right corners in PDF space.
        var rect: [Double]
    }

    init(document: PDFDocumentBuilder, page: Page, index: Int) {
        self.document = document
        self.page = page
        self.index = index
    }

    mutating func paint() throws {
        for item in page.items {
            switch item {
            case .text(let line) where !line.structure.isEmpty: try draw(line, tagged: true)
            case .image(let image) where !image.structure.isEmpty:
                mark(document.tree.node(for: image.structure), type: image.structure.last!.role.standardType)
                draw(image)
            case .emptyElement(let path): _ = document.tree.node(for: path)
            default: continue
            }
        }
        closeLeaf()
        for item in page.items {
            switch item {
            case .text(let line) where line.structure.isEmpty:
                content.append(line.role == .pageNumber ? "/Artifact << /Type /Pagination >> BDC" : "/Artifact BMC")
                try draw(line, tagged: false)
                content.append("EMC")
            case .image(let image) where image.structure.isEmpty:
                content.append("/Artifact BMC")
                draw(image)
                content.append("EMC")
            default: continue
            }
        }
        let rules = page.rules
        guard !rules.isEmpty else { return }
        content.append("/Artifact BMC\n2 J")
        var width: Double?
        for rule in rules {
            if rule.width != width { content.append("\(PDFSyntax.number(rule.width)) w"); width = rule.width }
            content.write(rule.from.x, page.height - rule.from.y, operator: "m")
            content.append(rule.to.x, page.height - rule.to.y, operator: "l S")
        }
        content.append("EMC")
    }

    private func x(_ value: Double) -> String { PDFSyntax.number(value) }
    private func y(_ value: Double) -> String { PDFSyntax.number(page.height - value) }

    private mutating func mark(_ leaf: Int, type: String) {
        guard openLeaf != leaf else { return }
        closeLeaf()
        let mcid = document.tree.mark(leaf, page: index)
        content.append("/\(type) << /MCID \(mcid) >> BDC")
        openLeaf = leaf
        marked = true
    }

    private mutating func closeLeaf() {
        guard openLeaf != nil else { return }
        content.append("EMC")
        openLeaf = nil
    }

    /// The line's glyph runs, cut where its clusters change structure element.
    private mutating func draw(_ placed: PlacedLine, tagged: Bool) throws {
        var structure = placed.structure[...]
        for run in placed.line.runs {
            let font = try document.font(for: run.font)
            if !fonts.contains(where: { $0 === font }) { fonts.append(font) }
            var clusterStart = 0, glyphStart = 0
            while clusterStart < run.clusters.count {
                var count = run.clusters.count - clusterStart
                var link: (node: Int, uri: String)?
                if tagged, let current = structure.first, let element = current.path.last {
                    let leaf = document.tree.node(for: current.path)
                    mark(leaf, type: element.role.standardType)
                    if case .link(let url) = element.role { link = (leaf, Self.uri(url)) }
                    count = min(count, current.clusters)
                    if current.clusters > count { structure[structure.startIndex].clusters -= count } else { structure.removeFirst() }
                }
                let clusters = run.clusters[clusterStart..<(clusterStart + count)]
                let glyphCount = clusters.reduce(0) { $0 + $1.glyphCount }
                let glyphs = run.glyphs[glyphStart..<(glyphStart + glyphCount)]
                show(glyphs, clusters: clusters, font: font, size: run.size, in: placed)
                if let link { addLink(link, glyphs: glyphs, in: placed) }
                clusterStart += count
                glyphStart += glyphCount
            }
        }
    }

    /// The rotation of a line as (cos, sin) of its quarter turns clockwise.
    private func turn(_ placed: PlacedLine) -> (Double, Double) {
        [(1.0, 0.0), (0, 1), (-1, 0), (0, -1)][((placed.quarterTurns % 4) + 4) % 4]
    }

    /// A point of the line's own space (x from the line's start, y down from the baseline) in PDF space.
    private func point(_ lx: Double, _ ly: Double, in placed: PlacedLine) -> (Double, Double) {
        let (c, s) = turn(placed)
        return (placed.origin.x + lx * c - ly * s, page.height - (placed.origin.y + lx * s + ly * c))
    }

    /// Glyphs in one text object: positioned by TJ adjustments from each glyph's advance, a new
    /// text matrix where the baseline shifts; clusters whose text the font's ToUnicode map cannot
    /// give (a glyph shared by two characters, several glyphs for one) carry it as /ActualText.
    private mutating func show(_ glyphs: ArraySlice<Glyph>, clusters: ArraySlice<GlyphCluster>, font: DocumentFont,
                               size: Double, in placed: PlacedLine) {
        let (c, s) = turn(placed)
        if font.embolden { content.append("q \(PDFSyntax.number(size / 24)) w 2 Tr") }
        content.append("BT")
        var current: FontResource?
        var inArray = false
        var pen = 0.0, baseline = 0.0
        func finishArray() {
            if inArray { content.append("] TJ"); inArray = false }
        }
        var glyph = glyphs.startIndex
        for cluster in clusters {
            let own = glyphs[glyph..<(glyph + cluster.glyphCount)]
            glyph += cluster.glyphCount
            // One glyph for one cluster is the rule: its code maps to the cluster's text.
            let shown = own.map { font.show(Int($0.id), text: own.count == 1 ? cluster.text : nil) }
            let mapped = own.count == 1 && shown[0].mapped
            if !mapped {
                finishArray()
                content.append("/Span << /ActualText \(PDFSyntax.text(cluster.text)) >> BDC")
            }
            for (g, code) in zip(own, shown) {
                if code.font != current {
                    finishArray()
                    content.append("/\(code.font.name) \(PDFSyntax.number(size)) Tf")
                    current = code.font
                }
                let lx = placed.line.x + g.x
                if !inArray || g.y != baseline {
                    finishArray()
                    let (px, py) = point(lx, g.y, in: placed)
                    content.append(c, -s, s, c, px, py, operator: "Tm")
                    content.write("[")
                    inArray = true
                    baseline = g.y
                } else {
                    let adjustment = (pen - lx) * 1000 / size
                    if abs(adjustment) >= 0.0005 { content.write(adjustment) }
                }
                content.writeCode(code.code, twoBytes: code.twoBytes)
                pen = lx + code.width * size / 1000
            }
            if !mapped {
                finishArray()
                content.append("EMC")
            }
        }
        finishArray()
        content.append("ET")
        if font.embolden { content.append("Q") }
    }

    private mutating func addLink(_ link: (node: Int, uri: String), glyphs: ArraySlice<Glyph>, in placed: PlacedLine) {
        guard let first = glyphs.first, let last = glyphs.last else { return }
        let a = point(placed.line.x + first.x, -placed.line.ascent, in: placed)
        let b = point(placed.line.x + last.x + last.advance, placed.line.descent, in: placed)
        let rect = [min(a.0, b.0), min(a.1, b.1), max(a.0, b.0), max(a.1, b.1)]
        if let previous = links.last, previous.node == link.node, abs(previous.rect[1] - rect[1]) < 0.01 {
            links[links.count - 1].rect = [min(previous.rect[0], rect[0]), rect[1], max(previous.rect[2], rect[2]), rect[3]]
        } else {
            links.append(LinkArea(node: link.node, uri: link.uri, rect: rect))
        }
    }

    /// A link's URL as 7-bit ASCII (a PDF URI action's string): other bytes percent-encoded.
    static func uri(_ url: String) -> String {
        var ascii = ""
        for byte in url.utf8 {
            if byte < 0x80 && byte >= 0x20 { ascii.unicodeScalars.append(Unicode.Scalar(byte)) } else { ascii += "%" + PDFSyntax.hex(byte, digits: 2) }
        }
        return ascii
    }

    private mutating func draw(_ image: PlacedImage) {
        guard let (name, object) = document.image(image.path) else { return }
        if !images.contains(where: { $0.object == object }) { images.append((name, object)) }
        let frame = image.frame
        content.append("q \(PDFSyntax.number(frame.width)) 0 0 \(PDFSyntax.number(frame.height)) \(x(frame.x)) \(y(frame.maxY)) cm /\(name) Do Q")
    }
}
