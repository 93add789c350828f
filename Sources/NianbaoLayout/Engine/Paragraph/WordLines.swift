/// Lines of a title, heading, table label or issuing body, broken at the places `WordBreaks`
/// allows. Each function returns the units at which lines after the first start.
enum WordLines {
    /// Each line takes as many units as fit in `width` and breaks at the last allowed place; a word
    /// wider than the line breaks where a line may start at all, and as a last resort anywhere.
    /// A last line of fewer than `minimumLast` characters takes the word before it down with it.
    static func fill(_ breaks: WordBreaks, width: Double, minimumLast: Int = 1) -> [Int] {
        filling(breaks, width: width, minimumLast: minimumLast).starts
    }

    /// `fill`, and whether it had to break where no word boundary is (a word wider than the line).
    static func filling(_ breaks: WordBreaks, width: Double, minimumLast: Int = 1) -> (starts: [Int], insideWords: Bool) {
        var starts: [Int] = []
        var insideWords = false
        var start = 0
        while start < breaks.count {
            var end = start
            var filled = 0.0
            while end < breaks.count, filled + breaks.widths[end] <= width + 0.01 {
                filled += breaks.widths[end]
                end += 1
            }
            // A last unit wider than the line on its own already starts a line.
            guard end < breaks.count, start + 1 < breaks.count else { break }
            let places = (start + 1)...max(start + 1, end)
            let allowed = places.last { breaks.cost[$0] != nil }
            if allowed == nil { insideWords = true }
            let next = allowed ?? places.last { breaks.fallback[$0] } ?? max(end, start + 1)
            starts.append(next)
            start = next
        }
        if let last = starts.last, characters(breaks, last..<breaks.count) < minimumLast {
            let previous = starts.count > 1 ? starts[starts.count - 2] : 0
            let earlier = ((previous + 1)..<last).last { breaks.cost[$0] != nil && Self.width(breaks, $0..<breaks.count) <= width + 0.01 }
            if let earlier { starts[starts.count - 1] = earlier }
        }
        return (starts, insideWords)
    }

    /// As few lines as `fill` gives at `width`, as even as possible: filled at the narrowest
    /// width that keeps that many lines (so no last line is left with a word or two).
    /// Evening the lines never breaks a word the full measure kept whole (11310000MB2F0346X1/
    /// 2024-00018 breaks after its slash, not inside).
    static func balanced(_ breaks: WordBreaks, width: Double) -> [Int] {
        let full = filling(breaks, width: width)
        guard !full.starts.isEmpty else { return full.starts }
        var (low, high) = (self.width(breaks, 0..<breaks.count) / Double(full.starts.count + 1), width)
        var best = full.starts
        for _ in 0..<12 {
            let middle = (low + high) / 2
            let trial = filling(breaks, width: middle)
            if trial.starts.count == full.starts.count && (full.insideWords || !trial.insideWords) {
                best = trial.starts
                high = middle
            } else {
                low = middle
            }
        }
        return best
    }

    /// A title (GB/T 9704 7.3.1): the fewest lines, then the cheapest breaks and the best shape,
    /// a trapezoid or a diamond (排列对称，长短适宜): no line shorter than both its neighbours, lines
    /// of similar length, no line of one or two characters.
    static func title(_ breaks: WordBreaks, width: Double) -> [Int] {
        let fallback = balanced(breaks, width: width)
        let fewest = fallback.count + 1
        guard fewest > 1 else { return fallback }
        // One more line is taken when it buys clearly better breaks (广东省深圳市南山区 / 粤海街道办事处
        // 社区工作站2021年度 / … rather than a name cut between two of its words).
        let candidates = [fewest, fewest + 1].compactMap { lines in
            cheapest(breaks, width: width, lines: lines).map { (cost: $0.cost + Double(lines - fewest) * extraLineCost, starts: $0.starts) }
        }
        return candidates.min { $0.cost < $1.cost }?.starts ?? fallback
    }

    /// What one more title line than needed costs, against the breaks' and the shape's costs.
    static let extraLineCost = 2.5

    /// The cheapest breaks into exactly `lines` lines, by breaks and shape; nil if there are none
    /// (or too many places to weigh them all).
    static func cheapest(_ breaks: WordBreaks, width: Double, lines: Int) -> (cost: Double, starts: [Int])? {
        let places = (1..<max(1, breaks.count)).filter { breaks.cost[$0] != nil }
        guard places.count <= 80, lines <= 8 else { return nil }
        var best: (cost: Double, starts: [Int])?
        var chosen: [Int] = []
        func search(from start: Int, placeIndex: Int) {
            // What is left must fit on the lines that are left.
            guard self.width(breaks, start..<breaks.count) <= Double(lines - chosen.count) * width + 0.01 else { return }
            if chosen.count == lines - 1 {
                guard self.width(breaks, start..<breaks.count) <= width + 0.01 else { return }
                let cost = chosen.reduce(0) { $0 + breaks.cost[$1]! } + shapeCost(breaks, starts: chosen)
                if best == nil || cost < best!.cost - 1e-9 { best = (cost, chosen) }
                return
            }
            for k in placeIndex..<places.count {
                let place = places[k]
                guard self.width(breaks, start..<place) <= width + 0.01 else { break }
                chosen.append(place)
                search(from: place, placeIndex: k + 1)
                chosen.removeLast()
            }
        }
        search(from: 0, placeIndex: 0)
        return best
    }

    /// How far the lines' lengths are from a trapezoid or diamond of similar lines.
    static func shapeCost(_ breaks: WordBreaks, starts: [Int]) -> Double {
        let bounds = [0] + starts + [breaks.count]
        let lengths = (0..<(bounds.count - 1)).map { width(breaks, bounds[$0]..<bounds[$0 + 1]) }
        let counts = (0..<(bounds.count - 1)).map { characters(breaks, bounds[$0]..<bounds[$0 + 1]) }
        var cost = 0.0
        let longest = lengths.max() ?? 1
        cost += 3 * ((longest - (lengths.min() ?? 0)) / max(longest, 1))
        for i in lengths.indices.dropFirst().dropLast() where lengths[i] < lengths[i - 1] - 1 && lengths[i] < lengths[i + 1] - 1 {
            cost += 10   // an hourglass
        }
        cost += Double(counts.filter { $0 <= 2 }.count) * 5
        return cost
    }

    static func width(_ breaks: WordBreaks, _ range: Range<Int>) -> Double {
        range.reduce(0) { $0 + breaks.widths[$1] }
    }

    static func characters(_ breaks: WordBreaks, _ range: Range<Int>) -> Int {
        range.reduce(0) { $0 + breaks.characters[$1] }
    }
}
