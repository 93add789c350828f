import ArgumentParser
import Dispatch
import Foundation
import Nianbao
import NianbaoImport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read reports (Word .docx, a portal page saved as .html, its text copied into .txt) into report files.",
        discussion: """
        Recognises the header block, title, preamble, sections (levels from their numbers, which \
        are removed), figures, the national tables (by their labels), their notes and the \
        signature. What cannot be placed is kept as a comment with its line and listed on stderr.
        """)

    @Argument(help: "Files to import (.docx, .html, .txt), or folders of them (read below, in name order).")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "A report file (NAME.yaml) for one input, or a folder for several. Default: standard output for one input, the folder 'imported' for several.")
    var output: String?

    @Option(help: "gov-2019, gov-2021, or auto (chosen by the tables found, and the reason printed).")
    var template = "auto"

    @Option(help: "The report's title, when the source has none (a portal prints it above the text).")
    var title: String?

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    func run() throws {
        try exitingOnError {
            let files = try Renderer.importInputs(inputs)
            let renderer = Renderer()
            let importer = try renderer.importer(layout: layout)
            let chosen = template == "auto" ? nil : template
            let toFile = output.map { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ?? false
            if toFile && files.count > 1 {
                throw ValidationError(say("-o names one file; give a folder for \(files.count) inputs", "-o 是一个文件；\(files.count) 个输入请给一个文件夹"))
            }
            let names = Self.outputNames(files)
            let results = ConcurrentSlots<Result<ReportImporter.Result, any Error>>(count: files.count)
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                results[index] = Result { try Renderer.importFile(files[index], with: importer, template: chosen, title: title) }
            }
            var failed = 0
            var totals = (tables: 0, found: 0, placed: 0, comments: 0)
            for (file, result) in zip(files, results.values) {
                switch result {
                case .failure(let error):
                    failed += 1
                    _ = printError(say("\(error)", (error as? ImportError).map { "\($0.file)：\($0.message.zh)" } ?? "\(error)"))
                case .success(let imported):
                    let report = imported.report
                    for left in report.leftOver { _ = printError("\(file):\(left.line): " + say("left as a comment: ", "保留为注释：") + left.message.description) }
                    for note in report.notes { _ = printError("\(file):\(note.line): " + say("note: ", "注意：") + note.message.description) }
                    _ = printError("\(file): \(report.templateReason.description)")
                    totals.tables += imported.tablesFound
                    totals.found += imported.cellsFound
                    totals.placed += imported.cellsPlaced
                    totals.comments += imported.leftAsComments
                    if let output, toFile {
                        try Renderer.writeFile(imported.yaml, to: output)
                    } else if output == nil && files.count == 1 {
                        try printOutput(imported.yaml, terminator: "")
                    } else {
                        try Renderer.writeFile(imported.yaml, to: folderArgument(output ?? "imported") + "/" + names[file]!)
                    }
                }
            }
            _ = printError(say("\(files.count) files, \(failed) failed; \(totals.tables) tables, \(totals.placed) of \(totals.found) table cells placed, \(totals.comments) items left as comments",
                               "\(files.count) 个文件，\(failed) 个失败；\(totals.tables) 张表，表格单元格 \(totals.found) 个中放入 \(totals.placed) 个，\(totals.comments) 项保留为注释"))
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

extension ImportCommand {
    /// NAME.yaml for each input; where two inputs share a NAME (a.docx beside a.txt), NAME.EXT.yaml,
    /// and a number after it where even that is taken: no output overwrites another.
    static func outputNames(_ files: [String]) -> [String: String] {
        let base = { (file: String) in URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent }
        let counts = Dictionary(files.map { (base($0), 1) }, uniquingKeysWith: +)
        var taken = Set<String>()
        var names: [String: String] = [:]
        for file in files where names[file] == nil {
            let stem = counts[base(file)]! > 1 ? URL(fileURLWithPath: file).lastPathComponent : base(file)
            var name = stem + ".yaml", n = 2
            while taken.contains(name) { name = "\(stem)-\(n).yaml"; n += 1 }   // x.txt in two folders
            taken.insert(name)
            names[file] = name
        }
        return names
    }
}

/// One result slot per index, written from concurrent iterations (each index once).
final class ConcurrentSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return slots[index] }
        set { lock.lock(); defer { lock.unlock() }; slots[index] = newValue }
    }
    var values: [Value] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
