import Foundation
import NianbaoModel
import NianbaoLayout
import NianbaoCairo
import NianbaoShaping
import NianbaoSystem
import NianbaoPDF
import NianbaoSegmenter

/// nianbao's version, written into every PDF's Creator field.
public let nianbaoVersion = "0.1.0"

/// Which engine paints the PDF.
public enum PDFEngine: String, Sendable, CaseIterable {
    /// nianbao's own writer (NianbaoPDF), fonts subset by HarfBuzz: the default, faster and smaller.
    case nianbao
    /// cairo's PDF surface, fonts subset by cairo, with the additions cairo 1.16 lacks.
    case cairo
}

/// What to render and where.
public struct RenderOptions: Sendable {
    /// Folder the PDF (and PNGs) go to; created if missing.
    public var outputDirectory: String = "output"
    /// Layout name (`gbt9704`) or path to a layout file.
    public var layout: String = "gbt9704"
    /// Also write one PNG per page.
    public var png = false
    public var pngDPI: Double = 96
    /// Render even when the tables' numbers contradict each other; the problems are listed.
    public var allowInconsistent = false
    /// Last year's report: fills and checks the figures that carry over (上一年项目数量, 现行有效件数).
    public var previous: String?
    /// Render even when some character has no font (it shows as an empty box); listed as warnings.
    public var allowMissingGlyphs = false
    /// Accept figure images outside the report's folder (absolute paths, `../`).
    public var allowOutsideImages = false
    /// Read a report file that is a symbolic link (by default refused unread: a link planted in an
    /// uploaded folder could name any file of the machine).
    public var followSymlinks = false
    /// Write PDF/A-2b: XMP metadata and an sRGB output intent.
    public var pdfa = false
    /// The engine that paints the PDF (the PNG previews are always cairo's).
    public var engine = PDFEngine.nianbao
    /// The PDF's path below `outputDirectory` (`市直/财政局.pdf`); by default `NAME.pdf`. PNGs go
    /// beside it. Nothing is written through a symbolic link below `outputDirectory`.
    public var outputFile: String?
    /// Flush each file to disk before renaming it into place. A batch turns this off and flushes
    /// its whole output once at the end: a file lost to a power cut is found by its hash in the
    /// manifest and rendered again.
    public var flushEachFile = true

    public init() {}
}

/// Milliseconds spent in each step of one render.
public struct Timings: Sendable {
    /// Decoding, validation, document tree.
    public var parse = 0.0
    /// Shaping and the page loop.
    public var layout = 0.0
    /// The part of `layout` spent shaping text (Pango, HarfBuzz) that was not cached.
    public var shaping = 0.0
    /// The PDF in memory: `content` + `finish`.
    public var paint = 0.0
    /// The pages' content streams and structure tree.
    public var content = 0.0
    /// Font subsetting, compression, the PDF's objects.
    public var finish = 0.0
    /// Writing the file (and PNGs).
    public var write = 0.0

    public init() {}
}

/// A font role of a layout and the face that serves it.
public struct RoleFont: Sendable {
    public var role: String
    public var size: Double
    /// The role's chain, as the layout names it.
    public var asked: [String]
    /// The face fontconfig gives for a common ideograph, and its file.
    public var family: String
    public var file: String
    /// False when no family of the chain is installed and fontconfig fell back to another font.
    public var inChain: Bool
}

/// What one render produced.
public struct RenderResult: Sendable {
    public var pdf: String
    /// SHA-256 of the report file's bytes that were rendered, hex.
    public var inputSHA256: String
    /// SHA-256 of the PDF, hex.
    public var pdfSHA256: String
    /// The PDF's size.
    public var bytes: Int
    public var pngs: [String]
    public var pages: Int
    public var warnings: [String]
    public var timings: Timings
    /// The layout and template files the render read.
    public var sources: [String]
    /// The font files its glyphs come from, sorted.
    public var fontFiles: [String]
}

/// The public entry point: report file in, PDF out. A renderer holds one font map and must stay on
/// the thread (or task) that made it; make one per worker to render in parallel.
public final class Renderer {
    public let locator: ResourceLocator
    /// Made when first needed, after the report is read: fontconfig loads meanwhile.
    private lazy var shaper: PangoShaper = {
        for folder in locator.fontDirectories { FontDirectories.register(folder) }   // before any font map
        return PangoShaper()
    }()
    /// Kept from report to report: its compressors' working memory is large.
    private let deflater = Deflater()
    private let segmenter = ICUWordSegmenter()
    private var layouts: [String: LayoutSpec] = [:]
    private var templates: [String: TemplateSet] = [:]

