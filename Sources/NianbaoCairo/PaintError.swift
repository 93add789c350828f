/// Errors while writing output.
public struct PaintError: Error, CustomStringConvertible {
    /// What went wrong, without the file's name.
    public var reason: String
    public var description: String
    /// The error this one reports, when it comes from another (a font the PDF writer cannot embed).
    public var cause: (any Error)?

    package init(description: String, reason: String? = nil, cause: (any Error)? = nil) {
        self.description = description
        self.reason = reason ?? description
        self.cause = cause
    }
}
