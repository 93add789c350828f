import Foundation
import Nianbao

/// Shows a batch's progress: a line redrawn in place on a terminal (done/total, reports/s, ETA,
/// failures), a log line per report otherwise; failures always; JSON Lines on standard output
/// with `--json-log`. Called from the workers, so it locks. A line that cannot be written (a full
/// disk, a closed pipe) throws, which stops the batch.
final class BatchProgress: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let json: Bool
    private let terminal = isatty(2) == 1
    private let lock = NSLock()
    private let started = Date()
    private var done = 0
    private var failed = 0
    private var rendered = 0
    private var lastDrawn = Date.distantPast

    init(total: Int, quiet: Bool, json: Bool) {
        self.total = total
        self.quiet = quiet
        self.json = json
    }

    func record(_ event: BatchEvent) throws {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if event.kind == .failed { failed += 1 }
        if event.kind == .rendered { rendered += 1 }
        if json { try write(jsonLine(event) + "\n", to: 1) }
        if event.kind == .failed {
            try clearLine()
            try write("FAILED \(event.job.input): \(event.record?.message ?? "")\n", to: 2)
        } else if !quiet && !terminal {
            let record = event.record
            try write(event.kind == .upToDate ? "up to date \(event.job.output)\n"
                      : "ok \(event.job.input) → \(event.job.output) (\(record?.pages ?? 0) pages, \(Int(record?.milliseconds ?? 0)) ms)\n", to: 2)
        }
        if !quiet && terminal && (Date().timeIntervalSince(lastDrawn) > 0.1 || done == total) { try draw() }
    }

    func finish() throws {
        lock.lock()
        defer { lock.unlock() }
        if terminal && !quiet { try write("\n", to: 2) }
    }

    private func write(_ text: String, to descriptor: Int32) throws {
        guard StandardStream.write(text, to: descriptor) else {
            throw LogWriteError(stream: descriptor == 1 ? "the JSON log (standard output)" : "the log (standard error)",
                                reason: String(cString: strerror(errno)))
        }
    }

    private func draw() throws {
        lastDrawn = Date()
        let seconds = max(0.001, lastDrawn.timeIntervalSince(started))
        let rate = Double(rendered) / seconds
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r[%d/%d] %.1f reports/s, ETA %@, %d failed\u{1B}[K", done, total, rate, Self.duration(eta), failed)
        try write(line, to: 2)
    }

    private func clearLine() throws {
        if terminal && !quiet { try write("\r\u{1B}[K", to: 2) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }

    private func jsonLine(_ event: BatchEvent) -> String {
        var object: [String: Any] = ["input": event.job.input, "output": event.job.output, "status": event.kind.rawValue]
        if let record = event.record {
            object["pages"] = record.pages
            object["bytes"] = record.bytes
            object["ms"] = event.kind == .upToDate ? 0 : record.milliseconds
            object["sha256"] = record.pdfSHA256
            object["message"] = record.message
        }
        let data = try? JSONSerialization.data(withJSONObject: object.compactMapValues { $0 }, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
