import Foundation
import Glibc

/// Folders below an output folder, opened without following symbolic links: a link planted there
/// (`out/sub → /elsewhere`) is an error naming it, never a way to write outside. The output folder
/// itself may be a link; the user named it.
enum OutputFolder {
    /// Opens `root`, made if missing, and below it each folder of `relative` (made when missing);
    /// returns the descriptor of the last, to be closed by the caller.
    static func open(_ root: String, _ relative: [Substring] = []) throws -> Int32 {
        try makeFolders(root)
        var descriptor = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: root, code: errno) }
        var path = root
        for component in relative {
            path += "/" + component
            guard component != "..", component != ".", !component.isEmpty else {
                close(descriptor)
                throw WriteError(path: path, reason: "the path leaves the output folder")
            }
            let next = openOrMake(String(component), in: descriptor)
            let failure = errno
            close(descriptor)
            guard next >= 0 else { throw WriteError(path: path, reason: failureReason(failure, of: String(component), at: path)) }
            descriptor = next
        }
        return descriptor
    }

    /// The folder `name` in `parent`, made when missing (another worker may make it at the same time).
    private static func openOrMake(_ name: String, in parent: Int32) -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        let opened = openat(parent, name, flags)
        if opened >= 0 || errno != ENOENT { return opened }
        guard mkdirat(parent, name, 0o755) == 0 || errno == EEXIST else { return -1 }
        return openat(parent, name, flags)
    }

    /// ELOOP and ENOTDIR both come from a link or a file where a folder should be.
    private static func failureReason(_ code: Int32, of name: String, at path: String) -> String {
        guard code == ELOOP || code == ENOTDIR else { return reason(code) }
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return symbolicLink }
        return "is a file where a folder should be"
    }

    /// What a planted link in the output folder gets.
    static let symbolicLink = "is a symbolic link; nianbao writes only into real folders and files below the output folder (remove the link)"

    /// `mkdir -p`, with errors in our words rather than Foundation's.
    static func makeFolders(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw WriteError(path: path, reason: "is a file, not a folder") }
            return
        }
        let trimmed = path.reversed().drop { $0 == "/" }.reversed()
        if let slash = trimmed.lastIndex(of: "/"), slash != trimmed.startIndex { try makeFolders(String(trimmed[..<slash])) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw WriteError(path: path, code: errno) }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case ENAMETOOLONG: return "the name is too long (at most 255 bytes a name)"
        default: return String(cString: strerror(code))
        }
    }
}
