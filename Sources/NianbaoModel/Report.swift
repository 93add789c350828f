/// One annual report as its author wrote it: text and numbers, no layout.
public struct Report: Sendable, Equatable {
    /// The file the report came from, for messages.
    public var source: String
    /// The national table template the statistics follow, e.g. `gov-2019`.
    public var template: String
    public var header: HeaderInfo
    /// The title, either one string (the layout breaks it) or the lines as the author wants them.
    public var title: [String]
    public var preamble: [Paragraph]
    public var body: [Block]
    public var signature: Signature

    public init(source: String, template: String, header: HeaderInfo, title: [String],
                preamble: [Paragraph], body: [Block], signature: Signature) {
        self.source = source
        self.template = template
        self.header = header
        self.title = title
        self.preamble = preamble
        self.body = body
        self.signature = signature
    }

    /// The title as one string, for metadata.
    public var titleText: String { title.joined() }
}

/// The metadata block that disclosure portals print above a report.
public struct HeaderInfo: Sendable, Equatable {
    /// 索引号
    public var indexNumber: String
    /// 成文日期
    public var date: ReportDate
    /// 公开方式
    public var disclosure: String
    /// 组配分类
    public var category: String
    /// 发布机构
    public var publisher: String

    public init(indexNumber: String, date: ReportDate, disclosure: String, category: String, publisher: String) {
        self.indexNumber = indexNumber
        self.date = date
        self.disclosure = disclosure
        self.category = category
        self.publisher = publisher
    }
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
    public var location: SourceLocation?

    public init(heading: String, level: Int, content: [Block], at location: SourceLocation? = nil) {
        self.heading = heading
        self.level = level
        self.content = content
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

/// A value written in a statistical table cell, kept as written ("9", "71850元", "+3").
public struct CellValue: Sendable, Equatable {
    public var text: String
    public var location: SourceLocation?

    public init(_ text: String, at location: SourceLocation? = nil) {
        self.text = text
        self.location = location
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

    public init(agency: String, date: ReportDate) {
        self.agency = agency
        self.date = date
    }
}
