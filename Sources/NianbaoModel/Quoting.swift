extension String {
    /// The text in quotes for a message, cut to its first 40 characters and its length in
    /// characters, "'abc…' (5000)", read alike in both languages: a message never repeats
    /// a huge value whole (a file's content, an 8 MB cell) into logs and manifests.
    package var quoted: String {
        let shown = prefix(Self.quotedLength + 1)
        guard shown.count > Self.quotedLength else { return "'\(self)'" }
        return "'\(shown.prefix(Self.quotedLength))…' (\(count))"
    }

    /// The text cut to 40 characters and an ellipsis, for a key in a field's path.
    package var shortened: String {
        utf8.count > Self.quotedLength && count > Self.quotedLength ? prefix(Self.quotedLength) + "…" : self
    }

    package static let quotedLength = 40
}
