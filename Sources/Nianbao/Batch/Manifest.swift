import Crypto
import Foundation
import Glibc
import NianbaoModel

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
///
/// It lives in the output folder and is opened without following links (a planted
/// `manifest.jsonl → victim` is an error). Every batch writing to it holds a shared lock on
/// `.NAME.lock` beside it for its whole run; compacting (rewriting the file with the newest record
/// of each input) needs the exclusive lock and is skipped while another batch runs, so that no
/// batch's records go to a file that was replaced under it.
public final class Manifest: @unchecked Sendable {
    /// The output folder and the manifest's name in it.
    public let folder: String
    public let name: String
    public var path: String { "\(folder)/\(name)" }
    private var descriptor: Int32 = -1
    private var lockDescriptor: Int32 = -1
    private let lock = NSLock()

    public init(folder: String, name: String = "manifest.jsonl") {
        self.folder = folder
        self.name = name
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if lockDescriptor >= 0 { close(lockDescriptor) }   // releases the lock
    }

    /// The newest record of each input of a manifest file named by the user (to merge, in tests);
    /// a line that does not parse (cut by a crash) is skipped.
    public static func read(_ path: String) -> [String: ManifestRecord] {
        guard let bytes = try? InputFile.read(path, limit: maxBytes) else { return [:] }
        return parse(bytes).records
    }

    /// A manifest larger than this is refused rather than read: 100,000 reports take about 80 MB.
    static let maxBytes = 1 << 30

    private static func parse(_ bytes: [UInt8]) -> (records: [String: ManifestRecord], lines: Int) {
        var records: [String: ManifestRecord] = [:]
        let decoder = JSONDecoder()
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        for line in lines {
            if let record = try? decoder.decode(ManifestRecord.self, from: Data(line)) { records[record.input] = record }
        }
        return (records, lines.count)
    }

    /// Opens the manifest for appending (creating it: a shard with no reports still has its
    /// manifest, so that merging finds every shard's), takes the shared lock, compacts it when due
    /// and no other batch is running, and returns its newest records.
    public func open() throws -> [String: ManifestRecord] {
        lock.lock()
        defer { lock.unlock() }
        let directory = try OutputFolder.open(folder)
        defer { Glibc.close(directory) }
        lockDescriptor = try Self.openLock(for: name, in: directory, folder: folder)
        let exclusive = flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0
        if !exclusive { try Self.wait(flock(lockDescriptor, LOCK_SH), path: path) }
        descriptor = try openAppending(in: directory)
        var (records, lines) = Self.parse(try readAll())
        if exclusive {
            // Once older lines outnumber the newest records, the file is rewritten with those alone,
            // so that a folder re-rendered every year does not read years of history at every start.
            if lines > 2 * max(records.count, 1) {
                try Self.writeSorted(records, name: name, folder: folder)
                Glibc.close(descriptor)
                descriptor = try openAppending(in: directory)
                (records, lines) = Self.parse(try readAll())
            }
            try Self.wait(flock(lockDescriptor, LOCK_SH), path: path)
        }
        return records
    }

