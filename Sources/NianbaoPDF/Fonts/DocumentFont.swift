import Crypto

/// A font resource a page names: the PDF object and its name in the page's /Font dictionary.
struct FontResource: Equatable {
    var name: String
    var object: Int
}

/// A glyph as a content stream shows it: in which font resource, by which code, how wide.
struct ShownGlyph {
    var font: FontResource
    var code: Int
    /// Two-byte codes for a Type 0 font, one byte for a Type 3 font.
    var twoBytes: Bool
    /// In glyph space (1000 per em).
    var width: Double
    /// Whether the ToUnicode map gives exactly the text asked for.
    var mapped: Bool
}

/// A font face as one document uses it. Glyphs go into a Type 0 font (a CFF or TrueType subset
/// that HarfBuzz makes when the document is finished) when the face can be embedded and a reader
/// can load the glyph; otherwise into Type 3 fonts drawn from their outlines or pictures, 255
/// glyphs each. The first text a glyph is drawn for becomes its ToUnicode mapping.
final class DocumentFont {
    let face: any EmbeddableFace
    /// The font file, for messages.
    let file: String
    let embolden: Bool
    private let resourceBase: String
    private let reserve: () -> Int
    private var composite: CompositeGlyphs?
    private var drawn: [DrawnGlyphs] = []
    private var drawnCode: [Int: (font: Int, code: Int)] = [:]

    init(face: any EmbeddableFace, file: String, resourceName: String, embolden: Bool, reserve: @escaping () -> Int) {
        self.face = face
        self.file = file
        self.embolden = embolden
        resourceBase = resourceName
        self.reserve = reserve
    }

    /// The resources of this face that pages have used so far.
    var resources: [FontResource] { (composite.map { [$0.resource] } ?? []) + drawn.map(\.resource) }

    /// How a glyph is shown; a glyph met for the first time goes into the Type 0 font if the face
    /// can embed it.
    func show(_ glyph: Int, text: String?) -> ShownGlyph {
        if drawnCode[glyph] == nil, face.format != .drawn, composite?.contains(glyph) ?? false || face.canEmbed(glyph) {
            if composite == nil { composite = CompositeGlyphs(face: face, resource: FontResource(name: resourceBase, object: reserve())) }
            let code = face.code(of: glyph)
            let mapped = composite!.add(glyph: glyph, code: code, text: text)
            return ShownGlyph(font: composite!.resource, code: code, twoBytes: true, width: composite!.widths[code]!, mapped: mapped)
        }
        let place: (font: Int, code: Int)
        if let known = drawnCode[glyph] { place = known } else {
            if drawn.last?.isFull ?? true {
                drawn.append(DrawnGlyphs(resource: FontResource(name: "\(resourceBase)t\(drawn.count + 1)", object: reserve())))
            }
            place = (drawn.count - 1, drawn[drawn.count - 1].add(glyph: glyph, width: Self.width(of: glyph, in: face)))
            drawnCode[glyph] = place
        }
        let mapped = drawn[place.font].map(code: place.code, text: text)
        return ShownGlyph(font: drawn[place.font].resource, code: place.code, twoBytes: false,
                          width: drawn[place.font].widths[place.code], mapped: mapped)
    }

    static func width(of glyph: Int, in face: any EmbeddableFace) -> Double {
        (Double(face.advance(of: glyph)) * 1000 / Double(face.metrics.unitsPerEm) * 1000).rounded() / 1000
    }

    /// The Type 0 font's subset, set before `write`: the document's fonts are subset at once, on
    /// several cores (`subsetRequest` is what that needs).
    var subset: FontSubset?

    var subsetRequest: (face: any EmbeddableFace, glyphs: [Int])? { composite.map { (face, $0.glyphs) } }

