import Foundation
import NianbaoModel
import NianbaoLayout
import NianbaoCairo

/// nianbao's version, written into every PDF's Creator field.
public let nianbaoVersion = "0.1.0"

/// What to render and where.
public struct RenderOptions: Sendable {
    /// Folder the PDF (and PNGs) go to; created if missing.
    public var outputDirectory: String = "output"
    /// Layout name (`gbt9704`) or path to a layout file.
    public var layout: String = "gbt9704"
    /// Also write one PNG per page.
    public var png = false
    public var pngDPI: Double = 96

    public init() {}
}

/// Milliseconds spent in each step of one render.
public struct Timings: Sendable {
    public var parse = 0.0
    public var layout = 0.0
    public var paint = 0.0
    public var write = 0.0
}

/// What one render produced.
public struct RenderResult: Sendable {
    public var pdf: String
    public var pngs: [String]
    public var pages: Int
    public var warnings: [String]
    public var timings: Timings
}

/// The public entry point: report file in, PDF out. A renderer holds one font map and must stay on
/// the thread (or task) that made it; make one per worker to render in parallel.
public final class Renderer {
    public let locator: ResourceLocator
    private let shaper: PangoShaper
    private var layouts: [String: LayoutSpec] = [:]
    private var templates: [String: TemplateSet] = [:]

    public init(locator: ResourceLocator = ResourceLocator()) {
        self.locator = locator
        for folder in locator.fontDirectories { FontDirectories.register(folder) }   // before any font map
        shaper = PangoShaper()
    }

    /// Reads and validates a report without rendering it; returns its warnings, throws its errors.
    public func check(_ reportPath: String, layout: String = "gbt9704") throws -> [Diagnostic] {
        let (report, _, templates) = try load(reportPath, layout: layout)
        return try validate(report, templates)
    }

    /// Decodes, validates, lays out and writes one report.
    public func render(_ reportPath: String, options: RenderOptions = RenderOptions()) throws -> RenderResult {
        var timings = Timings()
        var start = Date()
        func lap() -> Double { let now = Date(); defer { start = now }; return now.timeIntervalSince(start) * 1000 }

        let (report, spec, templates) = try load(reportPath, layout: options.layout)
        let warnings = try validate(report, templates).map(\.description)
        let folder = URL(fileURLWithPath: reportPath).deletingLastPathComponent()
        let builder = DocumentBuilder(templates: templates) { try ImageProbe.resolve($0, reportFolder: folder) }
        let blocks = try builder.build(report)
        timings.parse = lap()

        let document = LayoutEngine(spec: spec, shaper: shaper).layout(blocks, info: info(for: report))
        timings.layout = lap()

        try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
        let name = URL(fileURLWithPath: reportPath).deletingPathExtension().lastPathComponent
        let pdf = "\(options.outputDirectory)/\(name).pdf"
        var paintTime = 0.0
        try AtomicFile.write(to: pdf) { temporary in
            try PDFWriter.write(document, shaper: shaper, to: temporary)
            paintTime = lap()
        }
        timings.paint = paintTime
        timings.write = lap()
        var pngs: [String] = []
        if options.png {
            for page in document.pages {
                let path = "\(options.outputDirectory)/\(name)-\(page.number).png"
                try AtomicFile.write(to: path) { temporary in
                    var single = document
                    single.pages = [page]
                    _ = try PNGWriter.write(single, shaper: shaper, pathFor: { _ in temporary }, dpi: options.pngDPI)
                }
                pngs.append(path)
            }
            timings.write += lap()
        }
        return RenderResult(pdf: pdf, pngs: pngs, pages: document.pages.count,
                            warnings: warnings + document.warnings, timings: timings)
    }

    /// Lays out a report without painting, for tests and tools that inspect pages.
    public func layout(_ reportPath: String, layout: String = "gbt9704") throws -> LaidOutDocument {
        let (report, spec, templates) = try load(reportPath, layout: layout)
        _ = try validate(report, templates)
        let folder = URL(fileURLWithPath: reportPath).deletingLastPathComponent()
        let blocks = try DocumentBuilder(templates: templates) { try ImageProbe.resolve($0, reportFolder: folder) }.build(report)
        return LayoutEngine(spec: spec, shaper: shaper).layout(blocks, info: info(for: report))
    }

    /// The report's text in reading order, one paragraph or table cell per line, as the PDF holds it.
    public func text(_ reportPath: String, layout: String = "gbt9704", tableCells: Bool = true) throws -> String {
        let (report, _, templates) = try load(reportPath, layout: layout)
        _ = try validate(report, templates)
        let blocks = try DocumentBuilder(templates: templates) { _ in nil }.build(report)
        return PlainText.lines(of: blocks, tableCells: tableCells).joined(separator: "\n") + "\n"
    }

    private func load(_ reportPath: String, layout: String) throws -> (Report, LayoutSpec, TemplateSet) {
        let report = try ReportDecoder.decode(file: reportPath)
        let layoutFile = try locator.layoutFile(layout)
        let spec = try layouts[layoutFile] ?? LayoutSpec.load(file: layoutFile)
        layouts[layoutFile] = spec
        let templateFile: String
        do {
            templateFile = try locator.templateFile(report.template, besideLayout: layoutFile)
        } catch let error as ResourceError {
            throw InputError(.error(at: nil, field: "template", "\(reportPath): \(error.description)"))
        }
        let set = try templates[templateFile] ?? TemplateDecoder.decode(file: templateFile)
        templates[templateFile] = set
        return (report, spec, set)
    }

    /// Errors stop here; warnings are returned.
    private func validate(_ report: Report, _ templates: TemplateSet) throws -> [Diagnostic] {
        let diagnostics = ReportValidator.validate(report, against: templates)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw InputError(errors) }
        return diagnostics
    }

    private func info(for report: Report) -> DocumentInfo {
        DocumentInfo(title: report.titleText, author: report.header.publisher,
                     subject: "\(report.header.category)政府信息公开工作年度报告",
                     keywords: "政府信息公开, 年度报告, \(report.header.category), 索引号 \(report.header.indexNumber)",
                     creator: "nianbao \(nianbaoVersion)", creationDate: report.header.date.iso8601)
    }
}
