import Foundation

/// A CFF table (Adobe TN 5176), name-keyed or CID-keyed, read far enough to subset it: its glyph
/// programs, subroutines, and per glyph the private dictionary (font DICT) it uses.
struct CFFFont: Sendable {
    let bytes: FontBytes
    let charStrings: CFFIndex
    let globalSubrs: CFFIndex
    let fontDicts: [FontDict]
    /// The font DICT of each glyph.
    let fontDictOfGlyph: [UInt8]
    /// Top DICT entries copied as they are (FontMatrix, FontBBox).
    let topEntries: [UInt8]

    struct FontDict: Sendable {
        /// The private DICT's entries without Subrs (subroutines are inlined).
        var privateEntries: [UInt8]
        var localSubrs: CFFIndex?
        /// Font DICT entries copied as they are (FontMatrix).
        var entries: [UInt8]
    }

    init(_ bytes: FontBytes, table: Range<Int>, glyphCount: Int, file: String) throws {
        self.bytes = bytes
        let base = table.lowerBound
        func fail(_ reason: String) -> FontProgramError { FontProgramError(description: "\(file): CFF table \(reason)") }
        guard table.count > 4 else { throw fail("is empty") }
        let names = try CFFIndex(bytes, at: base + Int(bytes[base + 2]), limit: table.upperBound)
        let tops = try CFFIndex(bytes, at: names.end, limit: table.upperBound)
        let strings = try CFFIndex(bytes, at: tops.end, limit: table.upperBound)
        globalSubrs = try CFFIndex(bytes, at: strings.end, limit: table.upperBound)
        guard tops.count > 0 else { throw fail("has no font") }
        let top = CFFDict(bytes, tops.range(0))
        guard let charStringsOffset = top.integer(17) else { throw fail("has no CharStrings") }
        charStrings = try CFFIndex(bytes, at: base + charStringsOffset, limit: table.upperBound)
        guard charStrings.count >= glyphCount else { throw fail("has fewer glyphs than the font") }
        topEntries = top.raw([1207, 5])

        func fontDict(_ dict: CFFDict) throws -> FontDict {
            guard let privateDict = dict.operands(18), privateDict.count == 2 else { return FontDict(privateEntries: [], localSubrs: nil, entries: dict.raw([1207])) }
            let start = base + Int(privateDict[1]), size = Int(privateDict[0])
            let entries = CFFDict(bytes, start..<(start + size))
            let subrs = try entries.integer(19).map { try CFFIndex(bytes, at: start + $0, limit: table.upperBound) }
            return FontDict(privateEntries: entries.raw(excluding: [19]), localSubrs: subrs, entries: dict.raw([1207]))
        }

        if top.operands(1230) != nil {
            guard let arrayOffset = top.integer(1236), let selectOffset = top.integer(1237) else { throw fail("is CID-keyed without FDArray or FDSelect") }
            let array = try CFFIndex(bytes, at: base + arrayOffset, limit: table.upperBound)
            var dicts: [FontDict] = []
            for index in 0..<array.count { dicts.append(try fontDict(CFFDict(bytes, array.range(index)))) }
            fontDicts = dicts
            var select = [UInt8](repeating: 0, count: glyphCount)
            let at = base + selectOffset
            switch bytes[at] {
            case 0:
                for glyph in 0..<glyphCount { select[glyph] = bytes[at + 1 + glyph] }
            case 3:
                let ranges = Int(bytes.u16(at + 1))
                for range in 0..<ranges {
                    let first = Int(bytes.u16(at + 3 + 3 * range))
                    let next = Int(bytes.u16(at + 3 + 3 * (range + 1)))
                    let dict = bytes[at + 3 + 3 * range + 2]
                    for glyph in first..<min(next, glyphCount) { select[glyph] = dict }
                }
            default: throw fail("has an FDSelect of unknown format \(bytes[at])")
            }
            guard select.allSatisfy({ Int($0) < dicts.count }) else { throw fail("selects a font DICT it lacks") }
            fontDictOfGlyph = select
        } else {
            fontDicts = [try fontDict(top)]
            fontDictOfGlyph = [UInt8](repeating: 0, count: glyphCount)
        }
    }

