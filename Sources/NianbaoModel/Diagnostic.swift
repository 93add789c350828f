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
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    /// The field as a path through the document, e.g. `body[2].content[0].heading`.
    public var field: String
    public var message: String
    /// A table's numbers contradict each other (a cross-check failed): the report can still be
    /// drawn, so `--allow-inconsistent` may render it anyway.
    public var isInconsistency = false

    public init(_ severity: Severity, at location: SourceLocation?, field: String, _ message: String) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
    }

    public static func error(at location: SourceLocation?, field: String, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, field: field, message)
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let what = field.isEmpty ? "" : "\(field): "
        return "\(place)\(severity.rawValue): \(what)\(message)"
    }
}

/// Thrown when input cannot be used; carries every problem found so far.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    /// The first 20 problems, then how many more: a file with thousands of mistakes gives a
    /// message one can read, and a manifest line of bounded size.
    public var description: String {
        let shown = diagnostics.prefix(Self.shown).map(\.description)
        let more = diagnostics.count - Self.shown
        return (shown + (more > 0 ? ["… and \(more) more problems"] : [])).joined(separator: "\n")
    }

    static let shown = 20
}
