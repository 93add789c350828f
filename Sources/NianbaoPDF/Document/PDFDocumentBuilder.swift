import Foundation
import NianbaoLayout
import NianbaoModel

/// One document being written: the file's objects, the structure tree, and the fonts and images
/// the pages share (each written once, when the last page is done).
final class PDFDocumentBuilder {
    let writer: TaggedPDFWriter
    var file: PDFFileBuilder
    var tree = StructureTree()
    private var fontsBySource: [FontSource: DocumentFont] = [:]
    private var fontsByID: [FontID: DocumentFont] = [:]
    private(set) var fonts: [DocumentFont] = []
    private var images: [String: Int?] = [:]

    init(writer: TaggedPDFWriter) {
        self.writer = writer
        file = PDFFileBuilder(deflate: writer.deflate)
    }

    func build(_ document: LaidOutDocument) throws -> (pdf: [UInt8], content: Double, finish: Double) {
        var stopwatch = Stopwatch()
        let catalog = file.reserve(), pagesRoot = file.reserve()
        let pageObjects = document.pages.map { _ in file.reserve() }
        for (index, page) in document.pages.enumerated() {
            var pageContent = PageContentWriter(document: self, page: page, index: index)
            try pageContent.paint()
            // A landscape page prints on the sheet as the others do: a portrait MediaBox with the
            // content turned onto it (the table's head toward the left edge), and /Rotate 90 to read
            // it on screen. A printer then has no orientation to guess for a duplex job.
            let turn = PageTurn(page)
            let content = file.addStream(data: turn.wrap(pageContent.content.bytes))
            var annotations: [Int] = []
            for link in pageContent.links {
                let object = file.reserve()
                let key = tree.annotate(link.node, page: index, object: object, pageCount: document.pages.count)
                let rect = turn.rect(link.rect).map(PDFSyntax.number).joined(separator: " ")
                file.set(object, "<< /Type /Annot /Subtype /Link /Rect [\(rect)] /Border [0 0 0] /F 4 /P \(pageObjects[index]) 0 R"
                         + " /Contents \(PDFSyntax.text(link.uri)) /A << /S /URI /URI \(PDFSyntax.literal(link.uri)) >> /StructParent \(key) >>")
                annotations.append(object)
            }
            let fontEntries = pageContent.fonts.flatMap(\.resources).map { "/\($0.name) \($0.object) 0 R" }.joined(separator: " ")
            let imageEntries = pageContent.images.map { "/\($0.name) \($0.object) 0 R" }.joined(separator: " ")
            var resources = "<< /Font << \(fontEntries) >>"
            if !imageEntries.isEmpty { resources += " /XObject << \(imageEntries) >>" }
            var entries = "<< /Type /Page /Parent \(pagesRoot) 0 R /MediaBox [0 0 \(PDFSyntax.number(turn.sheetWidth)) \(PDFSyntax.number(turn.sheetHeight))]"
                + (turn.isTurned ? " /Rotate 90" : "") + " /Resources \(resources) >> /Contents \(content) 0 R /Tabs /S"
            if pageContent.marked { entries += " /StructParents \(index)" }
            if !annotations.isEmpty { entries += " /Annots [\(annotations.map { "\($0) 0 R" }.joined(separator: " "))]" }
            file.set(pageObjects[index], entries + " >>")
        }
        let content = stopwatch.lap()

        let requests = fonts.map(\.subsetRequest)
        let subsets = ConcurrentResults<FontSubset>(count: requests.count)
        DispatchQueue.concurrentPerform(iterations: requests.count) { index in
            if let request = requests[index] { subsets[index] = request.face.subset(request.glyphs) }
        }
        for (font, subset) in zip(fonts, subsets.values) { font.subset = subset }
        for font in fonts {
            do { try font.write(into: &file, decodePNG: writer.decodePNG) } catch let error as FontFileError {
                throw PDFWriteError(description: error.description, cause: error)
            }
        }
        file.set(pagesRoot, "<< /Type /Pages /Kids [\(pageObjects.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageObjects.count) >>")
        let structure = tree.write(into: &file, pages: pageObjects)
        let metadata = DocumentMetadata(info: document.info, producer: writer.producer)
        var catalogEntries = "<< /Type /Catalog /Pages \(pagesRoot) 0 R /StructTreeRoot \(structure) 0 R /MarkInfo << /Marked true >>"
            + " /Lang (zh-CN) /ViewerPreferences << /DisplayDocTitle true >> /PageLabels << /Nums [0 << /S /D >>] >>"
        if let outline = writeOutline(document.outline, pages: document.pages, pageObjects: pageObjects) {
            catalogEntries += " /Outlines \(outline) 0 R /PageMode /UseOutlines"
        }
        if let profile = writer.outputProfile {
            let xmp = file.addStream(" /Type /Metadata /Subtype /XML", data: Array(metadata.xmpPacket.utf8), compress: false)
            let icc = file.addStream(" /N 3", data: profile)
            catalogEntries += " /Metadata \(xmp) 0 R /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"
                + " /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile \(icc) 0 R >>]"
        }
        file.set(catalog, catalogEntries + " >>")
        let info = file.add(metadata.infoDictionary)
        let pdf = file.bytes(root: catalog, info: info)
        return (pdf, content, stopwatch.lap())
    }

