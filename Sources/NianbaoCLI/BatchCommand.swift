import ArgumentParser
import Foundation
import Nianbao

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render every report in folders or lists, in parallel, skipping what is already up to date.",
        discussion: """
        A folder gives every *.yaml, *.yml and *.json below it; any other file is a list of report paths, \
        one per line. PDFs go under OUT mirroring the input tree; OUT/manifest.jsonl records each (input, \
        layout, template and font hashes, PDF hash), so a re-run renders only what changed or is missing. \
        A bad report is reported and skipped. Exit status: 0 all rendered, 1 some failed, 2 usage error.
        """)

    @Argument(help: "Folders, report files, or files listing report paths.")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "Folder for the PDFs and the manifest.")
    var output = "output"

    @Option(name: .shortAndLong, help: "Reports rendered at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    @Flag(help: "Write PDF/A-2b.")
    var pdfa = false

    @Option(help: "The engine that paints the PDF: nianbao (its own writer, the default) or cairo.")
    var engine: PDFEngine = .nianbao

    @Flag(help: "Render even reports whose tables' numbers contradict each other.")
    var allowInconsistent = false

    @Flag(help: "Render everything, even what the manifest shows up to date.")
    var force = false

    @Option(help: "Render only shard K of N (0 ≤ K < N), chosen by a hash of each input path: K=$JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID.")
    var shard: String?

    @Flag(help: "Print only the summary and failures.")
    var quiet = false

    @Flag(help: "Print one JSON object per report on standard output (input, output, pages, bytes, ms, sha256, status, message).")
    var jsonLog = false

    @Flag(help: "Join the manifests given as arguments into OUT/manifest.jsonl, then stop.")
    var mergeManifests = false

    @Flag(help: "Follow symbolic links found in the folders (by default a linked report is refused unread).")
    var followSymlinks = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError(mergeManifests ? say("name the manifests to merge", "请指定要合并的清单")
                                                               : say("name folders or files of reports", "请指定报告文件或文件夹")) }
        if jobs < 1 { throw ValidationError(say("--jobs must be at least 1", "--jobs 至少为 1")) }
        if let shard, Shard(shard) == nil { throw ValidationError(say("--shard wants K/N with 0 ≤ K < N, e.g. 0/4", "--shard 应为 K/N，且 0 ≤ K < N，例如 0/4")) }
    }

    func run() throws {
        var failed = false
        try exitingOnError {
            if mergeManifests {
                let count = try Manifest.merge(inputs, into: folderArgument(output))
                printError(say("\(output)/manifest.jsonl: \(count) documents from \(inputs.count) manifests",
                               "\(output)/manifest.jsonl：合并 \(inputs.count) 份清单，共 \(count) 份文件"))
                return
            }
            var options = BatchOptions()
            options.outputDirectory = folderArgument(output)
            options.jobs = jobs
            options.render.layout = layout
            options.render.pdfa = pdfa
            options.render.engine = engine
            options.render.allowInconsistent = allowInconsistent
            options.force = force
            options.shard = shard.flatMap(Shard.init)
            options.followSymlinks = followSymlinks
            let runner = BatchRunner(options: options)
            let (all, linkedFolders) = try BatchInputs.jobs(from: inputs, outputDirectory: folderArgument(output), followSymlinks: followSymlinks)
            for folder in linkedFolders {
                printError(say("warning: \(folder): a symbolic link to a folder, not followed (--follow-symlinks follows it)",
                               "警告：\(folder)：是指向文件夹的符号链接，未读取（--follow-symlinks 可读取）"))
            }
            let selected = runner.selected(all)
            let resume = say("nianbao batch: interrupted; finished PDFs are complete and listed in \(options.manifestPath); run the same command again to render the rest",
                             "nianbao batch：已中断；已完成的 PDF 都完整，并记录在 \(options.manifestPath) 中；再次运行同一命令即可继续生成其余报告")
            AtomicFile.removeTemporaryFileOnInterrupt(message: resume)
            let progress = BatchProgress(total: selected.count, quiet: quiet, json: jsonLog)
            let summary = try runner.run(all) { try progress.record($0) }
            try progress.finish()
            let rate = String(format: "%.1f", summary.seconds > 0 ? Double(summary.rendered) / summary.seconds : 0)
            let seconds = String(format: "%.1f", summary.seconds)
            let printed = printError(say(
                "\(summary.total) reports\(options.shard.map { " (shard \($0))" } ?? ""): \(summary.rendered) rendered (\(summary.pages) pages), "
                    + "\(summary.upToDate) up to date, \(summary.failed) failed in \(seconds) s (\(rate) reports/s)",
                "共 \(summary.total) 份报告\(options.shard.map { "（分片 \($0)）" } ?? "")：生成 \(summary.rendered) 份（\(summary.pages) 页），"
                    + "\(summary.upToDate) 份无需更新，\(summary.failed) 份失败，用时 \(seconds) 秒（每秒 \(rate) 份）"))
            failed = summary.failed > 0 || !printed
        }
        if failed { throw ExitCode(1) }
    }
}
