import Foundation
import NianbaoModel

/// `--lang zh|en`, anywhere on the command line (before or after the subcommand), else the
/// locale's language: office staff on a Chinese desktop read Chinese without asking for it.
enum MessageLanguage {
    /// Sets `Language.current` and returns the arguments without `--lang`; nil when its value is
    /// neither zh nor en (a usage error, already printed).
    static func take(from arguments: [String], environment: [String: String]) -> [String]? {
        var rest: [String] = []
        var chosen: String?
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { rest += arguments[i...]; break }
            if argument == "--lang" {
                chosen = i + 1 < arguments.count ? arguments[i + 1] : ""
                i += 2
                continue
            }
            if argument.hasPrefix("--lang=") {
                chosen = String(argument.dropFirst("--lang=".count))
                i += 1
                continue
            }
            rest.append(argument)
            i += 1
        }
        Language.current = Language.fromLocale(environment)
        if let chosen {
            guard let language = Language(rawValue: chosen.lowercased()) else {
                printError(say("error: --lang is zh or en, not \(chosen.quoted)", "错误：--lang 只能是 zh 或 en，而不是 \(chosen.quoted)"))
                return nil
            }
            Language.current = language
        }
        return rest
    }
}

/// A line for the user in the language of messages.
func say(_ en: String, _ zh: String) -> String { Message(en, zh).description }
