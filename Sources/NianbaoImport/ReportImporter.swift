import NianbaoModel

/// Reads a published report (text copied from a portal; Word and HTML to come) into the report
/// format: the recognised report, its YAML, and counts for a summary.
public struct ReportImporter: Sendable {
    /// The template sets to choose from (gov-2019, gov-2021), by name.
    public let templates: [TemplateSet]

    public init(templates: [TemplateSet]) {
        self.templates = templates
    }

    public struct Result: Sendable {
        public var report: ImportedReport
        public var yaml: String
        public var tablesFound: Int { report.body.tables.count }
        public var cellsFound: Int { report.body.tables.reduce(0) { $0 + $1.cellsFound } }
        public var cellsPlaced: Int { report.body.tables.reduce(0) { $0 + $1.cellsPlaced } }
        public var leftAsComments: Int { report.leftOver.count }
    }

    /// `template`: a set's name, or nil to choose by the tables found.
    public func importText(_ text: String, file: String, template: String? = nil, title: String? = nil) throws(ImportError) -> Result {
        let document = PlainTextReader.read(text, file: file)
        return try recognize(document, template: template, title: title)
    }

    /// A portal page saved from the browser (.html); its own title is the report's when the text has none.
    public func importHTML(_ bytes: [UInt8], file: String, template: String? = nil, title: String? = nil) throws(ImportError) -> Result {
        guard let document = HTMLReader.read(bytes, file: file) else {
            throw ImportError(file: file, message: Message("is not an HTML page that can be read", "不是可以读取的 HTML 网页"))
        }
        return try recognize(document, template: template, title: title)
    }

    /// A Word document (.docx).
    public func importWord(_ bytes: [UInt8], file: String, template: String? = nil, title: String? = nil) throws(ImportError) -> Result {
        try recognize(try WordReader.read(bytes, file: file), template: template, title: title)
    }

    public func recognize(_ document: SourceDocument, template: String?, title: String?) throws(ImportError) -> Result {
        let (set, reason) = try choose(template, for: document)
        var report = ReportRecognizer(templates: set, title: title).recognize(document)
        report.templateReason = reason
        return Result(report: report, yaml: ReportYAMLWriter.yaml(report, source: document.file))
    }

    private func choose(_ name: String?, for document: SourceDocument) throws(ImportError) -> (TemplateSet, Message) {
        if let name {
            guard let set = templates.first(where: { $0.name == name }) else {
                throw ImportError(file: document.file, message: Message("no template \(name.quoted); there are \(templates.map(\.name).joined(separator: ", "))",
                                                                       "没有模板 \(name.quoted)；可用的有 \(templates.map(\.name).joined(separator: "、"))"))
            }
            return (set, Message("template \(name), as asked", "模板 \(name)（按指定）"))
        }
        guard !templates.isEmpty else { throw ImportError(file: document.file, message: Message("no templates to choose from", "没有可选的模板")) }
        let scored = templates.map { ($0, ReportRecognizer(templates: $0).score(document)) }
        let best = scored.max { ($0.1.tables, $0.1.rows) < ($1.1.tables, $1.1.rows) }!
        let others = scored.filter { $0.0.name != best.0.name }
        let en = others.map { "\($0.0.name): \($0.1.tables) tables, \($0.1.rows) rows" }.joined(separator: "; ")
        let zh = others.map { "\($0.0.name)：\($0.1.tables) 张表，\($0.1.rows) 行" }.joined(separator: "；")
        return (best.0, Message("template \(best.0.name) chosen by its tables: \(best.1.tables) found by title, \(best.1.rows) rows by label" + (others.isEmpty ? "" : " (\(en))"),
                                "按表格选用模板 \(best.0.name)：按表题找到 \(best.1.tables) 张表，按栏目认出 \(best.1.rows) 行" + (others.isEmpty ? "" : "（\(zh)）")))
    }
}

/// A file the importer cannot read.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: Message
    public var description: String { "\(file): \(message.en)" }
    public init(file: String, message: Message) {
        self.file = file
        self.message = message
    }
}

extension [ImportedBlock] {
    /// Every table, at any depth.
    var tables: [ImportedTable] {
        flatMap { block -> [ImportedTable] in
            switch block {
            case .table(let table): [table]
            case .section(_, _, _, let content): content.tables
            case .paragraph, .figure, .comment: []
            }
        }
    }
}
