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
        var output = stat()
        let excluded = stat(outputDirectory, &output) == 0 ? [UInt64(output.st_dev), UInt64(output.st_ino)] : nil
        for argument in arguments {
            var info = stat()
            guard stat(argument, &info) == 0 else { throw BatchError("\(argument): no such file or folder") }
            if info.st_mode & S_IFMT == S_IFDIR {
                let root = URL(fileURLWithPath: argument).standardizedFileURL.path
                let prefix = argument.hasSuffix("/") ? argument : argument + "/"
                for found in reports(below: root, excluding: excluded, follow: followSymlinks).sorted(by: { $0.sortKey < $1.sortKey }) {
                    switch found {
                    case .report(let relative, let isLink):
                        jobs.append(BatchJob(input: prefix + relative, outputDirectory: outputDirectory, relativeOutput: pdfName(relative),
                                             refusal: isLink ? "is a symbolic link; links in a batch's folders are not followed (--follow-symlinks follows them)" : nil))
                    case .linkedFolder(let relative):
                        skipped.append(prefix + relative)
                    case .refused(let relative, let reason):
                        jobs.append(BatchJob(input: prefix + relative, outputDirectory: outputDirectory, relativeOutput: pdfName(relative),
                                             refusal: reason))
                    }
                }
            } else if reportExtensions.contains(URL(fileURLWithPath: argument).pathExtension.lowercased()) {
                jobs.append(BatchJob(input: argument, outputDirectory: outputDirectory,
                                     relativeOutput: pdfName(URL(fileURLWithPath: argument).lastPathComponent)))
            } else {
                let bytes: [UInt8]
                do { bytes = try InputFile.read(argument, limit: maxListBytes) } catch {
                    throw BatchError("\(argument): \(error.reason)", cause: error)
                }
                for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    guard !path.isEmpty, !path.hasPrefix("#") else { continue }
                    let input = lexicallyStandardized(path)
                    jobs.append(BatchJob(input: input, outputDirectory: outputDirectory, relativeOutput: pdfName(mirrored(input))))
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
        var sortKey: String {
            switch self {
            case .report(let path, _), .linkedFolder(let path), .refused(let path, _): path
            }
        }

        case report(String, isLink: Bool)
        case linkedFolder(String)
        /// Something that looks like a report but cannot be named as a path (not UTF-8, too long).
        case refused(String, reason: String)
    }

    /// Folders nested deeper than this are not walked (and said so): no real tree is.
    static let maxDepth = 64

    /// Reports below `root`, relative to it, sorted; hidden entries skipped, and the folder with
    /// (device, inode) `excluded` (the output folder, however it is named). Walked without
    /// recursion; `visited` holds the (device, inode) of folders entered, so that followed links
    /// cannot loop. Names are read as bytes: one that is not UTF-8 is reported, not lost.
    private static func reports(below root: String, excluding excluded: [UInt64]?, follow: Bool) -> [Found] {
        var found: [Found] = []
        var visited = Set<[UInt64]>()
        var pending: [(path: String, relative: String, depth: Int)] = [(root, "", 0)]
        while let (folder, relative, depth) = pending.popLast() {
            var info = stat()
            guard stat(folder, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
            for entry in entries(of: folder) where entry.bytes.first != UInt8(ascii: ".") {
                guard let name = entry.name else {
                    let shown = escaped(entry.bytes)
                    if reportExtensions.contains(where: { shown.lowercased().hasSuffix("." + $0) }) || entry.isFolder {
                        found.append(.refused(relative.isEmpty ? shown : relative + "/" + shown,
                                              reason: "its name is not UTF-8 (GBK from a Windows zip?); rename it in UTF-8"))
                    }
                    continue
                }
                let path = folder + "/" + name
                let inner = relative.isEmpty ? name : relative + "/" + name
                guard path.utf8.count < Int(PATH_MAX) else {
                    found.append(.refused(inner, reason: "its path is \(path.utf8.count) bytes; the limit is \(PATH_MAX)"))
                    continue
                }
                guard lstat(path, &info) == 0 else { continue }
                var kind = info.st_mode & S_IFMT
                let isLink = kind == S_IFLNK
                if isLink {
                    // A dangling link is refused as a link.
                    kind = stat(path, &info) == 0 ? info.st_mode & S_IFMT : S_IFREG
                }
                if kind == S_IFDIR {
                    if let excluded, [UInt64(info.st_dev), UInt64(info.st_ino)] == excluded { continue }
                    if isLink && !follow { found.append(.linkedFolder(inner)); continue }
                    if depth + 1 > maxDepth { found.append(.linkedFolder(inner)); continue }
                    pending.append((path, inner, depth + 1))
                } else if reportExtensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()) {
                    found.append(.report(inner, isLink: isLink && !follow))
                }
            }
        }
        return found
    }

    /// A folder's entries as bytes (and as text when they are UTF-8).
    private static func entries(of folder: String) -> [(bytes: [UInt8], name: String?, isFolder: Bool)] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var out: [(bytes: [UInt8], name: String?, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard bytes != [UInt8(ascii: ".")], bytes != [UInt8(ascii: "."), UInt8(ascii: ".")] else { continue }
            out.append((bytes, String(validating: bytes, as: UTF8.self), entry.pointee.d_type == UInt8(DT_DIR)))
        }
        return out
    }

    /// Bytes that are not UTF-8 as \xNN, the rest as they are.
    private static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }

    /// `a/./b/../c` as `a/c`, without looking at the file system (a listed path is named as it
    /// was written, and the same file listed twice is rendered once).
    static func lexicallyStandardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined.isEmpty ? "." : joined
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
    /// The error this one reports, when it comes from another (a file that cannot be read).
    public var cause: (any Error)?
    public init(_ description: String, cause: (any Error)? = nil) {
        self.description = description
        self.cause = cause
    }
}
