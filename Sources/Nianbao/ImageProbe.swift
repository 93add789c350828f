import Foundation
import NianbaoModel
import NianbaoLayout

/// Checks a figure's image file and reads its size from the PNG header, without decoding it.
enum ImageProbe {
    /// Largest image accepted, in pixels, so that a hostile file cannot exhaust memory.
    static let maxPixels = 40_000_000

    static func resolve(_ figure: Figure, reportFolder: URL, allowOutside: Bool) throws -> (path: String, size: Size)? {
        guard let name = figure.image else { return nil }
        func fail(_ message: String) -> InputError {
            InputError(.error(at: figure.location, field: "figure.image", message))
        }
        let url = (name.hasPrefix("/") ? URL(fileURLWithPath: name) : reportFolder.appendingPathComponent(name)).standardizedFileURL
        if !allowOutside {
            if name.hasPrefix("/") { throw fail("'\(name)' is an absolute path; give it relative to the report's folder (or --allow-outside-images)") }
            // Compared with links resolved, so that a link in the folder cannot lead out of it.
            let folder = reportFolder.resolvingSymlinksInPath().standardizedFileURL.path
            guard url.resolvingSymlinksInPath().standardizedFileURL.path.hasPrefix(folder + "/") else {
                throw fail("'\(name)' lies outside the report's folder (or --allow-outside-images)")
            }
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw fail("cannot read image '\(name)'") }
        defer { try? handle.close() }
        let header = [UInt8](handle.readData(ofLength: 24))
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard header.count == 24, Array(header[0..<8]) == signature, String(decoding: header[12..<16], as: UTF8.self) == "IHDR" else {
            throw fail("'\(name)' is not a PNG image (only PNG is supported)")
        }
        func be32(_ at: Int) -> Int { header[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let width = be32(16), height = be32(20)
        guard width > 0, height > 0, width * height <= maxPixels else {
            throw fail("'\(name)' is \(width)×\(height) pixels; the limit is \(maxPixels) pixels")
        }
        return (url.path, Size(width: Double(width) * 0.75, height: Double(height) * 0.75))   // 96 dpi
    }
}
