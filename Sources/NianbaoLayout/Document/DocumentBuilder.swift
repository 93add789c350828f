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
        var blocks: [DocumentBlock] = [.headerBlock(headerTable(report.header)), .title(report.title.map(TextNormalizer.normalize))]
        blocks += report.preamble.map { .paragraph(plain($0)) }
        var figureCount = 0
        blocks += try content(report.body, inSection: false, figureCount: &figureCount)
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
    /// tables 二、三、四 among the sections); at the top level it prints the template's title.
    private func content(_ blocks: [Block], inSection: Bool, figureCount: inout Int) throws -> [DocumentBlock] {
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
                                            "template \(templates.name) has no table '\(table.id)'"))
                }
                var model = try TableResolver.resolve(template, with: table)
                model.location = table.location
                model.notes = table.notes.map { TextNormalizer.normalize($0.text) }
                out.append(.table(title: inSection ? nil : template.title, table: model))
            case .section(let section):
                sectionIndex[section.level, default: 0] += 1
                out += try sectionBlocks(section, index: sectionIndex[section.level]!, figureCount: &figureCount)
            }
        }
        return out
    }

    /// Levels 1 and 2 stand on their own line; levels 3 and 4 run into their first paragraph, as
    /// GB/T 9704 documents set them ("1.加强组织领导。信息公开工作…").
    private func sectionBlocks(_ section: Section, index: Int, figureCount: inout Int) throws -> [DocumentBlock] {
        let level = section.level
        let label = Numbering.label(level: level, index: index)
        let heading = TextNormalizer.normalize(section.heading)
        let role = FontRole.heading(level: level)
        var rest = section.content
        var spans = [TextSpan(label + heading, role)]
        let runIn = level >= 3
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
        return [.paragraph(block)] + (try content(rest, inSection: true, figureCount: &figureCount))
    }

    private func headerTable(_ header: HeaderInfo) -> TableModel {
        func label(_ r: Int, _ c: Int, _ text: String) -> TableCell { TableCell(row: r, column: c, text: text) }
        func value(_ r: Int, _ c: Int, _ text: String, span: Int = 1) -> TableCell {
            TableCell(row: r, column: c, colspan: span, text: TextNormalizer.normalize(text), alignment: .left)
        }
        // The 索引号 (often 30 characters of a code) is the widest value; 成文日期 and 组配分类 are short.
        return TableModel(columnWeights: [1, 2.8, 1, 1.2], rowCount: 3, headerRowCount: 0, cells: [
            label(0, 0, "索引号"), value(0, 1, header.indexNumber), label(0, 2, "成文日期"), value(0, 3, header.date.chinese),
            label(1, 0, "公开方式"), value(1, 1, header.disclosure), label(1, 2, "组配分类"), value(1, 3, header.category),
            label(2, 0, "发布机构"), value(2, 1, header.publisher, span: 3),
        ])
    }
}
