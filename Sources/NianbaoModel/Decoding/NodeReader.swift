import Foundation
import Yams

/// A YAML (or JSON) node together with where it sits, so that every read can fail with file:line:column.
package struct NodeReader {
    package let node: Node
    package let file: String
    /// The field path for messages, e.g. `body[3].heading`.
    package let path: String
    /// Shared by every reader of one document: bounds the text read, so that aliases cannot
    /// multiply a small file into an endless report.
    package let budget: TextBudget

    package init(node: Node, file: String, path: String, budget: TextBudget = TextBudget(limit: .max)) {
        self.node = node
        self.file = file
        self.path = path
        self.budget = budget
    }

    /// Parses YAML or JSON text (JSON is read as YAML flow style, so both share one schema; a .json
    /// file must also be strict JSON).
    package static func parse(_ text: String, file: String) throws -> NodeReader {
        if file.lowercased().hasSuffix(".json") { try checkJSON(text, file: file) }
        do {
            // The basic resolver: every scalar is text (read as written below), and Yams does not
            // match each one against its regular expressions for numbers, dates and booleans.
            guard let root = try Yams.compose(yaml: text, .basic) else {
                throw InputError(.error(at: SourceLocation(file: file, line: 1, column: 1), field: "",
                                        Message("the file is empty", "文件是空的")))
            }
            return NodeReader(node: root, file: file, path: "", budget: TextBudget(for: text))
        } catch let error as YamlError {
            throw InputError(diagnostic(for: error, file: file, text: text))
        }
    }

    /// JSON that YAML would forgive (a trailing comma) is still an error in a .json file.
    private static func checkJSON(_ text: String, file: String) throws {
        if let (offset, message) = JSONSyntax.firstFault(in: text) {
            throw InputError(.error(at: SourceText.location(ofByte: offset, in: text, file: file), field: "", Message("invalid JSON: \(message)", "不是有效的 JSON：\(message)")))
        }
    }

    package var location: SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    package func error(_ message: Message) -> InputError {
        InputError(.error(at: location, field: path, message))
    }

    /// A key longer than a quoted value is cut in the path too (a key can be any text).
    package func child(_ node: Node, _ component: String) -> NodeReader {
        let name = component.shortened
        return NodeReader(node: node, file: file, path: path.isEmpty ? name : "\(path).\(name)", budget: budget)
    }

    private var kindName: Message {
        switch node {
        case .scalar: return Message("a value", "一个值")
        case .mapping: return Message("a mapping (key: value pairs)", "一组“键: 值”")
        case .sequence: return Message("a list", "一个列表")
        case .alias: return Message("an alias", "一个别名")
        }
    }

    /// Any scalar as text; YAML's own typing (numbers, dates) is undone so text stays as written.
    package func string() throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error(Message("expected text, found \(kindName.en)", "此处应为文字，实为\(kindName.zh)"))
        }
        budget.remaining -= scalar.string.utf8.count
        if budget.remaining < 0 {
            throw error(Message("the document holds far more text than the file (YAML anchors and aliases repeating text?); aliases are not allowed in a report",
                                "文档中的文字远多于文件本身（是否用 YAML 锚点和别名重复了文字？）；年报中不允许使用别名"))
        }
        return scalar.string
    }

    package func nonEmptyString() throws -> String {
        let text = Self.trimmed(try string())
        if text.isEmpty { throw error(Message("must not be empty", "不能为空")) }
        return text
    }

    /// Non-empty text of at most `limit` characters; `what` names the field in the message.
    package func text(_ what: Message, limit: Int, allowEmpty: Bool = false) throws -> String {
        let text = allowEmpty ? try string() : try nonEmptyString()
        try Self.check(text, what, limit: limit, error)
        return text
    }

    /// A character is at least one byte: most text is shorter than the limit in bytes already.
    package static func check(_ text: String, _ what: Message, limit: Int, _ error: (Message) -> InputError) throws {
        if text.utf8.count > limit, text.count > limit {
            throw error(Message("\(what.en) of \(text.count) characters; the limit is \(limit)",
                                "\(what.zh)有 \(text.count) 个字，上限为 \(limit) 个字"))
        }
    }

    /// Without white space and line breaks at either end (as `.whitespacesAndNewlines`): most
    /// text has none, and is returned without Foundation's pass over it.
    static func trimmed(_ text: String) -> String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}": true
            default: scalar.properties.generalCategory == .spaceSeparator
            }
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, !isBlank(first), !isBlank(last) else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }

    package func double() throws -> Double {
        guard let value = Double(try string()) else {
            throw error(Message("expected a number, found \(try string().quoted)", "此处应为数字，实为 \(try string().quoted)"))
        }
        return value
    }

    package func int() throws -> Int {
        guard let value = Int(try string()) else {
            throw error(Message("expected a whole number, found \(try string().quoted)", "此处应为整数，实为 \(try string().quoted)"))
        }
        return value
    }

    package func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error(Message("expected true or false, found \(other.quoted)", "此处应为 true 或 false，实为 \(other.quoted)"))
        }
    }

    package func list() throws -> [NodeReader] {
        guard case .sequence(let sequence) = node else {
            throw error(Message("expected a list, found \(kindName.en)", "此处应为列表（每项以“- ”开头），实为\(kindName.zh)"))
        }
        return sequence.enumerated().map { index, item in
            NodeReader(node: item, file: file, path: "\(path)[\(index)]", budget: budget)
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
            let guess = Suggestion.closest(to: entry.key, among: allowed)
            let list = allowed.joined(separator: ", ")
            throw InputError(.error(at: entry.keyLocation ?? entry.value.location, field: entry.value.path, Message(
                "unknown key \(entry.key.quoted)" + (guess.map { "; did you mean '\($0)'?" } ?? "") + " (allowed here: \(list))",
                "没有键 \(entry.key.quoted)" + (guess.map { "；是否应为 '\($0)'？" } ?? "") + "（此处可用：\(list)）")))
        }
        return Fields(owner: self, entries: entries)
    }

    /// The mapping's entries in file order, for places whose keys are data (row keys, label ids).
    package func entries() throws -> [Entry] {
        guard case .mapping(let mapping) = node else {
            throw error(Message("expected a mapping (key: value pairs), found \(kindName.en)", "此处应为一组“键: 值”，实为\(kindName.zh)"))
        }
        var out: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw child(key, "?").error(Message("a key must be plain text", "键必须是普通文字")) }
            let keyLocation = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            out.append(Entry(key: scalar.string, value: child(value, scalar.string), keyLocation: keyLocation))
        }
        return out
    }

    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return .error(at: at(mark), field: "", Message("invalid YAML: \(detail)\(problem)", "YAML 格式错误：\(detail)\(problem)"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map(\.quoted).joined(separator: ", ")
            return .error(at: at(context.mark), field: "", Message("duplicate key \(keys) in one mapping", "同一组中键 \(keys) 出现了两次"))
        case .reader(let problem, let offset, _, _):
            return .error(at: SourceText.location(ofByte: offset ?? 0, in: text, file: file), field: "",
                          Message("unreadable input: \(problem)", "无法读取的内容：\(problem)"))
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), field: "", Message("invalid YAML: \(error)", "YAML 格式错误：\(error)"))
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
            throw InputError(.error(at: owner.location, field: owner.path, Message("missing required key '\(key)'", "缺少必填的键 '\(key)'")))
        }
        return value
    }
}

/// How much text may still be read from a document (in UTF-8 bytes).
package final class TextBudget {
    package var remaining: Int

    package init(limit: Int) { remaining = limit }

    /// Every scalar read about twice over, and some room for short files.
    package convenience init(for text: String) { self.init(limit: 2 * text.utf8.count + 100_000) }
}
