public import ServiceLifecycle

/// The service that keeps ``RegistryHolder`` current: every ``ServerConfiguration/recheckInterval`` it
/// looks at the registry's file stamps and swaps in a new reading when they changed (see ``RegistryHolder``).
///
/// It runs among the application's services, so it starts with the server and ends on graceful shutdown
/// (SIGTERM, SIGINT) or cancellation; a reload in progress finishes first, none starts after.
public struct RegistryReloader: Service {
    public let holder: RegistryHolder

    public init(holder: RegistryHolder) {
        self.holder = holder
    }

    public func run() async throws {
        let interval = holder.configuration.recheckInterval
        let holder = holder
        // A graceful shutdown cancels the sleep; the loop then ends.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                await holder.reload()
            }
        }
    }
}
