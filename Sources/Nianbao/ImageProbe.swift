import Foundation
import NianbaoCairo
import NianbaoShaping
import NianbaoSystem
import NianbaoModel
import NianbaoLayout
import NianbaoPDF

/// Reads a figure's picture when the report is read: a regular file only, of bounded size, its
/// declared size checked before decoding, then decoded whole, so that a picture that would not
/// draw is an error with the figure's place and never a figure silently missing.
enum ImageProbe {
    /// Most pixels accepted, so that a hostile file cannot exhaust memory (4 bytes each, decoded).
    static let maxPixels = 40_000_000
    /// Longest side accepted: cairo's largest image.
    static let maxSide = 32_767
    /// Largest picture file read.
    static let maxBytes = 64 << 20
    /// Most pixels of all of a report's pictures together, so that many pictures cannot exhaust
    /// memory either (a picture shown twice counts once).
    static let maxReportPixels = 60_000_000

    /// The pictures of one report as they are read, by path: each decoded once.
    final class Pictures {
        var byPath: [String: RasterImage] = [:]
        var pixels = 0
    }

    static func load(_ figure: Figure, reportFolder: URL, allowOutside: Bool, into pictures: Pictures) throws -> (path: String, size: Size)? {
        guard let name = figure.image else { return nil }
        func fail(_ message: Message) -> InputError {
            InputError(.error(at: figure.location, field: "figure.image", message))
        }
        let url = (name.hasPrefix("/") ? URL(fileURLWithPath: name) : reportFolder.appendingPathComponent(name)).standardizedFileURL
        if !allowOutside {
            if name.hasPrefix("/") { throw fail(Message("\(name.quoted) is an absolute path; give it relative to the report's folder (or --allow-outside-images)",
                                                     "\(name.quoted) 是绝对路径；请写相对于报告所在文件夹的路径（或使用 --allow-outside-images）")) }
            // Compared with links resolved, so that a link in the folder cannot lead out of it.
            let folder = reportFolder.resolvingSymlinksInPath().standardizedFileURL.path
            guard url.resolvingSymlinksInPath().standardizedFileURL.path.hasPrefix(folder + "/") else {
                throw fail(Message("\(name.quoted) lies outside the report's folder (or --allow-outside-images)",
                                  "\(name.quoted) 在报告所在文件夹之外（或使用 --allow-outside-images）"))
            }
        }
        func natural(_ image: RasterImage) -> Size { Size(width: Double(image.width) * 0.75, height: Double(image.height) * 0.75) }   // 96 dpi
        if let known = pictures.byPath[url.path] { return (url.path, natural(known)) }
        let bytes: [UInt8]
        do {
            // The path as checked above, read without following a link swapped in meanwhile.
            bytes = try InputFile.read(allowOutside ? url.path : url.resolvingSymlinksInPath().path, limit: maxBytes,
                                       followSymlinks: allowOutside)
        } catch {
            throw fail(Message("cannot read image \(name.quoted): ", "无法读取图片 \(name.quoted)：") + error.reason)
        }
        let (width, height) = try size(ofPNG: bytes, name: name, fail: fail)
        guard pictures.pixels + width * height <= maxReportPixels else {
            throw fail(Message("\(name.quoted) is \(width)×\(height) pixels, and with the report's other pictures that makes more than "
                                   + "\(maxReportPixels) pixels, the limit for one report",
                               "\(name.quoted) 为 \(width)×\(height) 像素，与报告中其他图片合计超过 \(maxReportPixels) 像素（每份报告的上限）"))
        }
        switch RasterFile.decode(bytes) {
        case .success(let image):
            pictures.byPath[url.path] = image
            pictures.pixels += width * height
            return (url.path, natural(image))
        case .failure(let failure):
            throw fail(Message("\(name.quoted) does not decode as a PNG image: \(failure.reason)",
                               "\(name.quoted) 无法解码为 PNG 图片：\(failure.reason)"))
        }
    }

    /// Width and height from the PNG header, refused past the limits before anything is decoded.
    private static func size(ofPNG header: [UInt8], name: String, fail: (Message) -> InputError) throws -> (Int, Int) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard header.count >= 24, Array(header[0..<8]) == signature, Array(header[12..<16]) == Array("IHDR".utf8) else {
            throw fail(Message("\(name.quoted) is not a PNG image (only PNG is supported)", "\(name.quoted) 不是 PNG 图片（只支持 PNG）"))
        }
        func be32(_ at: Int) -> Int { header[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let width = be32(16), height = be32(20)
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0 else { throw fail(Message("\(name.quoted) declares \(width)×\(height) pixels, an empty image",
                                                           "\(name.quoted) 声明为 \(width)×\(height) 像素，是空图片")) }
        guard !overflow, pixels <= maxPixels else {
            throw fail(Message("\(name.quoted) is \(width)×\(height) pixels; the limit is \(maxPixels) pixels",
                               "\(name.quoted) 为 \(width)×\(height) 像素；上限为 \(maxPixels) 像素"))
        }
        guard width <= maxSide, height <= maxSide else {
            throw fail(Message("\(name.quoted) is \(width)×\(height) pixels; a side may be at most \(maxSide) pixels",
                               "\(name.quoted) 为 \(width)×\(height) 像素；每边最多 \(maxSide) 像素"))
        }
        return (width, height)
    }
}
