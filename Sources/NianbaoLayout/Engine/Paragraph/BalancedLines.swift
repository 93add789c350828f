/// Text broken into lines of even length: the narrowest measure that keeps the number of lines the
/// full measure gives (a title, a table label), so no last line is left with a character or two.
enum BalancedLines {
    static func shape(_ runs: [StyledRun], width: Double, shaper: TextShaper) -> ShapedParagraph {
        let full = shaper.shape(ShapeRequest(runs: runs, width: width))
        guard full.lines.count > 1 else { return full }
        var best = full
        var (low, high) = (width / Double(full.lines.count), width)
        for _ in 0..<10 {
            let mid = (low + high) / 2
            let trial = shaper.shape(ShapeRequest(runs: runs, width: mid))
            if trial.lines.count == full.lines.count {
                best = trial
                high = mid
            } else {
                low = mid
            }
        }
        return best
    }
}
