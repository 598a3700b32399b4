import RegistryStorage

/// A cheap summary of everything a verdict reads: names, sizes and modification times of the policy,
/// tool, vendor and state files. Equal fingerprints mean nothing worth reloading changed.
struct RegistryFingerprint: Sendable, Equatable {
    private var value: UInt64
    /// The latest modification time seen (wall clock, nanoseconds), to tell whether files are still changing.
    var newestModification: Int64 = 0

    /// Stats the registry's files (no file is read). A missing folder simply contributes nothing.
    static func of(_ store: RegistryStore) -> RegistryFingerprint {
        var hash = FNV64()
        var newest: Int64 = 0
        let folders = [store.toolsDirectory, store.vendorsDirectory, StateStore(registry: store).toolsDirectory]
        for folder in folders {
            hash.add(folder)
            let entries = (try? FileIO.list(folder, suffix: ".json")) ?? []
            for entry in entries {
                hash.add(entry.name)
                hash.add(UInt64(bitPattern: entry.stamp.size))
                hash.add(UInt64(bitPattern: entry.stamp.modifiedNanoseconds))
                newest = max(newest, entry.stamp.modifiedNanoseconds)
            }
        }
        // The review queue also reads the refresh log and verdict ledger beside the state shards.
        for suffix in [".json", ".jsonl"] {
            for entry in (try? FileIO.list(StateStore(registry: store).root, suffix: suffix)) ?? [] {
                hash.add(entry.name)
                hash.add(UInt64(bitPattern: entry.stamp.size))
                hash.add(UInt64(bitPattern: entry.stamp.modifiedNanoseconds))
                newest = max(newest, entry.stamp.modifiedNanoseconds)
            }
        }
        // policy.json is a single file; list its folder's .json files and keep just that one.
        let top = (try? FileIO.list(store.root, suffix: ".json")) ?? []
        for entry in top where entry.name == "policy.json" {
            hash.add(UInt64(bitPattern: entry.stamp.size))
            hash.add(UInt64(bitPattern: entry.stamp.modifiedNanoseconds))
            newest = max(newest, entry.stamp.modifiedNanoseconds)
        }
        return RegistryFingerprint(value: hash.value, newestModification: newest)
    }
}

extension RegistryFingerprint {
    static func == (lhs: RegistryFingerprint, rhs: RegistryFingerprint) -> Bool { lhs.value == rhs.value }
}

/// FNV-1a, 64 bits: fast, dependency-free, good enough to notice change (not for security).
struct FNV64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    mutating func add(_ text: String) {
        add(bytes: text.utf8)
        add(bytes: CollectionOfOne(0))
    }

    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add(bytes: $0) }
    }

    /// The hash of `bytes` as 16 hex digits.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = FNV64()
        hash.add(bytes: bytes)
        let digits = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
