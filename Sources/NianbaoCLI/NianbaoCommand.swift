import ArgumentParser
import Foundation
import Nianbao
import NianbaoSystem

@main
struct NianbaoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Typesets government information disclosure annual reports (政府信息公开工作年度报告) as GB/T 9704 PDF.",
        discussion: """
            Messages are in Chinese on a zh locale (LANG=zh_CN.UTF-8) and in English otherwise; \
            --lang zh or --lang en, anywhere on the command line, chooses. 提示信息默认随系统语言，--lang zh 指定中文。
            Exit status: 0 done, 1 invalid input (the message names file, line and field), 2 usage error.
            """,
        version: "0.1.0",
        subcommands: [RenderCommand.self, CheckCommand.self, ImportCommand.self, TextCommand.self, TemplateCommand.self, FontsCommand.self, BatchCommand.self, BenchCommand.self])

    /// Parses and runs; usage errors exit 2 (not ArgumentParser's 64), as the documentation says.
    static func main() {
        AtomicFile.removeTemporaryFileOnInterrupt()
        ProcessMemory.keepFreedMemory()
        guard let arguments = MessageLanguage.take(from: Array(CommandLine.arguments.dropFirst()),
                                                   environment: ProcessInfo.processInfo.environment) else { Foundation.exit(2) }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Runs `body`; an error is printed as it is and ends the command with exit status 1.
func exitingOnError(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError(String(describing: error))
        throw ExitCode(1)
    }
}

/// A folder named on the command line, without trailing slashes: `-o out/` and `-o out` are one
/// folder, and the manifest records the same paths for both.
func folderArgument(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed)
}
