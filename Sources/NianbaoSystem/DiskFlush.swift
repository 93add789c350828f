import CSystem
import Glibc

/// Flushing written files to disk once for many (a batch's end) rather than file by file.
public enum DiskFlush {
    /// Every file written to the file system that holds `folder` reaches the disk (syncfs(2)).
    /// Returns the error's description, or nil.
    public static func fileSystem(of folder: String) -> String? {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        return syncfs(descriptor) == 0 ? nil : String(cString: strerror(errno))
    }
}
