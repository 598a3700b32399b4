import FoundationEssentials
import Glibc
import RegistryStorage

/// Writes the lookup service as static files — every GET of the JSON API as `v1/….json`, the page as
/// `index.html`, its assets under `static/` — so any web server or CDN can serve the registry.
///
/// Everything is written into a temporary sibling folder first and renamed into place at the end, so
/// the destination is never half-published. An existing destination is replaced only when it is empty or
/// an earlier publication (it has `v1/index.json`), never an unrelated folder.
public struct Publisher: Sendable {
    public let site: Site

    public init(site: Site) { self.site = site }

    /// Why publishing failed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Relative file path → answer, for every published file.
    public func files() -> [(path: String, answer: Answer)] {
        let e = site.endpoints
        var files: [(String, Answer)] = [
            ("index.html", site.page(QueryString(), mode: .published)),
            ("static/app.js", Site.script),
            ("static/style.css", Site.styleSheet),
            ("v1/index.json", e.index()),
            ("v1/health.json", e.health()),
            ("v1/uses.json", e.uses()),
            ("v1/decisions.json", e.decisions()),
            ("v1/review.json", e.review()),
            ("v1/openapi.json", Site.openAPI),
            ("v1/tools.json", e.tools(q: nil, vendor: nil, category: nil, verdict: nil)),
        ]
        for id in site.registry.ids {
            files.append(("v1/tools/\(id).json", e.record(id)))
            files.append(("v1/tools/\(id)/verdict.json", e.verdict(id)))
            files.append(("v1/tools/\(id)/assessment.json", e.assessment(id, uses: [])))
        }
        return files
    }

    /// Publishes into `directory`; returns the number of files written.
    @discardableResult
    public func publish(to directory: String) throws(Failure) -> Int {
        guard site.registry.problem == nil else { throw Failure(description: "the registry cannot be published: \(site.registry.problem ?? "")") }
        let target = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: target)
        if exists {
            guard FileIO.isDirectory(target) else { throw Failure(description: "\(target) exists and is not a folder") }
            let empty = ((try? fm.contentsOfDirectory(atPath: target)) ?? ["?"]).isEmpty
            guard empty || FileIO.isFile(target + "/v1/index.json") else {
                throw Failure(description: "\(target) is not empty and is not an earlier publication (no v1/index.json); refusing to replace it")
            }
        }
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = target + ".publishing-" + suffix
        do {
            try FileIO.makeDirectory(staging)
            let all = files()
            for (path, answer) in all {
                let full = staging + "/" + path
                try FileIO.makeDirectory(FileIO.parentDirectory(of: full))
                try FileIO.writeAtomically(answer.body, to: full, sync: false)
            }
            // One flush for all files, before the rename makes them visible.
            sync()
            if exists {
                let old = target + ".replaced-" + suffix
                try fm.moveItem(atPath: target, toPath: old)
                try fm.moveItem(atPath: staging, toPath: target)
                try? fm.removeItem(atPath: old)
            } else {
                try fm.moveItem(atPath: staging, toPath: target)
            }
            FileIO.syncDirectory(FileIO.parentDirectory(of: target))
            return all.count
        } catch {
            try? fm.removeItem(atPath: staging)
            throw Failure(description: "cannot publish to \(target): \(error)")
        }
    }
}
