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

    /// Imports one file by its kind: .txt (text copied from a portal page), .html (the page saved).
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
        case let other:
            throw ImportError(file: path, message: Message("files of kind .\(other) cannot be imported yet; copy the page's text into a .txt file",
                                                       "暂不能导入 .\(other) 文件；请把网页文字复制到 .txt 文件中"))
        }
    }

    /// Writes `text` to `path` whole or not at all.
    public static func writeFile(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try AtomicFile.write(Array(text.utf8), to: url.lastPathComponent, below: url.deletingLastPathComponent().path)
    }
}
