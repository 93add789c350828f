import ArgumentParser
import Nianbao
import NianbaoModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate report files without rendering them.")

    @Argument(help: "Report files (.yaml, .yml or .json).")
    var files: [String]

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    @Option(help: "Last year's report: checks the figures that carry over (上一年项目数量, 现行有效件数).")
    var previous: String?

    @Flag(help: "Read report files that are symbolic links (refused by default).")
    var followSymlinks = false

    func validate() throws {
        if previous != nil && files.count > 1 {
            throw ValidationError(say("--previous goes with one report at a time", "--previous 一次只能配一份报告"))
        }
    }

    func run() throws {
        let renderer = Renderer()
        var failed = false
        for file in files {
            do {
                let warnings = try renderer.check(file, layout: layout, previous: previous, followSymlinks: followSymlinks)
                for warning in warnings { printError(warning.description) }
                try printOutput(warnings.isEmpty ? say("\(file): ok", "\(file)：通过")
                                    : say("\(file): ok (\(warnings.count) warnings)", "\(file)：通过（\(warnings.count) 个警告）"))
            } catch {
                printError(String(describing: error))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
