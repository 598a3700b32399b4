/// Why a private key could not be read or used.
public struct AttestationKeyError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
