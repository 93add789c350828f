import CPangoCairo
import Dispatch
import Foundation
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

    /// Adds every font file below `path` (if it exists). Returns false if fontconfig refused it.
    @discardableResult
    public static func register(_ path: String) -> Bool {
        waitForConfiguration()
        return registered.withLock { done in
            if done.contains(path) { return true }
            done.insert(path)
            return FcConfigAppFontAddDir(nil, path) == FcTrue
        }
    }
}
