import CPangoCairo
import Glibc
import NianbaoLayout
import NianbaoModel
import NianbaoPDF

/// Errors while writing output.
public struct PaintError: Error, CustomStringConvertible {
    /// What went wrong, without the file's name.
    public var reason: String
    public var description: String

    init(description: String, reason: String? = nil) {
        self.description = description
        self.reason = reason ?? description
    }
}

/// Writes a laid-out document as a tagged PDF with nianbao's own writer (`TaggedPDFWriter`),
/// given the shaper's fonts, PNG pictures decoded by cairo and zlib's deflate.
public enum PDFWriter {
    /// `outputProfile`: an sRGB ICC profile, to make the file PDF/A-2b.
    /// Returns the milliseconds spent on the pages' content and on finishing the file.
    @discardableResult
    public static func write(_ document: LaidOutDocument, shaper: PangoShaper, to path: String,
                             outputProfile: [UInt8]? = nil) throws -> (content: Double, finish: Double) {
        let writer = TaggedPDFWriter(fontSource: { shaper.fontSource(of: $0) }, loadImage: RasterFile.load,
                                     deflate: Zlib.deflate, producer: document.info.creator, outputProfile: outputProfile)
        let result: (pdf: [UInt8], content: Double, finish: Double)
        do { result = try writer.bytes(of: document) } catch let error as PDFWriteError {
            throw PaintError(description: error.description)
        }
        try OutputFile(path).write(result.pdf)
        return (result.content, result.finish)
    }
}

/// zlib's deflate, for PDF's FlateDecode.
public enum Zlib {
    public static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(bytes.count), Z_DEFAULT_COMPRESSION)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        out.removeLast(out.count - Int(length))
        return out
    }
}

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
                for (k, shift) in [16, 8, 0].enumerated() {
                    let value = Int((pixel >> UInt32(shift)) & 0xFF)
                    rgb[3 * i + k] = a == 0 ? 255 : UInt8(min(255, (value * 255 + a / 2) / a))
                }
            }
        }
        return RasterImage(width: width, height: height, rgb: rgb, alpha: alpha.allSatisfy { $0 == 255 } ? nil : alpha)
    }
}

/// A file opened for writing; a failed write (disk full, file too large) throws with its reason.
final class OutputFile {
    private let descriptor: Int32
    private let path: String

    init(_ path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PaintError(description: "\(path): cannot be created: \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var done = 0
            while done < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    let failure = String(cString: strerror(written < 0 ? errno : ENOSPC))
                    throw PaintError(description: "\(path): cannot be written: \(failure)", reason: failure)
                }
                done += written
            }
        }
    }
}
