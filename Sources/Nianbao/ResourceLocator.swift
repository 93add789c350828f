import Foundation
import NianbaoModel

/// Finds layout files, table templates and the project's `fonts/` folder.
/// Looked for in order: `$NIANBAO_HOME`, the current folder, then the folders above the executable
/// (so a build in `.build/release` finds the checkout's `layouts/`).
public struct ResourceLocator: Sendable {
    public var roots: [String]

    public init(roots: [String]? = nil) {
        self.roots = roots ?? ResourceLocator.defaultRoots()
    }

    static func defaultRoots() -> [String] {
        var roots: [String] = []
        if let home = ProcessInfo.processInfo.environment["NIANBAO_HOME"] { roots.append(home) }
        roots.append(FileManager.default.currentDirectoryPath)
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            roots.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        return roots.filter { FileManager.default.fileExists(atPath: $0 + "/layouts") }
    }

    /// A layout by name (`gbt9704`) or by path (`my/layout.yaml`).
    public func layoutFile(_ nameOrPath: String) throws -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw ResourceError("layout file \(nameOrPath) does not exist")
            }
            return nameOrPath
        }
        for root in roots where FileManager.default.fileExists(atPath: "\(root)/layouts/\(nameOrPath).yaml") {
            return "\(root)/layouts/\(nameOrPath).yaml"
        }
        throw ResourceError("no layout named '\(nameOrPath)' (known: \(names(in: "layouts").joined(separator: ", ")); searched \(searched("layouts")))")
    }

    /// A table template by name, next to the layout in use (`templates/NAME.yaml`), else in the roots.
    public func templateFile(_ name: String, besideLayout layout: String) throws -> String {
        guard ResourceName.isValid(name) else { throw ResourceError("\(name.quoted) is not a template name (known: \(names(in: "layouts/templates").joined(separator: ", ")))") }
        let beside = URL(fileURLWithPath: layout).deletingLastPathComponent().appendingPathComponent("templates/\(name).yaml").path
        if FileManager.default.fileExists(atPath: beside) { return beside }
        for root in roots where FileManager.default.fileExists(atPath: "\(root)/layouts/templates/\(name).yaml") {
            return "\(root)/layouts/templates/\(name).yaml"
        }
        throw ResourceError("unknown template '\(name)' (known: \(names(in: "layouts/templates").joined(separator: ", ")))")
    }

    /// Every `fonts/` folder of the roots, first root first.
    public var fontDirectories: [String] {
        var seen = Set<String>()
        return roots.map { "\($0)/fonts" }.filter { FileManager.default.fileExists(atPath: $0) && seen.insert($0).inserted }
    }

    /// Where PDF/A's sRGB output profile is looked for: `NIANBAO_ICC_PROFILE`, then Debian's
    /// colord-data (CC0-1.0), then other common places.
    public static let outputProfileCandidates = [
        ProcessInfo.processInfo.environment["NIANBAO_ICC_PROFILE"],
        "/usr/share/color/icc/colord/sRGB.icc",
        "/usr/share/color/icc/sRGB.icc",
        "/usr/share/color/icc/ghostscript/srgb.icc",
    ].compactMap { $0 }

    /// The sRGB ICC profile for PDF/A's output intent.
    public func outputProfile() throws -> [UInt8] {
        for path in Self.outputProfileCandidates {
            if let data = FileManager.default.contents(atPath: path), data.count > 128 { return Array(data) }
        }
        throw ResourceError("PDF/A needs an sRGB ICC profile; none found at \(Self.outputProfileCandidates.joined(separator: ", "))."
            + " Install Debian's colord-data, or set NIANBAO_ICC_PROFILE to an sRGB profile")
    }

    private func names(in folder: String) -> [String] {
        let files = roots.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: "\($0)/\(folder)")) ?? [] }
        return Array(Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })).sorted()
    }

    private func searched(_ folder: String) -> String {
        roots.isEmpty ? "no folder with layouts/ found; set NIANBAO_HOME" : roots.map { "\($0)/\(folder)" }.joined(separator: ", ")
    }
}

/// A layout, template or font that cannot be found.
public struct ResourceError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
