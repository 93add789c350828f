import CPangoCairo
import NianbaoLayout
import NianbaoShaping
import NianbaoModel
import NianbaoPDF

/// The second engine: the same laid-out pages painted on cairo's PDF surface, with the outline,
/// links, metadata and structure tree through cairo's own API (cairo 1.16's tags), cairo's own
/// font subsetting, and what cairo 1.16 cannot write (/Lang, dates readers accept, figure /Alt,
/// and for PDF/A the XMP and the output intent) added by `PDFArchiveUpdate`.
public enum CairoPDFEngine {
    /// The file's bytes, and the milliseconds spent drawing and in cairo's finish (fonts, compression).
    public static func bytes(of document: LaidOutDocument, shaper: PangoShaper, images: [String: RasterImage] = [:],
                             outputProfile: [UInt8]? = nil) throws -> (content: Double, finish: Double, bytes: [UInt8]) {
        var stopwatch = Stopwatch()
        let sink = ByteSink()
        let first = document.pages.first
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), first?.width ?? 595.276, first?.height ?? 841.89) else {
            throw PaintError(description: "cairo could not make a PDF surface")
        }
        defer { cairo_surface_destroy(surface) }
        setMetadata(document.info, on: surface)
        guard let cr = cairo_create(surface) else { throw PaintError(description: "cairo could not make a context") }
        defer { cairo_destroy(cr) }
        let painter = PagePainter(shaper: shaper, images: images)
        let tagger = StructureTagger(cr: cr, pages: document.pages)
        for (index, page) in document.pages.enumerated() {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            painter.paint(page, on: cr, tagger: tagger, nextPage: index + 1 < document.pages.count ? document.pages[index + 1] : nil)
            cairo_show_page(cr)
        }
        tagger.finishDocument()
        addOutline(document.outline, pages: document.pages, to: surface)
        let content = stopwatch.lap()
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaintError(description: "cairo failed: \(String(cString: cairo_status_to_string(status)))")
        }
        var pdf = sink.bytes
        try PDFArchiveUpdate(info: document.info, figureAlternates: tagger.figureAlternates, outputProfile: outputProfile).apply(to: &pdf)
        return (content, stopwatch.lap(), pdf)
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

    /// Nests entries by level under the nearest shallower entry before them, all open, each
    /// pointing where its heading is (a landscape page as a whole), as our writer's outline does.
    private static func addOutline(_ entries: [OutlineEntry], pages: [Page], to surface: OpaquePointer) {
        var parents: [(level: Int, id: Int32)] = []
        for entry in entries {
            while let last = parents.last, last.level >= entry.level { parents.removeLast() }
            let parent = parents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let page = min(max(entry.page, 1), max(pages.count, 1))
            let target = "page=\(page) pos=[0 \(Int(entry.y.rounded(.down)))]"
            let id = cairo_pdf_surface_add_outline(surface, parent, entry.title, target, CAIRO_PDF_OUTLINE_FLAG_OPEN)
            parents.append((entry.level, id))
        }
    }
}

/// Collects cairo's output.
private final class ByteSink {
    var bytes: [UInt8] = []
}
