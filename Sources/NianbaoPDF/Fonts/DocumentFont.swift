import Crypto

/// A font face as one document uses it: the glyphs drawn, numbered in order of first use (these
/// numbers are the codes in the content streams and the glyph indices of the embedded subset),
/// and the text each code stands for (the ToUnicode map).
final class DocumentFont {
    let program: FontProgram
    let resourceName: String
    /// The Type 0 font's object number, reserved when the font is first used.
    let object: Int
    let embolden: Bool
    /// Original glyph index by code; code 0 is .notdef.
    private(set) var glyphs: [Int] = [0]
    private var codes: [Int: Int] = [0: 0]
    private var texts: [String?] = [nil]
    /// The width of each code, as written in /W (looked up in the font once).
    private var widths: [Double]

    init(program: FontProgram, resourceName: String, object: Int, embolden: Bool) {
        self.program = program
        self.resourceName = resourceName
        self.object = object
        self.embolden = embolden
        widths = [Self.width(of: 0, in: program)]
    }

    /// The code of a glyph. With `text`, also whether the ToUnicode map gives exactly that text
    /// for it (the first text a glyph is drawn for becomes its mapping); if not, the caller marks
    /// the glyph with its actual text.
    func code(for glyph: Int, text: String?) -> (code: Int, mapped: Bool) {
        let code: Int
        if let known = codes[glyph] { code = known } else {
            code = glyphs.count
            codes[glyph] = code
            glyphs.append(glyph)
            texts.append(nil)
            widths.append(Self.width(of: glyph, in: program))
        }
        guard let text, code != 0 else { return (code, text == nil) }
        if texts[code] == nil { texts[code] = text }
        return (code, texts[code] == text)
    }

    /// The width of a code in glyph space (1000 per em), as written in /W.
    func width(of code: Int) -> Double { widths[code] }

    private static func width(of glyph: Int, in program: FontProgram) -> Double {
        (program.scaled(program.advance(glyph)) * 1000).rounded() / 1000
    }

    /// Writes the font: Type 0 at `object`, its CID font, descriptor, subset program and ToUnicode.
    func write(into file: inout PDFFileBuilder) {
        let name = "/" + subsetTag + "+" + program.postScriptName
        let descendant = file.reserve(), descriptor = file.reserve()
        let fontFile: Int
        let subtype: String, fileKey: String
        switch program.outlines {
        case .compact(let cff):
            fontFile = file.addStream(" /Subtype /CIDFontType0C", data: cff.subset(glyphs, name: String(name.dropFirst()), cache: program.flattened),
                                     effort: .quick)
            (subtype, fileKey) = ("/CIDFontType0", "/FontFile3")
        case .trueType:
            let data = TrueTypeSubsetter(program: program).subset(glyphs)
            fontFile = file.addStream(" /Length1 \(data.count)", data: data, effort: .quick)
            (subtype, fileKey) = ("/CIDFontType2 /CIDToGIDMap /Identity", "/FontFile2")
        }
        let toUnicode = file.addStream(data: toUnicodeCMap)
        file.set(object, "<< /Type /Font /Subtype /Type0 /BaseFont \(name) /Encoding /Identity-H /DescendantFonts [\(descendant) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        file.set(descendant, "<< /Type /Font /Subtype \(subtype) /BaseFont \(name) /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                 + " /FontDescriptor \(descriptor) 0 R /DW 1000 /W [\(widthArray)] >>")
        let box = program.boundingBox.map { PDFSyntax.number(program.scaled($0)) }.joined(separator: " ")
        file.set(descriptor, "<< /Type /FontDescriptor /FontName \(name) /Flags 4 /FontBBox [\(box)]"
                 + " /ItalicAngle \(PDFSyntax.number(program.italicAngle)) /Ascent \(PDFSyntax.number(program.scaled(program.ascent)))"
                 + " /Descent \(PDFSyntax.number(program.scaled(program.descent))) /CapHeight \(PDFSyntax.number(program.scaled(program.capHeight)))"
                 + " /StemV 80 \(fileKey) \(fontFile) 0 R >>")
    }

    /// Six capital letters from the glyph set (ISO 32000-1, 9.6.4), the same for the same subset.
    private var subsetTag: String {
        var data: [UInt8] = Array(program.postScriptName.utf8)
        for glyph in glyphs { data += [UInt8(glyph >> 8 & 0xFF), UInt8(glyph & 0xFF)] }
        return String(SHA256.hash(data: data).prefix(6).map { Character(Unicode.Scalar(65 + $0 % 26)) })
    }

    /// Widths that differ from the default 1000, as runs of consecutive codes.
    private var widthArray: String {
        var parts: [String] = []
        var code = 1
        while code < glyphs.count {
            guard width(of: code) != 1000 else { code += 1; continue }
            var run: [String] = []
            let first = code
            while code < glyphs.count, width(of: code) != 1000 { run.append(PDFSyntax.number(width(of: code))); code += 1 }
            parts.append("\(first) [\(run.joined(separator: " "))]")
        }
        return parts.joined(separator: " ")
    }

    private var toUnicodeCMap: [UInt8] {
        let mapped = texts.enumerated().compactMap { code, text in text.map { (code, $0) } }
        var cmap = Array("""
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """.utf8)
        for start in stride(from: 0, to: mapped.count, by: 100) {
            let chunk = mapped[start..<min(start + 100, mapped.count)]
            cmap += "\(chunk.count) beginbfchar\n".utf8
            for (code, text) in chunk {
                cmap.append(0x3C)
                PDFSyntax.appendHex4(code, to: &cmap)
                cmap += "> <".utf8
                for unit in text.utf16 { PDFSyntax.appendHex4(Int(unit), to: &cmap) }
                cmap += ">\n".utf8
            }
            cmap += "endbfchar\n".utf8
        }
        return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n".utf8
    }
}
