import ArgumentParser
import Foundation
import Nianbao

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render report files (YAML or JSON) to PDF.")

    @Argument(help: "Report files (.yaml, .yml or .json).")
    var files: [String]

    @Option(name: .shortAndLong, help: "Folder for the PDFs (and PNGs).")
    var output = "output"

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    @Flag(help: "Also write one PNG per page (NAME-N.png).")
    var png = false

    @Flag(help: "Print the milliseconds spent in parse, layout, paint and write.")
    var timings = false

    @Flag(help: "Render even when the tables' numbers contradict each other (勾稽关系); the problems are listed.")
    var allowInconsistent = false

    @Option(help: "Last year's report: fills 上一年项目数量 / 现行有效件数 and warns where they differ.")
    var previous: String?

    @Flag(help: "Render even when a character has no font (it shows as a box); the characters are listed.")
    var allowMissingGlyphs = false

    @Flag(help: "Accept figure images outside the report's folder (absolute paths, ../).")
    var allowOutsideImages = false

    @Flag(help: "Write PDF/A-2b (XMP metadata, sRGB output intent); needs an sRGB ICC profile (Debian's colord-data).")
    var pdfa = false

    @Option(help: "The engine that paints the PDF: nianbao (its own writer, the default) or cairo.")
    var engine: PDFEngine = .nianbao

    @Flag(help: "Read report files that are symbolic links (refused by default).")
    var followSymlinks = false

    func validate() throws {
        if previous != nil && files.count > 1 {
            throw ValidationError(say("--previous goes with one report at a time", "--previous 一次只能配一份报告"))
        }
    }

    func run() throws {
        let renderer = Renderer()
        var options = RenderOptions()
        options.outputDirectory = folderArgument(output)
        options.layout = layout
        options.png = png
        options.allowInconsistent = allowInconsistent
        options.previous = previous
        options.allowMissingGlyphs = allowMissingGlyphs
        options.allowOutsideImages = allowOutsideImages
        options.pdfa = pdfa
        options.engine = engine
        options.followSymlinks = followSymlinks
        var failed = false
        for file in files {
            do {
                let result = try renderer.render(file, options: options)
                for warning in result.warnings { printError(warning) }
                try printOutput(say("\(result.pdf): \(result.pages) pages", "\(result.pdf)：共 \(result.pages) 页"))
                if timings {
                    let t = result.timings
                    try printOutput(String(format: "  timings: parse %.1f ms, layout %.1f ms (shaping %.1f), paint %.1f ms (content %.1f, fonts and compression %.1f), write %.1f ms",
                                 t.parse, t.layout, t.shaping, t.paint, t.content, t.finish, t.write))
                }
            } catch {
                printError(String(describing: error))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

extension PDFEngine: ExpressibleByArgument {}
