import CPangoCairo
import Foundation
import NianbaoLayout
import NianbaoModel
import NianbaoPDF

/// Shapes text with Pango on a font map of its own: 72 dpi, no hinting, no glyph-position rounding,
/// language zh-cn. One per render job; it must never be shared between threads (it is not Sendable).
public final class PangoShaper: TextShaper {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    /// Fonts in order of first use; a `FontID` indexes this list.
    private var fonts: [UnsafeMutablePointer<PangoFont>] = []
    private var fontIDs: [UnsafeMutablePointer<PangoFont>: FontID] = [:]
    /// The face behind each font id, looked up once.
    private var faces: [FontID: FontFace] = [:]
    /// Characters drawn by a font outside their style's chain (fontconfig's own fallback), in
    /// order of first use; `takeFallbacks()` hands them over.
    private var fallbacks: [FontFallback] = []
    private var fallbackSeen: Set<FontFallback> = []
    /// Fallbacks met while shaping the current request, repeats included, to cache with it.
    private var recording: [FontFallback] = []
    /// Shaped text by request, across documents: the same labels, headings and table cells come
    /// back in every report of a template. Bounded, so memory stays flat over a long batch.
    private var shapedCache = ShapeCache<ShapeRequest, ShapedParagraph>()
    private var breakableCache = ShapeCache<[StyledRun], BreakableText>()

    public init() {
        FontDirectories.waitForConfiguration()
        fontMap = pango_cairo_font_map_new()
        pango_cairo_font_map_set_resolution(OpaquePointer(fontMap), 72)
        context = pango_font_map_create_context(fontMap)
        pango_context_set_round_glyph_positions(context, 0)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_language(context, pango_language_from_string("zh-cn"))
    }

    deinit {
        for font in fonts { unref(font) }
        unref(context)
        unref(fontMap)
    }

    /// The cairo font behind a font id, for the painter. Owned by the shaper's font.
    package func scaledFont(_ id: FontID) -> OpaquePointer {
        pango_cairo_font_get_scaled_font(OpaquePointer(fonts[id.rawValue]))
    }

