import Foundation

/// A national report format's tables (e.g. 国办公开办函〔2019〕60号), read from `layouts/templates/*.yaml`.
public struct TemplateSet: Sendable, Equatable {
    public var name: String
    public var tables: [String: TableTemplate]
    /// Table keys in the order the file gives them (表一, 表二, 表三).
    public var order: [String]
    /// The parts of a report in this format, in order, each with the table it holds (if any).
    public var parts: [ReportPart] = []
    /// What a cell may print for "none" (—, /, 无): as written, and 0 in the checks.
    public var placeholders: [String] = CellReader.standardPlaceholders

    public init(name: String, tables: [String: TableTemplate], order: [String]? = nil) {
        self.name = name
        self.tables = tables
        self.order = order ?? tables.keys.sorted()
    }

    package var cellReader: CellReader { CellReader(placeholders: placeholders) }
}

/// A part of the national format (一、总体情况 …): its heading without the number, and the key of
/// the table it holds.
public struct ReportPart: Sendable, Equatable {
    public var heading: String
    public var table: String?
    /// Wordings reports commonly use for this part ("基本概况" for 总体情况): a heading holding one
    /// is taken for this part, and said to reword it.
    public var variants: [String]

    public init(heading: String, table: String? = nil, variants: [String] = []) {
        self.heading = heading
        self.table = table
        self.variants = variants
    }
}

/// What a data cell may hold; decides how its value is checked.
public enum CellKind: String, Sendable, CaseIterable {
    /// A non-negative whole number.
    case count
    /// A whole number with a sign (本年增/减: +3, -253, 0).
    case signed
    /// An amount with its unit (71850元, 103.3879万元).
    case money
    /// Free text.
    case text
}

/// One statistical table: its printed title, its grid of rows, and where the numbers go.
public struct TableTemplate: Sendable, Equatable {
    public var id: String
    /// How messages name the table, e.g. 表二.
    public var name: String
    /// Printed above the table, e.g. 一、主动公开政府信息情况.
    public var title: String
    /// Relative column widths; their count is the table's number of columns.
    public var columnWidths: [Double]
    /// Leading rows repeated at the top of every page the table continues on.
    public var headerRowCount: Int
    public var rows: [TemplateRow]
    /// Kinds of the data columns by column key; columns not listed hold counts.
    public var kinds: [String: CellKind]
    /// Data columns' labels by key, as messages name them (自然人, 总计 …).
    public var columnLabels: [String: String]
    /// Header cells (by label id) that head a data column, where the header states a unit.
    public var columnHeaderIDs: [String: String] = [:]
    /// Figures the report's text often repeats, to compare with the table (warnings only).
    public var narrative: [NarrativeFigure] = []
    /// Cells that follow from last year's report (`--previous`), in every row that has them.
    public var yearOverYear: [YearOverYearRule] = []
    /// The arithmetic the numbers must obey (勾稽关系), checked in order.
    public var rules: [CrossCheck]

    public init(id: String, name: String, title: String, columnWidths: [Double], headerRowCount: Int,
                rows: [TemplateRow], kinds: [String: CellKind], columnLabels: [String: String] = [:],
                rules: [CrossCheck] = []) {
        self.id = id
        self.name = name
        self.title = title
        self.columnWidths = columnWidths
        self.headerRowCount = headerRowCount
        self.rows = rows
        self.kinds = kinds
        self.columnLabels = columnLabels
        self.rules = rules
    }

    public func kind(ofColumn key: String) -> CellKind { kinds[key] ?? .count }

    /// The data row with this key.
    public func row(_ key: String) -> TemplateRow? { rows.first { $0.key == key } }

    /// A data column's header as this report prints it (a report may reword it, e.g. to state the
    /// unit of an amount), found by the column's label id; the column label otherwise.
    public func printedLabel(ofColumn key: String, in table: TableBlock) -> String {
        let id = labelIDs.first { $0 == key } ?? columnHeaderIDs[key]
        return id.flatMap { table.labels[$0] ?? labelText($0) } ?? columnLabels[key] ?? key
    }

    /// A data row's label as the report prints it.
    public func rowLabel(_ key: String, in table: TableBlock) -> String {
        table.labels[key] ?? row(key)?.label?.text ?? key
    }

    /// A data column's label as messages name it.
    public func columnLabel(_ key: String) -> String { columnLabels[key] ?? key }

    /// "（七）总计 / 自然人", or just the column for a table whose data row has no label.
    public func cellLabel(row key: String, column: String, in table: TableBlock) -> String {
        row(key)?.label == nil ? columnLabel(column) : "\(rowLabel(key, in: table)) / \(columnLabel(column))"
    }

