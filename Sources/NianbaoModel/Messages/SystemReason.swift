import Glibc

/// Why a system call failed, in both languages: the common causes in our words, others in the
/// system's (with the code, so a support desk can look it up).
package enum SystemReason {
    package static func message(_ code: Int32) -> Message {
        switch code {
        case EACCES, EPERM: Message("permission denied", "没有权限")
        case ENOENT: Message("no such file or folder", "文件或文件夹不存在")
        case ENOTDIR: Message("a part of the path is a file, not a folder", "路径中有一部分是文件而不是文件夹")
        case ENAMETOOLONG: Message("the name is too long (at most 255 bytes a name)", "名称过长（每段名称最多 255 字节）")
        case ENOSPC: Message("the disk is full", "磁盘已满")
        case EDQUOT: Message("the disk quota is used up", "磁盘配额已用完")
        case EROFS: Message("the file system is read-only", "文件系统为只读")
        case EFBIG: Message("the file is larger than the system allows", "文件超出系统允许的大小")
        case EIO: Message("input/output error (a failing disk?)", "输入/输出错误（磁盘故障？）")
        case EPIPE: Message("the reader has gone away (broken pipe)", "读取方已关闭（管道断开）")
        case EISDIR: Message("is a folder", "是文件夹")
        default:
            Message(String(cString: strerror(code)), "系统错误：\(String(cString: strerror(code)))（错误码 \(code)）")
        }
    }
}
