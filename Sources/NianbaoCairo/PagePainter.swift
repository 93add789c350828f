import CPangoCairo
import NianbaoLayout
import NianbaoShaping
import NianbaoPDF

/// Draws laid-out pages on a cairo context: glyphs, rules and images, in the order our PDF writer
/// draws them (content in reading order, then page furniture). For the PNG previews, and with a
/// tagger for the cairo PDF engine: content in its structure elements, glyphs with their text.
struct PagePainter {
    let shaper: PangoShaper
    /// The report's pictures by path.
    let images: [String: RasterImage]

    func paint(_ page: Page, on cr: OpaquePointer, tagger: StructureTagger? = nil, nextPage: Page? = nil) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        tagger?.startPage(page.number)
        for item in page.items {
            switch item {
            case .text(let line) where !line.structure.isEmpty: draw(line, on: cr, tagger: tagger)
            case .image(let image) where !image.structure.isEmpty:
                tagger?.enter(image.structure)
                draw(image, on: cr)
            case .emptyElement(let path): tagger?.enter(path)
            default: continue
            }
        }
        tagger?.finishPage(next: nextPage?.structurePaths.first)
        for item in page.items {
            switch item {
            case .text(let line) where line.structure.isEmpty: draw(line, on: cr, tagger: nil)
            case .image(let image) where image.structure.isEmpty: draw(image, on: cr)
            case .rule(let rule): draw(rule, on: cr)
            default: continue
            }
        }
    }

    /// The line's glyph runs; with a tagger, cut where its clusters change structure element and
    /// shown with their text (cairo's ToUnicode and ActualText come from it).
    private func draw(_ placed: PlacedLine, on cr: OpaquePointer, tagger: StructureTagger?) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_translate(cr, placed.origin.x, placed.origin.y)
        if placed.quarterTurns != 0 { cairo_rotate(cr, Double(placed.quarterTurns) * Double.pi / 2) }
        var structure = placed.structure[...]
        for run in placed.line.runs {
            cairo_set_scaled_font(cr, shaper.scaledFont(run.font))
            guard let tagger else {
                var glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.id), x: placed.line.x + $0.x, y: $0.y) }
                cairo_show_glyphs(cr, &glyphs, Int32(glyphs.count))
                continue
            }
            var clusterStart = 0, glyphStart = 0
            while clusterStart < run.clusters.count {
                var count = run.clusters.count - clusterStart
                if let current = structure.first {
                    tagger.enter(current.path)
                    count = min(count, current.clusters)
                    if current.clusters > count { structure[structure.startIndex].clusters -= count } else { structure.removeFirst() }
                }
                let clusters = run.clusters[clusterStart..<(clusterStart + count)]
                let glyphCount = clusters.reduce(0) { $0 + $1.glyphCount }
                show(run.glyphs[glyphStart..<(glyphStart + glyphCount)], clusters: clusters, lineX: placed.line.x, on: cr)
                clusterStart += count
                glyphStart += glyphCount
            }
        }
    }

    private func show(_ glyphs: ArraySlice<Glyph>, clusters: ArraySlice<GlyphCluster>, lineX: Double, on cr: OpaquePointer) {
        var cairoGlyphs = glyphs.map { cairo_glyph_t(index: UInt($0.id), x: lineX + $0.x, y: $0.y) }
        var cairoClusters: [cairo_text_cluster_t] = []
        var utf8: [CChar] = []
        for cluster in clusters {
            let bytes = Array(cluster.text.utf8CString.dropLast())
            utf8 += bytes
            cairoClusters.append(cairo_text_cluster_t(num_bytes: Int32(bytes.count), num_glyphs: Int32(cluster.glyphCount)))
        }
        cairo_show_text_glyphs(cr, utf8, Int32(utf8.count), &cairoGlyphs, Int32(cairoGlyphs.count),
                               &cairoClusters, Int32(cairoClusters.count), cairo_text_cluster_flags_t(rawValue: 0))
    }

    private func draw(_ rule: Rule, on cr: OpaquePointer) {
        cairo_set_line_width(cr, rule.width)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        cairo_move_to(cr, rule.from.x, rule.from.y)
        cairo_line_to(cr, rule.to.x, rule.to.y)
        cairo_stroke(cr)
    }

    private func draw(_ image: PlacedImage, on cr: OpaquePointer) {
        guard let raster = images[image.path], let surface = RasterFile.surface(of: raster) else { return }
        defer { cairo_surface_destroy(surface) }
        let width = Double(cairo_image_surface_get_width(surface))
        let height = Double(cairo_image_surface_get_height(surface))
        guard width > 0, height > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, image.frame.x, image.frame.y)
        cairo_scale(cr, image.frame.width / width, image.frame.height / height)
        cairo_set_source_surface(cr, surface, 0, 0)
        // A filled rectangle, not cairo_paint: cairo 1.16 fails the whole PDF ("invalid tag name,
        // attributes, or nesting") when a paint is the first marked content of a page.
        cairo_rectangle(cr, 0, 0, width, height)
        cairo_fill(cr)
        cairo_restore(cr)
    }
}
