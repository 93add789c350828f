import CPangoCairo
import NianbaoPDF

/// PNG pictures decoded by cairo (libpng) from bytes already read, into the writer's RGB and alpha
/// planes, and drawn back for the PNG previews.
public enum RasterFile {
    /// The pixels, or why the bytes do not decode completely (a truncated file, a bad checksum).
    public static func decode(_ bytes: [UInt8]) -> Result<RasterImage, DecodeFailure> {
        var reader = ByteReader(bytes: bytes)
        let surface = withUnsafeMutablePointer(to: &reader) { pointer in
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                let reader = closure!.assumingMemoryBound(to: ByteReader.self)
                return reader.pointee.read(into: data!, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, pointer)
        }
        guard let surface else { return .failure(DecodeFailure(reason: "cairo could not make an image")) }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            // libpng's errors (a bad checksum, damaged compressed data) reach us as cairo's read
            // error or, for some, as "out of memory": neither is about memory here.
            let why = status == CAIRO_STATUS_READ_ERROR || status == CAIRO_STATUS_NO_MEMORY
                ? "the file ends early or its data is damaged" : String(cString: cairo_status_to_string(status))
            return .failure(DecodeFailure(reason: why))
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface) else {
            return .failure(DecodeFailure(reason: "it holds no pixels"))
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var alpha = [UInt8](repeating: 255, count: width * height)
        var opaque = true
        for row in 0..<height {
            let pixels = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = pixels[column]   // premultiplied ARGB in native byte order
                let a = hasAlpha ? Int(pixel >> 24) : 255
                let i = row * width + column
                alpha[i] = UInt8(a)
                if a != 255 { opaque = false }
                rgb[3 * i] = unpremultiplied(pixel >> 16, alpha: a)
                rgb[3 * i + 1] = unpremultiplied(pixel >> 8, alpha: a)
                rgb[3 * i + 2] = unpremultiplied(pixel, alpha: a)
            }
        }
        return .success(RasterImage(width: width, height: height, rgb: rgb, alpha: opaque ? nil : alpha))
    }

    /// Why a picture does not decode.
    public struct DecodeFailure: Error, Sendable {
        public var reason: String
    }

    /// The image as a cairo surface (premultiplied ARGB), for drawing it on a preview page.
    static func surface(of image: RasterImage) -> OpaquePointer? {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<image.height {
            let pixels = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<image.width {
                let i = row * image.width + column
                let a = UInt32(image.alpha?[i] ?? 255)
                func channel(_ offset: Int) -> UInt32 { (UInt32(image.rgb[3 * i + offset]) * a + 127) / 255 }
                pixels[column] = a << 24 | channel(0) << 16 | channel(1) << 8 | channel(2)
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }

    /// A channel (the low byte of `channel`) with cairo's premultiplication undone; white where
    /// the pixel is fully transparent.
    private static func unpremultiplied(_ channel: UInt32, alpha: Int) -> UInt8 {
        guard alpha > 0 else { return 255 }
        return UInt8(min(255, (Int(channel & 0xFF) * 255 + alpha / 2) / alpha))
    }
}

/// Hands cairo's PNG reader the bytes in order; asking past the end is a read error (a truncated file).
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= bytes.count - offset else { return false }
        bytes.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: count) }
        offset += count
        return true
    }
}
