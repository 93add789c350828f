/// One annual report as its author wrote it: text and numbers, no layout.
public struct Report: Sendable, Equatable {
    /// The file the report came from, for messages.
    public var source: String
    /// The national table template the statistics follow, e.g. `gov-2019`.
    public var template: String
    /// Where the template was named, for messages about it.
    public var templateLocation: SourceLocation?
    /// The portal's metadata block, when the report was published with one.
    public var header: HeaderInfo?
    /// How this report sets what offices do differently (run-in headings, 1、 numbering, zeros).
    public var style: ReportStyle
    /// The title, either one string (the layout breaks it) or the lines as the author wants them.
    public var title: [String]
    public var preamble: [Paragraph]
    public var body: [Block]
    public var signature: Signature

    public init(source: String, template: String, header: HeaderInfo?, style: ReportStyle = ReportStyle(), title: [String],
                preamble: [Paragraph], body: [Block], signature: Signature) {
        self.source = source
        self.template = template
        self.header = header
        self.style = style
        self.title = title
        self.preamble = preamble
        self.body = body
        self.signature = signature
    }

    /// The title as one string, for metadata.
    public var titleText: String { title.joined() }

    /// The year the report is for: the first year its title names (2024年度…).
    public var year: Int? { StructureChecks.years(in: titleText).first }
}

/// The metadata block that disclosure portals print above a report; each field is printed only
/// when the report gives it.
public struct HeaderInfo: Sendable, Equatable {
    /// 索引号
    public var indexNumber: String?
    /// 成文日期
    public var date: ReportDate?
    /// 公开方式
    public var disclosure: String?
    /// 组配分类
    public var category: String?
    /// 发布机构
    public var publisher: String?
    /// Where each field was written (by its key: `date`, `category` …), for messages.
    public var locations: [String: SourceLocation] = [:]

    public init(indexNumber: String? = nil, date: ReportDate? = nil, disclosure: String? = nil, category: String? = nil,
                publisher: String? = nil) {
        self.indexNumber = indexNumber
        self.date = date
        self.disclosure = disclosure
        self.category = category
        self.publisher = publisher
    }
}

/// What reports set differently, within GB/T 9704: headings that run into their first paragraph,
/// the numbers of level 3, and empty table cells.
public struct ReportStyle: Sendable, Equatable {
    /// Levels whose headings run into their first paragraph ("（一）政府信息主动公开情况。坚持……").
    public var runInLevels: Set<Int> = [3, 4]
    /// Level 3 numbered 1. (GB/T 9704) or 1、 (as many offices write it).
    public var level3Numbers: Level3Numbers = .dot
    /// Empty data cells printed as 0 (true), blank (false), or as the layout says (nil).
    public var zeroInEmptyCells: Bool?

    public enum Level3Numbers: String, Sendable, CaseIterable { case dot = "1.", comma = "1、" }

    public init() {}
}

/// A piece of the report body, in reading order.
public indirect enum Block: Sendable, Equatable {
    case paragraph(Paragraph)
    case section(Section)
    case figure(Figure)
    case table(TableBlock)
}

/// Running text; ASCII punctuation is normalised later, by the document builder.
public struct Paragraph: Sendable, Equatable {
    public var text: String
    public var location: SourceLocation?

    public init(_ text: String, at location: SourceLocation? = nil) {
        self.text = text
        self.location = location
    }
}

/// A numbered section; its number (一、 （一） 1. （1）) follows from its depth and position.
public struct Section: Sendable, Equatable {
    public var heading: String
    /// Numbering level, 1 (一、) to 4 (（1）): one below the parent's unless the report skips a level,
    /// as GB/T 9704 allows (a list of 1. items right under 一、).
    public var level: Int
    public var content: [Block]
    /// Whether the heading runs into its first paragraph; nil: as the report's style says for its level.
    public var runIn: Bool?
    public var location: SourceLocation?

    public init(heading: String, level: Int, content: [Block], runIn: Bool? = nil, at location: SourceLocation? = nil) {
        self.heading = heading
        self.level = level
        self.content = content
        self.runIn = runIn
        self.location = location
    }
}

/// A figure: an optional image (relative to the report's folder) and a caption, numbered 图1, 图2 ….
public struct Figure: Sendable, Equatable {
    public var caption: String
    public var image: String?
    public var location: SourceLocation?

    public init(caption: String, image: String? = nil, at location: SourceLocation? = nil) {
        self.caption = caption
        self.image = image
        self.location = location
    }
}

/// A value of a statistical table cell: as written ("１,４８６件", "12.36 万元", "—") until the
/// report is read against its template, then in the table's form ("1486", "12.36", "—").
public struct CellValue: Sendable, Equatable {
    public var text: String
    public var location: SourceLocation?
    /// Not written but worked out: a total from its terms, or a 0 of a table declared all zero.
    public var isComputed = false

    public init(_ text: String, at location: SourceLocation? = nil, computed: Bool = false) {
        self.text = text
        self.location = location
        self.isComputed = computed
    }
}

/// A statistical table of the report's template, filled with this report's numbers.
public struct TableBlock: Sendable, Equatable {
    /// The table's key in the template, e.g. `applications`.
    public var id: String
    /// Values by row key, then column key.
    public var values: [String: [String: CellValue]]
    /// Printed labels that this report words differently from the template, by label id.
    public var labels: [String: String]
    /// Full-width rows under the table (填报单位, 联系电话 …).
    public var footer: [String]
    /// Paragraphs set right under the table (注: …).
    public var notes: [Paragraph]
    /// Every data cell not written is 0 (a table of nothing but zeros, in one line).
    public var allZero = false
    /// Empty data cells printed as 0 (true) or blank (false); nil: as the report's style says.
    public var zeroInEmptyCells: Bool?
    /// Where each row's key was written, by the key as written.
    public var rowLocations: [String: SourceLocation] = [:]
    public var location: SourceLocation?

    public init(id: String, values: [String: [String: CellValue]] = [:], labels: [String: String] = [:],
                footer: [String] = [], notes: [Paragraph] = [], at location: SourceLocation? = nil) {
        self.id = id
        self.values = values
        self.labels = labels
        self.footer = footer
        self.notes = notes
        self.location = location
    }
}

/// The signature block of a document without seal: issuing body and date.
public struct Signature: Sendable, Equatable {
    public var agency: String
    public var date: ReportDate
    /// Where the date was written, for messages.
    public var dateLocation: SourceLocation?

    public init(agency: String, date: ReportDate, dateLocation: SourceLocation? = nil) {
        self.agency = agency
        self.date = date
        self.dateLocation = dateLocation
    }
}
