import Foundation
import NianbaoImport
import NianbaoModel

extension Renderer {
    /// The importer with the national templates the layout knows (gov-2019, gov-2021).
    public func importer(layout: String = "gbt9704") throws -> ReportImporter {
        let layoutFile = try locator.layoutFile(layout)
        let sets = try ["gov-2019", "gov-2021"].map { try TemplateDecoder.decode(file: try locator.templateFile($0, besideLayout: layoutFile)) }
        return ReportImporter(templates: sets)
    }

    /// Imports one file by its kind: .txt (text copied from a portal page), .html (the page saved), .docx (Word).
    public static func importFile(_ path: String, with importer: ReportImporter, template: String?, title: String?) throws -> ReportImporter.Result {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, limit: 16 << 20) } catch {
            throw ImportError(file: path, message: Message("cannot be read: \(error.reason.en)", "无法读取：\(error.reason.zh)"))
        }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "txt", "text", "":
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ImportError(file: path, message: Message("is not UTF-8 text (save it as UTF-8)", "不是 UTF-8 文本（请另存为 UTF-8）"))
            }
            return try importer.importText(text, file: path, template: template, title: title)
        case "html", "htm", "shtml", "xhtml":
            return try importer.importHTML(bytes, file: path, template: template, title: title)
        case "docx":
            return try importer.importWord(bytes, file: path, template: template, title: title)
        case "doc", "wps":
            throw ImportError(file: path, message: Message("is an old Word (or WPS) file; open it and save it as .docx, then import that",
                                                           "是旧版 Word（或 WPS）文件；请打开后另存为 .docx 再导入"))
        case let other:
            throw ImportError(file: path, message: Message("files of kind .\(other) cannot be imported: give a .docx, .html or .txt (the page's text copied)",
                                                       "不能导入 .\(other) 文件：请用 .docx、.html 或 .txt（复制网页文字）"))
        }
    }

    /// The files that `inputs` name: a file as it is, a folder's importable files below it (hidden
    /// entries and symbolic links left out), in name order.
    public static func importInputs(_ inputs: [String]) throws -> [String] {
        let kinds: Set<String> = ["docx", "html", "htm", "shtml", "xhtml", "txt"]
        var files: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw ImportError(file: input, message: Message("no such file or folder", "文件或文件夹不存在"))
            }
            guard isFolder.boolValue else { files.append(input); continue }
            let root = URL(fileURLWithPath: input)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                                              options: [.skipsHiddenFiles]) else { continue }
            var found: [String] = []
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
                guard values?.isSymbolicLink != true, values?.isRegularFile == true, kinds.contains(url.pathExtension.lowercased()) else { continue }
                found.append(input + "/" + url.path.dropFirst(root.path.count + 1))
            }
            files += found.sorted()
        }
        return files
    }

    /// Writes `text` to `path` whole or not at all.
    public static func writeFile(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try AtomicFile.write(Array(text.utf8), to: url.lastPathComponent, below: url.deletingLastPathComponent().path)
    }
}
