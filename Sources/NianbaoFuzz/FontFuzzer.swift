import Foundation
import Nianbao
import NianbaoShaping
import NianbaoSystem
import NianbaoFonts
import NianbaoPDF

// Damaged fonts in a project's fonts/: each input is a seed of fuzz/fonts/ mutated as font files
// break (cut short; bytes flipped inside a table; a table's offset or length wrong; counts made
// huge; a composite glyph pointing past the glyphs; a collection's face offsets outside the file;
// a table from another font), placed as the only font of a project whose report is then rendered
// in process, and read face by face through every call the writer makes. Before each input the
// file is written to fuzz/current-font, so that a crash leaves its cause behind.

/// The tables of an sfnt (or of a collection's first face): tag, offset of the directory record,
/// and the table's range when it lies inside the file.
func fontTables(_ bytes: [UInt8]) -> [(tag: String, record: Int, range: Range<Int>)] {
    func u32(_ at: Int) -> Int { at + 4 <= bytes.count ? bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } : 0 }
    func u16(_ at: Int) -> Int { at + 2 <= bytes.count ? Int(bytes[at]) << 8 | Int(bytes[at + 1]) : 0 }
    var directory = 0
    if bytes.count >= 16, Array(bytes[0..<4]) == Array("ttcf".utf8) { directory = u32(12) }
    var out: [(String, Int, Range<Int>)] = []
    for index in 0..<min(u16(directory + 4), 64) {
        let record = directory + 12 + 16 * index
        guard record + 16 <= bytes.count else { break }
        let offset = u32(record + 8), length = u32(record + 12)
        guard offset <= bytes.count, length <= bytes.count - offset else { continue }
        out.append((String(decoding: bytes[record..<(record + 4)], as: UTF8.self), record, offset..<(offset + length)))
    }
    return out
}

func put32(_ value: Int, at offset: Int, in bytes: inout [UInt8]) {
    guard offset >= 0, offset + 4 <= bytes.count else { return }
    for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
}

func put16(_ value: Int, at offset: Int, in bytes: inout [UInt8]) {
    guard offset >= 0, offset + 2 <= bytes.count else { return }
    bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
    bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
}

@MainActor func mutateFont(_ seed: [UInt8], seeds: [[UInt8]]) -> [UInt8] {
    var bytes = seed
    let counts = [0, 1, 2, 0x7FFF, 0x8000, 0xFFFF]
    for _ in 0..<(1 + generator.next(3)) {
        let tables = fontTables(bytes)
        guard !bytes.isEmpty else { break }
        let table = tables.isEmpty ? nil : tables[generator.next(tables.count)]
        switch generator.next(8) {
        case 0:                                                                        // cut short
            bytes = Array(bytes.prefix(generator.next(bytes.count)))
        case 1:                                                                        // bytes flipped in a table
            guard let table, !table.range.isEmpty else { continue }
            for _ in 0..<(1 + generator.next(16)) {
                bytes[table.range.lowerBound + generator.next(table.range.count)] ^= UInt8(1 << generator.next(8))
            }
        case 2:                                                                        // a wrong offset or length
            guard let table else { continue }
            let field = table.record + (generator.next(2) == 0 ? 8 : 12)
            let values = [0, 1, bytes.count, bytes.count + 1, 0x7FFF_FFFF, table.range.lowerBound + 2, table.range.count / 2, table.range.count + 16]
            put32(values[generator.next(values.count)], at: field, in: &bytes)
        case 3:                                                                        // a huge or zero count in a table's header
            guard let table, table.range.count >= 2 else { continue }
            let at = table.range.lowerBound + 2 * generator.next(min(40, table.range.count / 2))
            put16(counts[generator.next(counts.count)], at: at, in: &bytes)
        case 4:                                                                        // a composite glyph's part past the glyphs
            guard let glyf = tables.first(where: { $0.tag == "glyf" })?.range, glyf.count > 20 else { continue }
            var at = glyf.lowerBound
            while at + 14 < glyf.upperBound, !(bytes[at] == 0xFF && bytes[at + 1] == 0xFF) { at += 2 }
            guard at + 14 < glyf.upperBound else { continue }
            put16(counts[generator.next(counts.count)], at: at + 12, in: &bytes)
        case 5:                                                                        // a collection with bad face offsets
            var ttc = Array("ttcf".utf8) + [0, 1, 0, 0]
            let faces = 1 + generator.next(3)
            ttc += [0, 0, 0, UInt8(faces)]
            let base = 12 + 4 * faces
            for face in 0..<faces {
                let offsets = [base, bytes.count + base, 0x7FFF_FFFF, base + 1 + generator.next(64), 0]
                var value = [UInt8](repeating: 0, count: 4)
                put32(face == 0 ? base : offsets[generator.next(offsets.count)], at: 0, in: &value)
                ttc += value
            }
            // The directory's table offsets are relative to the file, so the font moves by `base`.
            var moved = bytes
            for table in fontTables(bytes) { put32(table.range.lowerBound + base, at: table.record + 8, in: &moved) }
            bytes = ttc + moved
        case 6:                                                                        // a table of another font
            let other = seeds[generator.next(seeds.count)]
            let theirs = fontTables(other)
            guard let table, let donor = theirs.randomElement(using: &generator) else { continue }
            bytes.replaceSubrange(table.range, with: other[donor.range])
            put32(donor.range.count, at: table.record + 12, in: &bytes)
            for later in fontTables(bytes) where later.range.lowerBound > table.range.lowerBound {
                put32(later.range.lowerBound + donor.range.count - table.range.count, at: later.record + 8, in: &bytes)
            }
        default:                                                                       // random bytes anywhere
            for _ in 0..<(1 + generator.next(8)) { bytes[generator.next(bytes.count)] = UInt8(generator.next(256)) }
        }
    }
    return bytes
}

