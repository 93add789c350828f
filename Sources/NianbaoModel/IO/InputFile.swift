import Foundation
import Glibc

/// Why an input file could not be read, in words that follow its path ("is a folder, not a file").
package struct FileReadError: Error, Sendable, CustomStringConvertible {
    package var reason: Message
    package var description: String { reason.description }
}

/// Reads input files whole and safely: only regular files (a folder, FIFO, device or socket is
/// refused before anything blocks on it), at most `limit` bytes (checked while reading, since
/// /proc and similar files report no size), symbolic links only when asked to follow them.
package enum InputFile {
    package static func read(_ path: String, limit: Int, followSymlinks: Bool = true) throws(FileReadError) -> [UInt8] {
        // Looked at before opening: opening a FIFO or a device can block or have effects.
        var info = stat()
        let looked = followSymlinks ? stat(path, &info) : lstat(path, &info)
        guard looked == 0 else { throw failure(errno, followingSymlinks: followSymlinks) }
        if let kind = nonRegularKind(info.st_mode, followingSymlinks: followSymlinks) { throw FileReadError(reason: kind) }
        let flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { throw failure(errno, followingSymlinks: followSymlinks) }
        defer { close(descriptor) }
        // Checked again on what was opened: the path may have been replaced in between.
        guard fstat(descriptor, &info) == 0 else { throw failure(errno, followingSymlinks: followSymlinks) }
        if let kind = nonRegularKind(info.st_mode, followingSymlinks: true) { throw FileReadError(reason: kind) }
        if Int(info.st_size) > limit {
            throw FileReadError(reason: Message("is \(info.st_size) bytes; the limit for this file is \(limit) bytes",
                                                "有 \(info.st_size) 字节，此类文件上限为 \(limit) 字节"))
        }

        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { throw tooLarge(limit) }
                bytes.append(contentsOf: repeatElement(0, count: min(max(count, 4096), limit + 1 - count)))
            }
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(errno, followingSymlinks: followSymlinks)
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw tooLarge(limit) }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// "is a folder, not a file" and the like; nil for a regular file.
    private static func nonRegularKind(_ mode: mode_t, followingSymlinks: Bool) -> Message? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return Message("is a folder, not a file", "是文件夹，不是文件")
        case S_IFLNK: return symbolicLink
        case S_IFIFO: return Message("is a named pipe (FIFO), not a file", "是命名管道（FIFO），不是文件")
        case S_IFCHR, S_IFBLK: return Message("is a device, not a file", "是设备，不是文件")
        case S_IFSOCK: return Message("is a socket, not a file", "是套接字，不是文件")
        default: return Message("is not a regular file", "不是普通文件")
        }
    }

    static let symbolicLink = Message("is a symbolic link; links are not followed (--follow-symlinks follows them)",
                                      "是符号链接；默认不跟随链接（加 --follow-symlinks 可跟随）")

    private static func failure(_ code: Int32, followingSymlinks: Bool) -> FileReadError {
        switch code {
        case ENOENT: return FileReadError(reason: Message("no such file", "文件不存在"))
        case ELOOP where followingSymlinks: return FileReadError(reason: Message("is a loop of symbolic links", "是循环的符号链接"))
        case ELOOP: return FileReadError(reason: symbolicLink)
        case ENOTDIR: return FileReadError(reason: Message("no such file (a part of the path is not a folder)", "文件不存在（路径中有一部分不是文件夹）"))
        default: return FileReadError(reason: Message("cannot be read: ", "无法读取：") + SystemReason.message(code))
        }
    }

    /// For a file that grew while read, or reports no size.
    private static func tooLarge(_ limit: Int) -> FileReadError {
        FileReadError(reason: Message("holds more than \(limit) bytes; the limit for this file is \(limit) bytes",
                                      "超过 \(limit) 字节，此类文件上限为 \(limit) 字节"))
    }
}
