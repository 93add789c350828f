import Crypto
import Foundation
import NianbaoLayout
import NianbaoPDF

/// What cairo 1.16 cannot write, added to its PDF as an incremental update (ISO 32000-1, 7.5.6):
/// the catalog's /Lang, /MarkInfo, /PageLabels and /ViewerPreferences, an Info dictionary with dates strict readers accept
/// (cairo 1.16 leaves out the `D:`), /Alt on figures, the print flag on link annotations, a /ID
/// made from the content, and for PDF/A-2b the XMP metadata and an sRGB output intent.
///
/// An update rather than a rewrite: cairo's bytes stay as they are, and the few objects that change
/// are appended with their own cross-reference section, which every reader and qpdf handle.
struct PDFArchiveUpdate {
    var info: DocumentInfo
    var figureAlternates: [String]
    /// The ICC profile for PDF/A's output intent; nil for a plain PDF.
    var outputProfile: [UInt8]?

    func apply(to pdf: inout [UInt8]) throws {
        let file = try CairoPDF(pdf)
        var objects: [(number: Int, body: [UInt8])] = []
        var next = file.size
        func newObject() -> Int { defer { next += 1 }; return next }

        // cairo 1.16 writes the structure tree but not /MarkInfo, without which readers ignore the tree.
        var catalog: [(String, String)] = [("/Lang", "(zh-CN)"), ("/MarkInfo", "<< /Marked true >>"),
                                           ("/ViewerPreferences", "<< /DisplayDocTitle true >>"),
                                           // Labels as printed: "— 1 —" is page 1 (cairo 1.16 writes its labels empty).
                                           ("/PageLabels", "<< /Nums [0 << /S /D >>] >>")]
        if let profile = outputProfile {
            let metadata = newObject(), icc = newObject()
            let xmp = Array(facts.xmpPacket.utf8)
            objects.append((metadata, Array("<< /Type /Metadata /Subtype /XML /Length \(xmp.count) >>\nstream\n".utf8) + xmp + Array("\nendstream".utf8)))
            objects.append((icc, Array("<< /N 3 /Length \(profile.count) >>\nstream\n".utf8) + profile + Array("\nendstream".utf8)))
            catalog += [("/Metadata", "\(metadata) 0 R"),
                        ("/OutputIntents", "[<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"
                            + " /Info (sRGB IEC61966-2.1) /DestOutputProfile \(icc) 0 R >>]")]
        }
        objects.append((file.root, try file.dictionary(of: file.root, adding: catalog)))
        objects.append((file.info, Array(facts.infoDictionary.utf8)))
        for (number, alternate) in zip(file.objects(containing: "/S /Figure"), figureAlternates) {
            objects.append((number, try file.dictionary(of: number, adding: [("/Alt", PDFSyntax.text(alternate))])))
        }
        for number in file.objects(containing: "/Subtype /Link") {
            objects.append((number, try file.dictionary(of: number, adding: [("/F", "4")])))
        }

        let id = SHA256.hash(data: pdf).prefix(16).map { String(format: "%02x", $0) }.joined()
        var offsets: [(Int, Int)] = []
        pdf += Array("\n".utf8)
        for (number, body) in objects.sorted(by: { $0.number < $1.number }) {
            offsets.append((number, pdf.count))
            pdf += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = pdf.count
        var table = "xref\n"
        for (number, offset) in offsets {
            table += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset)
        }
        table += "trailer\n<< /Size \(next) /Root \(file.root) 0 R /Info \(file.info) 0 R /Prev \(file.startXref)"
            + " /ID [<\(id)> <\(id)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        pdf += Array(table.utf8)
    }

    /// The Info dictionary and XMP, the same facts as our writer's, cairo named as the producer.
    private var facts: DocumentMetadata { DocumentMetadata(info: info, producer: "\(info.creator) with cairo") }
}

