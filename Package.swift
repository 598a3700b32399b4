// swift-tools-version: 6.2
import PackageDescription

/// Settings every first-party target shares: Swift 6 mode, modern upcoming features, zero warnings.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

// Linux only: the sources call Glibc, read /proc and link Debian's libcurl; no Apple platform is built or
// tested, so none is declared.
let package = Package(
    name: "genai-registry",
    products: [
        .executable(name: "genai-registry", targets: ["genai-registry"]),
        .executable(name: "genai-registry-refresh", targets: ["genai-registry-refresh"]),
        .executable(name: "genai-registry-serve", targets: ["genai-registry-serve"]),
        .library(name: "RegistryJSON", targets: ["RegistryJSON"]),
        .library(name: "RegistryDomain", targets: ["RegistryDomain"]),
        .library(name: "RegistryStorage", targets: ["RegistryStorage"]),
        .library(name: "Procurement", targets: ["Procurement"]),
        .library(name: "CurlTransport", targets: ["CurlTransport"]),
        .library(name: "RegistryRefresh", targets: ["RegistryRefresh"]),
        .library(name: "TermsText", targets: ["TermsText"]),
        .library(name: "RegistryServer", targets: ["RegistryServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The lookup service; traits: [] leaves out swift-configuration (about a third less to build).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already built for Hummingbird; named because RegistryServer uses ByteBuffer and HTTP field names directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Already built for Hummingbird; named because the registry reloader is one of the application's services.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // libcurl from Debian (libcurl4-openssl-dev) plus static inline wrappers for its variadic calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // libxml2 from Debian (libxml2-dev): its HTML parser reads the watched terms pages.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The terms text of a watched page: parsed with libxml2, picked out with CSS selectors or as the main content.
        .target(
            name: "TermsText",
            dependencies: ["CLibXML2", "RegistryDomain"],
            swiftSettings: strict
        ),
        // The only HTTP stack of the project: a thin async layer over libcurl's multi interface.
        .target(
            name: "CurlTransport",
            dependencies: ["CCurl", "CRegistrySystem"],
            swiftSettings: strict
        ),
        // syncfs(2), thread names and friends, which need _GNU_SOURCE and so are not in Swift's Glibc module.
        .target(name: "CRegistrySystem"),
        // JSON read and written one way (a strict, order-preserving parser and its writer), the schema language
        // that checks records with paths and lines, and the value formats it knows (days, timestamps, ids).
        .target(
            name: "RegistryJSON",
            swiftSettings: strict
        ),
        // The domain, with no file IO: records, policy, principles and their rules, verdicts, use assessment,
        // attestation rules and signatures, approvals' coverage.
        .target(
            name: "RegistryDomain",
            dependencies: ["RegistryJSON", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The registry on disk: reading and writing records, lint, lookup by name, caches, the refresh state.
        .target(
            name: "RegistryStorage",
            dependencies: ["RegistryJSON", "RegistryDomain", "CRegistrySystem"],
            swiftSettings: strict
        ),
        // Procurement's outputs from the registry: the review queue, record history from git, reports.
        .target(
            name: "Procurement",
            dependencies: ["RegistryJSON", "RegistryDomain", "RegistryStorage"],
            swiftSettings: strict
        ),
        // The refresh job: fetches attestations and watched documents over CurlTransport into the state.
        .target(
            name: "RegistryRefresh",
            dependencies: ["RegistryJSON", "RegistryDomain", "RegistryStorage", "CurlTransport", "TermsText"],
            swiftSettings: strict
        ),
        // The lookup service: read-only JSON API and page on Hummingbird (`serve`), and its static copy (`publish`).
        .target(
            name: "RegistryServer",
            dependencies: [
                "RegistryJSON", "RegistryDomain", "RegistryStorage", "Procurement",
                .product(name: "Hummingbird", package: "hummingbird"),
                // HTTP1Channel's configuration: the idle timeout.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The HTTP/1 request head, which still says which version was spoken (KeepAliveGuard).
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // NIOThreadPool: the reloader's blocking file IO, off the cooperative pool.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // RegistryReloader is a Service, run and stopped with the server.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The page's script and style sheet, as files (Assets reads them through Bundle.module).
            resources: [.copy("Resources/page.js"), .copy("Resources/style.css")],
            swiftSettings: strict
        ),
        // What the executables share: the global options, the console, the exit codes, running a sibling binary.
        .target(
            name: "CommandLineSupport",
            dependencies: [
                "RegistryJSON", "RegistryDomain", "RegistryStorage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The refresh job's own executable: the only one that links libcurl (`genai-registry refresh` runs it).
        .executableTarget(
            name: "genai-registry-refresh",
            dependencies: [
                "CommandLineSupport",
                "RegistryStorage",
                "RegistryRefresh",
                "CurlTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // serve and publish's own executable: the only one that links Hummingbird (`genai-registry serve` runs it).
        .executableTarget(
            name: "genai-registry-serve",
            dependencies: [
                "CommandLineSupport",
                "RegistryJSON", "RegistryDomain", "RegistryStorage",
                "RegistryServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The command line: one file per subcommand, no domain logic.
        .executableTarget(
            name: "genai-registry",
            dependencies: [
                "CommandLineSupport",
                "RegistryJSON", "RegistryDomain", "RegistryStorage", "Procurement",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Fixtures shared by the test targets: records built in code, throwaway registries, running the CLI.
        .target(
            name: "TestSupport",
            dependencies: ["RegistryJSON", "RegistryDomain", "RegistryStorage"],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistryJSONTests",
            dependencies: ["RegistryJSON", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistryDomainTests",
            dependencies: ["RegistryJSON", "RegistryDomain", "RegistryStorage", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistryStorageTests",
            dependencies: ["RegistryJSON", "RegistryDomain", "RegistryStorage", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProcurementTests",
            dependencies: ["RegistryJSON", "RegistryDomain", "RegistryStorage", "Procurement", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistryRefreshTests",
            dependencies: [
                "RegistryRefresh", "RegistryJSON", "RegistryDomain", "RegistryStorage", "Procurement", "CurlTransport", "TestSupport",
                "genai-registry", "genai-registry-refresh",
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TermsTextTests",
            dependencies: ["TermsText", "RegistryDomain"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CurlTransportTests",
            dependencies: ["CurlTransport", "TestSupport"],
            swiftSettings: strict
        ),
        // End-to-end: runs the built `genai-registry` binary and asserts on output and exit codes.
        .testTarget(
            name: "GenAIRegistryCLITests",
            dependencies: [
                "genai-registry", "genai-registry-refresh", "genai-registry-serve", "RegistryJSON", "RegistryDomain", "RegistryStorage",
                "Procurement", "TestSupport",
            ],
            swiftSettings: strict
        ),
        // The lookup service in process (HummingbirdTesting), a few behaviours over real loopback sockets, its
        // static publication, and the page in headless Chromium.
        .testTarget(
            name: "RegistryServerTests",
            dependencies: [
                "RegistryServer", "genai-registry", "genai-registry-serve", "RegistryJSON", "RegistryDomain", "RegistryStorage", "Procurement",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Browser/drive_page.py"],
            swiftSettings: strict
        ),
    ]
)