extension SplitMix: RandomNumberGenerator {}

/// Every call the writer makes of a face, on its first glyphs and a random subset.
@MainActor func exercise(_ path: String) -> Int {
    var faces = 0
    for index in 0..<4 {
        guard let face = try? FontFaces.shared.open(FontSource(file: path, index: index)) else { break }
        faces += 1
        // Past the face's glyphs too: every call must take any index.
        let glyphs = Array(0..<300)
        var sound: [Int] = [0]
        for glyph in glyphs {
            _ = face.advance(of: glyph)
            _ = face.code(of: glyph)
            if face.canEmbed(glyph) { sound.append(glyph) }
            if generator.next(8) == 0 { _ = face.drawing(of: glyph) }
        }
        _ = face.subset(Array(Set(sound.filter { _ in generator.next(2) == 0 } + [0])).sorted())
    }
    return faces
}

@MainActor func fuzzFonts(seconds: Double) throws {
    let seedFolder = "fuzz/fonts"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: seedFolder)) ?? []).sorted()
        .filter { ["ttf", "otf", "ttc"].contains(($0 as NSString).pathExtension) }
    let seeds = names.compactMap { FileManager.default.contents(atPath: "\(seedFolder)/\($0)").map { [UInt8]($0) } }
    guard !seeds.isEmpty else { fatalError("run from the repository root: no fuzz/fonts/* found") }
    // A project of its own whose only fonts are the mutated one: fontconfig sees no system fonts.
    let home = work + "/home"
    try FileManager.default.createDirectory(atPath: home + "/fonts", withIntermediateDirectories: true)
    try? FileManager.default.createSymbolicLink(atPath: home + "/layouts", withDestinationPath: FileManager.default.currentDirectoryPath + "/layouts")
    try """
    <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
    <fontconfig><cachedir>\(work)/cache</cachedir></fontconfig>
    """.write(toFile: work + "/fonts.conf", atomically: true, encoding: .utf8)
    setenv("FONTCONFIG_FILE", work + "/fonts.conf", 1)
    try Data(("""
    template: gov-2019
    title: 某局2019年度政府信息公开工作年度报告
    body:
      - section: 总体情况
        content:
          - 正文 ABC abc 123，年月日。😀
    signature: {agency: 某局, date: 2020-01-31}

    """).utf8).write(to: URL(fileURLWithPath: home + "/report.yaml"))
    var options = RenderOptions()
    options.outputDirectory = work + "/out"
    options.allowInconsistent = true
    options.allowMissingGlyphs = true
    var executions = 0, rendered = 0, refused = 0, skipped = 0, faces = 0
    let start = Date()
    var previous: String?
    while Date().timeIntervalSince(start) < seconds {
        let pick = generator.next(seeds.count)
        let font = mutateFont(seeds[pick], seeds: seeds)
        let suffix = (names[pick] as NSString).pathExtension
        for other in ["ttf", "otf", "ttc"] where other != suffix { try? FileManager.default.removeItem(atPath: "fuzz/current-font.\(other)") }
        try Data(font).write(to: URL(fileURLWithPath: "fuzz/current-font.\(suffix)"))
        if let previous { try? FileManager.default.removeItem(atPath: previous) }
        // A new name each time: cairo keeps faces by file name.
        let path = "\(home)/fonts/f\(executions).\(suffix)"
        try Data(font).write(to: URL(fileURLWithPath: path))
        previous = path
        FontDirectories.reset()
        FontFaces.shared.removeAll()
        faces += exercise(path)
        do {
            let result = try Renderer(locator: ResourceLocator(roots: [home])).render(home + "/report.yaml", options: options)
            rendered += 1
            if result.warnings.contains(where: { $0.contains("skipped") }) { skipped += 1 }
        } catch {
            refused += 1
        }
        executions += 1
        if executions % 500 == 0 {
            print("\(executions) fonts in \(Int(Date().timeIntervalSince(start))) s: \(faces) faces read, \(rendered) rendered, \(refused) refused")
        }
    }
    try? FileManager.default.removeItem(atPath: "fuzz/current-font.ttf")
    try? FileManager.default.removeItem(atPath: "fuzz/current-font.otf")
    try? FileManager.default.removeItem(atPath: "fuzz/current-font.ttc")
    print("done: \(executions) mutated fonts in \(Int(Date().timeIntervalSince(start))) s: \(faces) faces read, \(rendered) reports rendered, \(refused) refused, \(skipped) with the font skipped, no crash")
}
