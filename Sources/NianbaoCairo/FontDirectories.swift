import CPangoCairo
import Synchronization

/// Makes font files in project folders (e.g. `fonts/`) known to fontconfig.
/// Fontconfig's application font set is process-wide, and a font map only sees fonts added before it
/// was created; so directories are added once, before any `PangoShaper` exists.
public enum FontDirectories {
    private static let registered = Mutex<Set<String>>([])

    /// Adds every font file below `path` (if it exists). Returns false if fontconfig refused it.
    @discardableResult
    public static func register(_ path: String) -> Bool {
        registered.withLock { done in
            if done.contains(path) { return true }
            done.insert(path)
            return FcConfigAppFontAddDir(nil, path) == FcTrue
        }
    }
}