    /// Writes the fonts: the Type 0 font with its CID font, descriptor, subset and ToUnicode, and
    /// each Type 3 font with its glyph procedures.
    func write(into file: inout PDFFileBuilder, decodePNG: (([UInt8]) -> RasterImage?)) throws {
        if let composite {
            guard let subset else {
                throw FontFileError(file: self.file, reason: "HarfBuzz could not subset the face \(face.metrics.postScriptName)")
            }
            composite.write(subset, into: &file)
        }
        for font in drawn { font.write(face: face, into: &file, decodePNG: decodePNG) }
    }

    fileprivate static func descriptor(_ name: String, _ face: any EmbeddableFace, extra: String) -> String {
        let metrics = face.metrics
        func scaled(_ units: Int) -> String { PDFSyntax.number(Double(units) * 1000 / Double(metrics.unitsPerEm)) }
        let box = metrics.boundingBox.map(scaled).joined(separator: " ")
        return "<< /Type /FontDescriptor /FontName \(name) /Flags 4 /FontBBox [\(box)] /ItalicAngle \(PDFSyntax.number(metrics.italicAngle))"
            + " /Ascent \(scaled(metrics.ascent)) /Descent \(scaled(metrics.descent)) /CapHeight \(scaled(metrics.capHeight)) /StemV 80\(extra) >>"
    }

    /// Six capital letters from the glyph set (ISO 32000-1, 9.6.4), the same for the same subset.
    fileprivate static func subsetTag(_ name: String, _ glyphs: [Int]) -> String {
        var data: [UInt8] = Array(name.utf8)
        for glyph in glyphs { data += [UInt8(glyph >> 8 & 0xFF), UInt8(glyph & 0xFF)] }
        return String(SHA256.hash(data: data).prefix(6).map { Character(Unicode.Scalar(65 + $0 % 26)) })
    }

    /// A ToUnicode CMap for codes of `bytes` bytes.
    fileprivate static func toUnicode(_ mapped: [(code: Int, text: String)], bytes: Int) -> [UInt8] {
        let range = bytes == 2 ? "<0000> <FFFF>" : "<00> <FF>"
        var cmap = Array("""
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        \(range)
        endcodespacerange

        """.utf8)
        for start in stride(from: 0, to: mapped.count, by: 100) {
            let chunk = mapped[start..<min(start + 100, mapped.count)]
            cmap += "\(chunk.count) beginbfchar\n".utf8
            for (code, text) in chunk {
                cmap += "<\(PDFSyntax.hex(code, digits: 2 * bytes))> <".utf8
                for unit in text.utf16 { PDFSyntax.appendHex4(Int(unit), to: &cmap) }
                cmap += ">\n".utf8
            }
            cmap += "endbfchar\n".utf8
        }
        return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n".utf8
    }
}

/// The glyphs of a Type 0 font, by code (a CID or glyph index, two bytes in content streams).
private struct CompositeGlyphs {
    let face: any EmbeddableFace
    let resource: FontResource
    /// Original glyph indices in order of first use; .notdef first.
    private(set) var glyphs: [Int] = [0]
    private(set) var widths: [Int: Double] = [:]
    private var glyphOfCode: [Int: Int] = [:]
    private var known: Set<Int> = [0]
    private var texts: [Int: String] = [:]

    init(face: any EmbeddableFace, resource: FontResource) {
        self.face = face
        self.resource = resource
        let notdef = face.code(of: 0)
        widths[notdef] = DocumentFont.width(of: 0, in: face)
        glyphOfCode[notdef] = 0
    }

    func contains(_ glyph: Int) -> Bool { known.contains(glyph) }

    /// Adds a glyph; returns whether its code maps to `text`.
    mutating func add(glyph: Int, code: Int, text: String?) -> Bool {
        if glyphOfCode[code] == nil {
            glyphOfCode[code] = glyph
            known.insert(glyph)
            glyphs.append(glyph)
            widths[code] = DocumentFont.width(of: glyph, in: face)
        }
        guard let text, glyph != 0 else { return text == nil }
        if texts[code] == nil { texts[code] = text }
        return texts[code] == text
    }