    /// A CID-keyed CFF of the given glyphs, in that order (glyph 0 first: .notdef), with CID = new
    /// glyph index, subroutines inlined and only the font DICTs used.
    func subset(_ glyphs: [Int], name: String, cache: FlattenedGlyphs) -> [UInt8] {
        let programs = cache.programs(of: glyphs, flatten: flatten)
        var usedDicts: [Int] = []
        var dictIndex: [Int: Int] = [:]
        let selects = glyphs.map { glyph -> Int in
            let dict = Int(fontDictOfGlyph[glyph])
            if let known = dictIndex[dict] { return known }
            dictIndex[dict] = usedDicts.count
            usedDicts.append(dict)
            return usedDicts.count - 1
        }
        let count = glyphs.count

        // Format 2, one range: glyph k is CID k.
        let charset: [UInt8] = count > 1 ? [2, 0, 1] + BigEndian.bytes(count - 2, count: 2) : [0]
        var ranges: [(Int, Int)] = []
        for (glyph, dict) in selects.enumerated() where ranges.last?.1 != dict { ranges.append((glyph, dict)) }
        var fdSelect: [UInt8] = [3] + BigEndian.bytes(ranges.count, count: 2)
        for (first, dict) in ranges { fdSelect += BigEndian.bytes(first, count: 2) + [UInt8(dict)] }
        fdSelect += BigEndian.bytes(count, count: 2)
        let charStringsIndex = CFFWriter.index(programs)

        // Sizes are fixed (offsets as 5-byte integers), so positions follow in one pass.
        let header: [UInt8] = [1, 0, 4, 4]
        let nameIndex = CFFWriter.index([Array(name.utf8)])
        let stringIndex = CFFWriter.index([Array("Adobe".utf8), Array("Identity".utf8)])
        let globalSubrIndex = CFFWriter.index([])
        func topDict(charset: Int, fdSelect: Int, charStrings: Int, fdArray: Int) -> [UInt8] {
            CFFWriter.integer(391) + CFFWriter.integer(392) + CFFWriter.integer(0) + [12, 30] + topEntries
                + CFFWriter.fixed(count) + [12, 34] + CFFWriter.fixed(charset) + [15] + CFFWriter.fixed(fdSelect) + [12, 37]
                + CFFWriter.fixed(charStrings) + [17] + CFFWriter.fixed(fdArray) + [12, 36]
        }
        let topSize = CFFWriter.index([topDict(charset: 0, fdSelect: 0, charStrings: 0, fdArray: 0)]).count
        let charsetOffset = header.count + nameIndex.count + topSize + stringIndex.count + globalSubrIndex.count
        let fdSelectOffset = charsetOffset + charset.count
        let charStringsOffset = fdSelectOffset + fdSelect.count
        let fdArrayOffset = charStringsOffset + charStringsIndex.count
        func fontDictBytes(_ dict: FontDict, privateOffset: Int) -> [UInt8] {
            dict.entries + CFFWriter.fixed(dict.privateEntries.count) + CFFWriter.fixed(privateOffset) + [18]
        }
        let fdArraySize = CFFWriter.index(usedDicts.map { fontDictBytes(fontDicts[$0], privateOffset: 0) }).count
        var privateOffset = fdArrayOffset + fdArraySize
        var fontDictEntries: [[UInt8]] = []
        var privates: [UInt8] = []
        for dict in usedDicts.map({ fontDicts[$0] }) {
            fontDictEntries.append(fontDictBytes(dict, privateOffset: privateOffset))
            privates += dict.privateEntries
            privateOffset += dict.privateEntries.count
        }
        let parts = [header, nameIndex,
                     CFFWriter.index([topDict(charset: charsetOffset, fdSelect: fdSelectOffset, charStrings: charStringsOffset, fdArray: fdArrayOffset)]),
                     stringIndex, globalSubrIndex, charset, fdSelect, charStringsIndex, CFFWriter.index(fontDictEntries), privates]
        var font: [UInt8] = []
        font.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { font += part }
        return font
    }

    /// A glyph's Type 2 charstring with every subroutine call replaced by the subroutine's body.
    func flatten(_ glyph: Int) -> [UInt8] {
        var flattener = CharstringFlattener(bytes: bytes, globalSubrs: globalSubrs,
                                            localSubrs: fontDicts[Int(fontDictOfGlyph[glyph])].localSubrs)
        flattener.run(charStrings.range(glyph), depth: 0)
        return flattener.output
    }
}

/// Glyph programs already flattened, kept for the process: the same characters come back in
/// every report of a batch. Bounded by the font's glyph count.
final class FlattenedGlyphs: @unchecked Sendable {
    private let lock = NSLock()
    private var programs: [Int: [UInt8]] = [:]

    func programs(of glyphs: [Int], flatten: (Int) -> [UInt8]) -> [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return glyphs.map { glyph in
            if let known = programs[glyph] { return known }
            let program = flatten(glyph)
            programs[glyph] = program
            return program
        }
    }
}