    public init(locator: ResourceLocator = ResourceLocator()) {
        self.locator = locator
        FontDirectories.loadConfigurationInBackground()
    }

    /// Reads, validates and lays out a report without writing anything; returns its warnings,
    /// throws its errors (a character no font has among them).
    public func check(_ reportPath: String, layout: String = "gbt9704", allowInconsistent: Bool = false,
                      previous: String? = nil, followSymlinks: Bool = false) throws -> [Diagnostic] {
        let prepared = try prepare(reportPath, layout: layout, allowInconsistent: allowInconsistent, previous: previous,
                                   followSymlinks: followSymlinks)
        let (document, fallbacks) = laidOut(prepared, reportPath: reportPath)
        let missing = missingGlyphDiagnostics(document, spec: prepared.spec, reportPath: reportPath, severity: .error)
        if !missing.isEmpty { throw InputError(missing) }
        try checkFits(document, reportPath: reportPath)
        return prepared.warnings + skippedFonts() + fallbacks
    }

    /// Decodes, validates, lays out and writes one report.
    public func render(_ reportPath: String, options: RenderOptions = RenderOptions()) throws -> RenderResult {
        var timings = Timings()
        var stopwatch = Stopwatch()

        let prepared = try prepare(reportPath, layout: options.layout, allowInconsistent: options.allowInconsistent,
                                   previous: options.previous, allowOutsideImages: options.allowOutsideImages,
                                   followSymlinks: options.followSymlinks)
        timings.parse = stopwatch.lap()
        let outputProfile = options.pdfa ? try locator.outputProfile() : nil
        let (document, fallbacks) = laidOut(prepared, reportPath: reportPath)
        let missing = missingGlyphDiagnostics(document, spec: prepared.spec, reportPath: reportPath,
                                              severity: options.allowMissingGlyphs && !options.pdfa ? .warning : .error)
        // PDF/A forbids drawing .notdef, so a missing character stays an error there.
        if (!options.allowMissingGlyphs || options.pdfa) && !missing.isEmpty { throw InputError(missing) }
        try checkFits(document, reportPath: reportPath)
        timings.layout = stopwatch.lap()
        timings.shaping = shaper.takeShapingTime()

        let name = URL(fileURLWithPath: reportPath).deletingPathExtension().lastPathComponent
        let relative = options.outputFile ?? "\(name).pdf"
        let stem = relative.hasSuffix(".pdf") ? String(relative.dropLast(4)) : relative
        let pngs = options.png ? document.pages.map { "\(stem)-\($0.number).png" } : []
        for file in [relative] + pngs { try AtomicFile.checkNames(file, below: options.outputDirectory) }
        let steps = switch options.engine {
        case .nianbao: try PDFWriter.bytes(of: document, shaper: shaper, deflater: deflater, images: prepared.images,
                                           outputProfile: outputProfile)
        case .cairo: try CairoPDFEngine.bytes(of: document, shaper: shaper, images: prepared.images, outputProfile: outputProfile)
        }
        timings.paint = stopwatch.lap()
        (timings.content, timings.finish) = (steps.content, steps.finish)
        try AtomicFile.write(steps.bytes, to: relative, below: options.outputDirectory, flush: options.flushEachFile)
        timings.write = stopwatch.lap()
        for (page, png) in zip(document.pages, pngs) {
            let bytes = try PNGWriter.bytes(of: page, shaper: shaper, images: prepared.images, dpi: options.pngDPI)
            try AtomicFile.write(bytes, to: png, below: options.outputDirectory, flush: options.flushEachFile)
        }
        timings.write += stopwatch.lap()
        let fonts = Set(document.pages.flatMap { $0.lines.flatMap { $0.line.runs.map(\.font) } })
        return RenderResult(pdf: "\(options.outputDirectory)/\(relative)", inputSHA256: prepared.inputSHA256,
                            pdfSHA256: Digest.hex(steps.bytes), bytes: steps.bytes.count,
                            pngs: pngs.map { "\(options.outputDirectory)/\($0)" }, pages: document.pages.count,
                            warnings: (prepared.warnings + skippedFonts() + fallbacks + missing).map(\.description), timings: timings,
                            sources: [prepared.layoutFile, prepared.templateFile], fontFiles: shaper.files(of: fonts))
    }

