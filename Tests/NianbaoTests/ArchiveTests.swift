import Foundation
import Testing
import Nianbao

/// The seed rendered as PDF/A-2b, read back with poppler and qpdf: structure tree, metadata,
/// XMP and output intent, links, page labels, outline nesting, reproducible bytes.
@Suite(.serialized, .pinnedFonts) struct ArchiveTests {
    let folder: String
    let result: RenderResult

    init() throws {
        folder = try temporaryFolder()
        result = try Self.render(into: folder)
    }

    static func render(into folder: String, pdfa: Bool = true) throws -> RenderResult {
        var options = RenderOptions()
        options.outputDirectory = folder
        options.allowInconsistent = true
        options.pdfa = pdfa
        return try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).render(seedReport, options: options)
    }

    /// The body of an object, as qpdf shows it.
    func object(_ reference: String) throws -> String {
        try run(["qpdf", "--show-object=\(reference)", result.pdf]).output
    }

    func catalog() throws -> String {
        let trailer = try object("trailer")
        let root = try #require(trailer.firstMatch(of: /\/Root (\d+) 0 R/)?.1)
        return try object(String(root))
    }

    @Test func structureTreeHoldsTheWholeTextInReadingOrder() throws {
        #expect(try run(["pdfinfo", result.pdf]).output.contains("Tagged:          yes"))
        let tree = try run(["pdfinfo", "-struct-text", result.pdf])
        #expect(!tree.error.contains("Warning"), "\(tree.error.prefix(300))")
        #expect(tree.output.hasPrefix("Document\n"))
        // Every leaf's text, in tree order, is the report's text: nothing outside a leaf, nothing twice.
        let leaves = tree.output.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("\"") && trimmed.hasSuffix("\"") ? String(trimmed.dropFirst().dropLast()) : nil
        }
        let expected = try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).text(seedReport)
        #expect(squeezed(leaves.joined()) == squeezed(expected))
        #expect(!leaves.contains { $0.contains("— 2 —") }, "a page number is in the structure tree")
        let lines = tree.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for element in ["H1 (block)", "H2 (block)", "H3 (block)", "Lbl (block)", "P (block)", "Table (block)", "TR", "TD", "Link (inline)"] {
            #expect(lines.contains(element), "no \(element)")
        }
        // A heading's number is its label: H1 > Lbl "一、", Span "政府信息公开工作的基本概况".
        #expect(tree.output.contains("H1 (block)\n    Lbl (block)\n      \"一、\"\n    Span (inline)\n      \"政府信息公开工作的基本概况\""))
        #expect(tree.output.contains("H2 (block)\n    Lbl (block)\n      \"（一）\""))
    }

    @Test func catalogCarriesLanguageMarkingAndPageLabels() throws {
        let root = try catalog()
        #expect(root.contains("/Lang (zh-CN)"))
        #expect(root.contains("/MarkInfo << /Marked true >>"))
        #expect(root.contains("/StructTreeRoot"))
        let labels = try run(["qpdf", "--json", "--json-key=pagelabels", result.pdf]).output
        #expect(labels.contains("\"/S\": \"/D\""), "pages are not labelled 1, 2, 3…: \(labels)")
    }

    @Test func infoDatesHaveTheirPrefixAndTheTrailerAnID() throws {
        let trailer = try object("trailer")
        #expect(trailer.contains("/ID [ <"))
        let info = try object(String(try #require(trailer.firstMatch(of: /\/Info (\d+) 0 R/)?.1)))
        #expect(info.contains("/CreationDate (D:20200131000000+08'00')"))
        #expect(info.contains("/ModDate (D:20200131000000+08'00')"))
        let iso = try run(["pdfinfo", "-isodates", result.pdf]).output
        #expect(iso.contains("CreationDate:    2020-01-31T00:00:00+08"))
        #expect(iso.contains("Subject:         2019年度政府信息公开工作年度报告"))
        #expect(iso.contains("Producer:        nianbao"))
    }

    @Test func pdfaClaimHasXMPMatchingInfoAndAnSRGBOutputIntent() throws {
        let root = try catalog()
        let metadata = try #require(root.firstMatch(of: /\/Metadata (\d+) 0 R/)?.1)
        let xmp = try run(["qpdf", "--show-object=\(metadata)", "--raw-stream-data", result.pdf]).output
        #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">衢州市智慧新城管委会2019年度政府信息公开工作年度报告</rdf:li>"))
        #expect(xmp.contains("<rdf:Seq><rdf:li>市智慧新城管委会</rdf:li></rdf:Seq>"))
        #expect(xmp.contains("<xmp:CreateDate>2020-01-31T00:00:00+08:00</xmp:CreateDate>"))
        #expect(xmp.contains("<pdf:Producer>nianbao"))
        #expect(root.contains("/S /GTS_PDFA1") && root.contains("/DestOutputProfile"))
        let profile = try #require(root.firstMatch(of: /\/DestOutputProfile (\d+) 0 R/)?.1)
        let icc = try run(["qpdf", "--show-object=\(profile)", "--filtered-stream-data", result.pdf]).output
        #expect(icc.utf8.count > 1000 && icc.contains("acsp"), "the output profile is not an ICC profile")
        let check = try run(["qpdf", "--check", result.pdf])
        #expect(check.status == 0 && !check.output.contains("WARNING") && !check.error.contains("WARNING"), "\(check.output)\(check.error)")
        #expect(!(try run(["pdfinfo", result.pdf]).output.contains("Encrypted:       yes")))
    }

    @Test func urlsBecomeLinksThatPrint() throws {
        let uncompressed = "\(folder)/plain.pdf"
        #expect(try run(["qpdf", "--qdf", "--object-streams=disable", result.pdf, uncompressed]).status == 0)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: uncompressed)), as: UTF8.self)
        #expect(text.contains("/URI (http://www.qz.gov.cn/)"))
        #expect(text.contains("/Subtype /Link") && text.contains("/F 4"))
    }

    @Test func outlineNestsAsTheSections() throws {
        let json = try run(["qpdf", "--json", "--json-key=outlines", result.pdf]).output
        let outline = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["outlines"] as? [[String: Any]])
        let top = outline.compactMap { $0["title"] as? String }
        #expect(top == ["衢州市智慧新城管委会2019年度政府信息公开工作年度报告", "一、政府信息公开工作的基本概况",
                        "二、政府信息主动公开、依申请公开等基本情况", "三、政府信息公开工作中存在的主要问题",
                        "四、政府信息公开工作中要改进情况", "五、主动公开政府信息情况",
                        "六、收到和处理政府信息公开申请情况", "七、政府信息公开行政复议、行政诉讼情况"])
        let first = try #require(outline[1]["kids"] as? [[String: Any]])
        #expect(first.compactMap { $0["title"] as? String } == ["（一）组织领导和制度建设情况", "（二）公开载体建设情况"])
        let deeper = try #require(first[0]["kids"] as? [[String: Any]])
        #expect(deeper.compactMap { $0["title"] as? String }.first == "1.加强组织领导，强化信息公开落实。")
    }

    /// Figures are Figure elements with their captions as /Alt, in order, and a Caption after each.
    @Test func figuresReadTheirCaptionsAsAlternateText() throws {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(atPath: "\(repositoryRoot)/docs/images/seed-page-1.png", toPath: "\(folder)/a.png")
        try FileManager.default.copyItem(atPath: "\(repositoryRoot)/docs/images/seed-page-7.png", toPath: "\(folder)/b.png")
        let report = BadInputTests.valid.replacingOccurrences(of: "      - 正文。", with: """
                  - 正文。
                  - figure: 第一幅图
                    image: a.png
                  - figure: 第二幅图
                    image: b.png
            """)
        try report.write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let binary = nianbaoBinary
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/out", "--pdfa"])
        #expect(result.status == 0, "\(result.error)")
        let tree = try run(["pdfinfo", "-struct-text", "\(folder)/out/report.pdf"]).output
        #expect(tree.contains("  Figure\n    \"\"\n  Caption\n    \"图1　第一幅图\"\n  Figure\n    \"\"\n  Caption\n    \"图2　第二幅图\""), "\(tree)")
        let plain = try run(["qpdf", "--qdf", "\(folder)/out/report.pdf", "-"]).output
        let alternates = plain.matches(of: /\/Alt <([0-9a-f]+)>/).map { String($0.1) }
        func utf16(_ text: String) -> String { "feff" + text.utf16.map { String(format: "%04x", $0) }.joined() }
        #expect(alternates == [utf16("图1　第一幅图"), utf16("图2　第二幅图")])
    }

    @Test func theSameInputGivesTheSameBytesOnEveryThread() async throws {
        let expected = try Data(contentsOf: URL(fileURLWithPath: result.pdf))
        let renders = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let folder = try temporaryFolder()
                    return try Data(contentsOf: URL(fileURLWithPath: try Self.render(into: folder).pdf))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for pdf in renders { #expect(pdf == expected) }
    }

    /// CI builds the release binary first (the README's set-up): debug and release must agree.
    @Test func debugAndReleaseBuildsWriteTheSameBytes() throws {
        let release = "\(repositoryRoot)/.build/release/nianbao"
        try #require(FileManager.default.isExecutableFile(atPath: release), "no release build to compare with")
        let out = try temporaryFolder()
        let status = try run([release, "render", seedReport, "--allow-inconsistent", "--pdfa", "-o", out])
        #expect(status.status == 0, "\(status.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/quzhou-zhihuixincheng-2019.pdf"))
                == Data(contentsOf: URL(fileURLWithPath: result.pdf)))
    }
}
