import CICUShim
import NianbaoLayout

/// Chinese word boundaries from ICU's dictionary-based break iterator (libicu): the words a title,
/// heading or table label may be broken between.
public struct ICUWordSegmenter: WordSegmenter {
    public init() {}

    public func wordBoundaries(in text: String) -> [Int] {
        let units = Array(text.utf16)
        guard !units.isEmpty, units.count < Int(Int32.max) - 1 else { return [0] }
        var offsets = [Int32](repeating: 0, count: units.count + 1)
        let count = Int(nianbao_word_boundaries(units, Int32(units.count), "zh", &offsets, Int32(offsets.count)))
        // ICU failing (no data) leaves every character boundary, as if there were no dictionary.
        guard count > 0 else { return Array(0...text.count) }
        // UTF-16 offsets to character offsets: a boundary always falls between characters.
        var characterAt: [Int: Int] = [0: 0]
        var utf16 = 0
        for (index, character) in text.enumerated() {
            utf16 += character.utf16.count
            characterAt[utf16] = index + 1
        }
        return offsets.prefix(min(count, offsets.count)).compactMap { characterAt[Int($0)] }
    }
}
