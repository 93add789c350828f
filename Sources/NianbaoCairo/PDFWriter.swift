import CPangoCairo
import Glibc
import NianbaoLayout
import NianbaoModel

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

/// Writes a laid-out document as a tagged PDF: pages in structure elements, Info metadata (with a
/// fixed date, so output is reproducible), bookmarks, then the additions of
/// `PDFArchiveUpdate` (PDF/A-2b when given an output profile).
public enum PDFWriter {
    /// `outputProfile`: an sRGB ICC profile, to make the file PDF/A-2b.
    /// Returns the milliseconds spent drawing, in cairo's finish (font subsetting, compression) and
    /// in the update.
    @discardableResult
    public static func write(_ document: LaidOutDocument, shaper: PangoShaper, to path: String,
                             outputProfile: [UInt8]? = nil) throws -> (draw: Double, finish: Double, update: Double) {
        var stopwatch = Stopwatch()
        var (pdf, figureAlternates, draw, finish) = try bytes(of: document, shaper: shaper, stopwatch: &stopwatch)
        try PDFArchiveUpdate(info: document.info, figureAlternates: figureAlternates, outputProfile: outputProfile).apply(to: &pdf)
        let update = stopwatch.lap()
        let file = try OutputFile(path)
        _ = pdf.withUnsafeBufferPointer { file.write($0.baseAddress!, length: $0.count) }
        if let failure = file.failure { throw PaintError(description: "\(path): cannot be written: \(failure)", reason: failure) }
        return (draw, finish, update)
    }

    /// cairo's PDF of the document, in memory, and the milliseconds of drawing and of cairo's finish.
    private static func bytes(of document: LaidOutDocument, shaper: PangoShaper, stopwatch: inout Stopwatch)
        throws -> (pdf: [UInt8], figureAlternates: [String], draw: Double, finish: Double) {
        let sink = ByteSink()
        let first = document.pages.first
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), first?.width ?? 595.276, first?.height ?? 841.89)!
        defer { cairo_surface_destroy(surface) }
        setMetadata(document.info, on: surface)
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let painter = PagePainter(shaper: shaper)
        let tagger = StructureTagger(cr: cr, pages: document.pages)
        for (index, page) in document.pages.enumerated() {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            painter.paint(page, on: cr, tagger: tagger, nextPage: index + 1 < document.pages.count ? document.pages[index + 1] : nil)
            cairo_show_page(cr)
        }
        tagger.finishDocument()
        addOutline(document.outline, to: surface)
        let draw = stopwatch.lap()
        cairo_surface_finish(surface)
        let finish = stopwatch.lap()
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaintError(description: "cairo failed: \(String(cString: cairo_status_to_string(status)))")
        }
        return (sink.bytes, tagger.figureAlternates, draw, finish)
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

/// Collects cairo's output.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// A file opened for writing, remembering the first write that failed (disk full, file too large).
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
