import Crypto
import Foundation
import Glibc

/// What a batch knows of one document it rendered: enough to tell, on the next run, whether the
/// PDF is still what the same input, layout, template, fonts and version would give.
public struct ManifestRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case ok, failed }

    public var input: String
    public var output: String
    public var status: Status
    /// SHA-256 of the report file.
    public var inputSHA256: String
    /// SHA-256 of each layout and template file the render read, by path.
    public var sources: [String: String]
    /// SHA-256 of nianbao's version, the render options and the fonts each role resolves to.
    public var environment: String
    /// The font files the PDF's glyphs come from.
    public var fonts: [String]
    public var pdfSHA256: String?
    public var pages: Int?
    public var bytes: Int?
    public var milliseconds: Double?
    public var message: String?
    public var version: String
}

/// The batch's manifest: JSON Lines, one record per document rendered, appended as each finishes
/// (so a killed batch loses at most the line being written; a torn last line is ignored). The
/// newest record of an input counts.
public final class Manifest: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32 = -1
    private let lock = NSLock()

    public init(path: String) {
        self.path = path
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The newest record of each input; a line that does not parse (cut by a crash) is skipped.
    public static func read(_ path: String) -> [String: ManifestRecord] { readCounting(path).records }

    /// The same, and how many lines the file has.
    static func readCounting(_ path: String) -> (records: [String: ManifestRecord], lines: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([:], 0) }
        var records: [String: ManifestRecord] = [:]
        let decoder = JSONDecoder()
        let lines = data.split(separator: UInt8(ascii: "\n"))
        for line in lines {
            if let record = try? decoder.decode(ManifestRecord.self, from: Data(line)) { records[record.input] = record }
        }
        return (records, lines.count)
    }

    /// Every run appends a line per report it renders: once older lines outnumber the newest
    /// records, the file is rewritten (atomically) with the newest record of each input only, so
    /// that a folder re-rendered every year does not read years of history at every start.
    static func compact(_ path: String, records: [String: ManifestRecord], lines: Int) throws {
        guard lines > 2 * max(records.count, 1) else { return }
        try writeSorted(records, to: path)
    }

    /// Opens the file for appending, creating it (a shard with no reports still has its manifest,
    /// so that merging finds every shard's).
    public func open() throws {
        lock.lock()
        defer { lock.unlock() }
        try openLocked()
    }

    private func openLocked() throws {
        guard descriptor < 0 else { return }
        descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BatchError("\(path): cannot be written: \(String(cString: strerror(errno)))") }
        // A line cut by a crash must not glue itself to the next one.
        var size = stat()
        var last: UInt8 = 0
        if fstat(descriptor, &size) == 0, size.st_size > 0, pread(descriptor, &last, 1, size.st_size - 1) == 1, last != UInt8(ascii: "\n") {
            _ = "\n".withCString { write(descriptor, $0, 1) }
        }
    }

    /// Appends a record as one line with one write (a kill leaves whole lines; a line cut by a
    /// power cut is dropped when read, and its report rendered again). `flush()` makes it durable.
    public func append(_ record: ManifestRecord) throws {
        var line = try Self.encoder().encode(record)
        line.append(UInt8(ascii: "\n"))
        lock.lock()
        defer { lock.unlock() }
        try openLocked()
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw BatchError("\(path): cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes the records appended so far to disk.
    public func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor < 0 || fdatasync(descriptor) == 0 else {
            throw BatchError("\(path): cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    /// One record a line, keys sorted: the same record gives the same bytes.
    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Joins shard manifests into one, the newest record of each input, sorted by input; written
    /// atomically. Returns how many documents it holds.
    @discardableResult
    public static func merge(_ paths: [String], into target: String) throws -> Int {
        var all: [String: ManifestRecord] = [:]
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw BatchError("\(path): no such manifest") }
            for (input, record) in read(path) { all[input] = record }
        }
        try writeSorted(all, to: target)
        return all.count
    }

    /// The records sorted by input, one a line, written atomically.
    private static func writeSorted(_ all: [String: ManifestRecord], to target: String) throws {
        let encoder = encoder()
        var data = Data()
        for input in all.keys.sorted() {
            data += try encoder.encode(all[input]!)
            data.append(UInt8(ascii: "\n"))
        }
        try AtomicFile.write(to: target) { temporary in
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw BatchError("\(target): cannot be written")
            }
        }
    }
}

/// SHA-256 as lowercase hex.
enum Digest {
    static func hex<D: DataProtocol>(_ data: D) -> String {
        hex(of: SHA256.hash(data: data))
    }

    /// Of a file's contents, memory-mapped (font files are tens of megabytes); nil if unreadable.
    static func file(_ path: String) -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return hex(data)
    }

    private static func hex(of digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}
