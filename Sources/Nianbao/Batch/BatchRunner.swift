import Foundation
import NianbaoModel
import NianbaoCairo
import NianbaoShaping
import NianbaoSystem
import Synchronization

/// How a batch runs.
public struct BatchOptions: Sendable {
    public var outputDirectory = "output"
    /// Reports rendered at once, each by a worker with its own font map.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Layout, PDF/A and the other render options, the same for every report.
    public var render = RenderOptions()
    /// Render everything, even what the manifest shows up to date.
    public var force = false
    /// Render only this shard of the reports.
    public var shard: Shard?
    /// Read reports that are symbolic links (they are refused otherwise).
    public var followSymlinks: Bool {
        get { render.followSymlinks }
        set { render.followSymlinks = newValue }
    }

    public init() {}

    /// The manifest of this run: one per shard, so shards on a shared folder never write one file.
    public var manifestName: String {
        guard let shard else { return "manifest.jsonl" }
        return "manifest-shard-\(shard.index)-of-\(shard.count).jsonl"
    }

    public var manifestPath: String { "\(outputDirectory)/\(manifestName)" }
}

/// What happened to one report.
public struct BatchEvent: Sendable {
    public enum Kind: String, Sendable { case rendered = "ok", failed, upToDate = "skipped" }

    public var kind: Kind
    public var job: BatchJob
    /// Absent for a report skipped as up to date.
    public var record: ManifestRecord?
}

/// Counts at the end of a batch.
public struct BatchSummary: Sendable {
    public var total = 0
    public var rendered = 0
    public var upToDate = 0
    public var failed = 0
    public var pages = 0
    public var seconds = 0.0
}

/// Renders many reports in parallel, skipping those whose PDF the manifest shows up to date,
/// recording each finished one in the manifest at once.
public final class BatchRunner: Sendable {
    public let options: BatchOptions
    private let locator: ResourceLocator
    private let hashes = Mutex<[String: String]>([:])

    public init(options: BatchOptions, locator: ResourceLocator = ResourceLocator()) {
        self.options = options
        self.locator = locator
    }

    /// The jobs of this run's shard, in order.
    public func selected(_ jobs: [BatchJob]) -> [BatchJob] {
        guard let shard = options.shard else { return jobs }
        return jobs.filter { $0.shard(of: shard.count) == shard.index }
    }

