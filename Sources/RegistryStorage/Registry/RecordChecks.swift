package import RegistryDomain
package import RegistryJSON

/// Checks on a decoded record that a schema cannot express. Cross-file checks live in `Linter`.
package enum RecordChecks {
    /// The issue of a record whose id is not its file's name, or nil when they agree.
    package static func idMismatch(_ id: String, fileID: String, file: String) -> Issue? {
        guard id != fileID else { return nil }
        return Issue(
            code: .idMismatch, file: file, path: JSONPath.root.appending("id"),
            message: "id \"\(id)\" differs from the file name \"\(fileID).json\"; rename one so they agree")
    }

    package static func tool(_ t: ToolRecord, fileID: String, file: String) -> [Issue] {
        var issues: [Issue] = []
        func add(_ code: IssueCode, _ path: JSONPath, _ message: String, severity: Issue.Severity = .error) {
            issues.append(Issue(severity, code: code, file: file, path: path, message: message))
        }
        let root = JSONPath.root
        if let mismatch = idMismatch(t.id, fileID: fileID, file: file) { issues.append(mismatch) }
        for (i, use) in (t.terms.retention.vendorRetention ?? []).enumerated() {
            if (t.terms.retention.vendorRetention ?? []).prefix(i).contains(where: { $0.purpose == use.purpose }) {
                add(
                    .duplicatePurpose, root.appending("terms").appending("retention").appending("vendorRetention").appending(index: i),
                    "purpose \"\(use.purpose.rawValue)\" is listed twice; keep one entry with the longest period")
            }
        }
        for (path, e) in SourceChecks.citations(of: t) {
            if let published = Day(e.published), published > e.retrieved {
                add(.badDate, path.appending("published"), "published \(published) is after the day it was retrieved (\(e.retrieved))")
            }
            if let problem = SourceChecks.problem(with: e.url) {
                add(.unacceptableSource, path.appending("url"), problem)
            }
        }
        for (i, c) in t.conditions.enumerated()
        where t.conditions.prefix(i).contains(where: { $0.arrangement == c.arrangement && $0.principle == c.principle }) {
            add(
                .duplicateCondition, root.appending("conditions").appending(index: i),
                "a second condition for \(c.principle.rawValue) recorded by arrangement.\(c.arrangement.rawValue); merge the two actions into one")
        }
        for topic in [EvidenceTopic.retention, .training, .environment] where !t.evidence.contains(where: { $0.about == topic }) {
            add(
                .noEvidence, root.appending("evidence"),
                "no evidence about \(topic.rawValue): the principle resting on it stays unknown until a source is cited", severity: .warning)
        }
        // Plain http is refused by the refresh job (unless --allow-plain-http, for loopback tests), so a record
        // with it still reads fine but never gets an attestation: worth a warning, not a broken record.
        if let url = t.attestationURL, url.lowercased().hasPrefix("http://") {
            add(
                .plainHTTP, root.appending("attestationURL"),
                "attestations must be fetched over https; refresh refuses this URL (except with --allow-plain-http, for tests)", severity: .warning)
        }
        var watched = Set<String>()
        for (i, w) in t.watch.enumerated() where !watched.insert(w.url).inserted {
            add(.duplicateURL, root.appending("watch").appending(index: i).appending("url"), "\(w.url) is watched twice")
        }
        // A selector the refresh cannot apply would fail every fetch of the page: caught here, before it is merged.
        for (i, w) in t.watch.enumerated() {
            for (key, list) in [("select", w.select ?? []), ("remove", w.remove ?? [])] {
                for (j, text) in list.enumerated() {
                    do { _ = try CSSSelector(parsing: text) } catch {
                        add(.invalidSelector, root.appending("watch").appending(index: i).appending(key).appending(index: j), error.description)
                    }
                }
            }
        }
        if let review = t.review {
            let path = root.appending("review")
            if let next = review.nextReviewBy, next <= review.on {
                add(.badDate, path.appending("nextReviewBy"), "next review \(next) is not after the review date \(review.on)")
            }
            for (i, d) in review.documents.enumerated() where !watched.contains(d.url) {
                add(
                    .unwatchedDocument, path.appending("documents").appending(index: i).appending("url"),
                    "\(d.url) was reviewed but is not in watch, so changes to it go unnoticed", severity: .warning)
            }
        }
        if let a = t.arrangement, a.reference == nil,
            ArrangementField.allCases.contains(where: a.records)
        {
            add(
                .unreferencedArrangement, root.appending("arrangement").appending("reference"),
                "the arrangement has no reference (contract, ticket or e-mail), so the validator does not count it", severity: .warning)
        }
        let folded = Set(t.aliases.map(Suggest.fold))
        if folded.count != t.aliases.count {
            add(.duplicateAlias, root.appending("aliases"), "two aliases differ only in case or accents", severity: .warning)
        }
        return issues
    }

    package static func vendor(_ v: VendorRecord, fileID: String, file: String) -> [Issue] {
        var issues: [Issue] = []
        let root = JSONPath.root
        if let mismatch = idMismatch(v.id, fileID: fileID, file: file) { issues.append(mismatch) }
        for (i, key) in v.keys.enumerated() {
            let path = root.appending("keys").appending(index: i)
            if v.keys.prefix(i).contains(where: { $0.keyid == key.keyid }) {
                issues.append(
                    Issue(code: .duplicateKeyid, file: file, path: path.appending("keyid"), message: "keyid \"\(key.keyid)\" is used twice"))
            }
            if let until = key.validUntil, until <= key.validFrom {
                issues.append(Issue(code: .badDate, file: file, path: path.appending("validUntil"), message: "validUntil is not after validFrom"))
            }
            if let problem = PublicKeyText.problem(key.publicKey, algorithm: key.algorithm) {
                issues.append(Issue(code: .badKey, file: file, path: path.appending("publicKey"), message: problem))
            }
        }
        for (i, domain) in v.domains.enumerated() {
            if let owner = SourceChecks.shorteners.union(SourceChecks.copyHosts).first(where: {
                URLCheck.host(URLCheck.splitDomain(domain).host, isWithin: $0)
            }) {
                issues.append(
                    Issue(
                        code: .unacceptableSource, file: file, path: root.appending("domains").appending(index: i),
                        message: "\(domain) is under \(owner), a shortener or document-copy site, not the vendor's own domain"))
            }
        }
        return issues
    }

    package static func policy(_ p: Policy, file: String) -> [Issue] {
        var issues: [Issue] = []
        let rules = JSONPath.root.appending("principles").appending(Principle.noStore.rawValue)
        for purpose in p.principles.noStore.exemptFromDayLimit where !p.principles.noStore.allowedPurposes.contains(purpose) {
            issues.append(
                Issue(
                    .warning, code: .exemptNotAllowed, file: file, path: rules.appending("exemptFromDayLimit"),
                    message: "\"\(purpose.rawValue)\" is exempt from the day limit but not an allowed purpose, so the exemption has no effect"))
        }
        let uses = p.assessment.uses.map(\.use)
        if Set(uses).count != uses.count {
            issues.append(
                Issue(
                    code: .duplicateUse, file: file, path: JSONPath.root.appending("assessment").appending("uses"),
                    message: "a use flag is defined twice"))
        }
        return issues
    }
}
