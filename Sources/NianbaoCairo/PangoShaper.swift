import CPangoCairo
import NianbaoLayout

/// Shapes text with Pango on a font map of its own: 72 dpi, no hinting, no glyph-position rounding,
/// language zh-cn. One per render job; it must never be shared between threads (it is not Sendable).
public final class PangoShaper: TextShaper {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    /// Fonts in order of first use; a `FontID` indexes this list.
    private var fonts: [UnsafeMutablePointer<PangoFont>] = []
    private var fontIDs: [UnsafeMutablePointer<PangoFont>: FontID] = [:]

    public init() {
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
    func scaledFont(_ id: FontID) -> OpaquePointer {
        pango_cairo_font_get_scaled_font(OpaquePointer(fonts[id.rawValue]))
    }

    public func shape(_ request: ShapeRequest) -> ShapedParagraph {
        let text = request.text
        let bytes = Array(text.utf8)
        let layout = pango_layout_new(context)!
        defer { unref(layout) }
        pango_layout_set_text(layout, text, Int32(bytes.count))
        pango_layout_set_attributes(layout, attributes(for: request.runs))
        if let width = request.width {
            pango_layout_set_width(layout, pangoUnits(width))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_indent(layout, pangoUnits(request.firstLineIndent))

        var lines: [ShapedLine] = []
        var missing: [Character] = []
        let count = pango_layout_get_line_count(layout)
        for index in 0..<count {
            guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
            lines.append(shapedLine(line, bytes: bytes, request: request,
                                    x: index == 0 ? request.firstLineIndent : 0, missing: &missing))
        }
        return ShapedParagraph(lines: lines, missingCharacters: missing)
    }

    /// Font, size and letter spacing of each run as a Pango attribute list.
    private func attributes(for runs: [StyledRun]) -> OpaquePointer {
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
            if run.style.compressPunctuation {
                var offset = start
                for character in run.text {
                    let length = character.utf8.count
                    if PangoShaper.compressible.contains(character) {
                        insert(pango_attr_font_features_new("halt"), into: list, from: offset, to: offset + length)
                    }
                    offset += length
                }
            }
            start = end
        }
        return list
    }

    /// Full-width marks whose blank half `halt` removes.
    private static let compressible: Set<Character> = Set("，。、；：？！）》」』”’〕】（《「『“‘〔【")

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

    private func shapedLine(_ line: UnsafeMutablePointer<PangoLayoutLine>, bytes: [UInt8], request: ShapeRequest,
                            x: Double, missing: inout [Character]) -> ShapedLine {
        var logical = PangoRectangle()
        pango_layout_line_get_extents(line, nil, &logical)
        var runs: [GlyphRun] = []
        var pen = 0.0
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
            var glyphs: [Glyph] = []
            var clusters: [GlyphCluster] = []
            var g = 0
            let n = Int(glyphString.num_glyphs)
            while g < n {
                // A cluster: from a cluster-start glyph up to the next one.
                var end = g + 1
                while end < n && glyphString.glyphs[end].attr.is_cluster_start == 0 { end += 1 }
                let byteStart = itemStart + Int(glyphString.log_clusters[g])
                let byteEnd = end < n ? itemStart + Int(glyphString.log_clusters[end]) : itemEnd
                let clusterText = String(decoding: bytes[byteStart..<byteEnd], as: UTF8.self)
                var drawn = 0
                for k in g..<end {
                    let info = glyphString.glyphs[k]
                    var id = info.glyph
                    let advance = points(info.geometry.width)
                    defer { pen += advance }
                    if id == PANGO_GLYPH_EMPTY { continue }
                    if id & PANGO_GLYPH_UNKNOWN_FLAG != 0 {
                        if let scalar = Unicode.Scalar(id & ~PANGO_GLYPH_UNKNOWN_FLAG) { missing.append(Character(scalar)) }
                        id = 0
                    }
                    glyphs.append(Glyph(id: id, x: pen + points(info.geometry.x_offset),
                                        y: points(info.geometry.y_offset), advance: advance))
                    drawn += 1
                }
                if drawn > 0 {
                    clusters.append(GlyphCluster(text: clusterText, glyphCount: drawn))
                } else if !clusterText.allSatisfy(\.isWhitespace), !clusters.isEmpty {
                    clusters[clusters.count - 1].text += clusterText   // keep the text of an invisible mark
                }
                g = end
            }
            if !glyphs.isEmpty {
                runs.append(GlyphRun(font: fontID(font), size: size(at: itemStart, in: request.runs),
                                     glyphs: glyphs, clusters: clusters))
            }
        }
        return ShapedLine(runs: runs, x: x, width: pen, ascent: points(-logical.y),
                          descent: points(logical.height + logical.y))
    }

    private func size(at byteOffset: Int, in runs: [StyledRun]) -> Double {
        var start = 0
        for run in runs {
            start += run.text.utf8.count
            if byteOffset < start { return run.style.size }
        }
        return runs.last?.style.size ?? 0
    }
}
