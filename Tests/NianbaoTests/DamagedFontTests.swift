import Foundation
import Testing

/// Damaged font files in a project's fonts/, as the issue found them and as the font fuzzer keeps
/// them (fuzz/font-crashes/): a render never traps; a file that cannot be used safely is skipped
/// with a warning naming it, its role falls back along its chain, and the PDF is one that MuPDF
/// and Ghostscript read without a complaint.
@Suite(.serialized, .pinnedFonts) struct DamagedFontTests {
    /// The tables of an sfnt: tag → (directory record offset, table offset, length).
    static func tables(_ bytes: [UInt8]) -> [String: (record: Int, offset: Int, length: Int)] {
        func u32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var out: [String: (Int, Int, Int)] = [:]
        for index in 0..<(Int(bytes[4]) << 8 | Int(bytes[5])) {
            let record = 12 + 16 * index
            out[String(decoding: bytes[record..<(record + 4)], as: UTF8.self)] = (record, u32(record + 8), u32(record + 12))
        }
        return out
    }

    static func put(_ value: Int, bytes count: Int, at offset: Int, in data: inout [UInt8]) {
        for k in 0..<count { data[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * (count - 1 - k))) }
    }

    static let trueType = [UInt8](FileManager.default.contents(atPath: "\(repositoryRoot)/fuzz/fonts/dejavu-sans.ttf") ?? Data())
    static let compact = [UInt8](FileManager.default.contents(atPath: "\(repositoryRoot)/fuzz/fonts/fandol-fang.otf") ?? Data())

    /// The damages the issue lists, each made from a sound seed font.
    static let damages: [(name: String, make: @Sendable () -> [UInt8])] = [
        ("truncated.otf", { Array(compact.prefix(compact.count / 2)) }),
        ("short-hhea.ttf", { var d = trueType; put(8, bytes: 4, at: tables(d)["hhea"]!.record + 12, in: &d); return d }),
        ("short-maxp.ttf", { var d = trueType; put(4, bytes: 4, at: tables(d)["maxp"]!.record + 12, in: &d); return d }),
        ("hmetrics-65535.ttf", { var d = trueType; put(0xFFFF, bytes: 2, at: tables(d)["hhea"]!.offset + 34, in: &d); return d }),
        ("zero-advances.ttf", { var d = trueType; let t = tables(d)["hmtx"]!
            for at in stride(from: t.offset, to: t.offset + t.length - 1, by: 4) { put(0, bytes: 2, at: at, in: &d) }; return d }),
        ("table-past-end.ttf", { var d = trueType; put(d.count - 10, bytes: 4, at: tables(d)["loca"]!.record + 8, in: &d); return d }),
        ("glyf-flipped.ttf", { var d = trueType; let t = tables(d)["glyf"]!
            for k in stride(from: 0, to: t.length, by: 7) { d[t.offset + k] ^= 0x5A }; return d }),
        ("cff-flipped.otf", { var d = compact; let t = tables(d)["CFF "]!
            for k in stride(from: t.length / 3, to: t.length, by: 11) { d[t.offset + k] ^= 0xA5 }; return d }),
        ("composite-past-glyphs.ttf", { var d = trueType; let t = tables(d)["glyf"]!
            var at = t.offset
            while at + 14 < t.offset + t.length, !(d[at] == 0xFF && d[at + 1] == 0xFF) { at += 2 }
            if at + 14 < t.offset + t.length { put(0xFFF0, bytes: 2, at: at + 12, in: &d) }; return d }),
        ("ttc-offset-outside.ttc", { var d = Array("ttcf".utf8) + [0, 1, 0, 0, 0, 0, 0, 2]
            d += [0, 0, 0, 20, 0x7F, 0xFF, 0xFF, 0xFF]
            var font = trueType
            for (_, t) in tables(font) { put(t.offset + 20, bytes: 4, at: t.record + 8, in: &font) }
            return d + font }),
        ("long-name.ttf", { var d = trueType; let t = tables(d)["name"]!
            // Every name record's string made 200 bytes long, pointing at the file's start: the
            // PostScript name read is long and not a name at all.
            let count = Int(d[t.offset + 2]) << 8 | Int(d[t.offset + 3])
            for index in 0..<count { put(200, bytes: 2, at: t.offset + 6 + 12 * index + 8, in: &d) }; return d }),
    ]

    static func crashInputs() -> [String] {
        let folder = "\(repositoryRoot)/fuzz/font-crashes"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }

    /// A project whose fonts/ holds one file, whose chains ask for its family first (DejaVu Sans;
    /// the FandolFang seeds share the system's family), rendering the seed.
    func render(with font: [UInt8], named name: String) throws -> (status: Int32, error: String, pdf: String) {
        let home = try fontProject(firstFamilies: "DejaVu Sans", fonts: [(name, font)])
        let result = try run([nianbaoBinary, "render", seedReport, "-o", "\(home)/out"], in: home, environment: ["NIANBAO_HOME": home])
        return (result.status, result.error, "\(home)/out/quzhou-zhihuixincheng-2019.pdf")
    }

    @Test(arguments: damages.map(\.name))
    func aDamagedFontIsSkippedOrEmbeddedSoundly(name: String) throws {
        let font = try #require(Self.damages.first { $0.name == name }).make()
        let result = try render(with: font, named: name)
        #expect(result.status == 0, "\(result.error)")
        if result.error.contains("this font file is skipped") {
            #expect(result.error.contains("fonts/\(name):1:1: warning: font: this font file is skipped: "))
        }
        try expectReadersQuiet(result.pdf)
        let fonts = try run(["pdffonts", result.pdf]).output
        // BaseFont names stay far below PDF/A's 127 bytes (tag + name of at most 63).
        for line in fonts.split(separator: "\n").dropFirst(2) {
            #expect((line.split(separator: " ").first?.count ?? 0) <= 70, "\(line)")
        }
        print("damaged font \(name): \(result.error.contains("is skipped") ? "skipped" : "used"), DejaVu in the PDF: \(fonts.contains("DejaVu"))")
    }

    /// The issue's own cases that no sound font should pass for are skipped by name.
    @Test func fontsThatWouldMisleadAreSkipped() throws {
        for name in ["truncated.otf", "zero-advances.ttf", "ttc-offset-outside.ttc", "short-hhea.ttf"] {
            let result = try render(with: try #require(Self.damages.first { $0.name == name }).make(), named: name)
            #expect(result.error.contains("fonts/\(name):1:1: warning: font: this font file is skipped"), "\(name): \(result.error)")
        }
    }

    /// Every font the fuzzer found crashing an earlier build renders now.
    @Test func fuzzerCrashesStayFixed() throws {
        for file in Self.crashInputs() {
            let result = try render(with: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), named: (file as NSString).lastPathComponent)
            #expect(result.status == 0, "\(file): \(result.error)")
            try expectReadersQuiet(result.pdf)
        }
    }
}