    /// Lays out a report without painting, for tests and tools that inspect pages.
    public func layout(_ reportPath: String, layout: String = "gbt9704", allowInconsistent: Bool = false) throws -> LaidOutDocument {
        self.layout(try prepare(reportPath, layout: layout, allowInconsistent: allowInconsistent))
    }

    /// Per font role of the layout: the families asked for and the face fontconfig gives (its file).
    public func fonts(layout: String = "gbt9704") throws -> [RoleFont] {
        let spec = try self.spec(layout).spec
        return FontRole.allCases.map { role in
            let style = spec.style(role)
            let face = shaper.face(for: style)
            return RoleFont(role: role.rawValue, size: style.size, asked: style.families,
                            family: face?.families.first ?? "none", file: face?.file ?? "",
                            inChain: face?.belongs(to: style.families) ?? false)
        }
    }

    /// The characters of a report that no font of their role's chain has (errors) or that a font
    /// of another style draws (warnings).
    public func glyphProblems(_ reportPath: String, layout: String = "gbt9704", followSymlinks: Bool = false) throws -> [Diagnostic] {
        let prepared = try prepare(reportPath, layout: layout, allowInconsistent: true, followSymlinks: followSymlinks)
        let (document, fallbacks) = laidOut(prepared, reportPath: reportPath)
        return missingGlyphDiagnostics(document, spec: prepared.spec, reportPath: reportPath, severity: .error) + fallbacks
    }

    /// The report's text in reading order, one paragraph or table cell per line, as the PDF holds it.
    /// Its numbers are printed as written, consistent or not.
    public func text(_ reportPath: String, layout: String = "gbt9704", tableCells: Bool = true,
                     followSymlinks: Bool = false) throws -> String {
        let prepared = try prepare(reportPath, layout: layout, allowInconsistent: true, followSymlinks: followSymlinks)
        return PlainText.lines(of: prepared.blocks, tableCells: tableCells).joined(separator: "\n") + "\n"
    }

    /// A warning for each font file of the project's fonts/ that was skipped as damaged.
    private func skippedFonts() -> [Diagnostic] {
        FontDirectories.skipped.map { font in
            Diagnostic(.warning, at: SourceLocation(file: font.file, line: 1, column: 1), field: "font",
                       Message("this font file is skipped: \(font.reason.en); its roles use the next fonts of their chains",
                               "已跳过此字体文件：\(font.reason.zh)；相应字体角色改用字体链中的下一个字体"))
        }
    }

    /// One message per block with characters no font of its role's chain has: the characters and
    /// their code points, where they are, and the chain; at most 20 blocks, then a count.
    private func missingGlyphDiagnostics(_ document: LaidOutDocument, spec: LayoutSpec, reportPath: String,
                                         severity: Diagnostic.Severity) -> [Diagnostic] {
        var blocks: [(key: String, glyphs: [MissingGlyph])] = []
        for glyph in document.missingGlyphs {
            let key = "\(glyph.location?.description ?? "")|\(glyph.place)"
            if let i = blocks.firstIndex(where: { $0.key == key }) { blocks[i].glyphs.append(glyph) } else { blocks.append((key, [glyph])) }
        }
        var diagnostics = blocks.prefix(20).map { _, glyphs in
            let first = glyphs[0]
            let chains = first.roles.map { "\($0.rawValue) (\(spec.style($0).families.joined(separator: ", ")))" }
            let named = glyphs.prefix(8).map { "\($0.character) (\($0.codePoint))" }.joined(separator: ", ")
                + (glyphs.count > 8 ? " … (\(glyphs.count) characters)" : "")
            let tried = chains.joined(separator: "; ")
            return Diagnostic(severity, at: first.location ?? SourceLocation(file: reportPath, line: 1, column: 1), field: "text",
                              Message("no font has \(named) in \(first.place.en); fonts tried for \(tried)",
                                      "\(first.place.zh)中的 \(named) 没有字体能显示；已尝试的字体：\(tried)"))
        }
        if blocks.count > 20 {
            diagnostics.append(Diagnostic(severity, at: SourceLocation(file: reportPath, line: 1, column: 1), field: "text",
                                          Message("… and characters without a font in \(blocks.count - 20) more places",
                                                  "……另有 \(blocks.count - 20) 处有字符没有字体能显示")))
        }
        return diagnostics
    }

