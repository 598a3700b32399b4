import ArgumentParser
import CommandLineSupport
import Hummingbird
import Logging
import RegistryJSON
import RegistryServer
import RegistryStorage

extension ServeCommand {
    /// `serve`: the read-only JSON API and lookup page over the registry.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the lookup page and the read-only JSON API (/v1) over the registry.",
            discussion: """
                Nothing served changes the registry. Changes to it (a refresh job, a git pull) are picked \
                up without a restart, whole: each request is answered from one consistent reading of the \
                registry. Logs one line per request on standard error; stops cleanly on SIGTERM or SIGINT. \
                The API is described at /v1/openapi.json (docs/openapi.json, docs/lookup-service.md).
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "The address to listen on (127.0.0.1 keeps it to this machine; 0.0.0.0 for every interface).")
        var host = "127.0.0.1"

        @Option(help: "The TCP port (0 picks a free one; the chosen port is printed).")
        var port = 8080

        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"

        func validate() throws {
            // Accepting it and printing text would leave a script expecting JSON lines to fail later, obscurely.
            guard options.format == .text else {
                throw ValidationError(
                    "--format does not apply to serve: the API answers JSON at /v1 whatever it says, and the log is one text line per request")
            }
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
        }

        func run() async throws {
            let store = try options.store()
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let pinned: Timestamp? = options.asOf == nil ? nil : options.now
            let configuration = ServerConfiguration(store: store, clock: { pinned ?? SystemClock.now() })
            let app = await buildApplication(
                configuration: configuration, host: host, port: port, logger: Logger(label: "genai-registry.serve"),
                onServerRunning: { [host] bound in Console.out("genai-registry: serving \(store.root) on \(serverURL(host: host, port: bound))") })
            do {
                try await app.runService()
            } catch {
                Console.error("cannot serve on \(host):\(port): \(error)")
                throw ExitCode(ExitStatus.ioError)
            }
        }
    }
}
