/// Classifies characters for justification and punctuation rules. A cluster is classed by its
/// first scalar: switches on scalar values, since hashing `Character`s (normalisation, grapheme
/// breaking) was a measurable part of line breaking.
public enum CharacterClass {
    public static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(isWide) ?? false
    }

    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        case 0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7:   // — … “ ” ‘ ’ · set full width in Chinese
            return true
        default:
            return false
        }
    }

    /// Full-width marks with a blank half that may be taken out (标点挤压): closing marks inked on
    /// their left, opening marks on their right, quotation marks included (clreq counts them as
    /// brackets; a font that draws them narrow has no half to take out). ！ and ？ are left alone.
    public static func isCompressible(_ character: Character) -> Bool { scalar(of: character).map(isCompressible) ?? false }

    public static func isCompressible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", "。", "、", "；", "：", "）", "》", "」", "』", "〕", "】", "（", "《", "「", "『", "〔", "【", "“", "”", "‘", "’": true
        default: false
        }
    }

    /// Opening brackets and quotation marks.
    public static func isOpening(_ character: Character) -> Bool { scalar(of: character).map(isOpening) ?? false }

    public static func isOpening(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "（", "《", "「", "『", "〔", "【", "“", "‘": true
        default: false
        }
    }

    /// Full-width punctuation of Chinese text.
    public static func isPunctuation(_ character: Character) -> Bool { scalar(of: character).map(isPunctuation) ?? false }

    public static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "〕", "】", "（", "《", "「", "『", "〔", "【",
             "“", "”", "‘", "’", "—", "…", "·": true
        default: false
        }
    }

    /// Unicode's White_Space property (PropList.txt, unchanged since Unicode 6.3), by a switch:
    /// `Unicode.Scalar.Properties.isWhitespace` looks it up in tables, for every cluster.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The scalar of a one-scalar character (the marks above are all one scalar; a mark with a
    /// combining sign after it is not one of them).
    private static func scalar(of character: Character) -> Unicode.Scalar? {
        let scalars = character.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }
}
