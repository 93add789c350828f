import Foundation

/// Which font file (and face in a collection) draws a font, as fontconfig chose it.
public struct FontSource: Hashable, Sendable {
    public var file: String
    /// The face's index in a TrueType/OpenType collection (`.ttc`); 0 otherwise.
    public var index: Int
    /// fontconfig asks for synthetic bold (a bold style of a family without a bold face).
    public var embolden: Bool

    public init(file: String, index: Int = 0, embolden: Bool = false) {
        self.file = file
        self.index = index
        self.embolden = embolden
    }
}

/// A font file the writer cannot embed.
public struct FontProgramError: Error, CustomStringConvertible {
    public var description: String
}

/// An OpenType font read from its file (memory-mapped, so only the parts used are read): its
/// tables, the metrics the PDF font descriptor needs, and its outlines as CFF or TrueType glyphs.
/// Immutable once read, so one copy serves every worker of a batch.
final class FontProgram: Sendable {
    let bytes: FontBytes
    let tables: [String: Range<Int>]
    let unitsPerEm: Int
    let boundingBox: [Int]
    let ascent: Int
    let descent: Int
    let capHeight: Int
    let italicAngle: Double
    let postScriptName: String
    let glyphCount: Int
    let outlines: Outlines
    /// CFF glyph programs with their subroutines inlined, as documents use them.
    let flattened = FlattenedGlyphs()
    private let horizontalMetricsCount: Int

    enum Outlines: Sendable {
        case compact(CFFFont)
        case trueType
    }

    init(_ source: FontSource) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: source.file), options: .alwaysMapped) } catch {
            throw FontProgramError(description: "\(source.file): cannot be read: \(error.localizedDescription)")
        }
        let bytes = FontBytes(data)
        self.bytes = bytes
        func fail(_ reason: String) -> FontProgramError { FontProgramError(description: "\(source.file): \(reason)") }
        guard bytes.count >= 12 else { throw fail("not a font file") }
        var directory = 0
        if bytes.tag(at: 0) == "ttcf" {
            guard source.index < bytes.u32(8) else { throw fail("has no face \(source.index)") }
            directory = Int(bytes.u32(12 + 4 * source.index))
        }
        var tables: [String: Range<Int>] = [:]
        for record in 0..<Int(bytes.u16(directory + 4)) {
            let at = directory + 12 + 16 * record
            let offset = Int(bytes.u32(at + 8)), length = Int(bytes.u32(at + 12))
            guard offset + length <= bytes.count else { throw fail("a table lies outside the file") }
            tables[bytes.tag(at: at)] = offset..<(offset + length)
        }
        self.tables = tables
        guard let head = tables["head"], let hhea = tables["hhea"], let maxp = tables["maxp"], tables["hmtx"] != nil else {
            throw fail("lacks one of the tables head, hhea, maxp, hmtx")
        }
        unitsPerEm = max(16, Int(bytes.u16(head.lowerBound + 18)))
        boundingBox = (0..<4).map { Int(bytes.i16(head.lowerBound + 36 + 2 * $0)) }
        ascent = Int(bytes.i16(hhea.lowerBound + 4))
        descent = Int(bytes.i16(hhea.lowerBound + 6))
        horizontalMetricsCount = max(1, Int(bytes.u16(hhea.lowerBound + 34)))
        glyphCount = Int(bytes.u16(maxp.lowerBound + 4))
        if let os2 = tables["OS/2"], os2.count >= 90, bytes.u16(os2.lowerBound) >= 2 {
            capHeight = Int(bytes.i16(os2.lowerBound + 88))
        } else {
            capHeight = ascent
        }
        if let post = tables["post"] {
            italicAngle = Double(Int32(bitPattern: bytes.u32(post.lowerBound + 4))) / 65536
        } else {
            italicAngle = 0
        }
        postScriptName = Self.postScriptName(bytes, tables["name"]) ?? URL(fileURLWithPath: source.file).deletingPathExtension().lastPathComponent
        if let cff = tables["CFF "] {
            outlines = .compact(try CFFFont(bytes, table: cff, glyphCount: glyphCount, file: source.file))
        } else if tables["glyf"] != nil, tables["loca"] != nil {
            outlines = .trueType
        } else {
            throw fail("has neither CFF nor TrueType outlines (CFF2 and bitmap fonts cannot be embedded)")
        }
    }

    /// The advance of a glyph in font units.
    func advance(_ glyph: Int) -> Int {
        let hmtx = tables["hmtx"]!.lowerBound
        return Int(bytes.u16(hmtx + 4 * min(glyph, horizontalMetricsCount - 1)))
    }

    /// The left side bearing of a glyph in font units.
    func leftSideBearing(_ glyph: Int) -> Int {
        let hmtx = tables["hmtx"]!.lowerBound
        if glyph < horizontalMetricsCount { return Int(bytes.i16(hmtx + 4 * glyph + 2)) }
        return Int(bytes.i16(hmtx + 4 * horizontalMetricsCount + 2 * (glyph - horizontalMetricsCount)))
    }

    /// A length in font units in the PDF's glyph space (1000 units per em).
    func scaled(_ units: Int) -> Double { Double(units) * 1000 / Double(unitsPerEm) }

    /// The PostScript name (name ID 6), Windows or Mac encoding, letters and digits kept.
    private static func postScriptName(_ bytes: FontBytes, _ table: Range<Int>?) -> String? {
        guard let table else { return nil }
        let base = table.lowerBound
        let strings = base + Int(bytes.u16(base + 4))
        for record in 0..<Int(bytes.u16(base + 2)) {
            let at = base + 6 + 12 * record
            guard bytes.u16(at + 6) == 6 else { continue }
            let platform = bytes.u16(at)
            let length = Int(bytes.u16(at + 8)), offset = strings + Int(bytes.u16(at + 10))
            var name = ""
            if platform == 3 || platform == 0 {
                for k in stride(from: 0, to: length - 1, by: 2) {
                    if let scalar = Unicode.Scalar(bytes.u16(offset + k)) { name.unicodeScalars.append(scalar) }
                }
            } else {
                for k in 0..<length { name.unicodeScalars.append(Unicode.Scalar(bytes[offset + k])) }
            }
            let kept = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            if !kept.isEmpty { return kept }
        }
        return nil
    }
}

/// Big-endian reads from a font file's bytes.
struct FontBytes: Sendable {
    private let data: Data

    init(_ data: Data) { self.data = data }

    var count: Int { data.count }

    subscript(offset: Int) -> UInt8 { data[data.startIndex + offset] }

    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) << 8 | UInt16(self[offset + 1]) }
    func i16(_ offset: Int) -> Int16 { Int16(bitPattern: u16(offset)) }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) << 16 | UInt32(u16(offset + 2)) }

    /// An offset of `size` bytes (CFF's OffSize).
    func offset(_ offset: Int, size: Int) -> Int {
        var value = 0
        for k in 0..<size { value = value << 8 | Int(self[offset + k]) }
        return value
    }

    func tag(at offset: Int) -> String { String(decoding: slice(offset..<(offset + 4)), as: UTF8.self) }

    func slice(_ range: Range<Int>) -> [UInt8] {
        let start = data.startIndex
        return [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
            count = data.copyBytes(to: buffer, from: (start + range.lowerBound)..<(start + range.upperBound))
        }
    }
}