    func write(_ subset: FontSubset, into file: inout PDFFileBuilder) {
        let name = "/" + DocumentFont.subsetTag(face.metrics.postScriptName, glyphs) + "+" + face.metrics.postScriptName
        let descendant = file.reserve()
        let fontFile: Int
        let subtype: String, fileKey: String
        if face.format == .compact {
            fontFile = file.addStream(" /Subtype /CIDFontType0C", data: subset.bytes, effort: .quick)
            (subtype, fileKey) = ("/CIDFontType0", "/FontFile3")
        } else {
            // Codes are the original glyph indices; the map sends each to its place in the subset.
            let last = glyphOfCode.keys.max() ?? 0
            var map = [UInt8](repeating: 0, count: 2 * (last + 1))
            for (code, glyph) in glyphOfCode {
                let new = subset.newGlyph[glyph] ?? 0
                map[2 * code] = UInt8(new >> 8 & 0xFF)
                map[2 * code + 1] = UInt8(new & 0xFF)
            }
            let cidToGID = file.addStream(data: map, effort: .quick)
            fontFile = file.addStream(" /Length1 \(subset.bytes.count)", data: subset.bytes, effort: .quick)
            (subtype, fileKey) = ("/CIDFontType2 /CIDToGIDMap \(cidToGID) 0 R", "/FontFile2")
        }
        let toUnicode = file.addStream(data: DocumentFont.toUnicode(texts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, bytes: 2))
        file.set(resource.object, "<< /Type /Font /Subtype /Type0 /BaseFont \(name) /Encoding /Identity-H /DescendantFonts [\(descendant) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        let descriptor = file.add(DocumentFont.descriptor(name, face, extra: " \(fileKey) \(fontFile) 0 R"))
        file.set(descendant, "<< /Type /Font /Subtype \(subtype) /BaseFont \(name) /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                 + " /FontDescriptor \(descriptor) 0 R /DW 1000 /W [\(widthArray)] >>")
    }

    /// Widths that differ from the default 1000, as runs of consecutive codes.
    private var widthArray: String {
        var parts: [String] = []
        var run: [String] = []
        var first = 0, previous = -2
        for (code, width) in widths.sorted(by: { $0.key < $1.key }) where width != 1000 {
            if code != previous + 1, !run.isEmpty {
                parts.append("\(first) [\(run.joined(separator: " "))]")
                run = []
            }
            if run.isEmpty { first = code }
            run.append(PDFSyntax.number(width))
            previous = code
        }
        if !run.isEmpty { parts.append("\(first) [\(run.joined(separator: " "))]") }
        return parts.joined(separator: " ")
    }
}

/// Up to 255 glyphs of a Type 3 font, codes 1…255, each drawn by a glyph procedure.
private struct DrawnGlyphs {
    let resource: FontResource
    private(set) var glyphs: [Int] = []
    /// By code; code 0 is unused.
    private(set) var widths: [Double] = [0]
    private var texts: [String?] = [nil]

    init(resource: FontResource) { self.resource = resource }

    var isFull: Bool { glyphs.count == 255 }

    mutating func add(glyph: Int, width: Double) -> Int {
        glyphs.append(glyph)
        widths.append(width)
        texts.append(nil)
        return glyphs.count
    }

    mutating func map(code: Int, text: String?) -> Bool {
        guard let text else { return true }
        if texts[code] == nil { texts[code] = text }
        return texts[code] == text
    }

    func write(face: any EmbeddableFace, into file: inout PDFFileBuilder, decodePNG: ([UInt8]) -> RasterImage?) {
        let scale = 1000 / Double(face.metrics.unitsPerEm)
        var procedures: [String] = [], pictures: [String] = []
        for (index, glyph) in glyphs.enumerated() {
            let drawing = face.drawing(of: glyph)
            var content = ""
            let width = PDFSyntax.number(widths[index + 1])
            if let picture = drawing.picture, let image = decodePNG(picture.png) {
                let object = Self.addImage(image, into: &file)
                pictures.append("/P\(object) \(object) 0 R")
                content = "\(width) 0 d0\nq \(PDFSyntax.number(picture.width * scale)) 0 0 \(PDFSyntax.number(picture.height * scale))"
                    + " \(PDFSyntax.number(picture.x * scale)) \(PDFSyntax.number(picture.y * scale)) cm /P\(object) Do Q\n"
            } else {
                content = Self.procedure(drawing.outline, width: width, scale: scale)
            }
            procedures.append("/g\(index + 1) \(file.addStream(data: Array(content.utf8))) 0 R")
        }
        let name = "/" + DocumentFont.subsetTag(face.metrics.postScriptName + "-Type3", glyphs) + "+" + face.metrics.postScriptName
        let descriptor = file.add(DocumentFont.descriptor(name, face, extra: ""))
        let toUnicode = file.addStream(data: DocumentFont.toUnicode(texts.enumerated().compactMap { code, text in text.map { (code, $0) } }, bytes: 1))
        let box = face.metrics.boundingBox.map { PDFSyntax.number(Double($0) * scale) }.joined(separator: " ")
        let names = (1...glyphs.count).map { "/g\($0)" }.joined(separator: " ")
        file.set(resource.object, "<< /Type /Font /Subtype /Type3 /Name /\(resource.name) /FontBBox [\(box)] /FontMatrix [0.001 0 0 0.001 0 0]"
                 + " /CharProcs << \(procedures.joined(separator: " ")) >> /Encoding << /Type /Encoding /Differences [1 \(names)] >>"
                 + " /FirstChar 1 /LastChar \(glyphs.count) /Widths [\(widths.dropFirst().map(PDFSyntax.number).joined(separator: " "))]"
                 + " /FontDescriptor \(descriptor) 0 R /Resources << /XObject << \(pictures.joined(separator: " ")) >> >> /ToUnicode \(toUnicode) 0 R >>")
    }

    /// A glyph procedure that fills the outline in the text's colour (d1: the glyph has no colour of its own).
    private static func procedure(_ outline: [OutlineElement], width: String, scale: Double) -> String {
        var path = ""
        var xs: [Double] = [], ys: [Double] = []
        var current = (0.0, 0.0)
        func point(_ x: Double, _ y: Double) -> String {
            xs.append(x * scale)
            ys.append(y * scale)
            return PDFSyntax.number(x * scale) + " " + PDFSyntax.number(y * scale)
        }
        for element in outline {
            switch element {
            case .move(let x, let y): path += point(x, y) + " m\n"; current = (x, y)
            case .line(let x, let y): path += point(x, y) + " l\n"; current = (x, y)
            case .quadratic(let cx, let cy, let x, let y):
                // The cubic with the same curve: control points two thirds of the way to the quadratic's.
                let c1 = (current.0 + 2 * (cx - current.0) / 3, current.1 + 2 * (cy - current.1) / 3)
                let c2 = (x + 2 * (cx - x) / 3, y + 2 * (cy - y) / 3)
                path += point(c1.0, c1.1) + " " + point(c2.0, c2.1) + " " + point(x, y) + " c\n"
                current = (x, y)
            case .cubic(let x1, let y1, let x2, let y2, let x, let y):
                path += point(x1, y1) + " " + point(x2, y2) + " " + point(x, y) + " c\n"
                current = (x, y)
            case .close: path += "h\n"
            }
        }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else {
            return "\(width) 0 0 0 0 0 d1\n"
        }
        let box = [minX.rounded(.down), minY.rounded(.down), maxX.rounded(.up), maxY.rounded(.up)].map(PDFSyntax.number).joined(separator: " ")
        return "\(width) 0 \(box) d1\n" + path + "f\n"
    }

    private static func addImage(_ image: RasterImage, into file: inout PDFFileBuilder) -> Int {
        var dictionary = " /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceRGB /BitsPerComponent 8"
        if let alpha = image.alpha {
            let mask = file.addStream(" /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceGray /BitsPerComponent 8", data: alpha)
            dictionary += " /SMask \(mask) 0 R"
        }
        return file.addStream(dictionary, data: image.rgb)
    }
}
