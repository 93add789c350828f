/// A message in both languages; printed in `Language.current` unless asked for another.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    public var en: String
    public var zh: String

    public init(_ en: String, _ zh: String) {
        self.en = en
        self.zh = zh
    }

    /// Text that reads the same in both (a value, a label, a number).
    public init(verbatim text: String) {
        self.init(text, text)
    }

    public func text(in language: Language) -> String { language == .zh ? zh : en }

    public var description: String { text(in: .current) }

    /// Both texts joined to another message's.
    public static func + (a: Message, b: Message) -> Message { Message(a.en + b.en, a.zh + b.zh) }
}

/// An error whose message exists in both languages.
public protocol LocalizedFailure: Error, CustomStringConvertible {
    var message: Message { get }
}

extension LocalizedFailure {
    public var description: String { message.description }
}
