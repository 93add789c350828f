import Foundation
import Nianbao
import NianbaoShaping
import NianbaoSystem
import NianbaoPDF

// Feeds mutated report files through decode → validate → layout → PDF, in process, for a while.
// Before each input it writes the input to fuzz/current.yaml, so that a crash leaves its cause
// behind; scripts/fuzz restarts after a crash and keeps the input in fuzz/crashes/. Inputs that
// reach new outcomes (new error message shapes, or a rendered PDF) are kept in fuzz/corpus/.
// One input in three is instead a figure's picture: a PNG of fuzz/images/ mutated chunk by chunk
// (header fields, chunk lengths, pixel data, truncation, chunks dropped or repeated, checksums
// mostly mended so that libpng reads on); a crash leaves it in fuzz/current.png.
//
// With --fonts it fuzzes font files instead (FontFuzzer.swift).
//
//   nianbao-fuzz SECONDS [SEED] [--fonts]

let arguments = CommandLine.arguments.filter { $0 != "--fonts" }
let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 60 : 60
var generator = SplitMix(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : UInt64(Date().timeIntervalSince1970))
let fuzzFolder = "fuzz"
let work = NSTemporaryDirectory() + "nianbao-fuzz-\(getpid())"
try FileManager.default.createDirectory(atPath: work + "/out", withIntermediateDirectories: true)
if CommandLine.arguments.contains("--fonts") {
    try fuzzFonts(seconds: seconds)
    exit(0)
}

var seeds: [Data] = []
for folder in ["examples", "\(fuzzFolder)/corpus"] {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".yaml") {
        if let data = FileManager.default.contents(atPath: "\(folder)/\(name)") { seeds.append(data) }
    }
}
guard !seeds.isEmpty else { fatalError("run from the repository root: no examples/*.yaml found") }
let images = ((try? FileManager.default.contentsOfDirectory(atPath: "\(fuzzFolder)/images")) ?? []).sorted()
    .filter { $0.hasSuffix(".png") }.compactMap { FileManager.default.contents(atPath: "\(fuzzFolder)/images/\($0)").map { [UInt8]($0) } }
guard !images.isEmpty else { fatalError("no fuzz/images/*.png found") }
/// A small valid report whose one figure shows `figure.png` beside it.
let figureReport = """
template: gov-2019
header: {index-number: 1/2020-1, date: 2020-01-31, disclosure: 主动公开, category: 2019年度, publisher: 某局}
title: 某局2019年度政府信息公开工作年度报告
body:
  - section: 总体情况
    content:
      - 正文。
      - figure: 图
        image: figure.png
signature: {agency: 某局, date: 2020-01-31}

"""

let tokens = [":", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "&a ", "*a", "\t", "\n", "  ", "\u{202E}", "\u{07}",
              "9999999999", "-1", "1.5", "+3", "--253", "0", "😀", "\u{2A6D6}", "𠮷", "一、", "（", "）", "，", "。", "\\u0000",
              "section: ", "table: applications", "figure: 图", "image: x.png", "level: 9", "values:", "labels:", "元", "万元",
              "2019-02-30", String(repeating: "长", count: 3000), "~", "null", "true", "{a: 1}", "[1, 2]"]

@MainActor func mutate(_ input: Data) -> Data {
    var bytes = [UInt8](input)
    for _ in 0..<(1 + generator.next(4)) {
        guard !bytes.isEmpty else { bytes = Array(tokens[generator.next(tokens.count)].utf8); continue }
        let at = generator.next(bytes.count)
        switch generator.next(6) {
        case 0: bytes[at] ^= UInt8(1 << generator.next(8))                               // flip a bit
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + generator.next(40)))  // delete a run
        case 2: bytes.insert(contentsOf: Array(tokens[generator.next(tokens.count)].utf8), at: at)
        case 3:                                                                            // duplicate a line
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let line = lines[generator.next(lines.count)]
            bytes.insert(contentsOf: Array(line) + [0x0A], at: at)
        case 4:                                                                            // change a digit
            if let digit = bytes.indices.dropFirst(at).first(where: { (0x30...0x39).contains(bytes[$0]) }) {
                bytes[digit] = UInt8(0x30 + generator.next(10))
            }
        default:                                                                           // splice another seed
            let other = [UInt8](seeds[generator.next(seeds.count)])
            let from = generator.next(max(1, other.count))
            bytes.insert(contentsOf: other[from..<min(other.count, from + generator.next(200))], at: at)
        }
    }
    return Data(bytes)
}

/// PNG chunks: (type, data), between the signature and the end.
func chunks(of png: [UInt8]) -> [(type: [UInt8], data: [UInt8])] {
    var out: [([UInt8], [UInt8])] = []
    var at = 8
    while at + 12 <= png.count {
        let length = png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
        guard length <= png.count - at - 12 else { break }
        out.append((Array(png[(at + 4)..<(at + 8)]), Array(png[(at + 8)..<(at + 8 + length)])))
        at += 12 + length
    }
    return out
}

func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

/// CRC-32 as PNG (and zlib) computes it.
let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
    return c
}

