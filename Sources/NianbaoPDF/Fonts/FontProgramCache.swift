import Foundation

/// Font files read once per process and shared by every worker: they are immutable once read, and
/// mapped, not copied, so a batch's memory does not grow with its workers.
final class FontProgramCache: @unchecked Sendable {
    static let shared = FontProgramCache()

    private let lock = NSLock()
    private var programs: [String: Result<FontProgram, FontProgramError>] = [:]

    func program(_ source: FontSource) throws -> FontProgram {
        let key = "\(source.index):\(source.file)"
        lock.lock()
        defer { lock.unlock() }
        if let known = programs[key] { return try known.get() }
        let result = Result { try FontProgram(source) }.mapError { $0 as? FontProgramError ?? FontProgramError(description: "\(source.file): \($0)") }
        programs[key] = result
        return try result.get()
    }
}
