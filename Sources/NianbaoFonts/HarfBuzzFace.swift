import CHarfBuzz
import Foundation
import NianbaoPDF

/// A face of a font file read by HarfBuzz (metrics, advances, subsets, outlines; HarfBuzz
/// sanitizes every table it reads) and checked by FreeType, which is what PDF readers load
/// embedded fonts with: a glyph FreeType cannot load is drawn as Type 3 instead of embedded.
/// Immutable once made, except for caches behind a lock, so one serves every worker.
final class HarfBuzzFace: EmbeddableFace, @unchecked Sendable {
    let source: FontSource
    let metrics: FaceMetrics
    let format: FaceFormat
    let glyphCount: Int
    /// How many faces the file holds (a collection more than one).
    let faceCount: Int
    /// The tags of the face's tables.
    private let tables: Set<String>
    private let blob: OpaquePointer
    private let face: OpaquePointer
    private let font: OpaquePointer
    /// FreeType's view of the same bytes; nil when FreeType cannot open them.
    private let freeType: FT_Face?
    private let cidKeyed: Bool
    private let lock = NSLock()
    private var checked: [Int: Bool] = [:]
    /// The face subsets are made from: the embedded tables only (the bytes shared, not copied),
    /// so that planning a subset does not read a CJK cmap of 40,000 entries (5.4 → 0.2 ms for
    /// Noto CJK). HarfBuzz 6's preprocessed face (`hb_subset_preprocess`) is not used: it takes
    /// 1.5 s and 93 MB for each Noto CJK face, and with two workers subsetting from it a batch's
    /// RSS grew from 125 MB to 1.1 GB over 2,500 documents.
    private let subsetSource: OpaquePointer

    init(_ source: FontSource) throws {
        self.source = source
        func fail(_ reason: String) -> FontFileError { FontFileError(file: source.file, reason: reason) }
        var status = stat()
        // A FIFO or device would block the read; only regular files are fonts.
        guard stat(source.file, &status) == 0 else { throw fail("cannot be read") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw fail("is not a regular file") }
        guard let blob = hb_blob_create_from_file_or_fail(source.file) else { throw fail("cannot be read") }
        self.blob = blob
        faceCount = Int(hb_face_count(blob))
        guard source.faceIndex < faceCount else {
            hb_blob_destroy(blob)
            throw fail("has no face \(source.faceIndex)")
        }
        face = hb_face_create(blob, UInt32(source.faceIndex))!
        font = hb_font_create(face)!
        glyphCount = Int(hb_face_get_glyph_count(face))
        tables = Self.tableTags(face)
        guard glyphCount > 0, tables.contains("head"), tables.contains("hmtx") || tables.contains("CFF2") else {
            hb_font_destroy(font); hb_face_destroy(face); hb_blob_destroy(blob)
            throw fail("is not a usable font (no glyphs, or no head or hmtx table)")
        }
        subsetSource = hb_face_builder_create()!
        for table in tables where Self.embeddedTables.contains(table) {
            let bytes = hb_face_reference_table(face, Self.tag(table))
            hb_face_builder_add_table(subsetSource, Self.tag(table), bytes)
            hb_blob_destroy(bytes)
        }
        // The instance the shaper used: its advances and outlines.
        let variable = hb_ot_var_has_data(face) != 0
        if variable, let named = source.namedInstance { hb_font_set_var_named_instance(font, UInt32(named)) }
        freeType = FreeTypeLibrary.openFace(blob: blob, index: source.index)
        var isCID: FT_Bool = 0
        if let freeType { FreeTypeLibrary.locked { _ = FT_Get_CID_Is_Internally_CID_Keyed(freeType, &isCID) } }
        cidKeyed = isCID != 0
        metrics = Self.readMetrics(face, font, file: source.file, named: source.namedInstance)

        // A variable font is drawn at the instance's coordinates: HarfBuzz 6's instancer (the
        // subsetter pinning axes) crashes on damaged variation data, its outline reader does not.
        let colour = tables.contains("CBDT") || tables.contains("sbix") || tables.contains("COLR") || tables.contains("SVG ")
        if freeType == nil || colour || tables.contains("CFF2") || variable {
            format = .drawn
        } else if tables.contains("CFF ") {
            format = .compact
        } else if tables.contains("glyf"), tables.contains("loca") {
            format = .trueType
        } else {
            format = .drawn
        }
    }

