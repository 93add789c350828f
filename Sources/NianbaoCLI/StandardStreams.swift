import Foundation
import Glibc

/// Standard output and error written with write(2). Foundation's FileHandle traps when a write
/// fails; here a full disk, or a reader gone away while SIGPIPE is ignored (systemd's default),
/// is an error the command handles: a batch then stops cleanly with exit status 1.
enum StandardStream {
    /// Writes all of `text`; false if the stream refused it.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var done = 0
            while done < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                done += written
            }
            return true
        }
    }
}

/// A log line that could not be written: the batch stops, nothing else is lost.
struct LogWriteError: Error, CustomStringConvertible {
    var stream: String
    var reason: String
    var description: String { "nianbao: \(stream) cannot be written (\(reason)); the batch stopped, and its manifest lists every PDF finished" }
}

/// Prints a line to standard error; false if it could not be written.
@discardableResult
func printError(_ message: String) -> Bool {
    StandardStream.write(message + "\n", to: 2)
}

/// Prints to standard output; a write that fails (a full disk, a closed pipe) is an error, so that
/// `nianbao text a.yaml > out.txt` never ends with exit 0 and half its text.
func printOutput(_ message: String, terminator: String = "\n") throws {
    guard StandardStream.write(message + terminator, to: 1) else {
        throw OutputWriteError(reason: String(cString: strerror(errno)))
    }
}

/// Standard output refused what was written.
struct OutputWriteError: Error, CustomStringConvertible {
    var reason: String
    var description: String { "nianbao: standard output cannot be written (\(reason))" }
}
