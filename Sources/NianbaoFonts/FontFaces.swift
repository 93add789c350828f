import Foundation
import NianbaoPDF

/// Faces read once per process and shared by every worker, keyed by the file's identity as well
/// as its name, so that a font replaced in place is read again.
public final class FontFaces: @unchecked Sendable {
    public static let shared = FontFaces()

    private struct Key: Hashable {
        var source: FontSource
        var size: Int64
        var modified: Int
        var inode: UInt64
    }

    private let lock = NSLock()
    private var faces: [Key: Result<HarfBuzzFace, FontFileError>] = [:]

    /// Forgets every face read, for a fuzzer that reads a new file on every input.
    package func removeAll() {
        lock.lock()
        faces = [:]
        lock.unlock()
    }

    /// The face for the writer (a `FaceOpener`).
    public func open(_ source: FontSource) throws -> any EmbeddableFace {
        try face(source)
    }

    func face(_ source: FontSource) throws -> HarfBuzzFace {
        var status = stat()
        let identity = stat(source.file, &status) == 0
            ? Key(source: source, size: Int64(status.st_size), modified: status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec,
                  inode: UInt64(status.st_ino))
            : Key(source: source, size: -1, modified: 0, inode: 0)
        lock.lock()
        defer { lock.unlock() }
        if let known = faces[identity] { return try known.get() }
        let result = Result { try HarfBuzzFace(source) }.mapError { $0 as? FontFileError ?? FontFileError(file: source.file, reason: "\($0)", cause: $0) }
        faces[identity] = result
        return try result.get()
    }
}
