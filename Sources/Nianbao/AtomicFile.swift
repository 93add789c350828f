import Foundation

/// Writes a file so that it appears complete or not at all: a temporary file in the same folder,
/// flushed to disk, then renamed over the target.
enum AtomicFile {
    /// Calls `write` with a temporary path and moves the result to `path`; removes the temporary
    /// file if `write` throws.
    static func write(to path: String, _ write: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        do {
            try write(temporary)
            let fd = open(temporary, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
            guard rename(temporary, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
