import Foundation
public import RegistryJSON

/// The registry shipped in the repository (`Registry/` next to `Package.swift`), which some tests read as real data.
public enum ShippedRegistry {
    /// Its folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Registry").path

    /// The day tests judge it on: the records were reviewed on 2026-12-05 and are due by 2027-06-03.
    public static let today = Day(daysSinceEpoch: 20_793)  // 2026-12-06
}
