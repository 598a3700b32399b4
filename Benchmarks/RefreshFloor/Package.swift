// swift-tools-version: 6.2
import PackageDescription

// A benchmark, kept out of the product's package so neither CI nor a user's build compiles it:
// `scripts/bench/refresh-bench.sh` builds and runs it beside `refresh` (see BENCHMARKS.md §2).
let package = Package(
    name: "refresh-floor",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "genai-registry", path: "../.."),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "refresh-floor",
            dependencies: [
                .product(name: "RegistryJSON", package: "genai-registry"),
                .product(name: "RegistryDomain", package: "genai-registry"),
                .product(name: "RegistryStorage", package: "genai-registry"),
                .product(name: "CurlTransport", package: "genai-registry"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ]
)
