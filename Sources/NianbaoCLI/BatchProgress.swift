import Foundation
import Nianbao

/// Shows a batch's progress: a line redrawn in place on a terminal (done/total, reports/s, ETA,
/// failures), a log line per report otherwise; failures always; JSON Lines on standard output
/// with `--json-log`. Called from the workers, so it locks.
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

    func record(_ event: BatchEvent) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if event.kind == .failed { failed += 1 }
        if event.kind == .rendered { rendered += 1 }
        if json { FileHandle.standardOutput.write(Data((jsonLine(event) + "\n").utf8)) }
        if event.kind == .failed {
            clearLine()
            printError("FAILED \(event.job.input): \(event.record?.message ?? "")")
        } else if !quiet && !terminal {
            let record = event.record
            printError(event.kind == .upToDate ? "up to date \(event.job.output)"
                       : "ok \(event.job.input) → \(event.job.output) (\(record?.pages ?? 0) pages, \(Int(record?.milliseconds ?? 0)) ms)")
        }
        if !quiet && terminal && (Date().timeIntervalSince(lastDrawn) > 0.1 || done == total) { draw() }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if terminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw() {
        lastDrawn = Date()
        let seconds = max(0.001, lastDrawn.timeIntervalSince(started))
        let rate = Double(rendered) / seconds
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r[%d/%d] %.1f reports/s, ETA %@, %d failed\u{1B}[K", done, total, rate, Self.duration(eta), failed)
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func clearLine() {
        if terminal && !quiet { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
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
