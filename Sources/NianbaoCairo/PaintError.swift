/// Errors while writing output.
public struct PaintError: Error, CustomStringConvertible {
    /// What went wrong, without the file's name.
    public var reason: String
    public var description: String

    package init(description: String, reason: String? = nil) {
        self.description = description
        self.reason = reason ?? description
    }
}
