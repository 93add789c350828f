/// Checks that text is strict JSON (RFC 8259): YAML, which reads the data, would forgive a trailing
/// comma or a bare word, and a .json file should be held to JSON. Reports the first fault's place.
struct JSONSyntax {
    private let bytes: [UInt8]
    private var index = 0

    /// Nil when the text is valid JSON; else the UTF-8 offset of the first fault and what is wrong.
    static func firstFault(in text: String) -> (offset: Int, message: String)? {
        var parser = JSONSyntax(bytes: Array(text.utf8))
        do {
            try parser.value(depth: 0)
            parser.skipSpace()
            if parser.index < parser.bytes.count { throw Fault(offset: parser.index, message: "unexpected text after the JSON value") }
            return nil
        } catch let fault as Fault {
            return (fault.offset, fault.message)
        } catch {
            return (0, "\(error)")
        }
    }

    private struct Fault: Error { var offset: Int; var message: String }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fault(_ message: String) -> Fault { Fault(offset: index, message: message) }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { throw fault("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func value(depth: Int) throws {
        guard depth < 64 else { throw fault("nested too deep") }
        skipSpace()
        guard index < bytes.count else { throw fault("unexpected end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                try string()
                try expect(UInt8(ascii: ":"))
                try value(depth: depth + 1)
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                try value(depth: depth + 1)
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "\""):
            try string()
        default:
            let start = index
            while index < bytes.count, !Set(" \t\r\n,]}:".utf8).contains(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            guard ["true", "false", "null"].contains(word) || word.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil else {
                index = start
                throw fault(word.isEmpty ? "expected a value" : "'\(word.prefix(20))' is not a JSON value")
            }
        }
    }

    private mutating func string() throws {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fault("expected a string in double quotes") }
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): index += 1; return
            case UInt8(ascii: "\\"): index += 2
            case 0..<0x20: throw fault("a raw control character inside a string")
            default: index += 1
            }
        }
        throw fault("a string is not closed")
    }
}
