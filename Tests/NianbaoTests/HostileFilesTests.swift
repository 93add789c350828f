import Foundation
import Testing
@testable import Nianbao
import Glibc

/// Files planted in the input and output folders of a batch service: links, FIFOs, folders where
/// files should be, long names, tampered manifests and temporary files of other machines. Each
/// case runs `nianbao` for real and checks the exit status, the message, what was written and what
/// was left alone.
@Suite(.pinnedFonts) struct HostileFilesTests {
    let binary = nianbaoBinary

    /// A folder of two reports, `top.yaml` and `sub/inner.yaml`.
    func reports() throws -> String {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: "\(folder)/reports/sub", withIntermediateDirectories: true)
        try BadInputTests.valid.write(toFile: "\(folder)/reports/top.yaml", atomically: true, encoding: .utf8)
        try BadInputTests.replacing("正文。", "另一份正文。").write(toFile: "\(folder)/reports/sub/inner.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    func batch(_ arguments: [String], in folder: String) throws -> (status: Int32, output: String, error: String) {
        try run([binary, "batch", "--json-log", "--quiet"] + arguments, in: folder, environment: ["NIANBAO_HOME": repositoryRoot], timeout: 120)
    }

    @Test func aManifestLinkedElsewhereIsRefusedAndItsTargetUntouched() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/out", withIntermediateDirectories: true)
        try "precious\n".write(toFile: "\(folder)/victim", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/out/manifest.jsonl", withDestinationPath: "\(folder)/victim")
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("out/manifest.jsonl: is a symbolic link"), "\(result.error)")
        #expect(try String(contentsOfFile: "\(folder)/victim", encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out/top.pdf"))

        // A dangling link does not create its target either.
        try FileManager.default.createDirectory(atPath: "\(folder)/out2", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/out2/manifest.jsonl", withDestinationPath: "\(folder)/created")
        #expect(try batch(["reports", "-o", "out2"], in: folder).status == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/created"))
    }

