import Foundation

/// Reads an input file as UTF-8 text, refusing what would decode wrongly (GBK, UTF-16, binary).
package enum SourceText {
    /// Largest input file read, so that a runaway file is refused rather than parsed.
    package static let maxBytes = 8 << 20

    package static func read(_ path: String, followSymlinks: Bool = true) throws -> String {
        try decode(Data(bytes(path, followSymlinks: followSymlinks)), file: path)
    }

    /// The file's bytes, for a caller that also hashes what it decodes.
    package static func bytes(_ path: String, followSymlinks: Bool = true) throws -> [UInt8] {
        do {
            return try InputFile.read(path, limit: maxBytes, followSymlinks: followSymlinks)
        } catch {
            throw InputError(.error(at: nil, field: "", Message(verbatim: "\(path): ") + error.reason))
        }
    }

    package static func decode(_ data: Data, file: String) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }   // a BOM from Windows editors
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InputError(.error(at: SourceLocation(file: file, line: 1, column: 1), field: "",
                                    Message("the file is UTF-16; save it as UTF-8", "文件是 UTF-16 编码；请另存为 UTF-8")))
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(in: Array(bytes))
            throw InputError(.error(at: SourceLocation(file: file, line: line, column: column), field: "",
                                    Message("the file is not UTF-8 (GBK or GB2312?); save it as UTF-8",
                                            "文件不是 UTF-8 编码（是 GBK 或 GB2312？）；请另存为 UTF-8")))
        }
        if let (offset, scalar) = firstForbidden(in: text) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let bidirectional = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            let point = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw InputError(.error(at: location(ofByte: offset, in: text, file: file), field: "", Message(
                "the text holds \(bidirectional ? "a bidirectional override" : "a control character"), \(point); remove it",
                "文字中有\(bidirectional ? "双向文字控制符" : "控制字符") \(point)；请删除")))
        }
        return text
    }

    /// Control characters and bidirectional overrides are refused: invisible, they change what a
    /// reader sees or what the PDF's text says. Returns the UTF-8 offset of the first.
    static func firstForbidden(in text: String) -> (Int, Unicode.Scalar)? {
        var offset = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: break
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return (offset, scalar)
            default: break
            }
            offset += String(scalar).utf8.count
        }
        return nil
    }

    /// Line and column (in characters) of a UTF-8 offset.
    package static func location(ofByte offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1, position = 0
        for scalar in text.unicodeScalars {
            if position >= offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            position += String(scalar).utf8.count
        }
        return SourceLocation(file: file, line: line, column: column)
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
