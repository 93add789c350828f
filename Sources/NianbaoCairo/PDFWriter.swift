import CPangoCairo
import Glibc
import NianbaoLayout

/// Errors from cairo while writing output.
public struct PaintError: Error, CustomStringConvertible {
    /// What went wrong, without the file's name.
    public var reason: String
    public var description: String

    init(description: String, reason: String? = nil) {
        self.description = description
        self.reason = reason ?? description
    }
}

/// Writes a laid-out document as PDF: pages, Info metadata (with a fixed date, so output is
/// reproducible) and bookmarks.
public enum PDFWriter {
    public static func write(_ document: LaidOutDocument, shaper: PangoShaper, to path: String) throws {
        let file = try OutputFile(path)
        let first = document.pages.first
        // Through our own stream, so that a failed write (disk full, file too large) is seen:
        // cairo's own file output does not report it.
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            return Unmanaged<OutputFile>.fromOpaque(closure).takeUnretainedValue().write(data, length: Int(length))
        }, Unmanaged.passUnretained(file).toOpaque(), first?.width ?? 595.276, first?.height ?? 841.89)!
        defer { cairo_surface_destroy(surface) }
        setMetadata(document.info, on: surface)
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let painter = PagePainter(shaper: shaper)
        for page in document.pages {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            painter.paint(page, on: cr)
            cairo_show_page(cr)
        }
        addOutline(document.outline, to: surface)
        cairo_surface_finish(surface)
        if let failure = file.failure { throw PaintError(description: "\(path): cannot be written: \(failure)", reason: failure) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaintError(description: "writing \(path) failed: \(String(cString: cairo_status_to_string(status)))")
        }
    }

    private static func setMetadata(_ info: DocumentInfo, on surface: OpaquePointer) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, info.keywords)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, info.creator)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.creationDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, info.creationDate)
    }

    /// Nests entries by level under the nearest shallower entry before them.
    private static func addOutline(_ entries: [OutlineEntry], to surface: OpaquePointer) {
        var parents: [(level: Int, id: Int32)] = []
        for entry in entries {
            while let last = parents.last, last.level >= entry.level { parents.removeLast() }
            let parent = parents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let target = "page=\(entry.page) pos=[0 \(Int(entry.y.rounded(.down)))]"
            let id = cairo_pdf_surface_add_outline(surface, parent, entry.title, target, cairo_pdf_outline_flags_t(rawValue: 0))
            parents.append((entry.level, id))
        }
    }
}

/// A file opened for cairo's output stream, remembering the first write that failed.
final class OutputFile {
    private let descriptor: Int32
    private(set) var failure: String?

    init(_ path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PaintError(description: "\(path): cannot be created: \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    func write(_ data: UnsafePointer<UInt8>, length: Int) -> cairo_status_t {
        guard failure == nil else { return CAIRO_STATUS_WRITE_ERROR }
        var done = 0
        while done < length {
            let written = Glibc.write(descriptor, data + done, length - done)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                failure = String(cString: strerror(written < 0 ? errno : ENOSPC))
                return CAIRO_STATUS_WRITE_ERROR
            }
            done += written
        }
        return CAIRO_STATUS_SUCCESS
    }
}
