import ArgumentParser
import FoundationEssentials
import Glibc

/// The executables that ship beside `genai-registry` and run its heavy subcommands.
///
/// `genai-registry` itself links neither libcurl (`refresh`) nor the HTTP server (`serve`, `publish`): loading
/// them cost every lookup milliseconds of start-up. Those subcommands replace the process with their sibling
/// (exec), so arguments, `--help`, signals and the exit code pass through unchanged.
public enum Sibling {
    /// Replaces this process with `name` (found beside this executable, else on PATH) run as `argv`.
    /// Returns only by throwing, when the sibling cannot be executed.
    public static func exec(_ name: String, argv: [String]) throws -> Never {
        let path = self.path(of: name)
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgv.append(nil)
        execv(path, cArgv)
        // Only reached when exec failed.
        let reason = String(cString: strerror(errno))
        Console.error(
            "cannot run \(path): \(reason). It ships beside genai-registry: build every product with `swift build -c release`, install them together."
        )
        throw ExitCode(ExitStatus.ioError)
    }

    /// `name` in this executable's own folder (symlinks resolved), else on the PATH.
    public static func path(of name: String) -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let folder = exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let sibling = (exe.hasPrefix("/") || !folder.isEmpty ? folder : ".") + "/" + name
        if access(sibling, X_OK) == 0 { return sibling }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return sibling
    }
}
