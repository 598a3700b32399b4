import Foundation
import TestSupport
import Testing

/// `scripts/genai-registry`, the README's command: it starts no build when the binaries are up to date, and
/// builds only what the command runs. Checked in a copy of the layout whose `swift` records its calls.
@Suite struct LauncherScriptTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A scratch package: the script and ensure-deps.sh, one source file, a stub release binary, a recording `swift`.
    struct Layout {
        let root: String
        var log: String { root + "/swift-calls.log" }

        init() throws {
            root = NSTemporaryDirectory() + "launcher-\(UUID().uuidString)"
            let fm = FileManager.default
            for dir in ["scripts", "Sources/x", ".build/release", "tools"] {
                try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
            }
            for file in ["scripts/genai-registry", "scripts/ensure-deps.sh"] {
                try fm.copyItem(atPath: LauncherScriptTests.package + "/" + file, toPath: root + "/" + file)
            }
            try "// the package\n".write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
            try "let x = 1\n".write(toFile: root + "/Sources/x/x.swift", atomically: true, encoding: .utf8)
            // A fake toolchain: `swift build … --product P` records the call and writes P as a stub binary.
            try """
            #!/usr/bin/env bash
            echo "$*" >> "\(root)/swift-calls.log"
            product="${@: -1}"
            printf '#!/usr/bin/env bash\\necho "ran %s $*"\\n' "$product" > "\(root)/.build/release/$product"
            chmod +x "\(root)/.build/release/$product"
            """.write(toFile: root + "/tools/swift", atomically: true, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/tools/swift")
        }

        /// Runs the script with `arguments`, the recording `swift` first on PATH; its output and the `swift` calls.
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, calls: [String]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bash", root + "/scripts/genai-registry"] + arguments
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = root + "/tools:" + (env["PATH"] ?? "/usr/bin:/bin")
            process.environment = env
            let out = root + "/out.txt"
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let calls = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            try? FileManager.default.removeItem(atPath: log)
            return (process.terminationStatus, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", calls)
        }

        /// Marks a source as edited after the binaries were built.
        func touchSource() throws {
            try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: root + "/Sources/x/x.swift")
        }
    }

    @Test func buildsOnlyWhatTheCommandRunsAndNothingWhenUpToDate() throws {
        let layout = try Layout()
        defer { try? FileManager.default.removeItem(atPath: layout.root) }

        let first = try layout.run(["check", "x"])
        #expect(first.status == 0)
        #expect(first.calls == ["build -c release --quiet --product genai-registry"], "a lookup builds the lookup binary only")
        #expect(first.stdout == "ran genai-registry check x\n")

        let again = try layout.run(["check", "x"])
        #expect(again.calls.isEmpty, "up to date: no build tool is started")
        #expect(again.stdout == "ran genai-registry check x\n")

        let refresh = try layout.run(["--registry", "R", "refresh"])
        #expect(refresh.calls == ["build -c release --quiet --product genai-registry-refresh"], "refresh adds its own binary when first needed")

        let serve = try layout.run(["serve"])
        #expect(serve.calls == ["build -c release --quiet --product genai-registry-serve"])

        try layout.touchSource()
        let edited = try layout.run(["check", "x"])
        #expect(edited.calls == ["build -c release --quiet --product genai-registry"], "an edited source rebuilds")
        #expect(try layout.run(["check", "x"]).calls.isEmpty)
    }
}
