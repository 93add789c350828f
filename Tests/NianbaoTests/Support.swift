import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let seedReport = "\(repositoryRoot)/examples/quzhou-zhihuixincheng-2019.yaml"

/// Runs a command and returns its exit status, standard output and standard error; status -1 when
/// it ran longer than `timeout` seconds and was killed.
@discardableResult
func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
         timeout: Double = 300) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    // Messages in English unless a test asks (`--lang zh`, or a zh locale in `environment`).
    let pinned = ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "FONTCONFIG_FILE": PinnedFonts.configuration]
    process.environment = ProcessInfo.processInfo.environment.merging(pinned) { _, new in new }.merging(environment) { _, new in new }
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Files, not pipes: a child that writes much to one stream must not block on a full pipe.
    let folder = NSTemporaryDirectory() + "nianbao-run-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    FileManager.default.createFile(atPath: "\(folder)/out", contents: nil)
    FileManager.default.createFile(atPath: "\(folder)/err", contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/err"))
    try process.run()
    // A command that hangs (a FIFO read for ever) fails its test instead of stopping the suite.
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return (-1, "", "timed out after \(Int(timeout)) s: \(arguments.joined(separator: " "))")
    }
    let output = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/out"))
    let error = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/err"))
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
}

/// A fresh empty folder under the system's temporary folder.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "nianbao-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Text without any white space, as pdftotext's line breaks fall where the layout broke lines.
func squeezed(_ text: String) -> String {
    String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
}

/// Watches a folder (inotify) for a file whose name ends in `suffix` being created, so that a test
/// can act in the moment a temporary file exists, however short it is.
final class CreationWatch {
    private let descriptor: Int32

    init(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0, inotify_add_watch(descriptor, folder, UInt32(IN_CREATE)) >= 0 else {
            throw CocoaError(.fileReadUnknown)
        }
    }

    deinit { close(descriptor) }

    /// Waits until such a file is created; false after `timeout` seconds.
    func wait(forSuffix suffix: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            var offset = 0
            while count > 0 && offset + 16 <= count {
                let length = Int(buffer[offset + 12]) | Int(buffer[offset + 13]) << 8 | Int(buffer[offset + 14]) << 16 | Int(buffer[offset + 15]) << 24
                let name = String(decoding: buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                if name.hasSuffix(suffix) { return true }
                offset += 16 + length
            }
        }
        return false
    }
}

/// The `nianbao` this test run built: beside the test bundle in the build folder of the
/// configuration being tested (debug or release), never another configuration's stale copy.
let nianbaoBinary: String = {
    var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("nianbao").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return "\(repositoryRoot)/.build/debug/nianbao"
}()

/// The fonts the suite sees: the README's font packages and the project's own fonts/, through a
/// fontconfig file of its own, so that a machine's extra fonts (an emoji font, a font with rare
/// ideographs) change no result. Set before fontconfig first loads, for this process and the
/// commands it runs.
enum PinnedFonts {
    static let directories = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/dejavu",
                              "/usr/share/fonts/truetype/lxgw-wenkai", "/usr/local/share/fonts/fandol"]

    static let configuration: String = {
        let folder = NSTemporaryDirectory() + "nianbao-test-fonts-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder + "/cache", withIntermediateDirectories: true)
        let dirs = directories.filter { FileManager.default.fileExists(atPath: $0) }.map { "<dir>\($0)</dir>" }.joined()
        let file = folder + "/fonts.conf"
        // The system's rules (aliases, preferences) and caches, but only these folders; fontconfig
        // writes caches it lacks to the folder of its own.
        try? """
        <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>\(dirs)<cachedir>/var/cache/fontconfig</cachedir><cachedir>\(folder)/cache</cachedir>
        <include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>
        """.write(toFile: file, atomically: true, encoding: .utf8)
        setenv("FONTCONFIG_FILE", file, 1)
        return file
    }()
}

/// Pins the suite's fonts before any of its tests runs.
struct PinnedFontsTrait: SuiteTrait, TestTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        _ = PinnedFonts.configuration
        try await function()
    }
}

extension Trait where Self == PinnedFontsTrait {
    static var pinnedFonts: Self { PinnedFontsTrait() }
}

/// A project folder (for NIANBAO_HOME) with a copy of the layouts whose font chains all start
/// with `firstFamilies` (none: as shipped), and `fonts` in its fonts/: bytes written, or paths
/// linked.
func fontProject(firstFamilies: String?, fonts: [(name: String, bytes: [UInt8])] = [], linking files: [String] = []) throws -> String {
    let home = try temporaryFolder()
    try FileManager.default.copyItem(atPath: "\(repositoryRoot)/layouts", toPath: "\(home)/layouts")
    if let firstFamilies {
        let layout = "\(home)/layouts/gbt9704.yaml"
        try (try String(contentsOfFile: layout, encoding: .utf8)).replacingOccurrences(of: "families: [", with: "families: [\(firstFamilies), ")
            .write(toFile: layout, atomically: true, encoding: .utf8)
    }
    try FileManager.default.createDirectory(atPath: "\(home)/fonts", withIntermediateDirectories: true)
    for font in fonts { try Data(font.bytes).write(to: URL(fileURLWithPath: "\(home)/fonts/\(font.name)")) }
    for file in files {
        try FileManager.default.createSymbolicLink(atPath: "\(home)/fonts/\((file as NSString).lastPathComponent)", withDestinationPath: file)
    }
    return home
}

/// MuPDF and Ghostscript read the PDF without a word (MuPDF's own lines about pages and its
/// build's missing ICC support aside): no font program or glyph they complain about.
func expectReadersQuiet(_ pdf: String) throws {
    let mupdf = try run(["mutool", "draw", "-o", "/dev/null", pdf])
    let complaints = (mupdf.output + mupdf.error).split(separator: "\n").filter { !$0.hasPrefix("page ") && !$0.contains("ICC support") }
    #expect(mupdf.status == 0 && complaints.isEmpty, "\(complaints.prefix(5))")
    let ghostscript = try run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage", pdf])
    #expect(ghostscript.status == 0 && (ghostscript.output + ghostscript.error).isEmpty, "\(ghostscript.error.prefix(300))")
}