    /// The face that draws `sample` (a common ideograph) in `style`: the chain's first font that
    /// has it, or fontconfig's fallback.
    public func face(for style: TextStyle, sample: String = "国") -> FontFace? {
        let bytes = Array(sample.utf8)
        let layout = makeLayout(sample, bytes: bytes, runs: [StyledRun(sample, style)], compress: false)
        defer { unref(layout) }
        guard let line = pango_layout_get_line_readonly(layout, 0), let run = line.pointee.runs,
              let font = run.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self).pointee.item.pointee.analysis.font
        else { return nil }
        return face(of: fontID(font))
    }

    private struct ChainKey: Hashable {
        var font: FontID
        var chain: [String]
    }
    private var chainMembership: [ChainKey: Bool] = [:]

    /// Whether a font is one of a chain's families, remembered (it is asked for every run shaped).
    private func isInChain(_ id: FontID, _ chain: [String]) -> Bool {
        let key = ChainKey(font: id, chain: chain)
        if let known = chainMembership[key] { return known }
        let member = face(of: id).belongs(to: chain)
        chainMembership[key] = member
        return member
    }

    /// The font file and face behind a font id, for the PDF writer to embed.
    public func fontSource(of id: FontID) -> FontSource {
        var source = FontSource(file: face(of: id).file)
        if let pattern = pango_fc_font_get_pattern(UnsafeMutableRawPointer(fonts[id.rawValue]).assumingMemoryBound(to: PangoFcFont.self)) {
            var index: Int32 = 0
            var embolden: FcBool = 0
            if FcPatternGetInteger(pattern, FC_INDEX, 0, &index) == FcResultMatch { source.index = Int(index) }
            if FcPatternGetBool(pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch { source.embolden = embolden != 0 }
        }
        return source
    }

    /// The files of the faces behind some font ids, sorted, without repeats.
    public func files(of ids: Set<FontID>) -> [String] {
        Set(ids.map { face(of: $0).file }).sorted()
    }

    /// Characters shaped since the last call whose font is not in their style's chain.
    public func takeFallbacks() -> [FontFallback] {
        defer { fallbacks = []; fallbackSeen = [] }
        return fallbacks
    }

    private func face(of id: FontID) -> FontFace {
        if let known = faces[id] { return known }
        var face = FontFace(families: [], file: "")
        if let pattern = pango_fc_font_get_pattern(UnsafeMutableRawPointer(fonts[id.rawValue]).assumingMemoryBound(to: PangoFcFont.self)) {
            var value: UnsafeMutablePointer<FcChar8>?
            var index: Int32 = 0
            while FcPatternGetString(pattern, FC_FAMILY, index, &value) == FcResultMatch, let value {
                face.families.append(String(cString: value))
                index += 1
            }
            if FcPatternGetString(pattern, FC_FILE, 0, &value) == FcResultMatch, let value { face.file = String(cString: value) }
        }
        faces[id] = face
        return face
    }

    /// Time spent shaping (Pango and HarfBuzz, cache misses) since the last `takeShapingTime()`.
    private var shapingTime = Duration.zero

    /// Milliseconds spent shaping since the last call.
    public func takeShapingTime() -> Double {
        defer { shapingTime = .zero }
        return shapingTime.milliseconds
    }

    public func shape(_ request: ShapeRequest) -> ShapedParagraph {
        let cacheable = ShapeCache<ShapeRequest, ShapedParagraph>.holds(request.runs)
        if cacheable, let hit = shapedCache[request] { return replaying(hit) }
        let shaped = recordingFallbacks { shapeUncached(request) }
        if cacheable { shapedCache[request] = shaped }
        return shaped.value
    }

    public func shapeForBreaking(_ runs: [StyledRun]) -> BreakableText {
        let cacheable = ShapeCache<[StyledRun], BreakableText>.holds(runs)
        if cacheable, let hit = breakableCache[runs] { return replaying(hit) }
        let text = recordingFallbacks { shapeForBreakingUncached(runs) }
        if cacheable { breakableCache[runs] = text }
        return text.value
    }

    /// Runs `shape`, keeping the fallbacks it meets with its result.
    private func recordingFallbacks<Value>(_ shape: () -> Value) -> Shaped<Value> {
        recording = []
        let start = ContinuousClock.now
        let value = shape()
        shapingTime += ContinuousClock.now - start
        let shaped = Shaped(value: value, fallbacks: recording)
        _ = replaying(shaped)
        return shaped
    }

    /// A result, recording its fallbacks for this document again.
    private func replaying<Value>(_ shaped: Shaped<Value>) -> Value {
        for fallback in shaped.fallbacks where fallbackSeen.insert(fallback).inserted { fallbacks.append(fallback) }
        return shaped.value
    }

    private func shapeUncached(_ request: ShapeRequest) -> ShapedParagraph {
        let text = request.text
        let bytes = Array(text.utf8)
        let layout = makeLayout(text, bytes: bytes, runs: request.runs, compress: false)
        defer { unref(layout) }
        if let width = request.width {
            pango_layout_set_width(layout, pangoUnits(width))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_indent(layout, pangoUnits(request.firstLineIndent))

        var lines: [ShapedLine] = []
        var missing: [Character] = []
        for index in 0..<pango_layout_get_line_count(layout) {
            guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
            var logical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &logical)
            var shaped = ShapedLine(clusters: clusters(of: line, bytes: bytes, runs: request.runs, missing: &missing),
                                    x: index == 0 ? request.firstLineIndent : 0)
            shaped.ascent = points(-logical.y)
            shaped.descent = points(logical.height + logical.y)
            lines.append(shaped)
        }
        return ShapedParagraph(lines: lines, missingCharacters: missing)
    }

    private func shapeForBreakingUncached(_ runs: [StyledRun]) -> BreakableText {
        let text = runs.map(\.text).joined()
        let bytes = Array(text.utf8)
        var missing: [Character] = []
        let layout = makeLayout(text, bytes: bytes, runs: runs, compress: false)
        defer { unref(layout) }
        var clusters: [PositionedCluster] = []
        var starts: [Int] = []
        for index in 0..<pango_layout_get_line_count(layout) {
            guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
            clusters += self.clusters(of: line, bytes: bytes, runs: runs, missing: &missing, byteStarts: &starts)
        }
        // Pango's line-break rules (UAX #14 with its CJK tailoring: kinsoku) are per character.
        var attributeCount: Int32 = 0
        let attributes = pango_layout_get_log_attrs_readonly(layout, &attributeCount)
        var characterIndex = Array(repeating: 0, count: bytes.count + 1)
        var character = 0
        for (offset, byte) in bytes.enumerated() {
            if byte & 0xC0 != 0x80 && offset > 0 { character += 1 }
            characterIndex[offset] = character
        }
        let units = zip(clusters, starts).map { cluster, start -> BreakableText.Unit in
            let c = characterIndex[start]
            let canBreak = attributes.map { c < Int(attributeCount) && $0[c].is_line_break != 0 } ?? false
            var compressed = cluster
            if cluster.text.count == 1, let mark = cluster.text.first, CharacterClass.isCompressible(mark) {
                compressed = halfWidth(mark, style: style(at: start, in: runs)) ?? cluster
            }
            return BreakableText.Unit(cluster: cluster, compressed: compressed, canBreakBefore: canBreak)
        }
        return BreakableText(units: units, missingCharacters: missing)
    }

    /// A mark shaped with OpenType `halt` (half-width alternate), cached per style; nil if the font
    /// has no narrower form.
    private func halfWidth(_ mark: Character, style: TextStyle) -> PositionedCluster? {
        let key = HalfWidthKey(mark: mark, style: style)
        if let cached = halfWidthCache[key] { return cached }
        let text = String(mark)
        let bytes = Array(text.utf8)
        let runs = [StyledRun(text, style)]
        let layout = makeLayout(text, bytes: bytes, runs: runs, compress: true)
        defer { unref(layout) }
        var ignored: [Character] = []
        let shaped = pango_layout_get_line_readonly(layout, 0).map { clusters(of: $0, bytes: bytes, runs: runs, missing: &ignored) }
        var result = shaped?.count == 1 ? shaped![0] : nil
        // A font without `halt` for this mark (LXGW WenKai) but a full-width glyph: its blank half is
        // taken out by hand, the ink kept where a Simplified Chinese font puts it (closing marks
        // left, opening marks right).
        if var mark = result, mark.advance > 0.9 * style.size, !mark.glyphs.isEmpty {
            let half = mark.advance / 2
            if CharacterClass.isOpening(mark.text.first!) { mark.glyphs = mark.glyphs.map { Glyph(id: $0.id, x: $0.x - half, y: $0.y, advance: $0.advance) } }
            mark.advance = half
            result = mark
        }
        halfWidthCache[key] = .some(result)
        return result
    }

    private struct HalfWidthKey: Hashable {
        var mark: Character
        var style: TextStyle
    }

    private var halfWidthCache: [HalfWidthKey: PositionedCluster?] = [:]

    private func makeLayout(_ text: String, bytes: [UInt8], runs: [StyledRun], compress: Bool) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        pango_layout_set_text(layout, text, Int32(bytes.count))
        let list = attributes(for: runs, compress: compress)
        pango_layout_set_attributes(layout, list)
        pango_attr_list_unref(list)
        return layout
    }

    /// Font, size, letter spacing and punctuation compression of each run as a Pango attribute list.
    private func attributes(for runs: [StyledRun], compress: Bool) -> OpaquePointer {
        let list = pango_attr_list_new()!
        var start = 0
        for run in runs {
            let end = start + run.text.utf8.count
            let description = pango_font_description_new()
            pango_font_description_set_family(description, run.style.families.joined(separator: ","))
            pango_font_description_set_absolute_size(description, Double(pangoUnits(run.style.size)))
            pango_font_description_set_weight(description, run.style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
            insert(pango_attr_font_desc_new(description), into: list, from: start, to: end)
            pango_font_description_free(description)
            if run.style.letterSpacing != 0 {
                insert(pango_attr_letter_spacing_new(pangoUnits(run.style.letterSpacing)), into: list, from: start, to: end)
            }
            if !run.style.features.isEmpty {
                insert(pango_attr_font_features_new(run.style.features.joined(separator: ", ")), into: list, from: start, to: end)
            }
            if compress {
                var offset = start
                for character in run.text {
                    let length = character.utf8.count
                    if CharacterClass.isCompressible(character) {
                        insert(pango_attr_font_features_new("halt"), into: list, from: offset, to: offset + length)
                    }
                    offset += length
                }
            }
            start = end
        }
        return list
    }

    private func insert(_ attribute: UnsafeMutablePointer<PangoAttribute>?, into list: OpaquePointer, from start: Int, to end: Int) {
        guard let attribute else { return }
        attribute.pointee.start_index = UInt32(start)
        attribute.pointee.end_index = UInt32(end)
        pango_attr_list_insert(list, attribute)
    }

    private func fontID(_ font: UnsafeMutablePointer<PangoFont>) -> FontID {
        if let id = fontIDs[font] { return id }
        let id = FontID(fonts.count)
        g_object_ref(UnsafeMutableRawPointer(font))
        fonts.append(font)
        fontIDs[font] = id
        return id
    }

    private func clusters(of line: UnsafeMutablePointer<PangoLayoutLine>, bytes: [UInt8], runs: [StyledRun],
                          missing: inout [Character]) -> [PositionedCluster] {
        var starts: [Int] = []
        return clusters(of: line, bytes: bytes, runs: runs, missing: &missing, byteStarts: &starts)
    }

    /// The line's clusters in order, each with its glyphs placed from the cluster's own start; also
    /// the byte offset where each cluster's text starts.
    private func clusters(of line: UnsafeMutablePointer<PangoLayoutLine>, bytes: [UInt8], runs: [StyledRun],
                          missing: inout [Character], byteStarts: inout [Int]) -> [PositionedCluster] {
        var result: [PositionedCluster] = []
        var node = line.pointee.runs
        while let current = node {
            defer { node = current.pointee.next }
            let item = current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self).pointee
            let glyphString = item.glyphs.pointee
            let itemStart = Int(item.item.pointee.offset)
            let itemEnd = itemStart + Int(item.item.pointee.length)
            guard let font = item.item.pointee.analysis.font else {   // no font at all for this text
                missing += String(decoding: bytes[itemStart..<itemEnd], as: UTF8.self).filter { !$0.isWhitespace }
                continue
            }
            let id = fontID(font)
            let itemStyle = style(at: itemStart, in: runs)
            let size = itemStyle.size
            let used = face(of: id)
            if !isInChain(id, itemStyle.families) {
                for character in String(decoding: bytes[itemStart..<itemEnd], as: UTF8.self) where !character.isWhitespace {
                    recording.append(FontFallback(character: character, family: used.families.first ?? "?", chain: itemStyle.families))
                }
            }
            var g = 0
            let n = Int(glyphString.num_glyphs)
            while g < n {
                // A cluster: from a cluster-start glyph up to the next one.
                var end = g + 1
                while end < n && glyphString.glyphs[end].attr.is_cluster_start == 0 { end += 1 }
                let byteStart = itemStart + Int(glyphString.log_clusters[g])
                let byteEnd = end < n ? itemStart + Int(glyphString.log_clusters[end]) : itemEnd
                var cluster = PositionedCluster(text: String(decoding: bytes[byteStart..<byteEnd], as: UTF8.self),
                                                font: id, size: size, glyphs: [], advance: 0)
                var pen = 0.0
                for k in g..<end {
                    let info = glyphString.glyphs[k]
                    var glyph = info.glyph
                    var advance = points(info.geometry.width)
                    defer { pen += advance }
                    if glyph == PANGO_GLYPH_EMPTY { continue }
                    if glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 {
                        let scalar = Unicode.Scalar(glyph & ~PANGO_GLYPH_UNKNOWN_FLAG)
                        // Pango keeps a space in the font before it even when that font lacks it (a
                        // chain's first font without U+0020): a space needs no glyph, only its width.
                        if let scalar, let width = Self.spaceWidth(scalar) {
                            advance = width * size
                            continue
                        }
                        if let scalar { missing.append(Character(scalar)) }
                        glyph = 0
                    }
                    cluster.glyphs.append(Glyph(id: glyph, x: pen + points(info.geometry.x_offset),
                                                y: points(info.geometry.y_offset), advance: advance))
                }
                cluster.advance = pen
                result.append(cluster)
                byteStarts.append(byteStart)
                g = end
            }
        }
        return result
    }

    /// The width in em of a space character drawn without a glyph: the usual widths of fonts'
    /// own spaces (a word space a quarter em, the ideographic space a full em).
    static func spaceWidth(_ scalar: Unicode.Scalar) -> Double? {
        switch scalar.value {
        case 0x20, 0xA0, 0x2004, 0x2005: 0.25
        case 0x2002: 0.5
        case 0x2003, 0x3000: 1
        case 0x2006, 0x2009: 0.2
        case 0x2007: 0.55
        case 0x2008: 0.25
        case 0x200A: 0.1
        case 0x202F, 0x205F: 0.22
        default: nil
        }
    }

    /// The style of the run that holds a byte of the text.
    private func style(at byteOffset: Int, in runs: [StyledRun]) -> TextStyle {
        var end = 0
        for run in runs {
            end += run.text.utf8.count
            if byteOffset < end { return run.style }
        }
        return runs[runs.count - 1].style
    }
}

