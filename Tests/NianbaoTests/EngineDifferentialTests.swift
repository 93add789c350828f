import Foundation
import Testing

/// The two engines paint the same laid-out pages: nianbao's own writer and cairo's PDF surface.
/// Every example through both, read back by tools of neither: the same lines of text (pdftotext), the same
/// structure tree text (pdfinfo -struct-text), the same outline (MuPDF), every font embedded
/// (pdffonts), both within GB/T 9704 (gbcheck) and sound (qpdf), and poppler's rasters of every
/// page within anti-aliasing of each other.
@Suite(.serialized, .pinnedFonts) struct EngineDifferentialTests {
    static let examples = ((try? FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/examples")) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    /// Outline entries as (depth, title, page, y), y to the point.
    static func outline(_ pdf: String) throws -> [String] {
        try run(["mutool", "show", pdf, "outline"]).output.split(separator: "\n").map { line in
            let depth = line.prefix { $0 == "\t" || $0 == "|" || $0 == "-" || $0 == "+" }.filter { $0 == "\t" }.count
            let parts = line.split(separator: "\t").filter { !$0.isEmpty && !["|", "-", "+"].contains(String($0)) }
            let target = parts.last.map(String.init) ?? ""
            let page = target.split(separator: "&").first ?? ""
            let y = Double(target.split(separator: ",").last ?? "") ?? -1
            return "\(depth) \(parts.first ?? "") \(page) \(Int(y.rounded(.down)))"
        }
    }

    /// The quoted texts of the structure tree, in order, joined: cairo splits a leaf that runs over
    /// a page break into a Span per page, which changes the element names but not the text.
    static func structureText(_ pdf: String) throws -> String {
        let output = try run(["pdfinfo", "-struct-text", pdf]).output
        // cairo gives an empty cell's element an empty text, ours none.
        return output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("\"") && $0 != "\"\"" }.joined()
    }

    static func pageRasters(_ pdf: String, into folder: String, prefix: String) throws -> [[UInt8]] {
        _ = try run(["pdftoppm", "-r", "96", "-gray", pdf, "\(folder)/\(prefix)"])
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(".pgm") }.sorted()
            .map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\($0)"))) }
    }

    @Test(arguments: examples)
    func bothEnginesGiveTheSameDocument(example: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var pdfs: [String] = []
        for engine in ["nianbao", "cairo"] {
            let result = try run([nianbaoBinary, "render", "\(repositoryRoot)/examples/\(example)", "--allow-inconsistent",
                                  "--engine", engine, "-o", "\(folder)/\(engine)"], in: repositoryRoot)
            #expect(result.status == 0, "\(engine): \(result.error)")
            let pdf = "\(folder)/\(engine)/\(example.dropLast(5)).pdf"
            pdfs.append(pdf)
            #expect(try run(["qpdf", "--check", pdf]).status == 0, "\(engine)")
            let gbcheck = try run(["/work/shared/tools/gbcheck/gbcheck", pdf])
            if FileManager.default.fileExists(atPath: "/work/shared/tools/gbcheck/gbcheck") {
                #expect(gbcheck.output.contains(" 0 failed"), "\(engine): \(gbcheck.output.suffix(400))")
            }
            let fonts = try run(["pdffonts", pdf]).output.split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes yes ") }, "\(engine): \(fonts)")
        }
        let (ours, cairo) = (pdfs[0], pdfs[1])
        // The same lines; pdftotext orders a landscape page's lines by their place, and our writer
        // turns such a page onto a portrait sheet where cairo sets it landscape.
        func lines(_ pdf: String) throws -> [Substring] { try run(["pdftotext", pdf, "-"]).output.split(separator: "\n").sorted() }
        #expect(try lines(ours) == lines(cairo))
        #expect(try Self.structureText(ours) == Self.structureText(cairo))
        let (outlineOurs, outlineCairo) = (try Self.outline(ours), try Self.outline(cairo))
        #expect(outlineOurs.count == outlineCairo.count && !outlineOurs.isEmpty)
        for (a, b) in zip(outlineOurs, outlineCairo) {
            // The same entry; cairo rounds the target's y down to the point.
            #expect(a.split(separator: " ").dropLast() == b.split(separator: " ").dropLast(), "\(a) | \(b)")
            #expect(abs((Int(a.split(separator: " ").last ?? "") ?? 0) - (Int(b.split(separator: " ").last ?? "") ?? 0)) <= 1, "\(a) | \(b)")
        }

        let (rastersOurs, rastersCairo) = (try Self.pageRasters(ours, into: folder, prefix: "ours"), try Self.pageRasters(cairo, into: folder, prefix: "cairo"))
        #expect(rastersOurs.count == rastersCairo.count && !rastersOurs.isEmpty)
        var largest = 0.0
        for (a, b) in zip(rastersOurs, rastersCairo) {
            let pa = try #require(FontMatrixTests.grayPixels(ppm: a)), pb = try #require(FontMatrixTests.grayPixels(ppm: b))
            #expect(pa.width == pb.width && pa.height == pb.height)
            guard pa.width == pb.width, pa.height == pb.height else { continue }
            largest = max(largest, FontMatrixTests.largestBlockDifference(pa.gray, pb.gray, width: pa.width, height: pa.height))
        }
        #expect(largest < 64, "an 8×8 block differs by \(largest) of 255")
        print("engines: \(example): \(rastersOurs.count) pages, largest 8×8 block difference \(String(format: "%.1f", largest)), text and outline equal")
    }
}

/// PDF/A-2b through the cairo engine: cairo's file with the update's catalog entries, XMP and
/// output intent, as readers see them.
@Suite(.pinnedFonts) struct CairoArchiveTests {
    @Test func cairoEngineWritesPDFA() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run([nianbaoBinary, "render", seedReport, "--pdfa", "--engine", "cairo", "-o", folder], in: repositoryRoot)
        #expect(result.status == 0, "\(result.error)")
        let pdf = "\(folder)/quzhou-zhihuixincheng-2019.pdf"
        #expect(try run(["qpdf", "--check", pdf]).status == 0)
        let metadata = try run(["pdfinfo", "-meta", pdf]).output
        #expect(metadata.contains("<pdfaid:part>2</pdfaid:part>") && metadata.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        let info = try run(["pdfinfo", pdf]).output
        #expect(info.contains("Tagged:          yes"))
        #expect(info.contains("CreationDate:") && info.contains("2020"), "\(info)")
        let objects = try run(["qpdf", "--json=1", "--json-key=objects", pdf]).output
        for entry in ["\"/Lang\": \"zh-CN\"", "GTS_PDFA1", "\"/MarkInfo\"", "\"/PageLabels\""] { #expect(objects.contains(entry), "\(entry)") }
    }
}
