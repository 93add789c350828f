import ArgumentParser
import Nianbao

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate report files without rendering them.")

    @Argument(help: "Report files (.yaml, .yml or .json).")
    var files: [String]

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    func run() throws {
        let renderer = Renderer()
        var failed = false
        for file in files {
            do {
                let warnings = try renderer.check(file, layout: layout)
                for warning in warnings { printError(warning.description) }
                print("\(file): ok\(warnings.isEmpty ? "" : " (\(warnings.count) warnings)")")
            } catch {
                printError(String(describing: error))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
