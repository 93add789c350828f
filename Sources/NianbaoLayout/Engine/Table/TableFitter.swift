/// Chooses how a statistical table is set so that it stays upright at real sizes: the largest type
/// size (from the table style's down to `tableMinSize`, never below), with the most padding and
/// leading, and column widths moved from the columns of labels (which then wrap between words) to
/// the columns whose numbers would not fit. Padding and leading are tightened before the type is
/// made smaller; a table goes landscape only when upright cannot hold it at the smallest setting.
struct TableFitter {
    let style: TextStyle
    let spacing: LayoutSpec.Spacing
    let words: WordLineSetter

    /// A label column keeps room for this many characters a line.
    static let labelCharacters = 3.0

    /// The settings tried for one size, most generous first: the layout's padding and leading, then
    /// less space above and below the text, then at the sides (never under 2 pt there: a number
    /// must not touch its rules), then tighter lines.
    func settings(size: Double) -> [(padding: Double, side: Double, leading: Double)] {
        let padding = spacing.tableCellPadding, leading = spacing.tableLineSpacing, side = min(padding, 2)
        let all = [(padding, padding, leading), (min(padding, 2), padding, leading), (min(padding, 2), side, min(leading, 1.2)),
                   (min(padding, 1.5), side, min(leading, 1.2)), (min(padding, 1), side, min(leading, 1.15))]
        return all.reduce(into: []) { list, setting in if !list.contains(where: { $0 == setting }) { list.append(setting) } }
    }

    /// Characters in the longest word of a label (a header over numbers wraps between words only).
    func longestWord(_ text: String) -> Int {
        let bounds = WordBreaks.boundaries(Array(text), segmenter: words.segmenter, rules: words.rules).sorted()
        return zip(bounds, bounds.dropFirst()).map { $1 - $0 }.max() ?? text.count
    }

    /// Sizes from the table style's down to the smallest, in half points.
    var sizes: [Double] {
        stride(from: style.size, through: spacing.tableMinSize - 0.001, by: -0.5).map { $0 }
    }

    /// The table set at the first setting (at most `largestSize`) whose numbers fit their columns
    /// and whose height fits `maxHeight`; when none fits the height, the first whose numbers fit
    /// (it breaks between rows over pages); nil when no setting fits the numbers in `width`.
    func fit(_ model: TableModel, width: Double, maxHeight: Double, largestSize: Double = .infinity) -> MeasuredTable? {
        var tallest: MeasuredTable?
        for size in sizes where size <= largestSize + 0.001 {
            for (padding, side, leading) in settings(size: size) {
                guard let widths = columnWidths(model, width: width, size: size, padding: side) else { continue }
                let table = MeasuredTable(model, setting: TableSetting(size: size, padding: padding, sidePadding: side, leading: leading,
                                                                       columnWidths: widths),
                                          style: style, words: words)
                if table.totalHeight <= maxHeight + 0.01 { return table }
                if tallest == nil { tallest = table }
            }
        }
        return tallest
    }

    /// The template's proportions, with data columns widened to hold their widest number (columns of
    /// one width in the template stay of one width) at the expense of label columns, each of which
    /// keeps room for `labelCharacters` characters and its widest unbreakable run. Nil if that is
    /// not enough.
    func columnWidths(_ model: TableModel, width: Double, size: Double, padding: Double) -> [Double]? {
        let total = model.columnWeights.reduce(0, +)
        let base = model.columnWeights.map { width * $0 / total }
        let text = style.with(size: size)
        var isData = Array(repeating: false, count: model.columnCount)
        for cell in model.cells where cell.isData { for column in cell.columns { isData[column] = true } }
        // What each column must hold: its numbers (a spanning cell's shared by its columns), the
        // unbreakable runs of its labels, and of a label a line its longest word in a column of
        // numbers (自然人 over its counts), three characters in a column of labels. Columns of one
        // width in the template keep one width for their numbers; a header word widens its own.
        var numbers = Array(repeating: 0.0, count: model.columnCount)
        var labels = Array(repeating: 0.0, count: model.columnCount)
        for cell in model.cells where cell.colspan == 1 || cell.isData {
            let run = MeasuredTable.widestUnbreakableRun(cell.text, style: cell.isData ? text.with(features: ["tnum"]) : text, shaper: words.shaper)
            let characters = cell.isData || cell.text.isEmpty ? 0
                : Double(isData[cell.column] ? longestWord(cell.text) : min(cell.text.count, Int(Self.labelCharacters))) * size
            let content = cell.vertical ? size : max(run, characters)
            for column in cell.columns {
                if cell.isData { numbers[column] = max(numbers[column], (content + 2 * padding) / Double(cell.colspan)) }
                else { labels[column] = max(labels[column], (content + 2 * padding) / Double(cell.colspan)) }
            }
        }
        let need = zip(numbers, labels).map { max($0, $1) }
        var widths = base
        for c in 0..<model.columnCount where isData[c] {
            let peers = (0..<model.columnCount).filter { isData[$0] && abs(model.columnWeights[$0] - model.columnWeights[c]) < 1e-9 }
            widths[c] = max(base[c], labels[c], peers.map { numbers[$0] }.max() ?? 0)
        }
        let deficit = zip(widths, base).map { $0 - $1 }.reduce(0, +)
        guard deficit > 0.01 else { return base }
        let spare = (0..<model.columnCount).map { isData[$0] ? 0 : max(0, base[$0] - need[$0]) }
        let available = spare.reduce(0, +)
        guard available >= deficit - 0.01 else { return nil }
        for c in 0..<model.columnCount where !isData[c] { widths[c] = base[c] - deficit * spare[c] / available }
        return widths
    }
}