    @Test func aFolderLinkedElsewhereReceivesNothing() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/out", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(folder)/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/out/sub", withDestinationPath: "\(folder)/elsewhere")
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("FAILED reports/sub/inner.yaml: out/sub: cannot be written: is a symbolic link; nianbao writes only into real folders"),
                "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/elsewhere").isEmpty)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/top.pdf"))
    }

    @Test func aPDFLinkedElsewhereIsNotReplacedNorWrittenThrough() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/out", withIntermediateDirectories: true)
        try "precious\n".write(toFile: "\(folder)/victim", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/out/top.pdf", withDestinationPath: "\(folder)/victim")
        let result = try run([binary, "render", "reports/top.yaml", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("out/top.pdf: cannot be written: is a symbolic link"), "\(result.error)")
        #expect(try String(contentsOfFile: "\(folder)/victim", encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/out/top.pdf") == "\(folder)/victim")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/out") == ["top.pdf"])
    }

    /// `x.yaml → /etc/shadow`, as an upload could plant it: refused unread; with --follow-symlinks
    /// it is read but, not being a report, none of it is quoted.
    @Test func inputLinksAreNotFollowedAndOtherFilesNeverQuoted() throws {
        let folder = try reports()
        try "root:$6$hunter2SECRET:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n".write(toFile: "\(folder)/shadow", atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: Secret\ndata: {password: hunter2SECRET}\n".write(toFile: "\(folder)/secret.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/reports/k8s.yaml", withDestinationPath: "\(folder)/secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/reports/x.yaml", withDestinationPath: "\(folder)/shadow")
        try FileManager.default.createDirectory(atPath: "\(folder)/other", withIntermediateDirectories: true)
        try BadInputTests.replacing("正文。", "链接目录里的正文。").write(toFile: "\(folder)/other/linked.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/reports/more", withDestinationPath: "\(folder)/other")

        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("FAILED reports/x.yaml: reports/x.yaml: is a symbolic link; links in a batch's folders are not followed"))
        #expect(result.error.contains("warning: reports/more: a symbolic link to a folder, not followed"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out/more"))
        let manifest = try String(contentsOfFile: "\(folder)/out/manifest.jsonl", encoding: .utf8)
        for text in [result.error, result.output, manifest] { #expect(!text.contains("hunter2"), "\(text)") }

        let followed = try batch(["reports", "-o", "out", "--follow-symlinks"], in: folder)
        #expect(followed.status == 1)
        #expect(followed.error.contains("FAILED reports/x.yaml: reports/x.yaml:1:1: error: not a nianbao report"), "\(followed.error)")
        #expect(followed.error.contains("FAILED reports/k8s.yaml: reports/k8s.yaml:1:1: error: not a nianbao report"), "\(followed.error)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/more/linked.pdf"))
        let manifestAfter = try String(contentsOfFile: "\(folder)/out/manifest.jsonl", encoding: .utf8)
        for text in [followed.error, followed.output, manifestAfter] { #expect(!text.contains("hunter2"), "\(text)") }

        // `render` names the file itself, and still does not follow it unless asked.
        let render = try run([binary, "render", "reports/x.yaml", "-o", "out"], in: folder)
        #expect(render.status == 1 && render.error.contains("reports/x.yaml: is a symbolic link"))
    }

    /// A link to a folder that contains it does not make the walk go round for ever.
    @Test func followedLinksCannotLoop() throws {
        let folder = try reports()
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/reports/sub/loop", withDestinationPath: "\(folder)/reports")
        let result = try batch(["reports", "-o", "out", "--follow-symlinks"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.split(separator: "\n").count == 2)
    }

    @Test func aReportThatIsAFIFOIsRefusedWithoutWaiting() throws {
        let folder = try reports()
        #expect(mkfifo("\(folder)/reports/pipe.yaml", 0o644) == 0)
        let render = try run([binary, "render", "reports/pipe.yaml", "-o", "out"], in: folder, timeout: 60)
        #expect(render.status == 1 && render.error.contains("reports/pipe.yaml: is a named pipe (FIFO), not a file"), "\(render.error)")
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("FAILED reports/pipe.yaml: error: reports/pipe.yaml: is a named pipe (FIFO)"), "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/top.pdf"))
    }

    /// The temporary file's name no longer grows with the target's: a 237-byte name renders; a
    /// preview name past 255 bytes is refused before anything is written.
    @Test func longFileNames() throws {
        let folder = try reports()
        let long = String(repeating: "年", count: 77) + "ab.yaml"   // 231 + 7 = 238 bytes
        try BadInputTests.valid.write(toFile: "\(folder)/reports/\(long)", atomically: true, encoding: .utf8)
        let batch = try batch(["reports", "-o", "out"], in: folder)
        #expect(batch.status == 0, "\(batch.error)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/\(String(repeating: "年", count: 77))ab.pdf"))

        let longest = String(repeating: "年", count: 83) + "a.yml"   // 254 bytes: its previews' names would be 256
        try BadInputTests.valid.write(toFile: "\(folder)/\(longest)", atomically: true, encoding: .utf8)
        let render = try run([binary, "render", longest, "-o", "previews", "--png"], in: folder)
        #expect(render.status == 1)
        #expect(render.error.contains("is 256 bytes; a name may have at most 255"), "\(render.error)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/previews")) ?? []).isEmpty)
    }

    @Test func aFolderWhereTheManifestShouldBe() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/out/manifest.jsonl", withIntermediateDirectories: true)
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("out/manifest.jsonl: is a folder; the manifest must be a file"), "\(result.error)")
        #expect(!result.error.contains("NSCocoaErrorDomain"))
    }

    /// A read-only manifest whose old lines are due to be compacted is neither replaced nor appended to.
    @Test func aReadOnlyManifestIsLeftAsItIs() throws {
        let folder = try reports()
        #expect(try batch(["reports", "-o", "out"], in: folder).status == 0)
        let manifest = "\(folder)/out/manifest.jsonl"
        let lines = try String(contentsOfFile: manifest, encoding: .utf8)
        try String(repeating: lines, count: 5).write(toFile: manifest, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: manifest)
        let before = try Data(contentsOf: URL(fileURLWithPath: manifest))
        let result = try batch(["reports", "-o", "out", "--force"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("out/manifest.jsonl: is read-only"), "\(result.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: manifest)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: manifest)[.posixPermissions] as? Int == 0o444)
    }

    /// `y.yaml` beside `y.yml` would make one PDF: both are refused, the rest of the batch goes on.
    @Test func twoReportsForOnePDFFailAlone() throws {
        let folder = try reports()
        try BadInputTests.valid.write(toFile: "\(folder)/reports/y.yaml", atomically: true, encoding: .utf8)
        try BadInputTests.valid.write(toFile: "\(folder)/reports/y.yml", atomically: true, encoding: .utf8)
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("FAILED reports/y.yaml: reports/y.yaml: reports/y.yaml and reports/y.yml would all be written to out/y.pdf"),
                "\(result.error)")
        #expect(result.error.contains("FAILED reports/y.yml:"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out/y.pdf"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/top.pdf") && FileManager.default.fileExists(atPath: "\(folder)/out/sub/inner.pdf"))
    }

    /// Temporary files left in the output tree: this host's of dead processes go at the start of a
    /// batch, also in folders it writes nothing to; another host's (a shard on a shared folder,
    /// whose process ids mean nothing here) only once they are an hour old.
    @Test func staleTemporariesAreSweptAndOtherMachinesOnesKept() throws {
        let folder = try reports()
        let out = "\(folder)/out"
        try FileManager.default.createDirectory(atPath: "\(out)/untouched", withIntermediateDirectories: true)
        let host = TemporaryName.hostID
        let otherHost = host == "00000000" ? "11111111" : "00000000"
        let dead = Int32(4_000_000)   // above any pid_max
        let planted = [
            ("untouched/.nianbao-\(host)-\(dead)-1.tmp", 0.0, false),
            (".nianbao-\(host)-\(getpid())-2.tmp", 0.0, true),              // a live process of this host
            ("untouched/.nianbao-\(otherHost)-1-3.tmp", 0.0, true),         // another machine's, being written
            ("untouched/.nianbao-\(otherHost)-1-4.tmp", 7200.0, false),     // another machine's, two hours old
            ("untouched/.report.pdf.12345.99.tmp", 7200.0, false),          // nianbao 0.1.0's, old
            ("untouched/.report.pdf.12345.98.tmp", 0.0, true),              // nianbao 0.1.0's, recent
            ("untouched/notes.tmp", 7200.0, true),                          // not ours
            ("untouched/.my.notes.2024.1.tmp", 7200.0, true),               // not ours either
            ("untouched/.nianbao-\(host)-\(getpid())-5.tmp", 7200.0, false), // this host's, two hours old: its pid was reused
        ]
        for (name, age, _) in planted {
            try Data("partial".utf8).write(to: URL(fileURLWithPath: "\(out)/\(name)"))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: "\(out)/\(name)")
        }
        #expect(try batch(["reports", "-o", "out"], in: folder).status == 0)
        for (name, _, kept) in planted {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)") == kept, "\(name) should be \(kept ? "kept" : "removed")")
        }
    }

    /// A folder tree 15,000 levels deep planted in the output folder: the sweep of stale temporary
    /// files walks it without recursion, and the batch renders.
    @Test func aVeryDeepOutputTreeDoesNotCrashTheSweep() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/out", withIntermediateDirectories: true)
        var descriptor = open("\(folder)/out", O_RDONLY | O_DIRECTORY)
        for _ in 0..<15_000 {
            #expect(mkdirat(descriptor, "d", 0o755) == 0)
            let next = openat(descriptor, "d", O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
        }
        close(descriptor)
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 0, "\(result.error)")
    }

    /// A report named in GBK (from a zip made on Chinese Windows) is reported, not silently left out.
    @Test func aFileNameThatIsNotUTF8IsReported() throws {
        let folder = try reports()
        let name = Array("\(folder)/reports/".utf8) + [0xB2, 0xC6, 0xD5, 0xFE, 0xBE, 0xD6] + Array(".yaml".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        let result = try batch(["reports", "-o", "out"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("FAILED reports/\\xB2\\xC6\\xD5\\xFE\\xBE\\xD6.yaml: reports/\\xB2\\xC6\\xD5\\xFE\\xBE\\xD6.yaml: its name is not UTF-8"), "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/out/top.pdf"))
    }

    /// A refused link is not opened either: the manifest holds no hash of what it points to.
    @Test func aRefusedLinkIsNotHashed() throws {
        let folder = try reports()
        try "a secret".write(toFile: "\(folder)/victim", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/link.yaml", withDestinationPath: "\(folder)/victim")
        try "link.yaml\n".write(toFile: "\(folder)/list.txt", atomically: true, encoding: .utf8)
        #expect(try batch(["list.txt", "-o", "out"], in: folder).status == 1)
        let record = try #require(Manifest.read("\(folder)/out/manifest.jsonl")["link.yaml"])
        #expect(record.inputSHA256.isEmpty, "\(record.inputSHA256)")
    }

    /// A manifest planted in the output folder cannot name files for nianbao to read: a record whose
    /// sources are not this run's layout and template files is not trusted (the report renders again).
    @Test func aPlantedManifestCannotNameOtherFiles() throws {
        let folder = try reports()
        #expect(try batch(["reports", "-o", "out"], in: folder).status == 0)
        try "anything".write(toFile: "\(folder)/elsewhere.txt", atomically: true, encoding: .utf8)
        let digest = try run(["sha256sum", "\(folder)/elsewhere.txt"]).output.prefix(64)
        let manifest = "\(folder)/out/manifest.jsonl"
        var records = Manifest.read(manifest)
        records["reports/top.yaml"]!.sources["\(folder)/elsewhere.txt"] = String(digest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try records.values.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
        try lines.write(toFile: manifest, atomically: true, encoding: .utf8)
        let rerun = try batch(["reports", "-o", "out"], in: folder)
        #expect(rerun.output.contains("\"input\":\"reports/top.yaml\",\"ms\""), "\(rerun.output)")   // rendered, not skipped
        #expect(rerun.output.contains("\"status\":\"skipped\""))   // the other is still up to date
    }

    /// Shard manifests that cannot be read stop the merge instead of being left out.
    @Test func aMergeOfUnreadableManifestsFails() throws {
        let folder = try reports()
        #expect(try batch(["reports", "-o", "out", "--shard", "0/1"], in: folder).status == 0)
        try FileManager.default.createDirectory(atPath: "\(folder)/not-a-manifest", withIntermediateDirectories: true)
        #expect(mkfifo("\(folder)/pipe.jsonl", 0o644) == 0)
        for bad in ["not-a-manifest", "pipe.jsonl", "missing.jsonl"] {
            let merge = try run([binary, "batch", "--merge-manifests", "-o", "merged", "out/manifest-shard-0-of-1.jsonl", bad], in: folder, timeout: 60)
            #expect(merge.status == 1, "\(bad): \(merge.error)")
            #expect(merge.error.contains(bad))
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/merged/manifest.jsonl"))
        }
    }

    @Test func aHardLinkedManifestOrAFolderForItsLockIsRefused() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/out", withIntermediateDirectories: true)
        try "precious\n".write(toFile: "\(folder)/victim", atomically: true, encoding: .utf8)
        #expect(link("\(folder)/victim", "\(folder)/out/manifest.jsonl") == 0)
        let hard = try batch(["reports", "-o", "out"], in: folder)
        #expect(hard.status == 1 && hard.error.contains("out/manifest.jsonl: has other hard links"), "\(hard.error)")
        #expect(try String(contentsOfFile: "\(folder)/victim", encoding: .utf8) == "precious\n")
        try FileManager.default.createDirectory(atPath: "\(folder)/out2/.manifest.jsonl.lock", withIntermediateDirectories: true)
        let lock = try batch(["reports", "-o", "out2"], in: folder)
        #expect(lock.status == 1 && lock.error.contains("out2/.manifest.jsonl.lock: is a folder"), "\(lock.error)")
    }

    /// The output folder is left out of the input walk however it is named (here through a link).
    @Test func theOutputFolderIsNotReadAsInputUnderAnotherName() throws {
        let folder = try reports()
        try FileManager.default.createDirectory(atPath: "\(folder)/reports/out", withIntermediateDirectories: true)
        try BadInputTests.valid.write(toFile: "\(folder)/reports/out/planted.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/olink", withDestinationPath: "\(folder)/reports/out")
        let result = try batch(["reports", "-o", "olink"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.output.contains("planted"), "\(result.output)")
    }

    /// `./in/a.yaml` and `in/a.yaml` in a list are one report, rendered once.
    @Test func aListedPathIsTakenAsTheSameFileWrittenTwoWays() throws {
        let folder = try reports()
        try "reports/top.yaml\n./reports/top.yaml\nreports/sub/../top.yaml\n".write(toFile: "\(folder)/list.txt", atomically: true, encoding: .utf8)
        let result = try batch(["list.txt", "-o", "out"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.split(separator: "\n").count == 1)
    }
}

@Suite struct WriteErrorCodeTests {
    /// /proc takes no new folders, not even from root: the system's error code is kept beside our words.
    @Test func aFolderThatCannotBeMadeKeepsTheSystemsCode() throws {
        let error = #expect(throws: WriteError.self) { try OutputFolder.makeFolders("/proc/nianbao-test/out") }
        #expect(error?.code == .ENOENT)
        #expect(error?.description.contains("/proc/nianbao-test") == true)
    }
}
