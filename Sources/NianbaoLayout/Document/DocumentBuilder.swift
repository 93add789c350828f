import NianbaoModel

/// Turns a report into typeset content: numbers headings, normalises punctuation, resolves tables.
public struct DocumentBuilder {
    public let templates: TemplateSet
    /// Finds a figure's image and its natural size; nil when the figure has none.
    public var resolveImage: (Figure) throws -> (path: String, size: Size)?

    public init(templates: TemplateSet, resolveImage: @escaping (Figure) throws -> (path: String, size: Size)? = { _ in nil }) {
        self.templates = templates
        self.resolveImage = resolveImage
    }

    public func build(_ report: Report) throws -> [DocumentBlock] {
        var blocks: [DocumentBlock] = []
        if let header = report.header.flatMap(headerTable) { blocks.append(.headerBlock(header)) }
        blocks.append(.title(report.title.map(TextNormalizer.normalize)))
        blocks += report.preamble.map { .paragraph(plain($0)) }
        var figureCount = 0
        blocks += try content(report.body, inSection: false, style: report.style, figureCount: &figureCount)
        blocks.append(.signature(agency: TextNormalizer.normalize(report.signature.agency),
                                 date: report.signature.date.chinese))
        return blocks
    }

    private func plain(_ paragraph: Paragraph, role: LineRole = .paragraph) -> TextBlock {
        var block = TextBlock(spans: [TextSpan(TextNormalizer.normalize(paragraph.text), .body)], role: role)
        block.location = paragraph.location
        return block
    }

    /// A table inside a section is named by the section's heading (as the 2021 format numbers its
    /// tables 二、三、四 among the sections); at the top level it is a part of its own, titled by the
    /// template and numbered in sequence with the sections around it (一、总体情况 is followed by
    /// 二、主动公开政府信息情况, never by a second 一、).
    private func content(_ blocks: [Block], inSection: Bool, style: ReportStyle, figureCount: inout Int) throws -> [DocumentBlock] {
        var out: [DocumentBlock] = []
        var sectionIndex: [Int: Int] = [:]   // siblings counted per level
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                out.append(.paragraph(plain(paragraph)))
            case .figure(let figure):
                figureCount += 1
                var result = FigureBlock(image: nil, caption: "图\(figureCount)　" + TextNormalizer.normalize(figure.caption))
                result.location = figure.location
                if let (path, size) = try resolveImage(figure) {
                    result.image = path
                    result.imageSize = size
                }
                out.append(.figure(result))
            case .table(let table):
                guard let template = templates.tables[table.id] else {
                    throw InputError(.error(at: table.location, field: "table",
                                            Message("template \(templates.name) has no table '\(table.id)'",
                                                    "模板 \(templates.name) 没有表格“\(table.id)”")))
                }
                var model = try TableResolver.resolve(template, with: table)
                model.location = table.location
                model.notes = table.notes.map { TextNormalizer.normalize($0.text) }
                model.zeroInEmptyCells = table.zeroInEmptyCells ?? style.zeroInEmptyCells
                var title: String?
                if !inSection {
                    sectionIndex[1, default: 0] += 1
                    title = Numbering.label(level: 1, index: sectionIndex[1]!) + Numbering.withoutNumber(template.title)
                }
                out.append(.table(title: title, table: model))
            case .section(let section):
                sectionIndex[section.level, default: 0] += 1
                out += try sectionBlocks(section, index: sectionIndex[section.level]!, style: style, figureCount: &figureCount)
            }
        }
        return out
    }

    /// By default levels 1 and 2 stand on their own line and levels 3 and 4 run into their first
    /// paragraph, as GB/T 9704 documents set them ("1.加强组织领导。信息公开工作…"); a report may
    /// run in level 2 as well ("（一）主动公开情况。坚持……"), the heading keeping its 楷体.
    private func sectionBlocks(_ section: Section, index: Int, style: ReportStyle, figureCount: inout Int) throws -> [DocumentBlock] {
        let level = section.level
        let label = Numbering.label(level: level, index: index, level3: style.level3Numbers)
        let heading = TextNormalizer.normalize(section.heading)
        let role = FontRole.heading(level: level)
        var rest = section.content
        var spans = [TextSpan(label + heading, role)]
        let runIn = level >= 2 && (section.runIn ?? style.runInLevels.contains(level))
        if runIn, case .paragraph(let first)? = rest.first {
            spans.append(TextSpan(TextNormalizer.normalize(first.text), .body))
            rest.removeFirst()
        }
        var block = TextBlock(spans: spans, role: runIn ? .paragraph : .heading)
        block.location = section.location
        block.keepWithNext = !runIn || spans.count == 1 && !rest.isEmpty
        block.bookmark = Bookmark(title: label + heading, level: level)
        block.headingLevel = level
        block.labelLength = label.count
        return [.paragraph(block)] + (try content(rest, inSection: true, style: style, figureCount: &figureCount))
    }

    /// The fields given, two to a row in the portal's order; a field alone on its row spans it.
    /// Nil when the report gives none.
    private func headerTable(_ header: HeaderInfo) -> TableModel? {
        let fields: [(String, String?)] = [
            ("索引号", header.indexNumber), ("成文日期", header.date?.chinese), ("公开方式", header.disclosure),
            ("组配分类", header.category), ("发布机构", header.publisher),
        ]
        let given = fields.compactMap { label, value in value.map { (label, $0) } }
        guard !given.isEmpty else { return nil }
        var cells: [TableCell] = []
        let rows = stride(from: 0, to: given.count, by: 2).map { Array(given[$0..<min($0 + 2, given.count)]) }
        for (r, pairs) in rows.enumerated() {
            for (i, (label, value)) in pairs.enumerated() {
                cells.append(TableCell(row: r, column: 2 * i, text: label))
                cells.append(TableCell(row: r, column: 2 * i + 1, colspan: pairs.count == 1 ? 3 : 1,
                                       text: TextNormalizer.normalize(value), alignment: .left))
            }
        }
        // The 索引号 (often 30 characters of a code) is the widest value; 成文日期 and 组配分类 are short.
        return TableModel(columnWeights: [1, 2.8, 1, 1.2], rowCount: rows.count, headerRowCount: 0, cells: cells)
    }
}