    deinit {
        if let freeType { FreeTypeLibrary.locked { _ = FT_Done_Face(freeType) } }
        hb_face_destroy(subsetSource)
        hb_font_destroy(font)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    func code(of glyph: Int) -> Int {
        guard format == .compact, cidKeyed, let freeType else { return glyph }
        var cid: FT_UInt = 0
        let ok = FreeTypeLibrary.locked { FT_Get_CID_From_Glyph_Index(freeType, FT_UInt(glyph), &cid) == 0 }
        return ok ? Int(cid) : glyph
    }

    var opensInFreeType: Bool { freeType != nil }

    /// The glyph the face's cmap gives a character, if any.
    func glyph(for scalar: Unicode.Scalar) -> Int? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, scalar.value, &glyph) != 0 ? Int(glyph) : nil
    }

    func advance(of glyph: Int) -> Int { Int(hb_font_get_glyph_h_advance(font, hb_codepoint_t(glyph))) }

    func canEmbed(_ glyph: Int) -> Bool {
        guard glyph >= 0, glyph < glyphCount, let freeType else { return false }
        lock.lock()
        defer { lock.unlock() }
        if let known = checked[glyph] { return known }
        let sound = FreeTypeLibrary.locked { FreeTypeLibrary.loads(freeType, glyph: glyph) }
        checked[glyph] = sound
        return sound
    }

    func subset(_ glyphs: [Int]) -> FontSubset? {
        guard format != .drawn else { return nil }
        guard let input = hb_subset_input_create_or_fail() else { return nil }
        defer { hb_subset_input_destroy(input) }
        let glyphSet = hb_subset_input_glyph_set(input)
        for glyph in glyphs where glyph >= 0 && glyph < glyphCount { hb_set_add(glyphSet, hb_codepoint_t(glyph)) }
        hb_set_clear(hb_subset_input_unicode_set(input))
        // No layout closure: the PDF shows glyphs the shaper already chose.
        hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG))
        // The source holds only the embedded tables; none of them is dropped.
        hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG))
        // .notdef keeps its outline (a reader may draw it); CFF glyphs have their subroutines
        // inlined (HarfBuzz 6 subsets them a third faster so, and the file is smaller); a
        // name-keyed CFF keeps its glyph indices (it is embedded as a CID font whose CIDs are
        // glyph indices).
        var flags = HB_SUBSET_FLAGS_NOTDEF_OUTLINE.rawValue
        if format == .compact { flags |= HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue }
        if format == .compact, !cidKeyed { flags |= HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue }
        hb_subset_input_set_flags(input, flags)
        guard let plan = hb_subset_plan_create_or_fail(subsetSource, input) else { return nil }
        defer { hb_subset_plan_destroy(plan) }
        let mapping = hb_subset_plan_old_to_new_glyph_mapping(plan)
        var newGlyph: [Int: Int] = [:]
        for glyph in glyphs {
            let new = hb_map_get(mapping, hb_codepoint_t(glyph))
            if new != hb_codepoint_t.max { newGlyph[glyph] = Int(new) }
        }
        guard let result = hb_subset_plan_execute_or_fail(plan) else { return nil }
        defer { hb_face_destroy(result) }
        guard let whole = hb_face_reference_blob(result) else { return nil }
        defer { hb_blob_destroy(whole) }
        // Every glyph was loaded from the source (canEmbed); that FreeType opens the subset and
        // loads a few glyphs shows HarfBuzz wrote it whole.
        guard FreeTypeLibrary.accepts(whole, glyphs: Set(newGlyph.values.sorted().prefix(16))) else { return nil }
        if format == .compact {
            guard let cff = hb_face_reference_table(result, Self.tag("CFF ")) else { return nil }
            defer { hb_blob_destroy(cff) }
            return FontSubset(bytes: Self.bytes(of: cff))
        }
        return FontSubset(bytes: Self.bytes(of: whole), newGlyph: newGlyph)
    }

    func drawing(of glyph: Int) -> GlyphDrawing {
        if hb_ot_color_has_png(face) != 0, let png = hb_ot_color_glyph_reference_png(font, hb_codepoint_t(glyph)) {
            defer { hb_blob_destroy(png) }
            var extents = hb_glyph_extents_t()
            if hb_blob_get_length(png) > 0, hb_font_get_glyph_extents(font, hb_codepoint_t(glyph), &extents) != 0 {
                return GlyphDrawing(picture: (Self.bytes(of: png), Double(extents.x_bearing), Double(extents.y_bearing + extents.height),
                                              Double(extents.width), Double(-extents.height)))
            }
        }
        return GlyphDrawing(outline: OutlineCollector.outline(of: glyph, in: font))
    }

    /// The tables an embedded subset keeps: the outlines, and for TrueType the metrics and hinting
    /// programs (FontFile2) a reader needs; a CFF subset is embedded as its bare CFF table. Not
    /// OS/2: no reader of an embedded font uses it.
    static let embeddedTables: Set<String> = ["CFF ", "glyf", "loca", "head", "hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep"]

    static func tag(_ name: String) -> hb_tag_t {
        name.utf8.reduce(0) { $0 << 8 | hb_tag_t($1) }
    }

    static func tableTags(_ face: OpaquePointer) -> Set<String> {
        var tags = [hb_tag_t](repeating: 0, count: 256)
        var count = UInt32(tags.count)
        _ = hb_face_get_table_tags(face, 0, &count, &tags)
        return Set(tags.prefix(Int(count)).map { tag in
            String(decoding: [24, 16, 8, 0].map { UInt8(tag >> $0 & 0xFF) }, as: UTF8.self)
        })
    }

    static func bytes(of blob: OpaquePointer?) -> [UInt8] {
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    private static func readMetrics(_ face: OpaquePointer, _ font: OpaquePointer, file: String, named: Int?) -> FaceMetrics {
        let upem = Int(hb_face_get_upem(face))
        func position(_ tag: hb_ot_metrics_tag_t) -> Int? {
            var value: hb_position_t = 0
            return hb_ot_metrics_get_position(font, tag, &value) != 0 ? Int(value) : nil
        }
        let ascent = position(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER) ?? upem * 88 / 100
        let descent = position(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER) ?? -upem * 12 / 100
        var box = [0, descent, upem, ascent]
        let head = hb_face_reference_table(face, tag("head"))
        let headBytes = head.map(bytes(of:)) ?? []
        hb_blob_destroy(head)
        if headBytes.count >= 54 {
            func i16(_ at: Int) -> Int { Int(Int16(bitPattern: UInt16(headBytes[at]) << 8 | UInt16(headBytes[at + 1]))) }
            let read = (0..<4).map { i16(36 + 2 * $0) }
            if read[0] < read[2], read[1] < read[3] { box = read }
        }
        let slant = Double(hb_style_get_value(font, HB_STYLE_TAG_SLANT_ANGLE))
        var name = postScriptName(face, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME))
        if let named {
            // An instance's own name, or the family's with the instance's style (Inter-Bold).
            if let own = postScriptName(face, hb_ot_var_named_instance_get_postscript_name_id(face, UInt32(named))) {
                name = own
            } else if let style = postScriptName(face, hb_ot_var_named_instance_get_subfamily_name_id(face, UInt32(named))) {
                name = sanitized((name ?? "") + "-" + style)
            }
        }
        let fallback = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return FaceMetrics(unitsPerEm: upem, ascent: ascent, descent: descent,
                           capHeight: position(HB_OT_METRICS_TAG_CAP_HEIGHT).flatMap { $0 > 0 ? $0 : nil } ?? ascent,
                           italicAngle: slant.isFinite && abs(slant) < 90 ? slant : 0, boundingBox: box,
                           postScriptName: name ?? (sanitized(fallback) ?? "Font"))
    }

    /// A PostScript name as PDF names allow it (ASCII letters, digits, - and _), at most 63 bytes:
    /// with the subset tag the BaseFont stays far below PDF/A's 127.
    private static func postScriptName(_ face: OpaquePointer, _ id: hb_ot_name_id_t) -> String? {
        guard id != hb_ot_name_id_t(HB_OT_NAME_ID_INVALID) else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        var size = UInt32(buffer.count)
        guard hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, &buffer) > 0 else { return nil }
        return sanitized(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private static func sanitized(_ name: String) -> String? {
        let kept = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
            .map(Character.init).prefix(63))
        return kept.isEmpty ? nil : kept
    }
}