    private func openAppending(in directory: Int32) throws -> Int32 {
        let opened = openat(directory, name, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw BatchError("\(path): \(Self.openFailure(errno))") }
        var info = stat()
        guard fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(opened)
            throw BatchError("\(path): is not a regular file; the manifest must be one")
        }
        // A second name elsewhere for the same file would receive the records too.
        guard info.st_nlink <= 1 else {
            Glibc.close(opened)
            throw BatchError("\(path): has other hard links; the manifest must be a file of its own")
        }
        // Refused even for root, who may write anyway: someone made it read-only on purpose.
        guard info.st_mode & 0o222 != 0 else {
            Glibc.close(opened)
            throw BatchError("\(path): is read-only; make it writable (chmod u+w) or write the batch to another folder")
        }
        // A line cut by a crash must not glue itself to the next one.
        var last: UInt8 = 0
        if info.st_size > 0, pread(opened, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") {
            _ = "\n".withCString { Glibc.write(opened, $0, 1) }
        }
        return opened
    }

    private func readAll() throws -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw BatchError("\(path): cannot be read: \(String(cString: strerror(errno)))") }
        guard Int(info.st_size) <= Self.maxBytes else { throw BatchError("\(path): is \(info.st_size) bytes; the limit for a manifest is \(Self.maxBytes)") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            done += got
        }
        return Array(bytes[..<done])
    }

    private static func openLock(for name: String, in directory: Int32, folder: String) throws -> Int32 {
        let lockName = ".\(name).lock"
        let path = "\(folder)/\(lockName)"
        let opened = openat(directory, lockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw BatchError("\(path): " + (errno == EISDIR ? "is a folder; the manifest's lock must be a file (remove the folder)" : openFailure(errno)))
        }
        var info = stat()
        guard fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(opened)
            throw BatchError("\(path): is not a regular file; the manifest's lock must be one (remove it)")
        }
        return opened
    }

    private static func wait(_ result: Int32, path: String) throws {
        guard result == 0 else { throw BatchError("\(path): cannot be locked: \(String(cString: strerror(errno)))") }
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ELOOP: return OutputFolder.symbolicLink
        case EISDIR: return "is a folder; the manifest must be a file (remove or rename the folder)"
        default: return "cannot be written: \(OutputFolder.reason(code))"
        }
    }

    /// Appends a record as one line with one write (a kill leaves whole lines; a line cut by a
    /// power cut is dropped when read, and its report rendered again). `flush()` makes it durable.
    public func append(_ record: ManifestRecord) throws {
        var line = try Self.encoder().encode(record)
        line.append(UInt8(ascii: "\n"))
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { throw BatchError("\(path): not open") }
        let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw BatchError("\(path): cannot be written: \(OutputFolder.reason(written < 0 ? errno : ENOSPC))")
        }
    }

    /// Flushes the records appended so far to disk.
    public func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor < 0 || fdatasync(descriptor) == 0 else {
            throw BatchError("\(path): cannot be written: \(OutputFolder.reason(errno))")
        }
    }

    /// One record a line, keys sorted: the same record gives the same bytes.
    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Joins shard manifests into `folder/manifest.jsonl`, the newest record of each input, sorted
    /// by input; written atomically under the exclusive lock (after any batch writing it ends).
    /// Returns how many documents it holds.
    @discardableResult
    public static func merge(_ paths: [String], into folder: String) throws -> Int {
        var all: [String: ManifestRecord] = [:]
        for path in paths {
            let bytes: [UInt8]
            do { bytes = try InputFile.read(path, limit: maxBytes) } catch { throw BatchError("\(path): \(error.reason)", cause: error) }
            for (input, record) in parse(bytes).records { all[input] = record }
        }
        let directory = try OutputFolder.open(folder)
        defer { Glibc.close(directory) }
        let lock = try openLock(for: "manifest.jsonl", in: directory, folder: folder)
        defer { Glibc.close(lock) }
        try wait(flock(lock, LOCK_EX), path: "\(folder)/manifest.jsonl")
        try writeSorted(all, name: "manifest.jsonl", folder: folder)
        return all.count
    }

    /// The records sorted by input, one a line, written atomically.
    private static func writeSorted(_ all: [String: ManifestRecord], name: String, folder: String) throws {
        let encoder = encoder()
        var data: [UInt8] = []
        for input in all.keys.sorted() {
            data += try encoder.encode(all[input]!)
            data.append(UInt8(ascii: "\n"))
        }
        try AtomicFile.write(data, to: name, below: folder)
    }
}

/// SHA-256 as lowercase hex.
enum Digest {
    static func hex<D: DataProtocol>(_ data: D) -> String {
        hex(of: SHA256.hash(data: data))
    }

    /// Of a regular file's contents, read in pieces (a file cut short while mapped would be a
    /// SIGBUS); nil if it cannot be read or is not a regular file (a FIFO planted where a PDF was
    /// must not block).
    /// `followSymlinks` false: a link is not opened (nil). `limit`: a larger file is not read (nil).
    static func file(_ path: String, followSymlinks: Bool = true, limit: Int = .max) -> String? {
        var info = stat()
        // Looked at before opening: a device or FIFO is never opened.
        guard (followSymlinks ? stat(path, &info) : lstat(path, &info)) == 0, info.st_mode & S_IFMT == S_IFREG,
              Int(info.st_size) <= limit else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (followSymlinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return hex(of: hasher.finalize())
    }

    private static func hex(of digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}
