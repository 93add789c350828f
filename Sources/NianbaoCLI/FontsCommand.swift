import ArgumentParser
import Foundation
import Nianbao

struct FontsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fonts",
        abstract: "Show the font each role of the layout uses (family and file); with a report, its characters no font of their role has.",
        discussion: "Files in fonts/ come first. Exit status 1 when a character of the report has no font.")

    @Argument(help: "A report file to check character by character.")
    var file: String?

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    @Flag(help: "Read a report file that is a symbolic link (refused by default).")
    var followSymlinks = false

    func run() throws {
        try exitingOnError {
            let renderer = Renderer()
            for font in try renderer.fonts(layout: layout) {
                try printOutput("\(font.role) (\(String(format: "%g", font.size)) pt)")
                try printOutput("  asked: \(font.asked.joined(separator: ", "))")
                try printOutput("  used:  \(font.family)\(font.inChain ? "" : "  (not in the chain: fontconfig's fallback)")  \(font.file)")
            }
            guard let file else { return }
            let problems = try renderer.glyphProblems(file, layout: layout, followSymlinks: followSymlinks)
            for problem in problems { printError(problem.description) }
            let missing = problems.filter { $0.severity == .error }.count
            try printOutput("\(file): \(missing == 0 ? "every character has a font of its role" : "\(missing) places with characters no font has")"
                  + (problems.count > missing ? ", \(problems.count - missing) drawn in a font of another style" : ""))
            if missing > 0 { throw ExitCode(1) }
        }
    }
}
