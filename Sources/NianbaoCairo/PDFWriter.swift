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
/// given the shaper's fonts, PNG pictures decoded by cairo and the Deflater's compression.
public enum PDFWriter {
    /// `outputProfile`: an sRGB ICC profile, to make the file PDF/A-2b.
    /// Returns the milliseconds spent on the pages' content and on finishing the file, and the
    /// file's bytes (to hash without reading them back).
    @discardableResult
    public static func write(_ document: LaidOutDocument, shaper: PangoShaper, deflater: Deflater = Deflater(), to path: String,
                             outputProfile: [UInt8]? = nil) throws -> (content: Double, finish: Double, bytes: [UInt8]) {
        let writer = TaggedPDFWriter(fontSource: { shaper.fontSource(of: $0) }, loadImage: RasterFile.load,
                                     deflate: deflater.deflate(_:effort:), producer: document.info.creator, outputProfile: outputProfile)
        let result: (pdf: [UInt8], content: Double, finish: Double)
        do { result = try writer.bytes(of: document) } catch let error as PDFWriteError {
            throw PaintError(description: error.description)
        }
        try OutputFile(path).write(result.pdf)
        return (result.content, result.finish, result.pdf)
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
