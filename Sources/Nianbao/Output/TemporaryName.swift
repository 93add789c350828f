import Crypto
import Foundation
import Glibc

/// Names of the temporary files nianbao writes before renaming them into place, and how a later
/// run tells a stale one (left by a killed process) from one being written. A name carries the
/// writer's host and process: `.nianbao-HOST-PID-RANDOM.tmp`, of fixed length whatever the target's
/// name. A process id means something only on its own host and PID namespace (a shard on another
/// machine sharing the folder has its own), so another host's file is judged by its age alone.
enum TemporaryName {
    /// A temporary file of another host is stale after this long: writing one takes seconds.
    static let staleAge: TimeInterval = 3600

    /// 8 hex digits naming this kernel boot and PID namespace: two containers on one machine
    /// differ, as do two machines.
    static let hostID: String = {
        var identity = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        var buffer = [CChar](repeating: 0, count: 256)
        let count = readlink("/proc/self/ns/pid", &buffer, buffer.count - 1)
        if count > 0 { identity += String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        if identity.isEmpty { identity = ProcessInfo.processInfo.hostName }
        return SHA256.hash(data: Data(identity.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }()

    static func make() -> String {
        ".nianbao-\(hostID)-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).tmp"
    }

    /// Whether `name` is a temporary file of nianbao's that nobody is writing any more.
    static func isStale(_ name: String, modified: TimeInterval) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let old = Date().timeIntervalSince1970 - modified > staleAge
        if name.hasPrefix(".nianbao-") {
            let parts = name.dropFirst(".nianbao-".count).dropLast(".tmp".count).split(separator: "-")
            guard parts.count == 3, let pid = Int32(parts[1]) else { return false }
            guard parts[0] == hostID else { return old }
            // This host's: its process is gone, or it is old enough that the id was reused since.
            return pid != getpid() && (old || kill(pid, 0) != 0 && errno == ESRCH)
        }
        // `.NAME.PID.N.tmp` of nianbao 0.1.0 (NAME a PDF, preview or manifest), whose host is unknown.
        let parts = name.split(separator: ".")
        guard parts.count >= 5, Int32(parts[parts.count - 3]) != nil, Int(parts[parts.count - 2]) != nil,
              ["pdf", "png", "jsonl"].contains(parts[parts.count - 4]) else { return false }
        return old
    }
}
