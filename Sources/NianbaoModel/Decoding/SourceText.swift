import Foundation

/// Reads an input file as UTF-8 text, refusing what would decode wrongly (GBK, UTF-16, binary).
package enum SourceText {
    /// Largest input file read, so that a runaway file is refused rather than parsed.
    package static let maxBytes = 8 << 20

    package static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(.error(at: nil, field: "", "\(path): no such file"))
        }
        if isDirectory.boolValue {
            throw InputError(.error(at: nil, field: "", "\(path): is a directory, not a report file"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxBytes {
            throw InputError(.error(at: nil, field: "", "\(path): \(size) bytes; the limit for an input file is \(maxBytes) bytes"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.error(at: nil, field: "", "\(path): cannot be read (permissions?)"))
        }
        return try decode(data, file: path)
    }

    package static func decode(_ data: Data, file: String) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }   // a BOM from Windows editors
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InputError(.error(at: SourceLocation(file: file, line: 1, column: 1), field: "",
                                    "the file is UTF-16; save it as UTF-8"))
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(in: Array(bytes))
            throw InputError(.error(at: SourceLocation(file: file, line: line, column: column), field: "",
                                    "the file is not UTF-8 (GBK or GB2312?); save it as UTF-8"))
        }
        return text
    }

    /// Line and column (in characters) of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .error, .emptyInput:
                return (line, column)
            }
        }
    }
}
