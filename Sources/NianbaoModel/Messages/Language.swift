import Synchronization

/// The language messages are written in: Chinese for the office staff who write reports, English
/// for the rest. The command line picks it from `--lang` or the locale; a library user sets it.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The process's language for messages; English until set.
    public static var current: Language {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }

    private static let storage = Mutex<Language>(.en)

    /// The locale's language as POSIX orders the variables (LC_ALL, then LC_MESSAGES, then LANG;
    /// an empty one counts as unset): Chinese for any zh locale, English otherwise.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        let name = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return name.lowercased().hasPrefix("zh") ? .zh : .en
    }
}
