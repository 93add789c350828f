import Foundation
import Testing

/// Bad input of every kind a clerk's file can hold: each case checks the exit status, the key words
/// of the message (file:line:column where the input has one), and that nothing is left in the
/// output folder.
@Suite(.pinnedFonts) struct BadInputTests {
    let binary = nianbaoBinary

    /// A small valid report (Tests/Fixtures/minimal-report.yaml) that each case breaks in one way.
    static let valid = try! String(contentsOfFile: "\(repositoryRoot)/Tests/Fixtures/minimal-report.yaml", encoding: .utf8)
        .trimmingCharacters(in: .newlines)

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var content: Data
        var fileName = "report.yaml"
        var arguments: [String] = []
        var status: Int32 = 1
        var keywords: [String]
        /// Words the message must not hold (the content of a file that is not a report).
        var absent: [String] = []
        var testDescription: String { name }

        init(_ name: String, _ text: String, file: String = "report.yaml", arguments: [String] = [], status: Int32 = 1,
             _ keywords: [String], absent: [String] = []) {
            self.name = name
            self.content = Data(text.utf8)
            self.fileName = file
            self.arguments = arguments
            self.status = status
            self.keywords = keywords
            self.absent = absent
        }

        init(_ name: String, bytes: Data, _ keywords: [String], status: Int32 = 1) {
            self.name = name
            self.content = bytes
            self.status = status
            self.keywords = keywords
        }
    }

    static func replacing(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), old)
        return valid.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case("tab indentation", replacing("  date: 2020-01-31\n  disclosure", "\tdate: 2020-01-31\n  disclosure"), ["report.yaml:4:", "invalid YAML"]),
        Case("unclosed quote", replacing("title: 某局", "title: \"某局"), ["report.yaml:", "invalid YAML"]),
        Case("duplicate key", replacing("  category: 2019年度", "  category: 2019年度\n  category: 2020年度"), ["report.yaml:", "duplicate key 'category'"]),
        Case("JSON with a trailing comma", "{\"template\": \"gov-2019\",}", file: "report.json", ["report.json:1:", "invalid JSON"]),
        Case("JSON not closed", "{\"template\": \"gov-2019\"", file: "report.json", ["report.json:", "invalid JSON"]),
        Case("GBK bytes", bytes: Data("title: ".utf8) + Data([0xC4, 0xEA, 0xB1, 0xA8]), ["report.yaml:1:8", "not UTF-8"]),
        Case("UTF-8 with BOM is fine", bytes: Data([0xEF, 0xBB, 0xBF]) + Data(valid.utf8), ["ok"], status: 0),
        Case("UTF-16", bytes: Data([0xFF, 0xFE]) + valid.data(using: .utf16LittleEndian)!, ["UTF-16", "save it as UTF-8"]),
        Case("one bad byte inside text", bytes: Data(replacing("正文。", "正文@。").utf8).replacing(Data("@".utf8), with: Data([0xFF])),
             ["report.yaml:12:11", "not UTF-8"]),
        Case("missing header", replacing("header:", "heade:"), ["report.yaml:2:1", "unknown key 'heade'", "did you mean 'header'?"]),
        Case("missing signature date", replacing("  agency: 某局\n  date: 2020-01-31", "  agency: 某局"), ["report.yaml:17:3", "missing required key 'date'"]),
        Case("unknown key in a section", replacing("    content:\n      - 正文。", "    contnet:\n      - 正文。"),
             ["report.yaml:11:5", "unknown key 'contnet'", "did you mean 'content'?"]),
        Case("title as a mapping", replacing("title: 某局2019年度政府信息公开工作年度报告", "title: {a: b}"), ["report.yaml:8:8", "title", "expected text, found a mapping"]),
        Case("body as a value", "template: gov-2019\nheader: {index-number: 1, date: 2020-01-31, disclosure: 主动公开, category: 2019年度, publisher: 某局}\ntitle: 某局\nbody: 正文\nsignature: {agency: 某局, date: 2020-01-31}\n",
             ["report.yaml:4:7", "body", "expected a list, found a value"]),
        Case("root is a list", "- a\n- b\n", ["report.yaml:1:1", "expected a mapping"]),
        Case("negative count", replacing("count: 9", "count: -9"), ["report.yaml:15:28", "表一 政府集中采购 / 采购项目数量", "not a count"]),
        Case("count with a fraction", replacing("count: 9", "count: 2.5"), ["'2.5' is not a count"]),
        Case("count too large", replacing("count: 9", "count: 12345678901"), ["'12345678901' is too large", "at most 999999999"]),
        Case("money with three decimals", replacing("71850元", "71850.125元"), ["has 3 decimals", "at most 2"]),
        Case("money without its unit", replacing("71850元", "71850"), ["needs its unit"]),
        Case("signed value with a typo", replacing("procurement: {count: 9, amount: 71850元}", "licensing: {change: --253}"),
             ["表一 行政许可 / 本年增/减", "'--253'"]),
        Case("a date that does not exist", replacing("  date: 2020-01-31\n  disclosure", "  date: 2019-02-30\n  disclosure"),
             ["report.yaml:4:9", "'2019-02-30' is not a date that exists"]),
        Case("a date in the wrong form", replacing("  date: 2020-01-31\n  disclosure", "  date: 31/01/2020\n  disclosure"), ["'31/01/2020' is not a date", "2025-01-20", "二〇二五年一月二十日"]),
        Case("unknown template", replacing("template: gov-2019", "template: gov-2018"), ["unknown template 'gov-2018'", "gov-2019"]),
        Case("unknown layout", valid, arguments: ["--layout", "gbt9705"], ["no layout named 'gbt9705'"]),
        Case("unknown table row", replacing("procurement:", "procurment:"), ["unknown row 'procurment'", "did you mean 'procurement'?"]),
        Case("unknown label id", replacing("    values:", "    labels: {cornr: x}\n    values:"), ["unknown label 'cornr'"]),
        Case("heading with its own number", replacing("section: 总体情况", "section: 一、总体情况"), ["report.yaml:10:5", "starts with its own number '一、'"]),
        Case("missing image", replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: none.png"), ["report.yaml:13:9", "cannot read image 'none.png'"]),
        Case("image path leaving the folder", replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: ../../etc/passwd"),
             ["outside the report's folder"]),
        Case("absolute image path", replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: /etc/passwd"), ["is an absolute path"]),
        Case("absolute path allowed, but not an image", replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: /etc/passwd"),
             arguments: ["--allow-outside-images"], ["is not a PNG image"]),
        Case("a control character", replacing("正文。", "正文\u{07}。"), ["report.yaml:12:11", "a control character, U+0007"]),
        Case("a bidi override", replacing("正文。", "正文\u{202E}。"), ["a bidirectional override, U+202E"]),
        Case("a character outside every font", replacing("正文。", "正文\u{2A6D6}。"),
             ["report.yaml:12:9", "no font has \u{2A6D6} (U+2A6D6)", "fonts tried for body (仿宋_GB2312", "FandolFang"]),
        Case("a 1 MB paragraph", replacing("正文。", String(repeating: "正文", count: 180_000)), ["a paragraph of 360000 characters; the limit is 20000"]),
        Case("sections six deep", replacing("      - 正文。", """
              - section: 二
                content:
                  - section: 三
                    content:
                      - section: 四
                        content:
                          - section: 五
                            content:
                              - section: 六
        """), ["sections nest at most 4 levels deep"]),
        Case("billion laughs", replacing("title: 某局2019年度政府信息公开工作年度报告", "title: 某局2019年度政府信息公开工作年度报告\npreamble: [&t \"\(String(repeating: "笑", count: 5000))\", \(Array(repeating: "*t", count: 60_000).joined(separator: ","))]"),
             ["report.yaml:9:", "preamble[", "anchors and aliases"]),
        Case("an empty file", "", ["the file is empty"]),
        Case("only a comment", "# nothing\n", ["the file is empty"]),
        // Every text field has a limit (docs/limits.md), and a message quotes at most 40 characters of a value.
        Case("a title past its limit", replacing("title: 某局2019年度政府信息公开工作年度报告", "title: \(String(repeating: "某", count: 100_000))"),
             ["report.yaml:8:8", "a title of 100000 characters; the limit is 120"]),
        Case("an 8 MB section heading", replacing("section: 总体情况", "section: \(String(repeating: "况", count: 2_700_000))"),
             ["report.yaml:10:14", "a heading of 2700000 characters; the limit is 200"]),
        Case("an 8 MB cell", replacing("count: 9", "count: \(String(repeating: "9", count: 8_000_000))"),
             ["report.yaml:15:28", "a cell of 8000000 characters; the limit is 200"]),
        Case("a reworded label past its limit", replacing("    values:", "    labels: {article-20-1: \(String(repeating: "项", count: 931))}\n    values:"),
             ["a label of 931 characters; the limit is 200"]),
        Case("an issuing body past its limit", replacing("  agency: 某局", "  agency: \(String(repeating: "局", count: 101))"),
             ["report.yaml:17:11", "an issuing body of 101 characters; the limit is 100"]),
        Case("a caption past its limit", replacing("      - 正文。", "      - 正文。\n      - figure: \(String(repeating: "图", count: 201))"),
             ["a caption of 201 characters; the limit is 200"]),
        Case("a line under a table past its limit", replacing("    values:", "    footer: [\(String(repeating: "注", count: 501))]\n    values:"),
             ["a line under a table of 501 characters; the limit is 500"]),
        Case("a header field past its limit", replacing("  publisher: 某局", "  publisher: \(String(repeating: "局", count: 201))"),
             ["a header field of 201 characters; the limit is 200"]),
        Case("a huge value is quoted by its start only", replacing("count: 9", "count: \(String(repeating: "x", count: 150))"),
             ["'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (150) is not a count"]),
        Case("a huge unknown key is quoted by its start only", replacing("procurement: {count", "? \(String(repeating: "k", count: 5000))\n      : {count"),
             ["unknown row 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…' (5000)"]),
        Case("a label too tall for a page", replacing("signature:", """
          - table: applications
            labels: {natural-person: \(String(repeating: "自然人", count: 60))}
        signature:
        """), ["does not fit on a page", "a page holds"]),
        // Names, not paths: a report cannot make nianbao read other files, nor quote them.
        Case("a template given as a path", replacing("template: gov-2019", "template: ../../../etc/x"),
             ["report.yaml:1:11", "'../../../etc/x' is not a template name"]),
        Case("a YAML file that is not a report", "root-secret: hunter2-SECRET\nother: value\n",
             ["report.yaml:1:1", "not a nianbao report"], absent: ["hunter2", "root-secret"]),
        Case("inconsistent totals", inconsistentTotals, ["表三 行政复议 总计: should be 1, is 2"]),
        Case("inconsistent totals, in Chinese", inconsistentTotals, arguments: ["--lang", "zh"], ["错误: ", "表三 行政复议 总计：应为 1，实为 2"]),
    ]

    static let inconsistentTotals = replacing("    values:\n      procurement: {count: 9, amount: 71850元}", """
            values:
              procurement: {count: 9, amount: 71850元}
          - table: reviews-litigation
            values:
              cases: {review.upheld: 1, review.total: 2}
        """)

    @Test(arguments: cases)
    func refusesWithAClearMessage(_ badCase: Case) throws {
        let folder = try temporaryFolder()
        let file = "\(folder)/\(badCase.fileName)"
        try badCase.content.write(to: URL(fileURLWithPath: file))
        let command = badCase.status == 0 ? "check" : "render"
        let result = try run([binary, command, file, "-o", "\(folder)/out"].filter { command == "render" || !["-o", "\(folder)/out"].contains($0) }
                             + badCase.arguments, in: folder)
        #expect(result.status == badCase.status, "\(badCase.name): \(result.error)")
        let message = badCase.status == 0 ? result.output : result.error
        for keyword in badCase.keywords {
            #expect(message.contains(keyword), "\(badCase.name): no “\(keyword)” in: \(message.prefix(600))")
        }
        for word in badCase.absent {
            #expect(!message.contains(word), "\(badCase.name): the message quotes “\(word)”: \(message.prefix(600))")
        }
        #expect(message.utf8.count < 2_000, "\(badCase.name): a message of \(message.utf8.count) bytes")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? []
        #expect(left.isEmpty, "\(badCase.name) left \(left)")
    }

    /// An emoji is not in the CJK fonts but another installed font has it: the render goes on.
    @Test func anEmojiFallsBackToAFontThatHasIt() throws {
        let folder = try temporaryFolder()
        try Self.replacing("正文。", "正文😀。").write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/out"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(squeezed(try run(["pdftotext", "\(folder)/out/report.pdf", "-"]).output).contains("正文😀。"))
    }

    @Test func checkFindsACharacterNoFontHasWithoutRendering() throws {
        let folder = try temporaryFolder()
        try Self.replacing("正文。", "正文\u{2A6D6}。").write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "check", "\(folder)/report.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("report.yaml:12:9") && result.error.contains("no font has \u{2A6D6} (U+2A6D6)"))
    }

    @Test func aDirectoryGivenAsTheReport() throws {
        let folder = try temporaryFolder()
        let result = try run([binary, "render", folder, "-o", "\(folder)/out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("is a folder, not a file"))
    }

    @Test func anOutputFolderThatCannotBeMade() throws {
        let folder = try temporaryFolder()
        try Self.valid.write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        try "a file".write(toFile: "\(folder)/taken", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/taken/out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("taken"))
    }

    @Test func aLayoutMissingAFontRole() throws {
        let folder = try temporaryFolder()
        try Self.valid.write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        var layout = try String(contentsOfFile: "\(repositoryRoot)/layouts/gbt9704.yaml", encoding: .utf8)
        let start = layout.range(of: "  caption:\n")!
        let end = layout.range(of: "  page-number:\n")!
        layout.removeSubrange(start.lowerBound..<end.lowerBound)
        try layout.write(toFile: "\(folder)/broken.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(folder)/report.yaml", "--layout", "\(folder)/broken.yaml", "-o", "\(folder)/out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("broken.yaml:"))
        #expect(result.error.contains("missing font role 'caption'"))
    }

    /// A figure's picture of every hostile kind: refused with the figure's place and what is wrong,
    /// before anything is decoded or blocks, never a trap or a figure silently missing.
    struct ImageCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Makes the picture in the folder; returns the path the report names.
        var make: @Sendable (String) throws -> String
        var arguments: [String] = []
        var keywords: [String]
        var testDescription: String { name }
    }

    static let figure = try! Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/Fixtures/figure.png"))

    /// A PNG signature and header declaring `width` × `height`, without pixels.
    static func header(_ width: UInt32, _ height: UInt32) -> Data {
        var bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        for value in [width, height] { bytes += Data([UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]) }
        return bytes + Data([8, 6, 0, 0, 0, 0, 0, 0, 0])
    }

    static func file(_ name: String, _ data: Data) -> @Sendable (String) throws -> String {
        { folder in try data.write(to: URL(fileURLWithPath: "\(folder)/\(name)")); return name }
    }

    static let imageCases: [ImageCase] = [
        ImageCase(name: "not a picture", make: file("fake.png", Data("not a picture".utf8)), keywords: ["'fake.png' is not a PNG image"]),
        ImageCase(name: "an empty file", make: file("empty.png", Data()), keywords: ["'empty.png' is not a PNG image"]),
        ImageCase(name: "100000 × 100000 declared", make: file("bomb.png", header(100_000, 100_000)),
                  keywords: ["'bomb.png' is 100000×100000 pixels; the limit is 40000000 pixels"]),
        ImageCase(name: "4294967295 × 4294967295 declared (45 bytes)", make: file("overflow.png", header(.max, .max)),
                  keywords: ["'overflow.png' is 4294967295×4294967295 pixels; the limit is 40000000 pixels"]),
        ImageCase(name: "1 × 39,000,000 declared", make: file("tall.png", header(1, 39_000_000)),
                  keywords: ["'tall.png' is 1×39000000 pixels; a side may be at most 32767 pixels"]),
        ImageCase(name: "0 × 10 declared", make: file("zero.png", header(0, 10)), keywords: ["'zero.png' declares 0×10 pixels"]),
        ImageCase(name: "truncated", make: file("cut.png", figure.prefix(figure.count - 30)),
                  keywords: ["'cut.png' does not decode as a PNG image: the file ends early or its data is damaged"]),
        ImageCase(name: "only its header", make: file("head.png", figure.prefix(33)), keywords: ["'head.png' does not decode as a PNG image"]),
        ImageCase(name: "damaged pixel data", make: { folder in
            var bytes = figure
            let idat = bytes.range(of: Data("IDAT".utf8))!.upperBound
            for i in idat + 10..<idat + 40 { bytes[i] ^= 0x5A }
            try bytes.write(to: URL(fileURLWithPath: "\(folder)/damaged.png"))
            return "damaged.png"
        }, keywords: ["'damaged.png' does not decode as a PNG image"]),
        ImageCase(name: "a folder", make: { folder in
            try FileManager.default.createDirectory(atPath: "\(folder)/dir.png", withIntermediateDirectories: true)
            return "dir.png"
        }, keywords: ["cannot read image 'dir.png': is a folder, not a file"]),
        ImageCase(name: "a FIFO (nothing ever writes it)", make: { folder in
            #expect(mkfifo("\(folder)/pipe.png", 0o644) == 0)
            return "pipe.png"
        }, keywords: ["cannot read image 'pipe.png': is a named pipe (FIFO), not a file"]),
        ImageCase(name: "a device", make: { _ in "/dev/zero" }, arguments: ["--allow-outside-images"],
                  keywords: ["cannot read image '/dev/zero': is a device, not a file"]),
        ImageCase(name: "/proc/self/mem", make: { _ in "/proc/self/mem" }, arguments: ["--allow-outside-images"],
                  keywords: ["cannot read image '/proc/self/mem': cannot be read: input/output error"]),
        ImageCase(name: "a link leading out of the folder", make: { folder in
            try FileManager.default.createSymbolicLink(atPath: "\(folder)/link.png", withDestinationPath: "/etc/passwd")
            return "link.png"
        }, keywords: ["'link.png' lies outside the report's folder"]),
    ]

    @Test(arguments: imageCases)
    func refusesAHostileImage(_ imageCase: ImageCase) throws {
        let folder = try temporaryFolder()
        let image = try imageCase.make(folder)
        try Self.replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: \(image)")
            .write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/out"] + imageCase.arguments, in: folder, timeout: 60)
        #expect(result.status == 1, "\(imageCase.name): \(result.error)")
        #expect(result.error.contains("report.yaml:13:9: error: figure.image: "), "\(result.error)")
        for keyword in imageCase.keywords { #expect(result.error.contains(keyword), "\(imageCase.name): \(result.error)") }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? []).isEmpty)
    }

    /// All of a report's pictures together are bounded (60 million pixels); the same picture shown
    /// three times counts once, three pictures of 4500 × 4500 do not fit.
    @Test func allOfAReportsPicturesTogetherAreBounded() throws {
        let folder = try temporaryFolder()
        let large = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/Fixtures/large-4500.png"))
        for name in ["a.png", "b.png", "c.png"] { try large.write(to: URL(fileURLWithPath: "\(folder)/\(name)")) }
        func report(_ images: [String]) throws -> (status: Int32, output: String, error: String) {
            let figures = images.map { "      - figure: 图\n        image: \($0)" }.joined(separator: "\n")
            try Self.replacing("      - 正文。", "      - 正文。\n" + figures).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
            return try run([binary, "check", "\(folder)/report.yaml"], in: folder)
        }
        #expect(try report(["a.png", "a.png", "a.png"]).status == 0)
        let three = try report(["a.png", "b.png", "c.png"])
        #expect(three.status == 1)
        #expect(three.error.contains("'c.png' is 4500×4500 pixels, and with the report's other pictures that makes more than 60000000 pixels"),
                "\(three.error)")
    }

    /// Thousands of mistakes give the first 20 and a count, not a message of megabytes.
    @Test func aReportWithThousandsOfMistakesGetsAReadableMessage() throws {
        let folder = try temporaryFolder()
        let rows = (0..<2_000).map { "      bad-row-\($0): {count: 1}" }.joined(separator: "\n")
        try Self.replacing("      procurement: {count: 9, amount: 71850元}", rows).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "check", "\(folder)/report.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.split(separator: "\n").count == 21, "\(result.error.prefix(300))")
        #expect(result.error.contains("… and 1980 more problems"))
    }

    /// `nianbao text` (or any command) whose standard output cannot be written fails instead of
    /// leaving a half-written text behind with exit 0.
    @Test(arguments: ["exec \"$0\" text \"$1\" > /dev/full", "trap '' PIPE; \"$0\" text \"$1\" | head -c 1 > /dev/null; exit ${PIPESTATUS[0]}"])
    func standardOutputThatCannotBeWrittenFails(_ script: String) throws {
        // Text longer than a pipe holds (64 KiB), so that the reader has gone when most is written.
        let folder = try temporaryFolder()
        let paragraphs = (1...3_000).map { "      - 第\($0)段：全年共收到政府信息公开申请39件，均在法定期限内予以答复。" }.joined(separator: "\n")
        try Self.replacing("      - 正文。", paragraphs).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run(["bash", "-c", script, binary, "\(folder)/report.yaml"])
        #expect(result.status == 1, "\(script): \(result.error)")
        #expect(result.error.contains("standard output cannot be written"), "\(result.error)")
    }

    /// The picture is in the PDF (an image XObject of its size, read back by poppler) and in the preview.
    @Test func aGoodImageIsDrawn() throws {
        let folder = try temporaryFolder()
        try Self.figure.write(to: URL(fileURLWithPath: "\(folder)/figure.png"))
        try Self.replacing("      - 正文。", "      - 正文。\n      - figure: 图\n        image: figure.png")
            .write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/out", "--png"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        let images = try run(["pdfimages", "-list", "\(folder)/out/report.pdf"]).output
        #expect(images.contains("image      40    30  rgb "), "\(images)")
        #expect(images.contains("smask      40    30  gray "), "\(images)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/report-1.png"))
    }

    @Test func aTemplateTableOfTwoThousandRows() throws {
        let root = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: "\(root)/layouts/templates", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(repositoryRoot)/layouts/gbt9704.yaml", toPath: "\(root)/layouts/gbt9704.yaml")
        let rows = (1...2000).map { "      - {row: r\($0), label: 行\($0)}" }.joined(separator: "\n")
        try "name: huge\ntables:\n  t:\n    name: 表\n    title: 大表\n    columns: [1, 1]\n    slots: [n]\n    rows:\n\(rows)\n"
            .write(toFile: "\(root)/layouts/templates/huge.yaml", atomically: true, encoding: .utf8)
        try Self.replacing("template: gov-2019", "template: huge").replacingOccurrences(of: "table: active-disclosure", with: "table: t")
            .replacingOccurrences(of: "procurement: {count: 9, amount: 71850元}", with: "r1: {n: 1}")
            .write(toFile: "\(root)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(root)/report.yaml", "-o", "\(root)/out"], in: root, environment: ["NIANBAO_HOME": root])
        #expect(result.status == 1)
        #expect(result.error.contains("2000 rows; a table has at most 500"))
    }

    /// 10,000 paragraphs: set in bounded time, not refused.
    @Test func tenThousandParagraphs() throws {
        let folder = try temporaryFolder()
        let paragraphs = (1...10_000).map { "      - 第\($0)段：全年共收到政府信息公开申请39件，均在法定期限内予以答复。" }.joined(separator: "\n")
        try Self.replacing("      - 正文。", paragraphs).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run([binary, "render", "\(folder)/report.yaml", "-o", "\(folder)/out"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("pages"))
    }

    /// A disk that fills up mid-write (a file size limit): exit 1, and nothing half-written left.
    @Test func aDiskThatFillsUp() throws {
        let folder = try temporaryFolder()
        try Self.valid.write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let result = try run(["bash", "-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" render report.yaml -o out", binary], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("cannot be written: File too large; nothing was left"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? []).isEmpty)
    }

    /// Ctrl-C or SIGTERM while a long report renders: the temporary file goes, the exit says so.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func anInterruptLeavesNothing(_ signal: Int32, _ status: Int32) throws {
        let folder = try temporaryFolder()
        let paragraphs = (1...6_000).map { "      - 第\($0)段：全年共收到政府信息公开申请39件，均在法定期限内予以答复。" }.joined(separator: "\n")
        try Self.replacing("      - 正文。", paragraphs).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let watch = try CreationWatch("\(folder)/out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["render", "\(folder)/report.yaml", "-o", "\(folder)/out"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Interrupt the moment the temporary PDF is created.
        #expect(watch.wait(forSuffix: ".tmp", timeout: 60))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == status)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? []).isEmpty)
    }
}
