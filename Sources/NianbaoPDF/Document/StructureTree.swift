import NianbaoLayout

/// The tagged PDF's logical structure (ISO 32000-1, 14.7): elements built from the structure paths
/// of the content as the pages are drawn, each piece of content marked with an MCID in its leaf.
/// A leaf whose content runs over a page break simply refers to content on both pages.
struct StructureTree {
    struct Node {
        var element: StructureElement
        var parent: Int?
        var kids: [Kid] = []
        /// The page of its first content, for /Pg.
        var page: Int?
    }

    enum Kid {
        case node(Int)
        case content(page: Int, mcid: Int)
        case annotation(page: Int, object: Int)
    }

    /// Node 0 is the Document element.
    private(set) var nodes = [Node(element: StructureElement(.document, block: -1), parent: nil)]
    private var indices: [StructureElement: Int] = [:]
    /// Per page (0-based), the leaf of each MCID.
    private(set) var marked: [[Int]] = []
    /// Per annotation, in order of their /StructParent keys after the pages': its element.
    private(set) var annotationOwners: [Int] = []

    /// The last path asked for: consecutive runs of text mostly share one (and its array).
    private var lastPath: [StructureElement] = []
    private var lastNode = 0

    /// The node of a path's last element, creating the path's elements that do not exist yet.
    mutating func node(for path: [StructureElement]) -> Int {
        if path == lastPath { return lastNode }
        lastNode = findOrCreate(path)
        lastPath = path
        return lastNode
    }

    private mutating func findOrCreate(_ path: [StructureElement]) -> Int {
        var parent = 0
        for element in path {
            if let known = indices[element] { parent = known; continue }
            nodes.append(Node(element: element, parent: parent))
            let index = nodes.count - 1
            nodes[parent].kids.append(.node(index))
            indices[element] = index
            parent = index
        }
        return parent
    }

    /// A new MCID on a page (0-based) for content of `leaf`.
    mutating func mark(_ leaf: Int, page: Int) -> Int {
        while marked.count <= page { marked.append([]) }
        marked[page].append(leaf)
        nodes[leaf].kids.append(.content(page: page, mcid: marked[page].count - 1))
        setPage(leaf, page)
        return marked[page].count - 1
    }

    /// Records an annotation (a link) as content of `node`; returns its /StructParent key.
    mutating func annotate(_ node: Int, page: Int, object: Int, pageCount: Int) -> Int {
        nodes[node].kids.append(.annotation(page: page, object: object))
        setPage(node, page)
        annotationOwners.append(node)
        return pageCount + annotationOwners.count - 1
    }

    private mutating func setPage(_ node: Int, _ page: Int) {
        var current: Int? = node
        while let index = current, nodes[index].page == nil {
            nodes[index].page = page
            current = nodes[index].parent
        }
    }

    /// Writes the elements, the parent tree and the root; returns the root's object number.
    func write(into file: inout PDFFileBuilder, pages: [Int]) -> Int {
        let root = file.reserve()
        let objects = nodes.map { _ in file.reserve() }
        for (index, node) in nodes.enumerated() {
            let parent = node.parent.map { "\(objects[$0]) 0 R" } ?? "\(root) 0 R"
            let kids = node.kids.map { kid -> String in
                switch kid {
                case .node(let child): return "\(objects[child]) 0 R"
                case .content(let page, let mcid):
                    return page == node.page ? "\(mcid)" : "<< /Type /MCR /Pg \(pages[page]) 0 R /MCID \(mcid) >>"
                case .annotation(let page, let object):
                    return "<< /Type /OBJR /Pg \(pages[page]) 0 R /Obj \(object) 0 R >>"
                }
            }
            var entries = "<< /Type /StructElem /S /\(node.element.role.standardType) /P \(parent)"
            if let page = node.page { entries += " /Pg \(pages[page]) 0 R" }
            if let alternate = node.element.alternateText { entries += " /Alt \(PDFSyntax.text(alternate))" }
            if !kids.isEmpty { entries += " /K [\(kids.joined(separator: " "))]" }
            file.set(objects[index], entries + " >>")
        }
        var numbers: [String] = []
        for (page, leaves) in marked.enumerated() where !leaves.isEmpty {
            numbers.append("\(page) [\(leaves.map { "\(objects[$0]) 0 R" }.joined(separator: " "))]")
        }
        for (offset, owner) in annotationOwners.enumerated() {
            numbers.append("\(pages.count + offset) \(objects[owner]) 0 R")
        }
        let parentTree = file.add("<< /Nums [\(numbers.joined(separator: " "))] >>")
        file.set(root, "<< /Type /StructTreeRoot /K [\(objects[0]) 0 R] /ParentTree \(parentTree) 0 R"
                 + " /ParentTreeNextKey \(pages.count + annotationOwners.count) >>")
        return root
    }
}