/// An INDEX: a count, offsets, then the objects' bytes.
struct CFFIndex: Sendable {
    let count: Int
    private let offSize: Int
    private let offsets: Int
    private let dataBase: Int
    let end: Int
    private let bytes: FontBytes

    init(_ bytes: FontBytes, at position: Int, limit: Int) throws {
        self.bytes = bytes
        count = Int(bytes.u16(position))
        guard count > 0 else {
            (offSize, offsets, dataBase, end) = (1, position + 2, position + 2, position + 2)
            return
        }
        offSize = Int(bytes[position + 2])
        offsets = position + 3
        dataBase = offsets + (count + 1) * offSize - 1
        end = dataBase + bytes.offset(offsets + count * offSize, size: offSize)
        guard (1...4).contains(offSize), end <= limit else { throw FontProgramError(description: "CFF INDEX at \(position) is damaged") }
    }

    func range(_ index: Int) -> Range<Int> {
        (dataBase + bytes.offset(offsets + index * offSize, size: offSize))..<(dataBase + bytes.offset(offsets + (index + 1) * offSize, size: offSize))
    }
}

/// A DICT's entries: operator (12 x as 1200 + x), numeric operands, and its bytes.
struct CFFDict {
    private var entries: [(op: Int, operands: [Double], raw: Range<Int>)] = []
    private let bytes: FontBytes

    init(_ bytes: FontBytes, _ range: Range<Int>) {
        self.bytes = bytes
        var operands: [Double] = []
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            let b0 = Int(bytes[i])
            switch b0 {
            case 0...21:
                var op = b0
                if b0 == 12 { i += 1; op = 1200 + Int(bytes[i]) }
                i += 1
                entries.append((op, operands, start..<i))
                operands = []
                start = i
            case 28: operands.append(Double(bytes.i16(i + 1))); i += 3
            case 29: operands.append(Double(Int32(bitPattern: bytes.u32(i + 1)))); i += 5
            case 30:
                // A real: nibbles up to 0xF. Its value is never needed here, only its bytes.
                i += 1
                while i < range.upperBound, bytes[i] & 0x0F != 0x0F, bytes[i] & 0xF0 != 0xF0 { i += 1 }
                i += 1
                operands.append(0)
            case 32...246: operands.append(Double(b0 - 139)); i += 1
            case 247...250: operands.append(Double((b0 - 247) * 256 + Int(bytes[i + 1]) + 108)); i += 2
            case 251...254: operands.append(Double(-(b0 - 251) * 256 - Int(bytes[i + 1]) - 108)); i += 2
            default: i += 1
            }
        }
    }

    func operands(_ op: Int) -> [Double]? { entries.first { $0.op == op }?.operands }
    func integer(_ op: Int) -> Int? { operands(op)?.last.map { Int($0) } }

    /// The bytes of the entries with these operators, in their order.
    func raw(_ ops: Set<Int>) -> [UInt8] {
        entries.filter { ops.contains($0.op) }.flatMap { bytes.slice($0.raw) }
    }

    func raw(excluding ops: Set<Int>) -> [UInt8] {
        entries.filter { !ops.contains($0.op) }.flatMap { bytes.slice($0.raw) }
    }
}

/// CFF encodings for writing.
enum CFFWriter {
    /// An integer operand in its shortest form.
    static func integer(_ value: Int) -> [UInt8] {
        switch value {
        case -107...107: return [UInt8(value + 139)]
        case 108...1131: let v = value - 108; return [UInt8(v / 256 + 247), UInt8(v % 256)]
        case -1131 ... -108: let v = -value - 108; return [UInt8(v / 256 + 251), UInt8(v % 256)]
        default: return fixed(value)
        }
    }

    /// An integer operand in five bytes, so that offsets can be written before they are known.
    static func fixed(_ value: Int) -> [UInt8] {
        [29] + BigEndian.bytes(value, count: 4)
    }

    static func index(_ objects: [[UInt8]]) -> [UInt8] {
        guard !objects.isEmpty else { return [0, 0] }
        let total = objects.reduce(0) { $0 + $1.count } + 1
        let offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4
        var out = BigEndian.bytes(objects.count, count: 2) + [UInt8(offSize)]
        out.reserveCapacity(out.count + (objects.count + 1) * offSize + total)
        var offset = 1
        func put(_ value: Int) { BigEndian.append(value, count: offSize, to: &out) }
        put(offset)
        for object in objects { offset += object.count; put(offset) }
        for object in objects { out += object }
        return out
    }
}