    /// The template's text of a label id.
    func labelText(_ id: String) -> String? {
        rows.lazy.flatMap(\.cells).first { $0.labelID == id }?.text
    }

    /// Every data row key, in order.
    public var rowKeys: [String] { rows.compactMap(\.key) }

    /// Every label id a report may reword.
    public var labelIDs: [String] { rows.flatMap { $0.cells.compactMap(\.labelID) } }
}

/// A row of a table template: a header row of labels, or a data row with a key and data columns.
public struct TemplateRow: Sendable, Equatable {
    /// The data row's key (`new-received`); nil for header rows.
    public var key: String?
    /// Label cells, left to right (data cells follow them in data rows).
    public var cells: [TemplateCell]
    /// This row's data cells, after its label cells.
    public var slots: [Slot]

    public init(key: String?, cells: [TemplateCell], slots: [Slot]) {
        self.key = key
        self.cells = cells
        self.slots = slots
    }

    public var isHeader: Bool { key == nil }

    /// Keys of the row's data columns.
    public var slotKeys: [String] { slots.map(\.key) }

    /// The label that names the row (its last label cell).
    public var label: TemplateCell? { cells.last }
}

/// A figure the text states ("收到…申请270件") that a table cell holds: a regular expression whose
/// first group captures the number, and the cell to compare it with.
public struct NarrativeFigure: Sendable, Equatable {
    public var row: String
    public var column: String
    public var pattern: String

    public init(row: String, column: String, pattern: String) {
        self.row = row
        self.column = column
        self.pattern = pattern
    }
}

/// A column whose value follows from last year's report and this one: `previous-year` is
/// `last.previous-year + last.change`; `in-force` is `last.in-force + issued - repealed`.
public struct YearOverYearRule: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var sign: Int
        public var lastYear: Bool
        public var column: String
    }

    public var column: String
    public var terms: [Term]

    /// Reads `last.a + b - c` (operators stand apart: keys contain hyphens).
    public init?(column: String, expression: String) {
        var terms: [Term] = []
        var sign = 1
        for token in expression.split(separator: " ").map(String.init) {
            switch token {
            case "+": sign = 1
            case "-": sign = -1
            default:
                let lastYear = token.hasPrefix("last.")
                terms.append(Term(sign: sign, lastYear: lastYear, column: lastYear ? String(token.dropFirst(5)) : token))
            }
        }
        guard !terms.isEmpty else { return nil }
        self.column = column
        self.terms = terms
    }
}

/// A data cell of a row: its column key and how many grid columns it spans.
public struct Slot: Sendable, Equatable {
    public var key: String
    public var colspan: Int

    public init(_ key: String, colspan: Int = 1) {
        self.key = key
        self.colspan = colspan
    }
}

/// One arithmetic rule of a table: the sum of the left terms equals the sum of the right ones, in
/// every column (terms are rows) or in every row (terms are columns). A term ending in `.*` stands
/// for every row whose key starts with what precedes it.
public struct CrossCheck: Sendable, Equatable {
    public enum Direction: String, Sendable { case column, row }

    public var per: Direction
    public var left: [String]
    public var right: [String]

    public init(per: Direction, left: [String], right: [String]) {
        self.per = per
        self.left = left
        self.right = right
    }

    /// Reads `a + b = c + d`.
    public init?(per: Direction, expression: String) {
        let sides = expression.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count == 2 else { return nil }
        func terms(_ side: Substring) -> [String] {
            side.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let (left, right) = (terms(sides[0]), terms(sides[1]))
        guard !left.isEmpty, !right.isEmpty, !(left + right).contains(where: \.isEmpty) else { return nil }
        self.init(per: per, left: left, right: right)
    }
}

/// A label cell as the template prints it.
public struct TemplateCell: Sendable, Equatable {
    public enum Alignment: String, Sendable { case left, center }

    public var text: String
    /// The id a report uses to reword this label (row labels use their row's key).
    public var labelID: String?
    public var colspan: Int
    public var rowspan: Int
    /// Set one character per line, top to bottom, in a narrow cell.
    public var vertical: Bool
    public var alignment: Alignment

    public init(text: String, labelID: String? = nil, colspan: Int = 1, rowspan: Int = 1, vertical: Bool = false,
                alignment: Alignment = .center) {
        self.text = text
        self.labelID = labelID
        self.colspan = colspan
        self.rowspan = rowspan
        self.vertical = vertical
        self.alignment = alignment
    }
}
