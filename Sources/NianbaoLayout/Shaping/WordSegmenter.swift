/// Finds the boundaries between words of a text, for breaking titles, headings and table labels
/// by meaning (GB/T 9704 7.3.1: 回行时要做到词意完整). Chinese has no spaces, so this takes a
/// dictionary; the engine that supplies it lives outside the layout (ICU, or a fake in tests).
public protocol WordSegmenter {
    /// Character offsets (0 and `text.count` included, ascending) where one word ends and the next begins.
    func wordBoundaries(in text: String) -> [Int]
}

/// Every character a word of its own: breaks are allowed everywhere (no dictionary at hand).
public struct CharacterSegmenter: WordSegmenter {
    public init() {}
    public func wordBoundaries(in text: String) -> [Int] { Array(0...text.count) }
}
