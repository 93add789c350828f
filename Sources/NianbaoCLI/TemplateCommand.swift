import ArgumentParser
import Nianbao

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List a table template's tables, row keys and column keys with the labels they print (Markdown).")

    @Argument(help: "Template name, e.g. gov-2021.")
    var name: String

    @Option(help: "Layout name (in layouts/) or path to a layout file; templates are found beside it.")
    var layout = "gbt9704"

    func run() throws {
        try exitingOnError { try printOutput(try Renderer().templateKeys(name, layout: layout), terminator: "") }
    }
}
