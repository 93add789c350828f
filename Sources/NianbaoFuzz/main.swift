import Foundation
import Nianbao

// Feeds mutated report files through decode → validate → layout → PDF, in process, for a while.
// Before each input it writes the input to fuzz/current.yaml, so that a crash leaves its cause
// behind; scripts/fuzz restarts after a crash and keeps the input in fuzz/crashes/. Inputs that
// reach new outcomes (new error message shapes, or a rendered PDF) are kept in fuzz/corpus/.
//
//   nianbao-fuzz SECONDS [SEED]

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 60 : 60
var generator = SplitMix(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : UInt64(Date().timeIntervalSince1970))
let fuzzFolder = "fuzz"
let work = NSTemporaryDirectory() + "nianbao-fuzz-\(getpid())"
try FileManager.default.createDirectory(atPath: work + "/out", withIntermediateDirectories: true)

var seeds: [Data] = []
for folder in ["examples", "\(fuzzFolder)/corpus"] {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".yaml") {
        if let data = FileManager.default.contents(atPath: "\(folder)/\(name)") { seeds.append(data) }
    }
}
guard !seeds.isEmpty else { fatalError("run from the repository root: no examples/*.yaml found") }

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

let renderer = Renderer()
var options = RenderOptions()
options.outputDirectory = work + "/out"
options.allowInconsistent = true
var executions = 0, rendered = 0, refused = 0
var outcomes = Set<String>()
let start = Date()
while Date().timeIntervalSince(start) < seconds {
    let input = mutate(seeds[generator.next(seeds.count)])
    try input.write(to: URL(fileURLWithPath: "\(fuzzFolder)/current.yaml"))
    try input.write(to: URL(fileURLWithPath: "\(work)/report.yaml"))
    var outcome: String
    do {
        _ = try renderer.render("\(work)/report.yaml", options: options)
        rendered += 1
        outcome = "rendered"
    } catch {
        refused += 1
        // The shape of the message, without numbers and quoted values, tells outcomes apart.
        outcome = String(describing: error).split(separator: "\n").first.map(String.init)?
            .replacing(/'[^']*'|“[^”]*”|\d+|[^\x00-\x7F]/, with: "").prefix(80).description ?? "?"
    }
    if outcomes.insert(outcome).inserted && outcomes.count > 1 {
        try input.write(to: URL(fileURLWithPath: "\(fuzzFolder)/corpus/found-\(outcomes.count)-\(getpid()).yaml"))
    }
    executions += 1
    if executions % 500 == 0 {
        print("\(executions) executions in \(Int(Date().timeIntervalSince(start))) s: \(rendered) rendered, \(refused) refused, \(outcomes.count) outcomes")
    }
}
try? FileManager.default.removeItem(atPath: "\(fuzzFolder)/current.yaml")
print("done: \(executions) executions in \(Int(Date().timeIntervalSince(start))) s: \(rendered) rendered, \(refused) refused, \(outcomes.count) distinct outcomes, no crash")

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
