import Crypto

/// Compresses bytes to zlib format (FlateDecode); supplied by the caller so that this module stays
/// free of C.
public typealias Deflate = ([UInt8], DeflateEffort) -> [UInt8]

/// How hard to look for repeats.
public enum DeflateEffort: Sendable {
    /// Page content, structure and cross-reference: text-like, repetitive.
    case thorough
    /// Font programs: glyph outlines repeat little, and a thorough search gains under 1 % there
    /// for a sixth of a report's render time.
    case quick
}

/// Collects numbered objects and writes them as a compact PDF 1.7 file: every dictionary and array
/// packed into compressed object streams, streams as they are, a compressed cross-reference stream
/// (ISO 32000-1, 7.5.7 and 7.5.8), and an /ID from the content, so equal input gives equal bytes.
struct PDFFileBuilder {
    private var plain: [Int: String] = [:]
    private var streams: [Int: (dictionary: String, data: [UInt8])] = [:]
    private(set) var count = 0
    let deflate: Deflate

    init(deflate: @escaping Deflate) { self.deflate = deflate }

    /// A new object number; its content is set later.
    mutating func reserve() -> Int {
        count += 1
        return count
    }

    /// A dictionary, array or other direct value, by its text.
    mutating func set(_ number: Int, _ object: String) { plain[number] = object }

    mutating func add(_ object: String) -> Int {
        let number = reserve()
        set(number, object)
        return number
    }

    /// A stream; `dictionary` holds the entries besides /Length and /Filter, without `<<`/`>>`.
    mutating func setStream(_ number: Int, _ dictionary: String = "", data: [UInt8], compress: Bool = true,
                            effort: DeflateEffort = .thorough) {
        if compress {
            streams[number] = (dictionary + " /Filter /FlateDecode", deflate(data, effort))
        } else {
            streams[number] = (dictionary, data)
        }
    }

    mutating func addStream(_ dictionary: String = "", data: [UInt8], compress: Bool = true,
                            effort: DeflateEffort = .thorough) -> Int {
        let number = reserve()
        setStream(number, dictionary, data: data, compress: compress, effort: effort)
        return number
    }

    /// The file, with `root` as its catalog and `info` as its Info dictionary.
    func bytes(root: Int, info: Int) -> [UInt8] {
        var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        // The streams, and room for the packed dictionaries: one buffer, never regrown.
        out.reserveCapacity(streams.values.reduce(0) { $0 + $1.data.count + $1.dictionary.utf8.count + 64 }
                            + plain.values.reduce(0) { $0 + $1.utf8.count } / 2 + 4096)
        // Type 1 entries: offset; type 2: (object stream, index in it).
        var direct: [Int: Int] = [:]
        var packed: [Int: (stream: Int, index: Int)] = [:]
        var next = count

        func writeStream(_ number: Int, _ dictionary: String, _ data: [UInt8]) {
            direct[number] = out.count
            out += "\(number) 0 obj\n<<\(dictionary) /Length \(data.count) >>\nstream\n".utf8
            out += data
            out += "\nendstream\nendobj\n".utf8
        }

        for number in streams.keys.sorted() {
            let stream = streams[number]!
            writeStream(number, stream.dictionary, stream.data)
        }
        let numbers = plain.keys.sorted()
        for chunkStart in stride(from: 0, to: numbers.count, by: 200) {
            let chunk = numbers[chunkStart..<min(chunkStart + 200, numbers.count)]
            next += 1
            let stream = next
            var header = "", body: [UInt8] = []
            for (index, number) in chunk.enumerated() {
                header += "\(number) \(body.count) "
                body += plain[number]!.utf8
                body.append(0x0A)
                packed[number] = (stream, index)
            }
            let headerBytes = Array(header.utf8)
            writeStream(stream, " /Type /ObjStm /N \(chunk.count) /First \(headerBytes.count) /Filter /FlateDecode",
                        deflate(headerBytes + body, .thorough))
        }

        next += 1
        let xref = next
        let size = xref + 1
        direct[xref] = out.count
        var table: [UInt8] = []
        table.reserveCapacity(size * 7)
        func entry(_ type: UInt8, _ field: Int, _ index: Int) {
            table.append(type)
            BigEndian.append(field, count: 4, to: &table)
            BigEndian.append(index, count: 2, to: &table)
        }
        entry(0, 0, 0xFFFF)
        for number in 1..<size {
            if let offset = direct[number] { entry(1, offset, 0) }
            else if let place = packed[number] { entry(2, place.stream, place.index) }
            else { entry(0, 0, 0) }
        }
        let id = SHA256.hash(data: out).prefix(16).map { PDFSyntax.hex($0, digits: 2) }.joined()
        let data = deflate(table, .thorough)
        out += Array("\(xref) 0 obj\n<< /Type /XRef /Size \(size) /W [1 4 2] /Root \(root) 0 R /Info \(info) 0 R /ID [<\(id)> <\(id)>] /Filter /FlateDecode /Length \(data.count) >>\nstream\n".utf8)
        out += data
        out += Array("\nendstream\nendobj\nstartxref\n\(direct[xref]!)\n%%EOF\n".utf8)
        return out
    }
}