func crc(_ bytes: [UInt8]) -> UInt32 {
    ~bytes.reduce(UInt32.max) { crcTable[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
}

let interesting: [UInt32] = [0, 1, 2, 255, 256, 32767, 32768, 65535, 65536, 6324, 40_000_000, 0x7FFF_FFFF, 0x8000_0000, .max]
let deflater = Deflater()

@MainActor func mutatePNG(_ png: [UInt8]) -> [UInt8] {
    var list = chunks(of: png)
    guard !list.isEmpty else { return png }
    var mendChecksums = generator.next(10) < 8
    for _ in 0..<(1 + generator.next(3)) {
        let i = generator.next(list.count)
        switch generator.next(9) {
        case 0 where list[i].data.count >= 13:                                             // a header field
            let field = generator.next(7)
            if field < 2 {
                let value = interesting[generator.next(interesting.count)]
                list[i].data.replaceSubrange((4 * field)..<(4 * field + 4), with: be32(value))
            } else {
                list[i].data[6 + field] = UInt8(generator.next(256))
            }
        case 1: if !list[i].data.isEmpty { list[i].data[generator.next(list[i].data.count)] ^= UInt8(1 << generator.next(8)) }
        case 2: list.remove(at: i)
        case 3: list.insert(list[i], at: generator.next(list.count + 1))                   // a chunk repeated
        case 4: list[i].data = Array(list[i].data.prefix(generator.next(list[i].data.count + 1)))
        case 5: list.insert((Array("tEXt".utf8), Array("Comment\u{0}".utf8) + Array(repeating: 0x41, count: generator.next(3000))), at: i)
        case 6:                                                                            // pixel data of another size
            let count = [0, 1, 100, 10_000, 1_000_000][generator.next(5)]
            let raw = (0..<count).map { _ in UInt8(generator.next(4) == 0 ? generator.next(256) : 0) }
            if let idat = list.firstIndex(where: { $0.type == Array("IDAT".utf8) }) { list[idat].data = deflater.deflate(raw, effort: .thorough) }
        case 7: list[i].type = Array(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "iCCP", "sBIT", "zzzz"][generator.next(9)].utf8)
        default: mendChecksums = false
        }
    }
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    for chunk in list {
        out += be32(UInt32(chunk.data.count)) + chunk.type + chunk.data
        out += be32(mendChecksums ? crc(chunk.type + chunk.data) : UInt32(generator.next(Int(UInt32.max))))
    }
    if generator.next(8) == 0 { out = Array(out.prefix(generator.next(out.count + 1))) }  // cut short
    if generator.next(16) == 0, let at = out.indices.randomElement() {                     // a chunk length gone wild
        out[at] = UInt8(generator.next(256))
    }
    return out
}

let renderer = Renderer()
var options = RenderOptions()
options.outputDirectory = work + "/out"
options.allowInconsistent = true
var executions = 0, rendered = 0, refused = 0, pictures = 0, picturesDrawn = 0
var outcomes = Set<String>()
let start = Date()
while Date().timeIntervalSince(start) < seconds {
    let picture = generator.next(3) == 0
    let input = picture ? Data(figureReport.utf8) : mutate(seeds[generator.next(seeds.count)])
    if picture {
        let png = Data(mutatePNG(images[generator.next(images.count)]))
        try png.write(to: URL(fileURLWithPath: "\(fuzzFolder)/current.png"))
        try png.write(to: URL(fileURLWithPath: "\(work)/figure.png"))
    } else {
        try? FileManager.default.removeItem(atPath: "\(fuzzFolder)/current.png")
    }
    try input.write(to: URL(fileURLWithPath: "\(fuzzFolder)/current.yaml"))
    try input.write(to: URL(fileURLWithPath: "\(work)/report.yaml"))
    var outcome: String
    do {
        _ = try renderer.render("\(work)/report.yaml", options: options)
        rendered += 1
        if picture { picturesDrawn += 1 }
        outcome = "rendered"
    } catch {
        refused += 1
        // The shape of the message, without numbers and quoted values, tells outcomes apart.
        outcome = String(describing: error).split(separator: "\n").first.map(String.init)?
            .replacing(/'[^']*'|“[^”]*”|\d+|[^\x00-\x7F]/, with: "").prefix(80).description ?? "?"
    }
    if outcomes.insert(outcome).inserted && outcomes.count > 1 && !picture {
        try input.write(to: URL(fileURLWithPath: "\(fuzzFolder)/corpus/found-\(outcomes.count)-\(getpid()).yaml"))
    }
    executions += 1
    if picture { pictures += 1 }
    if executions % 500 == 0 {
        print("\(executions) executions in \(Int(Date().timeIntervalSince(start))) s: \(rendered) rendered, \(refused) refused, \(outcomes.count) outcomes")
    }
}
try? FileManager.default.removeItem(atPath: "\(fuzzFolder)/current.yaml")
try? FileManager.default.removeItem(atPath: "\(fuzzFolder)/current.png")
print("done: \(executions) executions in \(Int(Date().timeIntervalSince(start))) s: \(rendered) rendered, \(refused) refused, \(outcomes.count) distinct outcomes, no crash; \(pictures) mutated pictures, \(picturesDrawn) of them drawn")

/// A small, seedable random number generator (SplitMix64), so that a run can be repeated.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
