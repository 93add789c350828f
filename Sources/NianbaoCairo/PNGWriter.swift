import CPangoCairo
import NianbaoLayout

/// Writes a page as a PNG image, drawn from the same layout as the PDF.
public enum PNGWriter {
    public static func write(_ page: Page, shaper: PangoShaper, to path: String, dpi: Double = 96) throws {
        let scale = dpi / 72
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((page.width * scale).rounded()),
                                                 Int32((page.height * scale).rounded()))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        PagePainter(shaper: shaper).paint(page, on: cr)
        cairo_surface_flush(surface)
        let status = cairo_surface_write_to_png(surface, path)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaintError(description: "writing \(path) failed: \(String(cString: cairo_status_to_string(status)))")
        }
    }
}
