import CPangoCairo
import Foundation

/// The process's memory, for the benchmark.
public enum ProcessMemory {
    /// VmRSS from /proc: the resident memory now, not the peak, in MB.
    public static func resident() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ")[1]) else { return 0 }
        return kb / 1024
    }

    /// What malloc has handed out and not had back, in MB: grows with a leak, not with fragmentation.
    public static func heapInUse() -> Double {
        let info = mallinfo2()
        return Double(info.uordblks + info.hblkhd) / 1_048_576
    }

    /// The peak resident memory, in MB.
    public static func peakResident() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
