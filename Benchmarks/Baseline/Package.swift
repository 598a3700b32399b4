// swift-tools-version: 6.2
import PackageDescription

// The benchmark's yardstick: the start-up of a trivial Swift executable, built like genai-registry (release).
let package = Package(
    name: "Baseline",
    targets: [.executableTarget(name: "baseline")]
)