    /// Runs the batch; `report` is called from the workers as each report ends (and for each
    /// report skipped), in no fixed order. When `report` throws (its log cannot be written), no
    /// further report starts; those under way finish and are recorded, and the error is thrown.
    public func run(_ allJobs: [BatchJob], report: @escaping @Sendable (BatchEvent) throws -> Void) throws -> BatchSummary {
        let started = ContinuousClock.now
        let jobs = selected(allJobs)
        try OutputFolder.makeFolders(options.outputDirectory)
        // Temporary files of killed runs go, in every folder, also those this run writes nothing to.
        AtomicFile.sweepTree(options.outputDirectory)
        let environment = try environmentKey()
        let resources = try resourceFiles()
        let manifest = Manifest(folder: options.outputDirectory, name: options.manifestName)
        let records = try manifest.open()
        let known = options.force ? [:] : records

        // Each input is read for its hash once: the check below and the record of its render share it.
        var pending: [(job: BatchJob, inputSHA256: String)] = []
        var summary = BatchSummary(total: jobs.count)
        for job in jobs {
            // Hashed as the render will read it: a link not followed, nor a file past the input limit.
            let inputSHA256 = job.refusal == nil
                ? Digest.file(job.input, followSymlinks: options.followSymlinks, limit: SourceText.maxBytes) ?? "" : ""
            if let record = known[job.input],
               isCurrent(record, for: job, inputSHA256: inputSHA256, environment: environment, resources: resources) {
                summary.upToDate += 1
                try report(BatchEvent(kind: .upToDate, job: job, record: record))
            } else {
                pending.append((job, inputSHA256))
            }
        }

        let queue = pending
        let next = Mutex(0)
        let counts = Mutex((rendered: 0, failed: 0, pages: 0))
        let failure = Mutex<Error?>(nil)
        let workers = max(1, min(options.jobs, pending.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let renderer = Renderer(locator: locator)   // one font map per worker, never shared
            while true {
                let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                guard index < queue.count, failure.withLock({ $0 == nil }) else { return }
                let (job, inputSHA256) = queue[index]
                let record = render(job, inputSHA256: inputSHA256, with: renderer, environment: environment)
                do {
                    try manifest.append(record)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
                counts.withLock {
                    if record.status == .ok { $0.rendered += 1; $0.pages += record.pages ?? 0 } else { $0.failed += 1 }
                }
                do {
                    try report(BatchEvent(kind: record.status == .ok ? .rendered : .failed, job: job, record: record))
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        // One flush for the batch instead of one per file (see RenderOptions.flushEachFile).
        try manifest.flush()
        if let reason = DiskFlush.fileSystem(of: options.outputDirectory) {
            throw BatchError("\(options.outputDirectory): cannot be flushed to disk: \(reason)")
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let done = counts.withLock { $0 }
        summary.rendered = done.rendered
        summary.failed = done.failed
        summary.pages = done.pages
        summary.seconds = (ContinuousClock.now - started).milliseconds / 1000
        return summary
    }

    private func render(_ job: BatchJob, inputSHA256: String, with renderer: Renderer, environment: String) -> ManifestRecord {
        let start = ContinuousClock.now
        var options = self.options.render
        options.outputDirectory = self.options.outputDirectory
        options.outputFile = job.relativeOutput
        options.flushEachFile = false
        var record = ManifestRecord(input: job.input, output: job.output, status: .failed,
                                    inputSHA256: inputSHA256, sources: [:], environment: environment,
                                    fonts: [], version: nianbaoVersion)
        if let refusal = job.refusal {
            record.message = "\(job.input): \(refusal)"
            return record
        }
        do {
            let result = try renderer.render(job.input, options: options)
            // The bytes rendered, which may differ from those hashed when the batch began.
            record.inputSHA256 = result.inputSHA256
            record.status = .ok
            record.sources = Dictionary(uniqueKeysWithValues: result.sources.map { ($0, hash(of: $0)) })
            record.fonts = result.fontFiles
            record.pages = result.pages
            record.pdfSHA256 = result.pdfSHA256
            record.bytes = result.bytes
        } catch {
            record.message = String(describing: error)
        }
        record.milliseconds = (ContinuousClock.now - start).milliseconds.rounded()
        return record
    }

    /// Whether the PDF a record describes is what a render now would give: same version, options and
    /// role fonts, same input, layout, template and font files, and the PDF still there, unchanged.
    /// Only this run's layout and template files are hashed for it: a manifest planted in the output
    /// folder cannot make nianbao read other files.
    private func isCurrent(_ record: ManifestRecord, for job: BatchJob, inputSHA256: String, environment: String,
                           resources: Set<String>) -> Bool {
        guard job.refusal == nil, record.status == .ok, record.version == nianbaoVersion, record.environment == environment,
              record.output == job.output, record.inputSHA256 == inputSHA256, let pdf = record.pdfSHA256 else { return false }
        for (path, digest) in record.sources where !resources.contains(path) || hash(of: path) != digest { return false }
        for font in record.fonts where !FileManager.default.fileExists(atPath: font) { return false }
        return Digest.file(job.output, followSymlinks: false) == pdf
    }

    /// The layout file of this run and every template file a report could name: the files a
    /// record's sources may be.
    private func resourceFiles() throws -> Set<String> {
        let layout = try locator.layoutFile(options.render.layout)
        let folders = [URL(fileURLWithPath: layout).deletingLastPathComponent().appendingPathComponent("templates").path]
            + locator.roots.map { "\($0)/layouts/templates" }
        var files: Set<String> = [layout]
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".yaml") {
                files.insert("\(folder)/\(name)")
            }
        }
        return files
    }

    /// SHA-256 of a file, read once per batch (layout, templates and fonts are shared).
    private func hash(of path: String) -> String {
        if let known = hashes.withLock({ $0[path] }) { return known }
        let digest = Digest.file(path) ?? "unreadable"
        hashes.withLock { $0[path] = digest }
        return digest
    }

    /// What every PDF of the batch depends on besides its own files: nianbao's version, the render
    /// options, and for each font role the face file it resolves to and that file's contents (a
    /// licensed font dropped into fonts/ changes it).
    private func environmentKey() throws -> String {
        let renderer = Renderer(locator: locator)
        let roles = try renderer.fonts(layout: options.render.layout)
        let render = options.render
        var key = "nianbao \(nianbaoVersion)\nlayout \(render.layout)\npdfa \(render.pdfa)\n"
            + "inconsistent \(render.allowInconsistent)\nmissing-glyphs \(render.allowMissingGlyphs)\n"
            + "outside-images \(render.allowOutsideImages)\npng \(render.png) \(render.pngDPI)\n"
            + "follow-symlinks \(render.followSymlinks)\nengine \(render.engine.rawValue)\n"
        // Font files are tens of megabytes: hashed side by side, one per core.
        let files = Array(Set(roles.map(\.file)))
        DispatchQueue.concurrentPerform(iterations: files.count) { _ = hash(of: files[$0]) }
        for role in roles { key += "\(role.role) \(role.file) \(hash(of: role.file))\n" }
        return Digest.hex(Data(key.utf8))
    }
}
