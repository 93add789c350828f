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
                throw ResourceError(Message("layout file \(nameOrPath) does not exist", "版式文件 \(nameOrPath) 不存在"))
            }
            return nameOrPath
        }
        for root in roots where FileManager.default.fileExists(atPath: "\(root)/layouts/\(nameOrPath).yaml") {
            return "\(root)/layouts/\(nameOrPath).yaml"
        }
        let known = names(in: "layouts").joined(separator: ", ")
        throw ResourceError(Message("no layout named '\(nameOrPath)' (known: \(known); searched \(searched("layouts").en))",
                                    "没有名为“\(nameOrPath)”的版式（已有：\(known)；查找了 \(searched("layouts").zh)）"))
    }

    /// A table template by name, next to the layout in use (`templates/NAME.yaml`), else in the roots.
    public func templateFile(_ name: String, besideLayout layout: String) throws -> String {
        let known = names(in: "layouts/templates").joined(separator: ", ")
        guard ResourceName.isValid(name) else {
            throw ResourceError(Message("\(name.quoted) is not a template name (known: \(known))", "\(name.quoted) 不是模板名称（已有：\(known)）"))
        }
        let beside = URL(fileURLWithPath: layout).deletingLastPathComponent().appendingPathComponent("templates/\(name).yaml").path
        if FileManager.default.fileExists(atPath: beside) { return beside }
        for root in roots where FileManager.default.fileExists(atPath: "\(root)/layouts/templates/\(name).yaml") {
            return "\(root)/layouts/templates/\(name).yaml"
        }
        throw ResourceError(Message("unknown template '\(name)' (known: \(known))", "没有名为“\(name)”的模板（已有：\(known)）"))
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
        let places = Self.outputProfileCandidates.joined(separator: ", ")
        throw ResourceError(Message("PDF/A needs an sRGB ICC profile; none found at \(places)."
                                        + " Install Debian's colord-data, or set NIANBAO_ICC_PROFILE to an sRGB profile",
                                    "PDF/A 需要 sRGB ICC 色彩配置文件，但在 \(places) 都没有找到。"
                                        + "请安装 Debian 的 colord-data，或把 NIANBAO_ICC_PROFILE 设为一个 sRGB 配置文件"))
    }

    private func names(in folder: String) -> [String] {
        let files = roots.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: "\($0)/\(folder)")) ?? [] }
        return Array(Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })).sorted()
    }

    private func searched(_ folder: String) -> Message {
        roots.isEmpty ? Message("no folder with layouts/ found; set NIANBAO_HOME", "没有找到含 layouts/ 的文件夹，请设置 NIANBAO_HOME")
            : Message(verbatim: roots.map { "\($0)/\(folder)" }.joined(separator: ", "))
    }
}

/// A layout, template or font that cannot be found.
public struct ResourceError: LocalizedFailure {
    public var message: Message
    init(_ message: Message) { self.message = message }
}
