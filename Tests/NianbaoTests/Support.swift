import Foundation

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let seedReport = "\(repositoryRoot)/examples/quzhou-zhihuixincheng-2019.yaml"

/// Runs a command and returns its exit status, standard output and standard error.
@discardableResult
func run(_ arguments: [String], in directory: String? = nil,
         environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Files, not pipes: a child that writes much to one stream must not block on a full pipe.
    let folder = NSTemporaryDirectory() + "nianbao-run-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    FileManager.default.createFile(atPath: "\(folder)/out", contents: nil)
    FileManager.default.createFile(atPath: "\(folder)/err", contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/err"))
    try process.run()
    process.waitUntilExit()
    let output = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/out"))
    let error = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/err"))
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
}

/// A fresh empty folder under the system's temporary folder.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "nianbao-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Text without any white space, as pdftotext's line breaks fall where the layout broke lines.
func squeezed(_ text: String) -> String {
    String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
}
