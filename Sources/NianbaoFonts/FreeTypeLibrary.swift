import CHarfBuzz
import Foundation

/// The process's FreeType library. FreeType is not thread-safe per library or face, so every call
/// goes through one lock; they are rare (a glyph's first use, a finished subset).
enum FreeTypeLibrary {
    nonisolated(unsafe) private static var library: FT_Library?
    private static let lock = NSLock()

    static func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if library == nil { _ = FT_Init_FreeType(&library) }
        return body()
    }

    /// FreeType's face over the bytes of a HarfBuzz blob (which outlives it); nil if FreeType
    /// refuses them.
    static func openFace(blob: OpaquePointer, index: Int) -> FT_Face? {
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return nil }
        return locked {
            var face: FT_Face?
            let error = data.withMemoryRebound(to: FT_Byte.self, capacity: Int(length)) {
                FT_New_Memory_Face(library, $0, FT_Long(length), FT_Long(index), &face)
            }
            return error == 0 ? face : nil
        }
    }

    /// Whether FreeType loads a glyph's outline unscaled and unhinted, as a PDF reader would.
    /// Call under `locked`.
    static func loads(_ face: FT_Face, glyph: Int) -> Bool {
        let flags = FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP
        return FT_Load_Glyph(face, FT_UInt(glyph), FT_Int32(flags)) == 0
    }

    /// Whether FreeType opens a finished font file and loads the given glyphs from it.
    static func accepts(_ blob: OpaquePointer, glyphs: Set<Int>) -> Bool {
        guard let face = openFace(blob: blob, index: 0) else { return false }
        return locked {
            defer { FT_Done_Face(face) }
            return glyphs.allSatisfy { $0 < Int(face.pointee.num_glyphs) && loads(face, glyph: $0) }
        }
    }
}
