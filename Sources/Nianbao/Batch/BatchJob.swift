import Crypto
import Foundation
import Glibc
import NianbaoModel

/// One report of a batch: where it is and where its PDF goes.
public struct BatchJob: Sendable, Equatable {
    /// The report, as found (relative to the current folder when given so).
    public var input: String
    /// The PDF, under the output folder, mirroring the input's place below the folder it was found in.
    public var output: String
    /// `output` below the output folder.
    public var relativeOutput: String
    /// Why the report is not rendered at all (a symbolic link not followed, two reports for one
    /// PDF): it is reported as failed with this message, and the rest of the batch goes on.
    public var refusal: String?

    public init(input: String, outputDirectory: String, relativeOutput: String, refusal: String? = nil) {
        self.input = input
        self.output = outputDirectory + "/" + relativeOutput
        self.relativeOutput = relativeOutput
        self.refusal = refusal
    }

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
    /// Largest list of report paths read.
    static let maxListBytes = 64 << 20

    /// Every report in the arguments: a folder gives every `*.yaml`, `*.yml`, `*.json` below it
    /// (hidden entries and the output folder skipped), a report file itself, any other file a list
    /// of report paths, one per line (`#` starts a comment). Sorted by input, each once.
    ///
    /// Symbolic links found below a folder are not followed unless `followSymlinks`: a link with a
    /// report's name becomes a refused job (reported, never read), a link to a folder is left out
    /// and listed in `skipped`. Two reports that would make one PDF (`y.yaml` beside `y.yml`) are
    /// both refused; the others go on.
    public static func jobs(from arguments: [String], outputDirectory: String, followSymlinks: Bool = false)
        throws -> (jobs: [BatchJob], skipped: [String]) {
        var jobs: [BatchJob] = []
        var skipped: [String] = []
        let outputPath = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        for argument in arguments {
            var info = stat()
            guard stat(argument, &info) == 0 else { throw BatchError("\(argument): no such file or folder") }
            if info.st_mode & S_IFMT == S_IFDIR {
                let root = URL(fileURLWithPath: argument).standardizedFileURL.path
                let prefix = argument.hasSuffix("/") ? argument : argument + "/"
                var visited = Set<[UInt64]>()
                for found in reports(below: root, relative: "", skipping: outputPath, follow: followSymlinks, visited: &visited) {
                    switch found {
                    case .report(let relative, let isLink):
                        jobs.append(BatchJob(input: prefix + relative, outputDirectory: outputDirectory, relativeOutput: pdfName(relative),
                                             refusal: isLink ? "is a symbolic link; links in a batch's folders are not followed (--follow-symlinks follows them)" : nil))
                    case .linkedFolder(let relative):
                        skipped.append(prefix + relative)
                    }
                }
            } else if reportExtensions.contains(URL(fileURLWithPath: argument).pathExtension.lowercased()) {
                jobs.append(BatchJob(input: argument, outputDirectory: outputDirectory,
                                     relativeOutput: pdfName(URL(fileURLWithPath: argument).lastPathComponent)))
            } else {
                let bytes: [UInt8]
                do { bytes = try InputFile.read(argument, limit: maxListBytes) } catch {
                    throw BatchError("\(argument): \(error.reason)")
                }
                for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    guard !path.isEmpty, !path.hasPrefix("#") else { continue }
                    jobs.append(BatchJob(input: path, outputDirectory: outputDirectory, relativeOutput: pdfName(mirrored(path))))
                }
            }
        }
        return (refusingClashes(jobs), skipped)
    }

    /// Sorted by input, each input once; reports that would write the same PDF are all refused.
    private static func refusingClashes(_ jobs: [BatchJob]) -> [BatchJob] {
        var byOutput: [String: [String]] = [:]
        var unique: [BatchJob] = []
        for job in jobs.sorted(by: { $0.input < $1.input }) where unique.last?.input != job.input {
            unique.append(job)
            byOutput[job.output, default: []].append(job.input)
        }
        return unique.map { job in
            guard let inputs = byOutput[job.output], inputs.count > 1, job.refusal == nil else { return job }
            var refused = job
            refused.refusal = "\(inputs.joined(separator: " and ")) would all be written to \(job.output); rename all but one"
            return refused
        }
    }

    private enum Found {
        case report(String, isLink: Bool)
        case linkedFolder(String)
    }

    /// Reports below `folder`, relative to the walk's root, sorted; hidden entries skipped.
    /// `visited` holds the (device, inode) of folders entered, so that followed links cannot loop.
    private static func reports(below folder: String, relative: String, skipping excluded: String, follow: Bool,
                                visited: inout Set<[UInt64]>) -> [Found] {
        var info = stat()
        guard stat(folder, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [Found] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let inner = relative.isEmpty ? name : relative + "/" + name
            guard lstat(path, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            let isLink = kind == S_IFLNK
            if isLink {
                var target = stat()
                kind = stat(path, &target) == 0 ? target.st_mode & S_IFMT : S_IFREG   // a dangling link: refused as a link
            }
            if kind == S_IFDIR {
                if URL(fileURLWithPath: path).standardizedFileURL.path == excluded { continue }
                if isLink && !follow { found.append(.linkedFolder(inner)); continue }
                found += reports(below: path, relative: inner, skipping: excluded, follow: follow, visited: &visited)
            } else if reportExtensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()) {
                found.append(.report(inner, isLink: isLink && !follow))
            }
        }
        return found
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
