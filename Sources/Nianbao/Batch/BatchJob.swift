import Crypto
import Foundation

/// One report of a batch: where it is and where its PDF goes.
public struct BatchJob: Sendable, Equatable {
    /// The report, as found (relative to the current folder when given so).
    public var input: String
    /// The PDF, under the output folder, mirroring the input's place below the folder it was found in.
    public var output: String

    /// The shard (0 ..< count) the job belongs to: from the SHA-256 of its input path, so every
    /// machine of a cluster, given the same inputs, agrees without talking to the others.
    public func shard(of count: Int) -> Int {
        let digest = SHA256.hash(data: Data(input.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count))
    }
}

/// K of N: the shard a run renders.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 0-based, as Kubernetes' JOB_COMPLETION_INDEX.
    public var index: Int
    public var count: Int

    /// "K/N" with 0 ≤ K < N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else {
            return nil
        }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }
}

/// Finds the reports a batch renders.
public enum BatchInputs {
    static let reportExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Every report in the arguments: a folder gives every `*.yaml`, `*.yml`, `*.json` below it
    /// (hidden entries and the output folder skipped), a report file itself, any other file a list
    /// of report paths, one per line (`#` starts a comment). Sorted by input, each once.
    public static func jobs(from arguments: [String], outputDirectory: String) throws -> [BatchJob] {
        var jobs: [BatchJob] = []
        let fm = FileManager.default
        let outputPath = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw BatchError("\(argument): no such file or folder")
            }
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: argument).standardizedFileURL
                for relative in try reports(below: root, skipping: outputPath) {
                    let input = argument.hasSuffix("/") ? argument + relative : argument + "/" + relative
                    jobs.append(BatchJob(input: input, output: outputDirectory + "/" + pdfName(relative)))
                }
            } else if reportExtensions.contains(URL(fileURLWithPath: argument).pathExtension.lowercased()) {
                jobs.append(BatchJob(input: argument, output: outputDirectory + "/" + pdfName(URL(fileURLWithPath: argument).lastPathComponent)))
            } else {
                let list = try String(contentsOfFile: argument, encoding: .utf8)
                for line in list.split(whereSeparator: \.isNewline) {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    guard !path.isEmpty, !path.hasPrefix("#") else { continue }
                    jobs.append(BatchJob(input: path, output: outputDirectory + "/" + pdfName(mirrored(path))))
                }
            }
        }
        var seen: [String: String] = [:]
        var unique: [BatchJob] = []
        for job in jobs.sorted(by: { $0.input < $1.input }) {
            if let other = seen[job.output] {
                if other == job.input { continue }
                throw BatchError("\(other) and \(job.input) would both be written to \(job.output)")
            }
            seen[job.output] = job.input
            unique.append(job)
        }
        return unique
    }

    /// Paths of reports below `root`, relative to it, sorted.
    private static func reports(below root: URL, skipping excluded: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw BatchError("\(root.path): cannot be read")
        }
        var found: [String] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            if path == excluded { walker.skipDescendants(); continue }
            guard reportExtensions.contains(url.pathExtension.lowercased()),
                  (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true else { continue }
            found.append(String(path.dropFirst(prefix.count)))
        }
        return found.sorted()
    }

    /// A listed path's place under the output folder: relative paths as they are (without `./`
    /// and `../`), absolute ones from their root.
    private static func mirrored(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: "/")
    }

    private static func pdfName(_ relative: String) -> String {
        guard let dot = relative.lastIndex(of: "."), !relative[dot...].contains("/") else { return relative + ".pdf" }
        return relative[..<dot] + ".pdf"
    }
}

/// A batch that cannot start (a missing input, two reports for one PDF) or a bad manifest.
public struct BatchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
