import Foundation
import NianbaoModel
import Synchronization

/// Writes a file so that it appears complete or not at all: a temporary file in the same folder,
/// flushed to disk, then renamed over the target. An interrupted write (Ctrl-C, SIGTERM) removes
/// its temporary file; one left by a killed process is removed by the next write to that folder
/// (see `TemporaryName` for how a stale one is told apart).
public enum AtomicFile {
    /// The temporary files being written, one slot per concurrent writer, for the signal handler
    /// (which may not touch Swift objects); an empty string marks a free slot.
    static let slotCount = 256
    nonisolated(unsafe) private static let pending: [UnsafeMutablePointer<CChar>] = (0..<slotCount).map { _ in
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
        buffer[0] = 0
        return buffer
    }
    private static let slots = Mutex(Set(0..<slotCount))
    /// What the handler prints, set once before any writing starts.
    nonisolated(unsafe) private static var interruptMessage: UnsafeMutablePointer<CChar> = strdup("nianbao: interrupted; nothing half-written was left\n")

    /// Makes SIGINT and SIGTERM remove the temporary files being written, print `message` (or
    /// that nothing half-written was left) and exit 130 or 143.
    public static func removeTemporaryFileOnInterrupt(message: String? = nil) {
        if let message { interruptMessage = strdup(message + "\n") }
        // Both globals are made now: first use in the handler would run their lazy initialisers
        // (malloc) inside a signal, which deadlocks when the signal came in the middle of malloc.
        _ = pending
        _ = interruptMessage
        // A parent may have started us with these signals blocked; they must reach the handler.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        for signal in [SIGINT, SIGTERM] {
            Glibc.signal(signal) { number in
                for path in AtomicFile.pending where path[0] != 0 { unlink(path) }
                _ = Glibc.write(2, AtomicFile.interruptMessage, strlen(AtomicFile.interruptMessage))
                _exit(128 + number)
            }
        }
    }

    /// Writes `bytes` to `relative` below the output folder `root`: to a temporary file in the
    /// target's folder (flushed to disk first when `flush`), then renamed over the target. Folders
    /// on the way are made; none is followed if it is a symbolic link, and a link or folder at the
    /// target is an error, not replaced.
    static func write(_ bytes: [UInt8], to relative: String, below root: String, flush: Bool = true) throws {
        try checkNames(relative, below: root)
        var components = relative.split(separator: "/")
        let path = root + "/" + relative
        let name = String(components.removeLast())
        let folder = try OutputFolder.open(root, components)
        defer { close(folder) }
        let folderPath = components.isEmpty ? root : root + "/" + components.joined(separator: "/")
        sweepOnce(folderPath, descriptor: folder)
        let temporary = TemporaryName.make()
        let slot = setPending(folderPath + "/" + temporary)
        defer { clearPending(slot) }
        let file = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw WriteError(path: path, code: errno) }
        do {
            defer { close(file) }
            try writeAll(bytes, to: file, path: path)
            if flush, fsync(file) != 0 { throw WriteError(path: path, code: errno) }
            var target = stat()
            if fstatat(folder, name, &target, AT_SYMLINK_NOFOLLOW) == 0 {
                switch target.st_mode & S_IFMT {
                case S_IFLNK: throw WriteError(path: path, reason: OutputFolder.symbolicLink)
                case S_IFDIR: throw WriteError(path: path, reason: "is a folder; nianbao does not replace folders with files")
                default: break
                }
            }
            guard renameat(folder, temporary, folder, name) == 0 else { throw WriteError(path: path, code: errno) }
        } catch {
            unlinkat(folder, temporary, 0)
            throw error
        }
    }

    /// A path the file system can hold: a file name and each folder's at most 255 bytes. Checked
    /// for every file of a render before the first is written, so that none is left without the others.
    static func checkNames(_ relative: String, below root: String) throws {
        let components = relative.split(separator: "/")
        guard !components.isEmpty else { throw WriteError(path: root + "/" + relative, reason: "no file name") }
        if let long = components.first(where: { $0.utf8.count > Int(NAME_MAX) }) {
            throw WriteError(path: root + "/" + relative, reason: "the name \(String(long).quoted) is \(long.utf8.count) bytes; a name may have at most \(NAME_MAX)")
        }
    }

    /// Every byte, or an error with the reason (a full disk, a file size limit).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var done = 0
            while done < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw WriteError(path: path, code: written < 0 ? errno : ENOSPC) }
                done += written
            }
        }
    }

    /// Records a temporary path in a free slot (none left: it goes unrecorded, and a later write
    /// removes it as stale).
    private static func setPending(_ path: String) -> Int? {
        guard let slot = slots.withLock({ $0.popFirst() }) else { return nil }
        path.withCString { source in
            let count = min(strlen(source), Int(PATH_MAX))
            pending[slot].update(from: source, count: count)
            pending[slot][count] = 0
        }
        return slot
    }

    private static func clearPending(_ slot: Int?) {
        guard let slot else { return }
        pending[slot][0] = 0
        _ = slots.withLock { $0.insert(slot) }
    }

    /// Folders already swept by this process: a killed process's leftovers are gone after the
    /// first sweep, and listing a folder of thousands of PDFs for every write made a batch quadratic.
    private static let swept = Mutex(Set<String>())

    private static func sweepOnce(_ folder: String, descriptor: Int32) {
        guard swept.withLock({ $0.insert(folder).inserted }) else { return }
        removeStaleTemporaries(in: descriptor, path: folder)
    }

    /// Removes stale temporary files in the output folder and every real folder below it (a batch
    /// does this at its start, so that a folder it writes nothing to is cleaned too), to a depth of
    /// `maxSweepDepth`: a folder tree planted deeper is not walked (nianbao writes none so deep).
    static func sweepTree(_ root: String) {
        var pending: [(path: String, depth: Int)] = [(root, 0)]
        while let (path, depth) = pending.popLast() {
            let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            // Each folder's listing is closed before the next is opened: a deep tree takes no stack
            // and no more than one descriptor.
            let subfolders = removeStaleTemporaries(in: descriptor, path: path)
            close(descriptor)
            swept.withLock { _ = $0.insert(path) }
            if depth < maxSweepDepth { pending += subfolders.map { (path + "/" + $0, depth + 1) } }
        }
    }

    /// Deeper than any input tree a batch mirrors.
    static let maxSweepDepth = 64

    /// Removes the temporary files `TemporaryName.isStale` judges left behind; links are not
    /// followed. Returns the names of the real folders in it.
    @discardableResult
    private static func removeStaleTemporaries(in folder: Int32, path: String) -> [String] {
        let listing = dup(folder)
        guard listing >= 0, let directory = fdopendir(listing) else { return [] }
        defer { closedir(directory) }
        var subfolders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG where TemporaryName.isStale(name, modified: TimeInterval(info.st_mtim.tv_sec)):
                unlinkat(folder, name, 0)
            case S_IFDIR:
                subfolders.append(name)
            default:
                break
            }
        }
        return subfolders
    }
}

/// A file that could not be written completely (disk full, no permission).
public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// The system's error, when the reason is one (`errno`: ENOSPC, EACCES …).
    public var code: POSIXErrorCode?
    public var description: String { "\(path): cannot be written: \(reason); nothing was left" }

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The system's error `code` in our words.
    init(path: String, code: Int32) {
        self.path = path
        reason = OutputFolder.reason(code)
        self.code = POSIXErrorCode(rawValue: code)
    }
}
