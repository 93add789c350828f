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
        if inputs.isEmpty { throw ValidationError(mergeManifests ? "name the manifests to merge" : "name folders or files of reports") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard wants K/N with 0 ≤ K < N, e.g. 0/4") }
    }

    func run() throws {
        var failed = false
        try exitingOnError {
            if mergeManifests {
                let count = try Manifest.merge(inputs, into: folderArgument(output))
                printError("\(output)/manifest.jsonl: \(count) documents from \(inputs.count) manifests")
                return
            }
            var options = BatchOptions()
            options.outputDirectory = folderArgument(output)
            options.jobs = jobs
            options.render.layout = layout
            options.render.pdfa = pdfa
            options.render.allowInconsistent = allowInconsistent
            options.force = force
            options.shard = shard.flatMap(Shard.init)
            options.followSymlinks = followSymlinks
            let runner = BatchRunner(options: options)
            let (all, linkedFolders) = try BatchInputs.jobs(from: inputs, outputDirectory: folderArgument(output), followSymlinks: followSymlinks)
            for folder in linkedFolders {
                printError("warning: \(folder): a symbolic link to a folder, not followed (--follow-symlinks follows it)")
            }
            let selected = runner.selected(all)
            let resume = "nianbao batch: interrupted; finished PDFs are complete and listed in \(options.manifestPath); run the same command again to render the rest"
            AtomicFile.removeTemporaryFileOnInterrupt(message: resume)
            let progress = BatchProgress(total: selected.count, quiet: quiet, json: jsonLog)
            let summary = try runner.run(all) { try progress.record($0) }
            try progress.finish()
            let printed = printError(String(format: "%d reports%@: %d rendered (%d pages), %d up to date, %d failed in %.1f s (%.1f reports/s)",
                              summary.total, options.shard.map { " (shard \($0))" } ?? "", summary.rendered, summary.pages,
                              summary.upToDate, summary.failed, summary.seconds,
                              summary.seconds > 0 ? Double(summary.rendered) / summary.seconds : 0))
            failed = summary.failed > 0 || !printed
        }
        if failed { throw ExitCode(1) }
    }
}