    /// The document's font for a shaper's font id; faces the shaper reached by several ids (sizes)
    /// are one font.
    func font(for id: FontID) throws -> DocumentFont {
        if let known = fontsByID[id] { return known }
        let source = writer.fontSource(id)
        let font: DocumentFont
        if let known = fontsBySource[source] { font = known } else {
            let face: any EmbeddableFace
            do { face = try writer.openFace(source) } catch let error as FontFileError {
                throw PDFWriteError(description: error.description, cause: error)
            }
            font = DocumentFont(face: face, file: source.file, resourceName: "F\(fonts.count + 1)", embolden: source.embolden) { [unowned self] in file.reserve() }
            fontsBySource[source] = font
            fonts.append(font)
        }
        fontsByID[id] = font
        return font
    }

    /// The image XObject of a picture file, written at its first use; nil if it cannot be read.
    func image(_ path: String) -> (name: String, object: Int)? {
        if let known = images[path] { return known.map { ("Im\($0)", $0) } }
        guard let raster = writer.loadImage(path) else { images[path] = .some(nil); return nil }
        var dictionary = " /Type /XObject /Subtype /Image /Width \(raster.width) /Height \(raster.height) /ColorSpace /DeviceRGB /BitsPerComponent 8"
        if let alpha = raster.alpha {
            let mask = file.addStream(" /Type /XObject /Subtype /Image /Width \(raster.width) /Height \(raster.height) /ColorSpace /DeviceGray /BitsPerComponent 8", data: alpha)
            dictionary += " /SMask \(mask) 0 R"
        }
        let object = file.addStream(dictionary, data: raster.rgb)
        images[path] = object
        return ("Im\(object)", object)
    }

    /// Bookmarks nested by level under the nearest shallower entry before them, all open.
    private func writeOutline(_ entries: [OutlineEntry], pages: [Page], pageObjects: [Int]) -> Int? {
        guard !entries.isEmpty else { return nil }
        let root = file.reserve()
        let objects = entries.map { _ in file.reserve() }
        var parent: [Int?] = []
        var stack: [(level: Int, index: Int)] = []
        for entry in entries {
            while let last = stack.last, last.level >= entry.level { stack.removeLast() }
            parent.append(stack.last?.index)
            stack.append((entry.level, parent.count - 1))
        }
        func children(of index: Int?) -> [Int] { entries.indices.filter { parent[$0] == index } }
        func descendants(of index: Int) -> Int { children(of: index).reduce(0) { $0 + 1 + descendants(of: $1) } }
        for (index, entry) in entries.enumerated() {
            let siblings = children(of: parent[index])
            let position = siblings.firstIndex(of: index)!
            let page = min(max(entry.page, 1), pages.count) - 1
            var dictionary = "<< /Title \(PDFSyntax.text(entry.title)) /Parent \(parent[index].map { objects[$0] } ?? root) 0 R"
                + " /Dest [\(pageObjects[page]) 0 R " + (pages[page].isLandscape ? "/Fit]" : "/XYZ 0 \(PDFSyntax.number(pages[page].height - entry.y)) 0]")
            if position > 0 { dictionary += " /Prev \(objects[siblings[position - 1]]) 0 R" }
            if position + 1 < siblings.count { dictionary += " /Next \(objects[siblings[position + 1]]) 0 R" }
            let kids = children(of: index)
            if let first = kids.first, let last = kids.last {
                dictionary += " /First \(objects[first]) 0 R /Last \(objects[last]) 0 R /Count \(descendants(of: index))"
            }
            file.set(objects[index], dictionary + " >>")
        }
        let top = children(of: nil)
        file.set(root, "<< /Type /Outlines /First \(objects[top.first!]) 0 R /Last \(objects[top.last!]) 0 R /Count \(entries.count) >>")
        return root
    }
}

/// A document the writer cannot write (a font it cannot embed).
public struct PDFWriteError: Error, CustomStringConvertible {
    public var description: String
    /// The error this one reports, when it comes from another (the font file's).
    public var cause: (any Error)?
}

/// A page as it lies on the sheet: upright as laid out, or a landscape page turned onto a portrait
/// sheet. Layout coordinates of a landscape page (x right, y down, the table upright) land on the
/// portrait sheet at x = y, y = x in PDF space (y up): the table's head faces the left edge.
struct PageTurn {
    let isTurned: Bool
    /// The landscape page's height, which becomes the sheet's width.
    private let height: Double
    let sheetWidth: Double
    let sheetHeight: Double

    init(_ page: Page) {
        isTurned = page.isLandscape
        height = page.height
        sheetWidth = isTurned ? page.height : page.width
        sheetHeight = isTurned ? page.width : page.height
    }

    /// The content stream, turned when the page is.
    func wrap(_ content: [UInt8]) -> [UInt8] {
        guard isTurned else { return content }
        return Array("q 0 1 -1 0 \(PDFSyntax.number(height)) 0 cm\n".utf8) + content + Array("Q\n".utf8)
    }

    /// A rectangle [x0 y0 x1 y1] of the page's own PDF space on the sheet.
    func rect(_ r: [Double]) -> [Double] {
        guard isTurned else { return r }
        return [height - r[3], r[0], height - r[1], r[2]]
    }
}

/// Results written by concurrent tasks, one slot each.
private final class ConcurrentResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { slots } }
}
