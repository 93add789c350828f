import NianbaoModel

/// A report as the importer recognised it, in the order the report file will hold it.
public struct ImportedReport: Sendable, Equatable {
    public var template: String
    /// Why that template (`--template auto`).
    public var templateReason: Message
    /// 索引号 …, by the report format's keys, in the format's order.
    public var header: [Field] = []
    public var title: [String] = []
    public var preamble: [String] = []
    public var body: [ImportedBlock] = []
    public var signatureAgency: String?
    public var signatureDate: String?
    /// What could not be placed, kept as comments with where it was.
    public var leftOver: [LeftOver] = []
    /// Things the importer guessed and a clerk should look at.
    public var notes: [LeftOver] = []

    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: String
    }
}

public struct LeftOver: Sendable, Equatable {
    public var line: Int
    public var message: Message

    public init(line: Int, _ message: Message) {
        self.line = line
        self.message = message
    }
}

public indirect enum ImportedBlock: Sendable, Equatable {
    case paragraph(String)
    case figure(String)
    /// `explicitLevel` when the level is not one below the section it is in (1. right under 一、).
    case section(heading: String, level: Int, explicitLevel: Bool, content: [ImportedBlock])
    case table(ImportedTable)
    case comment(LeftOver)
}

public struct ImportedTable: Sendable, Equatable {
    public var id: String
    public var line: Int
    /// Label overrides, by label id or row key, in template order.
    public var labels: [(key: String, text: String)] = []
    public var values: [(row: String, cells: [(column: String, text: String)])] = []
    public var footer: [String] = []
    public var notes: [String] = []
    /// Non-empty cells the source table holds, and how many of them were placed.
    public var cellsFound = 0
    public var cellsPlaced = 0

    public static func == (a: ImportedTable, b: ImportedTable) -> Bool {
        a.id == b.id && a.line == b.line && a.labels.map { [$0.key, $0.text] } == b.labels.map { [$0.key, $0.text] }
            && a.values.map { [$0.row] + $0.cells.flatMap { [$0.column, $0.text] } } == b.values.map { [$0.row] + $0.cells.flatMap { [$0.column, $0.text] } }
            && a.footer == b.footer && a.notes == b.notes && a.cellsFound == b.cellsFound && a.cellsPlaced == b.cellsPlaced
    }
}
