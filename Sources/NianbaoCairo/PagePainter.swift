import CPangoCairo
import NianbaoLayout

/// Draws laid-out pages on a cairo context: glyphs with their text (so PDF text extracts exactly),
/// rules and images. The same drawing serves PDF and PNG surfaces.
struct PagePainter {
    let shaper: PangoShaper

    func paint(_ page: Page, on cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        for item in page.items {
            switch item {
            case .text(let line): draw(line, on: cr)
            case .rule(let rule): draw(rule, on: cr)
            case .image(let image): draw(image, on: cr)
            }
        }
    }

    private func draw(_ placed: PlacedLine, on cr: OpaquePointer) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_translate(cr, placed.origin.x, placed.origin.y)
        if placed.quarterTurns != 0 { cairo_rotate(cr, Double(placed.quarterTurns) * Double.pi / 2) }
        for run in placed.line.runs {
            cairo_set_scaled_font(cr, shaper.scaledFont(run.font))
            var glyphs = run.glyphs.map {
                cairo_glyph_t(index: UInt($0.id), x: placed.line.x + $0.x, y: $0.y)
            }
            var clusters: [cairo_text_cluster_t] = []
            var utf8: [CChar] = []
            for cluster in run.clusters {
                let bytes = Array(cluster.text.utf8CString.dropLast())
                utf8 += bytes
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(bytes.count), num_glyphs: Int32(cluster.glyphCount)))
            }
            cairo_show_text_glyphs(cr, utf8, Int32(utf8.count), &glyphs, Int32(glyphs.count),
                                   &clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
        }
    }

    private func draw(_ rule: Rule, on cr: OpaquePointer) {
        cairo_set_line_width(cr, rule.width)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        cairo_move_to(cr, rule.from.x, rule.from.y)
        cairo_line_to(cr, rule.to.x, rule.to.y)
        cairo_stroke(cr)
    }

    private func draw(_ image: PlacedImage, on cr: OpaquePointer) {
        guard let surface = cairo_image_surface_create_from_png(image.path),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return }
        defer { cairo_surface_destroy(surface) }
        let width = Double(cairo_image_surface_get_width(surface))
        let height = Double(cairo_image_surface_get_height(surface))
        guard width > 0, height > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, image.frame.x, image.frame.y)
        cairo_scale(cr, image.frame.width / width, image.frame.height / height)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}
