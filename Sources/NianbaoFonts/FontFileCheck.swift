import Foundation
import NianbaoPDF

/// Whether a font file in a project's fonts/ folder is safe to hand to fontconfig and Pango: every
/// face reads through HarfBuzz and FreeType, gives its common characters a width, and FreeType
/// loads their glyphs. A damaged file is skipped (its role falls back along its chain) rather than
/// stopping every render.
public enum FontFileCheck {
    /// Characters a face is tried with: a space, Latin, digits and common ideographs.
    private static let samples: [Unicode.Scalar] = [" ", "A", "a", "0", "国", "一", "，"]

    /// Why the file cannot be used, in English and Chinese; nil if it can.
    public static func problem(_ path: String) -> (en: String, zh: String)? {
        let first: HarfBuzzFace
        do { first = try FontFaces.shared.face(FontSource(file: path)) } catch let error as FontFileError {
            return ("\(error.reason)", "无法读取（\(error.reason)）")
        } catch {
            return ("\(error)", "无法读取")
        }
        for index in 0..<first.faceCount {
            let face: HarfBuzzFace
            do { face = index == 0 ? first : try FontFaces.shared.face(FontSource(file: path, index: index)) } catch let error as FontFileError {
                return ("face \(index): \(error.reason)", "第\(index)个字体面无法读取（\(error.reason)）")
            } catch {
                return ("face \(index): \(error)", "第\(index)个字体面无法读取")
            }
            guard face.opensInFreeType else {
                return ("face \(index) is refused by FreeType (PDF readers would not load it)", "第\(index)个字体面已损坏，PDF阅读器无法加载")
            }
            for scalar in samples {
                guard let glyph = face.glyph(for: scalar) else { continue }
                let advance = face.advance(of: glyph)
                if advance <= 0 || advance > 4 * face.metrics.unitsPerEm {
                    let code = String(format: "U+%04X", scalar.value)
                    let em = Double(advance) / Double(face.metrics.unitsPerEm)
                    return ("face \(index) gives \(code) a width of \(String(format: "%.2f", em)) em",
                            "第\(index)个字体面中 \(code) 的宽度为 \(String(format: "%.2f", em)) 字宽，不合常理")
                }
                if !face.canEmbed(glyph) && face.format != .drawn {
                    let code = String(format: "U+%04X", scalar.value)
                    return ("face \(index): the glyph of \(code) is damaged", "第\(index)个字体面中 \(code) 的字形数据已损坏")
                }
            }
        }
        return nil
    }
}
