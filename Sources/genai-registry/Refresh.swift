import ArgumentParser
import CommandLineSupport
import Foundation

extension GenAIRegistryCommand {
    /// `refresh …`: runs the `genai-registry-refresh` executable that ships beside this one.
    ///
    /// Only that binary links libcurl, so productions' lookups (`check`, `assess`, …) never pay for loading it.
    /// The arguments, `--help` included, pass through unchanged, and so does the exit code (exec).
    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Fetch vendors' signed attestations and watched terms documents (the cron job).",
            discussion: "Run `genai-registry refresh --help` for its options.",
            helpNames: [])

        @Argument(parsing: .captureForPassthrough, help: "Passed to genai-registry-refresh.")
        var arguments: [String] = []

        func run() throws {
            let helper = Self.helperPath()
            var argv: [UnsafeMutablePointer<CChar>?] = (["genai-registry refresh"] + arguments).map { strdup($0) }
            argv.append(nil)
            execv(helper, argv)
            // Only reached when exec failed.
            let reason = String(cString: strerror(errno))
            Console.error("cannot run \(helper): \(reason). It ships beside genai-registry: build both with `swift build -c release`, install both.")
            throw ExitCode(ExitStatus.ioError)
        }

        /// `genai-registry-refresh` in this executable's own folder (symlinks resolved), else on the PATH.
        static func helperPath() -> String {
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            let sibling = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("genai-registry-refresh").path
            if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
                let candidate = "\(dir)/genai-registry-refresh"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            return sibling
        }
    }
}
