public import RegistryDomain

extension StateStore {
    /// Lifts the rollback floor of tool `id`: its next attestation is checked as if none had been verified
    /// (any version up to 2^53 − 1 by a pinned key), and its HTTP validators are dropped so the next refresh
    /// fetches the file in full. The attestation in force stays until a newer verified one replaces it.
    ///
    /// Procurement's way out when a floor was pushed up by a key still pinned (`attest reset-floor`); a floor
    /// set by a key the vendor file no longer pins has already stopped counting. Taken under the refresh lock.
    /// Returns the floor lifted, or nil when none was recorded.
    public func resetFloor(of id: String, wait: Bool) throws(Failure) -> VersionFloor? {
        let lock: RefreshLock
        do { lock = try RefreshLock(path: lockPath, wait: wait) } catch { throw Failure(path: lockPath, message: error.description) }
        defer { withExtendedLifetime(lock) {} }
        let name = Self.shard(for: id)
        var tools = try shard(name)
        guard var state = tools[id], var a = state.attestation, let floor = a.floor else { return nil }
        a.highestVersion = nil
        a.versionKey = nil
        a.etag = nil
        a.lastModified = nil
        state.attestation = a
        tools[id] = state
        var batch = BatchWriter()
        batch.add(Self.encodeShard(tools), to: shardPath(name))
        do { try batch.commit(syncRoot: root) } catch { throw Failure(path: shardPath(name), message: error.description) }
        return floor
    }
}
