import Foundation
import NianbaoCairo
import Synchronization

/// Writes a file so that it appears complete or not at all: a temporary file in the same folder,
/// flushed to disk, then renamed over the target. An interrupted write (Ctrl-C, SIGTERM) removes
/// its temporary file; one left by a killed process is removed by the next write to that folder.
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

    /// Calls `write` with a temporary path and moves the result to `path`; removes the temporary
    /// file if `write` throws. `flush`: the file's data reaches the disk before the rename.
    static func write(to path: String, flush: Bool = true, _ write: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        sweepOnce(folder.path)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let slot = setPending(temporary)
        defer { clearPending(slot) }
        do {
            try write(temporary)
            if flush {
                let fd = open(temporary, O_RDONLY)
                guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
                let synced = fsync(fd)
                close(fd)
                guard synced == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            }
            guard rename(temporary, path) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        } catch let error as PaintError {
            unlink(temporary)
            throw WriteError(path: path, reason: error.reason)
        } catch {
            unlink(temporary)
            throw error
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

    private static func sweepOnce(_ folder: String) {
        guard swept.withLock({ $0.insert(folder).inserted }) else { return }
        removeStaleTemporaries(in: folder)
    }

    /// Removes `.NAME.PID.N.tmp` files whose writing process is gone.
    static func removeStaleTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(folder)/\(name)") }
        }
    }
}

/// A file that could not be written completely (disk full, no permission).
public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot be written: \(reason); nothing was left" }
}
