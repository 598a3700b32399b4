/// A production (`Registry/productions/ID.json`): the show whose uses of tools are disclosed and approved.
public struct Production: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    /// The studio contact who is told of every use and who decides written approvals (name and e-mail).
    public var studioContact: String
    public var notes: String?

    public init(id: String, title: String, studioContact: String, notes: String? = nil) {
        self.id = id
        self.title = title
        self.studioContact = studioContact
        self.notes = notes
    }
}