/// A font face as fontconfig knows it: its family names (in all languages) and its file.
public struct FontFace: Sendable, Equatable {
    public var families: [String]
    public var file: String

    /// Whether the face is one of the families of a chain.
    public func belongs(to chain: [String]) -> Bool {
        families.contains { family in chain.contains { $0.caseInsensitiveCompare(family) == .orderedSame } }
    }
}

/// A character drawn by a font outside its style's chain: a glyph of another style in the text.
public struct FontFallback: Sendable, Hashable {
    public var character: Character
    public var family: String
    public var chain: [String]
}

/// A shaping result with the fallbacks met while shaping it.
struct Shaped<Value> {
    var value: Value
    var fallbacks: [FontFallback]
}

/// Shaping results by request, for short texts only (labels, table cells, headings: what comes
/// back in every report; a report's paragraphs do not), emptied when full: memory stays flat.
struct ShapeCache<Key: Hashable, Value> {
    private var entries: [Key: Shaped<Value>] = [:]
    private let limit = 3000

    /// Whether text this long is worth keeping.
    static func holds(_ runs: [StyledRun]) -> Bool {
        runs.reduce(0) { $0 + $1.text.utf8.count } <= 120
    }

    subscript(key: Key) -> Shaped<Value>? {
        get { entries[key] }
        set {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = newValue
        }
    }
}
