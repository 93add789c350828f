import ArgumentParser
import Nianbao

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print a report's text in reading order (numbered, punctuation normalised), as the PDF holds it.")

    @Argument(help: "A report file (.yaml, .yml or .json).")
    var file: String

    @Option(help: "Layout name (in layouts/) or path to a layout file.")
    var layout = "gbt9704"

    @Flag(help: "Read a report file that is a symbolic link (refused by default).")
    var followSymlinks = false

    @Flag(help: "Leave out the cells of statistical tables (keep their titles).")
    var noTableCells = false

    func run() throws {
        try exitingOnError { try printOutput(try Renderer().text(file, layout: layout, tableCells: !noTableCells, followSymlinks: followSymlinks), terminator: "") }
    }
}
