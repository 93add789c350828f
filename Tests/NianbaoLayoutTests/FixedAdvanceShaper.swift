@testable import NianbaoLayout

/// A shaper with exact, font-free metrics for geometry tests: wide characters advance one font size
/// plus letter spacing, others half a size; compressible marks compress to half; lines break
/// greedily at any character, and for the grid breaker with simple kinsoku (no break before a
/// closing mark or after an opening one, none inside a run of ASCII letters and digits).
struct FixedAdvanceShaper: TextShaper {
    func shapeForBreaking(_ runs: [StyledRun]) -> BreakableText {
        var units: [BreakableText.Unit] = []
        var previous: Character?
        for run in runs {
            for character in run.text {
                let wide = CharacterClass.isWide(character)
                let advance = wide ? run.style.size : run.style.size / 2
                let glyph = Glyph(id: 1, x: 0, advance: advance)
                let cluster = PositionedCluster(text: String(character), font: FontID(0), size: run.style.size,
                                                glyphs: [glyph], advance: advance)
                var compressed = cluster
                if CharacterClass.isCompressible(character) {
                    compressed.advance = advance / 2
                    compressed.glyphs[0].advance = advance / 2
                }
                let latinPair = previous.map { $0.isASCII && $0.isLetter || $0.isNumber } == true
                    && character.isASCII && (character.isLetter || character.isNumber)
                let canBreak = previous != nil && !"，。、；：）》」』〕】！？”".contains(character)
                    && !"（《「『〔【“".contains(previous!) && !latinPair
                units.append(BreakableText.Unit(cluster: cluster, compressed: compressed, canBreakBefore: canBreak))
                previous = character
            }
        }
        return BreakableText(units: units)
    }

    func shape(_ request: ShapeRequest) -> ShapedParagraph {
        var lines: [ShapedLine] = []
        var glyphs: [Glyph] = []
        var clusters: [GlyphCluster] = []
        var pen = request.firstLineIndent
        var size = 0.0
        func flush() {
            let start = lines.isEmpty ? request.firstLineIndent : 0
            let shifted = glyphs.map { Glyph(id: $0.id, x: $0.x - start, advance: $0.advance) }
            lines.append(ShapedLine(runs: [GlyphRun(font: FontID(0), size: size, glyphs: shifted, clusters: clusters)],
                                    x: start, width: pen - start, ascent: size * 0.88, descent: size * 0.12))
            glyphs = []
            clusters = []
            pen = 0
        }
        for run in request.runs {
            size = max(size, run.style.size)
            for character in run.text {
                let wide = CharacterClass.isWide(character)
                let advance = (wide ? run.style.size : run.style.size / 2) + run.style.letterSpacing
                if let width = request.width, pen + advance - run.style.letterSpacing > width + 0.001, !glyphs.isEmpty { flush() }
                glyphs.append(Glyph(id: 1, x: pen, advance: advance))
                clusters.append(GlyphCluster(text: String(character), glyphCount: 1))
                pen += advance
            }
        }
        if !glyphs.isEmpty || lines.isEmpty { flush() }
        return ShapedParagraph(lines: lines)
    }
}
