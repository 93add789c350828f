import CPangoCairo
import NianbaoLayout
import NianbaoPDF

/// Draws laid-out pages on a cairo context, for the PNG previews: glyphs, rules and images, in the
/// order the PDF writer draws them (content, then page furniture).
struct PagePainter {
    let shaper: PangoShaper
    /// The report's pictures by path.
    let images: [String: RasterImage]

    func paint(_ page: Page, on cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        for item in page.items {
            switch item {
            case .text(let line) where !line.structure.isEmpty: draw(line, on: cr)
            case .image(let image) where !image.structure.isEmpty: draw(image, on: cr)
            default: continue
            }
        }
        for item in page.items {
            switch item {
            case .text(let line) where line.structure.isEmpty: draw(line, on: cr)
            case .image(let image) where image.structure.isEmpty: draw(image, on: cr)
            case .rule(let rule): draw(rule, on: cr)
            default: continue
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
            var glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.id), x: placed.line.x + $0.x, y: $0.y) }
            cairo_show_glyphs(cr, &glyphs, Int32(glyphs.count))
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
        guard let raster = images[image.path], let surface = RasterFile.surface(of: raster) else { return }
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
