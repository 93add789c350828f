import CPangoCairo
import NianbaoLayout
import NianbaoShaping
import NianbaoPDF

/// A page as a PNG image, drawn from the same layout as the PDF.
public enum PNGWriter {
    /// `images`: the report's pictures by path, as for the PDF.
    public static func bytes(of page: Page, shaper: PangoShaper, images: [String: RasterImage] = [:], dpi: Double = 96) throws -> [UInt8] {
        let scale = dpi / 72
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((page.width * scale).rounded()),
                                                       Int32((page.height * scale).rounded())),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw PaintError(description: "page \(page.number) at \(dpi) dpi is too large an image for cairo")
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        PagePainter(shaper: shaper, images: images).paint(page, on: cr)
        cairo_surface_flush(surface)
        var png: [UInt8] = []
        let status = withUnsafeMutablePointer(to: &png) { pointer in
            cairo_surface_write_to_png_stream(surface, { closure, data, length in
                closure!.assumingMemoryBound(to: [UInt8].self).pointee.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, pointer)
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaintError(description: "page \(page.number) could not be made a PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        return png
    }
}
