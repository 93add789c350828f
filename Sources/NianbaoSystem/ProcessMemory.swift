import CSystem
import Foundation

/// The process's memory: measured for the benchmark, tuned for rendering many reports.
public enum ProcessMemory {
    /// Lets malloc keep freed memory for the next report instead of handing it back to the
    /// kernel: a report's large buffers (font subsets, the PDF, hundreds of KB each) are otherwise
    /// mapped afresh and page-faulted in for every document, measured at 4 ms of the seed's 37.
    /// Resident memory stays flat all the same (one report's worth is reused).
    public static func keepFreedMemory() {
        _ = mallopt(M_MMAP_THRESHOLD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    }

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
