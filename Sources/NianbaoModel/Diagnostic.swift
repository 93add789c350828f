/// A place in an input file, 1-based, as a person would look it up in an editor.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in the input: where, which field, and what is wrong.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
        /// An inconsistency the render was told to allow (`--allow-inconsistent`).
        case allowed

        public func word(in language: Language) -> String {
            switch (self, language) {
            case (.error, .en): "error"
            case (.error, .zh): "错误"
            case (.warning, .en): "warning"
            case (.warning, .zh): "警告"
            case (.allowed, .en): "allowed"
            case (.allowed, .zh): "已允许"
            }
        }
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// The field as a path through the document, e.g. `body[2].content[0].heading`.
    public var field: String
    public var message: Message
    /// A table's numbers contradict each other (a cross-check failed): the report can still be
    /// drawn, so `--allow-inconsistent` may render it anyway.
    public var isInconsistency = false

    public init(_ severity: Severity, at location: SourceLocation?, field: String, _ message: Message) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
    }

    public static func error(at location: SourceLocation?, field: String, _ message: Message) -> Diagnostic {
        Diagnostic(.error, at: location, field: field, message)
    }

    public static func warning(at location: SourceLocation?, field: String, _ message: Message) -> Diagnostic {
        Diagnostic(.warning, at: location, field: field, message)
    }

    public func description(in language: Language) -> String {
        let place = location.map { "\($0): " } ?? ""
        let what = field.isEmpty ? "" : "\(field): "
        return "\(place)\(severity.word(in: language)): \(what)\(message.text(in: language))"
    }

    public var description: String { description(in: .current) }
}

/// Thrown when input cannot be used; carries every problem found so far.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    /// The first 20 problems, then how many more: a file with thousands of mistakes gives a
    /// message one can read, and a manifest line of bounded size.
    public func description(in language: Language) -> String {
        let shown = diagnostics.prefix(Self.shown).map { $0.description(in: language) }
        let more = diagnostics.count - Self.shown
        let tail = language == .zh ? "……另有 \(more) 个问题" : "… and \(more) more problems"
        return (shown + (more > 0 ? [tail] : [])).joined(separator: "\n")
    }

    public var description: String { description(in: .current) }

    static let shown = 20
}
