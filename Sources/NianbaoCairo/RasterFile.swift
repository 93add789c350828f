import CPangoCairo
import NianbaoPDF

/// PNG pictures decoded by cairo into the writer's RGB and alpha planes.
enum RasterFile {
    static func load(_ path: String) -> RasterImage? {
        guard let surface = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface) else { return nil }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var alpha = [UInt8](repeating: 255, count: width * height)
        for row in 0..<height {
            let pixels = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = pixels[column]   // premultiplied ARGB in native byte order
                let a = hasAlpha ? Int(pixel >> 24) : 255
                let i = row * width + column
                alpha[i] = UInt8(a)
                rgb[3 * i] = unpremultiplied(pixel >> 16, alpha: a)
                rgb[3 * i + 1] = unpremultiplied(pixel >> 8, alpha: a)
                rgb[3 * i + 2] = unpremultiplied(pixel, alpha: a)
            }
        }
        return RasterImage(width: width, height: height, rgb: rgb, alpha: alpha.allSatisfy { $0 == 255 } ? nil : alpha)
    }

    /// A channel (the low byte of `channel`) with cairo's premultiplication undone; white where
    /// the pixel is fully transparent.
    private static func unpremultiplied(_ channel: UInt32, alpha: Int) -> UInt8 {
        guard alpha > 0 else { return 255 }
        return UInt8(min(255, (Int(channel & 0xFF) * 255 + alpha / 2) / alpha))
    }
}