    /// Blocks the page cannot hold are errors: nothing is set off the page or cut.
    private func checkFits(_ document: LaidOutDocument, reportPath: String) throws {
        guard !document.overflows.isEmpty else { return }
        throw InputError(document.overflows.map { overflow in
            Diagnostic.error(at: overflow.location ?? SourceLocation(file: reportPath, line: 1, column: 1), field: "",
                             Message("\(overflow.place.en) does not fit on a page: \(overflow.detail.en)",
                                     "\(overflow.place.zh)在一页中放不下：\(overflow.detail.zh)"))
        })
    }

    /// A template's tables with their row and column keys and printed labels, as Markdown.
    public func templateKeys(_ name: String, layout: String = "gbt9704") throws -> String {
        let set = try TemplateDecoder.decode(file: try locator.templateFile(name, besideLayout: try locator.layoutFile(layout)))
        var out = "# Template \(set.name)\n"
        for id in set.order {
            let table = set.tables[id]!
            out += "\n## \(table.name) `\(id)`: \(table.title)\n\n| row key | label | column keys |\n|---|---|---|\n"
            for row in table.rows where row.key != nil {
                out += "| `\(row.key!)` | \(row.label?.text ?? "") | \(row.slotKeys.map { "`\($0)`" }.joined(separator: " ")) |\n"
            }
            let columns = table.rows.flatMap(\.slotKeys).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            out += "\n| column key | label | kind |\n|---|---|---|\n"
            for column in columns {
                out += "| `\(column)` | \(table.columnLabels[column] ?? "") | \(table.kind(ofColumn: column).rawValue) |\n"
            }
            let ids = table.labelIDs.filter { id in !table.rows.contains { $0.key == id } }.reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }
            if !ids.isEmpty { out += "\nOther label ids a report may reword: \(ids.map { "`\($0)`" }.joined(separator: ", ")).\n" }
        }
        return out
    }

    /// A report decoded, validated and turned into typeset content, with its layout.
    private struct Prepared {
        var report: Report
        var spec: LayoutSpec
        var blocks: [DocumentBlock]
        var warnings: [Diagnostic]
        var layoutFile: String
        var templateFile: String
        /// SHA-256 of the report file's bytes that were decoded.
        var inputSHA256: String
        /// The figures' pictures by path, decoded.
        var images: [String: RasterImage]
    }

    /// Decodes and validates (errors throw, warnings are kept) and builds the document tree. With
    /// `allowInconsistent`, failed cross-checks are kept with the warnings instead of thrown.
    private func prepare(_ reportPath: String, layout: String, allowInconsistent: Bool,
                         previous: String? = nil, allowOutsideImages: Bool = false, followSymlinks: Bool = false) throws -> Prepared {
        let bytes = try SourceText.bytes(reportPath, followSymlinks: followSymlinks)
        var (report, spec, templates, layoutFile, templateFile) = try load(reportPath, bytes: bytes, layout: layout)
        let last = try previous.map { try ReportDecoder.decode(file: $0) }
        var diagnostics = ReportValidator.resolve(&report, against: templates, previous: last)
        if allowInconsistent {
            for i in diagnostics.indices where diagnostics[i].isInconsistency { diagnostics[i].severity = .allowed }
        }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw InputError(errors) }
        let folder = URL(fileURLWithPath: reportPath).deletingLastPathComponent()
        let images = ImageProbe.Pictures()
        let blocks = try DocumentBuilder(templates: templates) {
            try ImageProbe.load($0, reportFolder: folder, allowOutside: allowOutsideImages, into: images)
        }.build(report)
        return Prepared(report: report, spec: spec, blocks: blocks, warnings: diagnostics,
                        layoutFile: layoutFile, templateFile: templateFile, inputSHA256: Digest.hex(bytes), images: images.byPath)
    }

    /// The layout, and a warning for each font outside its role's chain that drew some characters.
    private func laidOut(_ prepared: Prepared, reportPath: String) -> (LaidOutDocument, [Diagnostic]) {
        _ = shaper.takeFallbacks()
        _ = shaper.takeShapingTime()
        let document = layout(prepared)
        return (document, fallbackDiagnostics(shaper.takeFallbacks(), blocks: prepared.blocks, reportPath: reportPath))
    }

    /// One warning per font that stood in for a role's chain: the characters, the first place one is.
    private func fallbackDiagnostics(_ fallbacks: [FontFallback], blocks: [DocumentBlock], reportPath: String) -> [Diagnostic] {
        var groups: [(family: String, chain: [String], characters: [Character])] = []
        for fallback in fallbacks {
            if let i = groups.firstIndex(where: { $0.family == fallback.family && $0.chain == fallback.chain }) {
                groups[i].characters.append(fallback.character)
            } else {
                groups.append((fallback.family, fallback.chain, [fallback.character]))
            }
        }
        return groups.map { group in
            let first = group.characters[0]
            let block = blocks.first { PlainText.lines(of: [$0], tableCells: true).contains { $0.contains(first) } }
            let named = group.characters.prefix(8).map { "\($0) (\(MissingGlyph.codePoint(of: $0)))" }.joined(separator: ", ")
                + (group.characters.count > 8 ? " … (\(group.characters.count) characters)" : "")
            let chain = group.chain.joined(separator: ", ")
            let place = block?.origin.what ?? Message("the report", "报告")
            return Diagnostic(.warning, at: block?.origin.location ?? SourceLocation(file: reportPath, line: 1, column: 1), field: "text",
                              Message("\(named) in \(place.en) drawn in \(group.family), a font of another style:"
                                          + " no font of the chain (\(chain)) has it",
                                      "\(place.zh)中的 \(named) 用了另一种字体 \(group.family) 显示：字体链（\(chain)）中没有字体有这些字"))
        }
    }

    private func layout(_ prepared: Prepared) -> LaidOutDocument {
        LayoutEngine(spec: prepared.spec, shaper: shaper, segmenter: segmenter).layout(prepared.blocks, info: info(for: prepared.report, allowed: prepared.warnings.count { $0.severity == .allowed }))
    }

    private func spec(_ layout: String) throws -> (spec: LayoutSpec, file: String) {
        let layoutFile = try locator.layoutFile(layout)
        let spec = try layouts[layoutFile] ?? LayoutSpec.load(file: layoutFile)
        layouts[layoutFile] = spec
        return (spec, layoutFile)
    }

    private func load(_ reportPath: String, bytes: [UInt8], layout: String) throws -> (Report, LayoutSpec, TemplateSet, layoutFile: String, templateFile: String) {
        let report = try ReportDecoder.decode(text: try SourceText.decode(Data(bytes), file: reportPath), file: reportPath)
        let (spec, layoutFile) = try self.spec(layout)
        let templateFile: String
        do {
            templateFile = try locator.templateFile(report.template, besideLayout: layoutFile)
        } catch let error as ResourceError {
            throw InputError(.error(at: report.templateLocation, field: "template", error.message))
        }
        let set = try templates[templateFile] ?? TemplateDecoder.decode(file: templateFile)
        templates[templateFile] = set
        return (report, spec, set, layoutFile, templateFile)
    }

    /// The PDF's metadata from the header block, or from the title and signature when the report
    /// has none. A report rendered with its inconsistencies allowed says so in its keywords.
    private func info(for report: Report, allowed: Int) -> DocumentInfo {
        let header = report.header
        let year = header?.category ?? report.year.map { "\($0)年度" }
        var keywords = ["政府信息公开", "年度报告"] + [year, header?.indexNumber.map { "索引号 \($0)" }].compactMap { $0 }
        if allowed > 0 { keywords.append("表格未通过勾稽关系检查（\(allowed)处）") }
        return DocumentInfo(title: report.titleText, author: header?.publisher ?? report.signature.agency,
                            subject: "\(year ?? "")政府信息公开工作年度报告",
                            keywords: keywords.joined(separator: ", "),
                            creator: "nianbao \(nianbaoVersion)", creationDate: (header?.date ?? report.signature.date).iso8601)
    }
}
