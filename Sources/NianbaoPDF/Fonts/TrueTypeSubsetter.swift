/// A TrueType font (`glyf` outlines) cut down to some glyphs, renumbered in the given order: the
/// tables a PDF reader needs (ISO 32000-1, 9.9: no cmap for a CIDFontType2 with an identity map),
/// composite glyphs' parts appended after the glyphs asked for.
struct TrueTypeSubsetter {
    let program: FontProgram

    /// The font file, and the glyphs it holds (the ones asked for, then composite parts).
    func subset(_ requested: [Int]) -> [UInt8] {
        let bytes = program.bytes
        let glyf = program.tables["glyf"]!, loca = program.tables["loca"]!
        let longOffsets = bytes.i16(program.tables["head"]!.lowerBound + 50) != 0
        func outline(_ glyph: Int) -> Range<Int> {
            guard glyph < program.glyphCount else { return glyf.lowerBound..<glyf.lowerBound }
            let start = longOffsets ? Int(bytes.u32(loca.lowerBound + 4 * glyph)) : 2 * Int(bytes.u16(loca.lowerBound + 2 * glyph))
            let end = longOffsets ? Int(bytes.u32(loca.lowerBound + 4 * glyph + 4)) : 2 * Int(bytes.u16(loca.lowerBound + 2 * glyph + 2))
            guard start <= end, glyf.lowerBound + end <= glyf.upperBound else { return glyf.lowerBound..<glyf.lowerBound }
            return (glyf.lowerBound + start)..<(glyf.lowerBound + end)
        }

        var glyphs = requested
        var newIndex: [Int: Int] = [:]
        for (index, glyph) in glyphs.enumerated() { newIndex[glyph] = index }
        var outlines: [[UInt8]] = []
        var next = 0
        while next < glyphs.count {
            var data = bytes.slice(outline(glyphs[next]))
            if data.count >= 10, Int16(bitPattern: UInt16(data[0]) << 8 | UInt16(data[1])) < 0 {
                // A composite: renumber its parts, adding those not yet in the subset.
                var at = 10
                while at + 4 <= data.count {
                    let flags = Int(data[at]) << 8 | Int(data[at + 1])
                    let part = Int(data[at + 2]) << 8 | Int(data[at + 3])
                    let number: Int
                    if let known = newIndex[part] { number = known } else {
                        number = glyphs.count
                        newIndex[part] = number
                        glyphs.append(part)
                    }
                    data[at + 2] = UInt8(number >> 8); data[at + 3] = UInt8(number & 0xFF)
                    at += 4 + (flags & 1 != 0 ? 4 : 2) + (flags & 8 != 0 ? 2 : flags & 0x40 != 0 ? 4 : flags & 0x80 != 0 ? 8 : 0)
                    if flags & 0x20 == 0 { break }
                }
            }
            while data.count % 4 != 0 { data.append(0) }
            outlines.append(data)
            next += 1
        }

        var glyfTable: [UInt8] = [], locaTable: [UInt8] = [], hmtxTable: [UInt8] = []
        for (glyph, data) in zip(glyphs, outlines) {
            locaTable += u32(glyfTable.count)
            glyfTable += data
            hmtxTable += u16(program.advance(glyph)) + u16(program.leftSideBearing(glyph) & 0xFFFF)
        }
        locaTable += u32(glyfTable.count)

        var head = bytes.slice(program.tables["head"]!)
        head.replaceSubrange(8..<12, with: [0, 0, 0, 0])     // checkSumAdjustment: not needed by readers
        head.replaceSubrange(50..<52, with: [0, 1])          // long loca offsets
        var hhea = bytes.slice(program.tables["hhea"]!)
        hhea.replaceSubrange(34..<36, with: u16(glyphs.count))
        var maxp = bytes.slice(program.tables["maxp"]!)
        maxp.replaceSubrange(4..<6, with: u16(glyphs.count))
        var tables: [(String, [UInt8])] = [("glyf", glyfTable), ("head", head), ("hhea", hhea), ("hmtx", hmtxTable),
                                           ("loca", locaTable), ("maxp", maxp)]
        for tag in ["cvt ", "fpgm", "prep"] {
            if let range = program.tables[tag] { tables.append((tag, bytes.slice(range))) }
        }
        return Self.fontFile(tables.sorted { $0.0 < $1.0 })
    }

    /// An sfnt file of these tables, in tag order.
    static func fontFile(_ tables: [(tag: String, data: [UInt8])]) -> [UInt8] {
        var power = 1, log = 0
        while power * 2 <= tables.count { power *= 2; log += 1 }
        var out = u32(0x0001_0000) + u16(tables.count) + u16(power * 16) + u16(log) + u16(tables.count * 16 - power * 16)
        var offset = 12 + 16 * tables.count
        var body: [UInt8] = []
        for (tag, data) in tables {
            var sum: UInt32 = 0
            var padded = data
            while padded.count % 4 != 0 { padded.append(0) }
            for k in stride(from: 0, to: padded.count, by: 4) {
                sum &+= UInt32(padded[k]) << 24 | UInt32(padded[k + 1]) << 16 | UInt32(padded[k + 2]) << 8 | UInt32(padded[k + 3])
            }
            out += Array(tag.utf8) + u32(Int(sum)) + u32(offset) + u32(data.count)
            body += padded
            offset += padded.count
        }
        return out + body
    }
}

private func u16(_ value: Int) -> [UInt8] { BigEndian.bytes(value, count: 2) }
private func u32(_ value: Int) -> [UInt8] { BigEndian.bytes(value, count: 4) }
