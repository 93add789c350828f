import ArgumentParser
import Foundation
import Nianbao
import NianbaoSystem
import NianbaoModel
import Synchronization

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure render speed and memory on a generated corpus of distinct reports.",
        discussion: """
        The corpus is the seed report with 政府 and 信息 replaced by other two-character words (the \
        method of shared/bench/peers/bench.py: same widths, same pages, no two documents alike). Prints \
        cold whole-process renders, warm docs/s and pages/s at -j 1 and -j cores, ms/doc, peak RSS, \
        PDF bytes/page; --long N renders N documents and prints the resident memory (and malloc's heap \
        in use) every --sample-every documents.
        """)

    @Option(help: "The report the corpus is made from.")
    var report = "examples/quzhou-zhihuixincheng-2019.yaml"

    @Option(help: "Documents per warm batch.")
    var documents = 60

    @Option(help: "Cold whole-process renders (the median is printed).")
    var coldRuns = 7

    @Option(help: "Also render this many documents and print the memory every --sample-every (0: skip).")
    var long = 0

    @Option(help: "With --long, sample the memory every this many documents.")
    var sampleEvery = 1000

    @Option(help: "Workers for --long (default: the number of cores).")
    var longJobs: Int?

    @Option(help: "The engine that paints the PDF: nianbao (the default) or cairo.")
    var engine: PDFEngine = .nianbao

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    func run() throws {
        try exitingOnError {
            let folder = NSTemporaryDirectory() + "nianbao-bench-\(getpid())"
            try FileManager.default.createDirectory(atPath: "\(folder)/corpus", withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let text = try String(contentsOfFile: report, encoding: .utf8)
            var results: [String: Any] = ["report": report, "cores": ProcessInfo.processInfo.activeProcessorCount, "engine": engine.rawValue]

            // Cold: the whole process, as a user runs it.
            var cold: [Double] = []
            for _ in 0..<coldRuns {
                var stopwatch = Stopwatch()
                let status = try runProcess([CommandLine.arguments[0], "render", report, "-o", "\(folder)/cold", "--allow-inconsistent", "--engine", engine.rawValue])
                guard status == 0 else { throw BatchError("the cold render of \(report) failed (exit \(status))") }
                cold.append(stopwatch.lap() / 1000)
            }
            results["cold_s_median"] = median(cold)
            log(String(format: "cold render, whole process: median %.3f s of %d (min %.3f, max %.3f)",
                       median(cold), coldRuns, cold.min() ?? 0, cold.max() ?? 0))

            // Warm: the batch path, every document distinct, all rendered (--force).
            for i in 0..<documents {
                try Self.variant(text, i).write(toFile: "\(folder)/corpus/doc-\(i).yaml", atomically: true, encoding: .utf8)
            }
            let cores = ProcessInfo.processInfo.activeProcessorCount
            for jobs in Array(Set([1, cores])).sorted() {
                var options = BatchOptions()
                options.outputDirectory = "\(folder)/out-\(jobs)"
                options.jobs = jobs
                options.force = true
                options.render.allowInconsistent = true
                options.render.engine = engine
                let samples = Mutex<[(ms: Double, bytes: Int, pages: Int, done: ContinuousClock.Instant)]>([])
                let summary = try BatchRunner(options: options).run(try BatchInputs.jobs(from: ["\(folder)/corpus"], outputDirectory: options.outputDirectory).jobs) { event in
                    if let r = event.record, r.status == .ok {
                        samples.withLock { $0.append((r.milliseconds ?? 0, r.bytes ?? 0, r.pages ?? 0, .now)) }
                    }
                }
                let s = samples.withLock { $0 }
                let ms = s.map(\.ms).sorted()
                // Like the peers' figures: setup (hashing the fonts for the manifest, the workers' font
                // maps) and each worker's first document are left out; counted is what ends after
                // the first `jobs` documents have.
                let done = s.map(\.done).sorted()
                let batchDocsPerSecond = Double(summary.rendered) / summary.seconds
                var (docsPerSecond, pagesPerSecond) = (batchDocsPerSecond, Double(summary.pages) / summary.seconds)
                if done.count > jobs {
                    let steadyStart = done[jobs - 1]
                    let steady = s.filter { $0.done > steadyStart }
                    let steadySeconds = (done.last! - steadyStart).milliseconds / 1000
                    docsPerSecond = Double(steady.count) / steadySeconds
                    pagesPerSecond = Double(steady.map(\.pages).reduce(0, +)) / steadySeconds
                }
                let bytesPerPage = Double(s.map(\.bytes).reduce(0, +)) / Double(max(1, s.map(\.pages).reduce(0, +)))
                results["j\(jobs)"] = ["docs_per_s": docsPerSecond, "pages_per_s": pagesPerSecond, "batch_docs_per_s": batchDocsPerSecond,
                                       "ms_p50": percentile(ms, 0.5), "ms_p95": percentile(ms, 0.95),
                                       "pdf_bytes_per_page": bytesPerPage, "failed": summary.failed]
                log(String(format: "warm -j %d: %d docs, %.1f docs/s (%.1f with setup and first documents), %.0f pages/s, ms/doc p50 %.0f p95 %.0f, %.0f PDF bytes/page%@",
                           jobs, summary.rendered, docsPerSecond, batchDocsPerSecond, pagesPerSecond, percentile(ms, 0.5), percentile(ms, 0.95),
                           bytesPerPage, summary.failed > 0 ? ", \(summary.failed) FAILED" : ""))
            }
            results["breakdown_ms"] = try breakdown(folder: folder)
            results["peak_rss_mb"] = ProcessMemory.peakResident()
            log(String(format: "peak RSS so far: %.0f MB", ProcessMemory.peakResident()))

            if long > 0 {
                let series = try longRun(text, count: long, jobs: longJobs ?? cores, folder: folder)
                results["long"] = ["documents": long, "jobs": longJobs ?? cores, "sample_every": sampleEvery, "rss_mb": series]
                results["peak_rss_mb"] = ProcessMemory.peakResident()
                let growth = series.count > 1 ? (series.last! - series[0]) / series[0] * 100 : 0
                log(String(format: "RSS every %d documents (MB): %@; growth %.1f %% from the first sample; peak %.0f MB",
                           sampleEvery, series.map { String(format: "%.0f", $0) }.joined(separator: " "), growth, ProcessMemory.peakResident()))
            }
            if json {
                let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys, .prettyPrinted])
                try printOutput(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// Where a warm report's time goes, averaged over the corpus after one document to warm up.
    private func breakdown(folder: String) throws -> [String: Double] {
        let renderer = Renderer()
        var options = RenderOptions()
        options.allowInconsistent = true
        options.engine = engine
        options.outputDirectory = folder
        options.outputFile = "breakdown.pdf"
        var sum = Timings()
        let count = max(1, documents - 1)
        for i in 0...count {
            let t = try renderer.render("\(folder)/corpus/doc-\(i % documents).yaml", options: options).timings
            guard i > 0 else { continue }
            sum.parse += t.parse; sum.layout += t.layout; sum.shaping += t.shaping; sum.content += t.content
            sum.finish += t.finish; sum.write += t.write
        }
        let n = Double(count)
        let parts: [(String, Double)] = [("parse", sum.parse / n), ("layout", sum.layout / n), ("shaping", sum.shaping / n),
                                         ("content", sum.content / n), ("finish", sum.finish / n), ("write", sum.write / n)]
        log(String(format: "time per report, warm, -j 1 (ms): parse %.1f, layout %.1f (of which shaping %.1f), PDF content %.1f, "
                   + "PDF finish (fonts, compression) %.1f, write %.1f", parts[0].1, parts[1].1, parts[2].1, parts[3].1, parts[4].1,
                   parts[5].1))
        return Dictionary(uniqueKeysWithValues: parts)
    }

    /// `count` renders on `jobs` workers, each writing over its own scratch PDF (10,000 PDFs would
    /// fill a disk), sampling the process's resident memory after every 1,000.
    private func longRun(_ text: String, count: Int, jobs: Int, folder: String) throws -> [Double] {
        let variants = 200   // a cycle of distinct documents, written once
        for i in 0..<variants {
            try Self.variant(text, i).write(toFile: "\(folder)/corpus/long-\(i).yaml", atomically: true, encoding: .utf8)
        }
        let next = Mutex(0)
        let samples = Mutex<[Double]>([])
        let failure = Mutex<String?>(nil)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            let renderer = Renderer()
            var options = RenderOptions()
            options.allowInconsistent = true
            options.engine = engine
            options.outputDirectory = folder
            options.outputFile = "long-worker-\(worker).pdf"
            while true {
                let i = next.withLock { value -> Int in defer { value += 1 }; return value }
                guard i < count else { return }
                do {
                    _ = try renderer.render("\(folder)/corpus/long-\(i % variants).yaml", options: options)
                } catch {
                    failure.withLock { $0 = String(describing: error) }
                    return
                }
                if (i + 1) % sampleEvery == 0 {
                    let rss = ProcessMemory.resident()
                    samples.withLock { $0.append(rss) }
                    log(String(format: "  %d documents, RSS %.0f MB (malloc heap in use %.1f MB)", i + 1, rss, ProcessMemory.heapInUse()))
                }
            }
        }
        if let failure = failure.withLock({ $0 }) { throw BatchError(failure) }
        return samples.withLock { $0 }
    }

    /// bench.py's variant: document i has 政府 and 信息 replaced by two other two-character words.
    static func variant(_ text: String, _ i: Int) -> String {
        let pool = Array("市区县镇乡街村部局委办厅署院所站队组科处室馆会社团省州郡府衙司监寺台阁殿堂楼园林湖山河江海岛港湾城关")
        let w = String([pool[i % pool.count], pool[(i * 7 + 3) % pool.count]])
        let v = String([pool[(i * 11 + 5) % pool.count], pool[(i * 13 + 9) % pool.count]])
        return text.replacingOccurrences(of: "政府", with: w).replacingOccurrences(of: "信息", with: v)
    }

    private func runProcess(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // Not waitUntilExit: on Linux it polls its run loop every 50 ms, which would round every
        // cold time up by as much.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        exited.wait()
        return process.terminationStatus
    }

    private func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

    private func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

private func log(_ line: String) { printError(line) }
