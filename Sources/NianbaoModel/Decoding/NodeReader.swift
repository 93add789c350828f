import Foundation
import Yams

/// A YAML (or JSON) node together with where it sits, so that every read can fail with file:line:column.
package struct NodeReader {
    package let node: Node
    package let file: String
    /// The field path for messages, e.g. `body[3].heading`.
    package let path: String

    package init(node: Node, file: String, path: String) {
        self.node = node
        self.file = file
        self.path = path
    }

    /// Parses YAML or JSON text (JSON is read as YAML flow style, so both share one schema).
    /// Anchors and aliases are refused: a report has no use for them, and nested aliases are the
    /// "billion laughs" that would make a small file expand without bound.
    package static func parse(_ text: String, file: String) throws -> NodeReader {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw InputError(.error(at: SourceLocation(file: file, line: 1, column: 1), field: "",
                                        "the file is empty"))
            }
            let reader = NodeReader(node: root, file: file, path: "")
            // An anchor comes before every alias to it, so a walk in document order meets it first.
            if let anchored = reader.firstAnchor() {
                throw anchored.error("YAML anchors and aliases (&name, *name) are not allowed in a report")
            }
            return reader
        } catch let error as YamlError {
            var diagnostic = diagnostic(for: error, file: file)
            if file.lowercased().hasSuffix(".json") { diagnostic.message = diagnostic.message.replacingOccurrences(of: "invalid YAML", with: "invalid JSON") }
            throw InputError(diagnostic)
        }
    }

    /// The first node in document order that carries an anchor or is an alias.
    private func firstAnchor() -> NodeReader? {
        if node.anchor != nil { return self }
        switch node {
        case .alias: return self
        case .scalar: return nil
        case .sequence(let sequence):
            for item in sequence { if let found = child(item, "?").firstAnchor() { return found } }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = child(key, "?").firstAnchor() ?? child(value, "?").firstAnchor() { return found }
            }
        }
        return nil
    }

    package var location: SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    package func error(_ message: String) -> InputError {
        InputError(.error(at: location, field: path, message))
    }

    package func child(_ node: Node, _ component: String) -> NodeReader {
        NodeReader(node: node, file: file, path: path.isEmpty ? component : "\(path).\(component)")
    }

    private var kindName: String {
        switch node {
        case .scalar: return "a value"
        case .mapping: return "a mapping (key: value pairs)"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Any scalar as text; YAML's own typing (numbers, dates) is undone so text stays as written.
    /// Control characters and bidirectional overrides are refused: invisible, they change what a
    /// reader sees or what the PDF's text says.
    package func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text, found \(kindName)") }
        if let bad = scalar.string.unicodeScalars.first(where: NodeReader.isForbidden) {
            let code = String(bad.value, radix: 16, uppercase: true)
            let what = (0x202A...0x202E).contains(bad.value) || (0x2066...0x2069).contains(bad.value)
                ? "a bidirectional override" : "a control character"
            throw error("the text holds \(what), U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code); remove it")
        }
        return scalar.string
    }

    /// C0 and C1 controls other than tab and line breaks; bidi embeddings, overrides and isolates.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    package func nonEmptyString() throws -> String {
        let text = try string().trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw error("must not be empty") }
        return text
    }

    package func double() throws -> Double {
        guard let value = Double(try string()) else { throw error("expected a number, found '\(try string())'") }
        return value
    }

    package func int() throws -> Int {
        guard let value = Int(try string()) else { throw error("expected a whole number, found '\(try string())'") }
        return value
    }

    package func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error("expected true or false, found '\(other)'")
        }
    }

    package func list() throws -> [NodeReader] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, found \(kindName)") }
        return sequence.enumerated().map { index, item in
            NodeReader(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    /// A string, or a list of strings (e.g. a title given line by line).
    package func lines() throws -> [String] {
        if case .sequence = node { return try list().map { try $0.nonEmptyString() } }
        return [try nonEmptyString()]
    }

    package var isMapping: Bool { if case .mapping = node { return true } else { return false } }
    package var isSequence: Bool { if case .sequence = node { return true } else { return false } }

    /// The mapping's entries, checked against the keys this place allows.
    package func fields(allowed: [String]) throws -> Fields {
        let entries = try entries()
        for entry in entries where !allowed.contains(entry.key) {
            var message = "unknown key '\(entry.key)'"
            if let guess = Suggestion.closest(to: entry.key, among: allowed) { message += "; did you mean '\(guess)'?" }
            message += " (allowed here: \(allowed.joined(separator: ", ")))"
            throw InputError(.error(at: entry.keyLocation ?? entry.value.location, field: entry.value.path, message))
        }
        return Fields(owner: self, entries: entries)
    }

    /// The mapping's entries in file order, for places whose keys are data (row keys, label ids).
    package func entries() throws -> [Entry] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping (key: value pairs), found \(kindName)")
        }
        var out: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw child(key, "?").error("a key must be plain text") }
            let keyLocation = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            out.append(Entry(key: scalar.string, value: child(value, scalar.string), keyLocation: keyLocation))
        }
        return out
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return .error(at: at(mark), field: "", "invalid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: at(context.mark), field: "",
                          "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        case .reader(let problem, let offset, _, _):
            return .error(at: SourceLocation(file: file, line: 1, column: 1), field: "",
                          "unreadable input: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), field: "", "invalid YAML: \(error)")
        }
    }
}

/// One key of a mapping with its value.
package struct Entry {
    package let key: String
    package let value: NodeReader
    package let keyLocation: SourceLocation?
}

/// The entries of one mapping, looked up by key.
package struct Fields {
    package let owner: NodeReader
    package let entries: [Entry]

    package subscript(key: String) -> NodeReader? {
        entries.first { $0.key == key }?.value
    }

    package func required(_ key: String) throws -> NodeReader {
        guard let value = self[key] else {
            throw InputError(.error(at: owner.location, field: owner.path, "missing required key '\(key)'"))
        }
        return value
    }
}
