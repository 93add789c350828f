/// Justifies a line the way Chinese typesetting does: the slack goes into the gaps next to Chinese
/// characters and full-width marks, never between the letters of a Latin word or the digits of a
/// number ("2019", "324000" and URLs stay tight).
public enum Justification {
    /// Returns `line` stretched so that it ends exactly at `measure` (from the paragraph's left edge).
    /// A line without any stretchable gap, or one already full, is returned unchanged.
    public static func justify(_ line: ShapedLine, to measure: Double) -> ShapedLine {
        let clusters = line.runs.flatMap(\.clusters)
        guard clusters.count > 1 else { return line }
        let slack = measure - line.x - line.width
        guard slack > 0.01 else { return line }
        let stretchable = (0..<(clusters.count - 1)).map { clusters[$0].isWide || clusters[$0 + 1].isWide }
        let gaps = stretchable.filter { $0 }.count
        guard gaps > 0 else { return line }
        let share = slack / Double(gaps)

        var result = line
        var shift = 0.0
        var clusterIndex = 0
        for r in result.runs.indices {
            var glyphIndex = 0
            for cluster in result.runs[r].clusters {
                for g in glyphIndex..<(glyphIndex + cluster.glyphCount) { result.runs[r].glyphs[g].x += shift }
                glyphIndex += cluster.glyphCount
                if clusterIndex < stretchable.count, stretchable[clusterIndex] { shift += share }
                clusterIndex += 1
            }
        }
        result.width += slack
        return result
    }
}
