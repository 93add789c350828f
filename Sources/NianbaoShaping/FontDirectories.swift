import CPangoCairo
import Dispatch
import Foundation
import NianbaoFonts
import Synchronization

/// Makes font files in project folders (e.g. `fonts/`) known to fontconfig.
/// Fontconfig's application font set is process-wide, and a font map only sees fonts added before it
/// was created; so directories are added once, before any `PangoShaper` exists.
public enum FontDirectories {
    private static let registered = Mutex<Set<String>>([])
    private static let loading = Mutex(false)
    private static let configuration = DispatchGroup()

    /// Starts loading fontconfig's configuration and caches on another thread (6–8 ms here), so
    /// that a render reads and checks its report meanwhile; everything that needs fontconfig
    /// waits for it. Once per process.
    public static func loadConfigurationInBackground() {
        guard loading.withLock({ started in defer { started = true }; return !started }) else { return }
        configuration.enter()
        // A thread of its own, not a dispatch queue: callers block until it is done, and when they
        // are themselves the queue's workers, a queued load might never get a thread.
        Thread.detachNewThread {
            _ = FcInit()
            configuration.leave()
        }
    }

    /// Returns once a background load (if one was started) has finished: fontconfig would
    /// otherwise load the configuration a second time, concurrently.
    static func waitForConfiguration() { configuration.wait() }

    /// A font file that was not added, and why.
    public struct SkippedFont: Sendable, Equatable {
        public var file: String
        public var reason: (en: String, zh: String)
        public static func == (a: SkippedFont, b: SkippedFont) -> Bool { a.file == b.file && a.reason == b.reason }
    }

    private static let skippedFonts = Mutex<[SkippedFont]>([])

    /// The font files of registered folders that were skipped as damaged.
    public static var skipped: [SkippedFont] { skippedFonts.withLock { $0 } }

    private static let fontSuffixes: Set<String> = ["ttf", "otf", "ttc", "otc"]

    /// Adds every sound font file below `path` (if it exists), each read on every run (no cache:
    /// a file replaced in place is seen as it is now). A file that cannot be read, or would
    /// crash or mislead a reader, is skipped and listed in `skipped`. Returns false if fontconfig
    /// refused a file.
    @discardableResult
    public static func register(_ path: String) -> Bool {
        waitForConfiguration()
        return registered.withLock { done in
            if done.contains(path) { return true }
            done.insert(path)
            var added = true
            for file in fontFiles(below: path) {
                if let problem = FontFileCheck.problem(file) {
                    skippedFonts.withLock { $0.append(SkippedFont(file: file, reason: problem)) }
                    continue
                }
                added = FcConfigAppFontAddFile(nil, file) == FcTrue && added
            }
            return added
        }
    }

    /// Font files below a folder, sorted, symbolic links followed to regular files only.
    private static func fontFiles(below path: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            guard fontSuffixes.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            files.append(path + "/" + relative)
        }
        return files.sorted()
    }

    /// Forgets registered folders and application fonts, for a fuzzer that replaces fonts/ on
    /// every input.
    package static func reset() {
        registered.withLock { done in
            done = []
            FcConfigAppFontClear(nil)
        }
        skippedFonts.withLock { $0 = [] }
    }
}
