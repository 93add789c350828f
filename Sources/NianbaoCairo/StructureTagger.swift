import CPangoCairo
import NianbaoLayout

/// Opens and closes cairo's structure tags around the content of a document, so that the PDF's
/// structure tree holds every piece of text in its leaf element, in reading order.
///
/// cairo (1.16) marks content only inside an element without children; content drawn while such an
/// element is open becomes part of it. So page furniture is drawn when only elements with children
/// are open, and a leaf whose content runs onto a later page (a paragraph broken across pages) puts
/// each page's part in a Span of its own: the leaf stays open over the page break without taking in
/// the page number.
final class StructureTagger {
    private let cr: OpaquePointer
    private var open: [StructureElement] = []
    /// Leaf elements with content on more than one page.
    private let splitLeaves: Set<StructureElement>
    private var page = 0
    /// The alternate text of each figure element, in the order the elements were opened.
    private(set) var figureAlternates: [String] = []

    init(cr: OpaquePointer, pages: [Page]) {
        self.cr = cr
        var firstPage: [StructureElement: Int] = [:]
        var split: Set<StructureElement> = []
        for page in pages {
            for path in page.structurePaths {
                guard let leaf = path.last else { continue }
                if let first = firstPage[leaf], first != page.number { split.insert(leaf) } else { firstPage[leaf] = page.number }
            }
        }
        splitLeaves = split
    }

    /// Call after the page's size is set: cairo 1.16 loses an element begun before the first
    /// page's `cairo_pdf_surface_set_size`.
    func startPage(_ number: Int) {
        if page == 0 { cairo_tag_begin(cr, "Document", "") }
        page = number
    }

    /// Makes `path` the open elements: closes what is not on it, opens what is missing.
    func enter(_ path: [StructureElement]) {
        let path = pagePath(path)
        let common = zip(open, path).prefix { $0 == $1 }.count
        close(to: common)
        for element in path[common...] {
            cairo_tag_begin(cr, element.role.standardType, element.role.cairoAttributes)
            open.append(element)
            if element.role == .figure { figureAlternates.append(element.alternateText ?? "") }
        }
    }

    /// Closes the elements that do not go on onto the next page (whose content starts at `next`),
    /// before the page furniture is drawn.
    func finishPage(next: [StructureElement]?) {
        guard let next else { return close(to: 0) }
        var following = next
        if let leaf = following.last, splitLeaves.contains(leaf) { following.append(span(of: leaf, page: page + 1)) }
        close(to: zip(open, following).prefix { $0 == $1 }.count)
    }

    func finishDocument() {
        close(to: 0)
        cairo_tag_end(cr, "Document")
    }

    private func close(to depth: Int) {
        while open.count > depth { cairo_tag_end(cr, open.removeLast().role.standardType) }
    }

    private func pagePath(_ path: [StructureElement]) -> [StructureElement] {
        guard let leaf = path.last, splitLeaves.contains(leaf) else { return path }
        return path + [span(of: leaf, page: page)]
    }

    private func span(of leaf: StructureElement, page: Int) -> StructureElement {
        StructureElement(.span, block: leaf.block, part: -page)
    }
}

extension Page {
    /// The element paths of its tagged content, in drawing order.
    var structurePaths: [[StructureElement]] {
        items.flatMap { item -> [[StructureElement]] in
            switch item {
            case .text(let line): return line.structure.map(\.path)
            case .image(let image): return image.structure.isEmpty ? [] : [image.structure]
            case .emptyElement(let path): return [path]
            case .rule: return []
            }
        }
    }
}