/// The parts of a PDF written by cairo that the update needs: its trailer and its objects' bytes,
/// found through its cross-reference table (cairo writes a classic table, no object streams).
struct CairoPDF {
    private let bytes: [UInt8]
    let size: Int
    let root: Int
    let info: Int
    let startXref: Int
    private var offsets: [Int: Int] = [:]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let tail = String(decoding: bytes.suffix(2048), as: UTF8.self)
        guard let start = tail.range(of: "startxref", options: .backwards),
              let xref = Int(tail[start.upperBound...].split(whereSeparator: \.isWhitespace).first ?? ""),
              let trailer = tail.range(of: "trailer", options: .backwards) else { throw PaintError(description: "cairo's PDF has no trailer") }
        let dictionary = String(tail[trailer.upperBound...])
        func reference(_ key: String) -> Int? {
            guard let range = dictionary.range(of: key + " ") else { return nil }
            return Int(dictionary[range.upperBound...].prefix { $0.isNumber })
        }
        guard let size = reference("/Size"), let root = reference("/Root"), let info = reference("/Info") else {
            throw PaintError(description: "cairo's PDF trailer lacks /Size, /Root or /Info")
        }
        (self.size, self.root, self.info, startXref) = (size, root, info, xref)
        // "xref\n0 N\n" then N entries of 20 bytes.
        var position = xref
        func line() -> String {
            let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
            defer { position = end + 1 }
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }
        _ = line()
        let header = line().split(separator: " ").compactMap { Int($0) }
        guard header.count == 2 else { throw PaintError(description: "cairo's PDF has an unexpected cross-reference table") }
        for number in header[0]..<(header[0] + header[1]) {
            let entry = String(decoding: bytes[position..<min(position + 20, bytes.count)], as: UTF8.self)
            position += 20
            if entry.dropFirst(17).hasPrefix("n"), let offset = Int(entry.prefix(10)) { offsets[number] = offset }
        }
    }

    /// The text between `N 0 obj` and `endobj` (or `stream`: stream data is never read).
    func body(of number: Int) -> String {
        guard let offset = offsets[number], let open = find("obj", from: offset) else { return "" }
        let end = [find("endobj", from: open), find("stream", from: open)].compactMap { $0 }.min() ?? bytes.count
        return String(decoding: bytes[(open + 3)..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Objects whose dictionary holds `key`, by number: found by searching the bytes for the key
    /// and taking the object that starts last before it.
    func objects(containing key: String) -> [Int] {
        let starts = offsets.sorted { $0.value < $1.value }
        var found: [Int] = []
        var position = 0
        while let hit = find(key, from: position) {
            position = hit + key.utf8.count
            // The object whose start is the last one before the hit.
            var low = 0, high = starts.count
            while low < high { let mid = (low + high) / 2; if starts[mid].value < hit { low = mid + 1 } else { high = mid } }
            guard low > 0 else { continue }
            let number = starts[low - 1].key
            if found.last != number, body(of: number).contains(key) { found.append(number) }
        }
        return found.sorted()
    }

    /// The offset of the next occurrence of `needle` at or after `start`.
    private func find(_ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        let first = pattern[0]
        var i = start
        let last = bytes.count - pattern.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < pattern.count && bytes[i + k] == pattern[k] { k += 1 }
                if k == pattern.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The object's dictionary with the entries whose keys it lacks added before its closing `>>`.
    func dictionary(of number: Int, adding entries: [(key: String, value: String)]) throws -> [UInt8] {
        let text = body(of: number)
        guard text.hasPrefix("<<"), let close = text.range(of: ">>", options: .backwards) else {
            throw PaintError(description: "object \(number) of cairo's PDF is not a dictionary")
        }
        let added = entries.filter { !has(key: $0.key, in: text) }.map { " \($0.key) \($0.value)" }.joined()
        return Array((text[..<close.lowerBound] + added + " >>").utf8)
    }

    /// Whether the dictionary's text holds the key (a name followed by a delimiter).
    private func has(key: String, in text: String) -> Bool {
        var search = text.startIndex
        while let range = text.range(of: key, range: search..<text.endIndex) {
            let next = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if " /<[(\n".contains(next) { return true }
            search = range.upperBound
        }
        return false
    }
}
