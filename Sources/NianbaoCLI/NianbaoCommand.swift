import ArgumentParser
import Foundation

@main
struct NianbaoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Typesets government information disclosure annual reports (政府信息公开工作年度报告) as GB/T 9704 PDF.",
        discussion: "Exit status: 0 done, 1 invalid input (the message names file, line and field), 2 usage error.",
        version: "0.1.0",
        subcommands: [RenderCommand.self, CheckCommand.self])
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
