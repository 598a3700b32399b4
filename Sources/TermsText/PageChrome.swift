/// The parts of a page around its content — navigation, side menus, site header and footer, dialogs,
/// cookie and consent banners, alerts — which sites change on their own schedule, never as terms.
/// Used only when a watched document names no selectors.
enum PageChrome {
    static let elements: Set<String> = ["nav", "aside", "dialog", "menu"]

    /// ARIA roles of the same parts (and of live status messages).
    static let roles: Set<String> = [
        "navigation", "complementary", "contentinfo", "banner", "dialog", "alertdialog", "search", "menubar", "menu",
        "toolbar", "tooltip", "alert", "status", "marquee",
    ]

    /// Where a `header` or `footer` belongs to the content (a section's own heading and date) rather than being
    /// the site's banner or footer, as HTML's accessibility mapping decides.
    static let sectioning: Set<String> = ["article", "aside", "main", "nav", "section"]

    /// Consent-management tools and the ids and classes sites give their cookie banners.
    static let consentPrefixes = [
        "onetrust", "ot-sdk", "optanon", "cookiebot", "cybotcookiebot", "didomi", "usercentrics", "truste", "qc-cmp",
        "osano", "cookieyes", "cky-", "iubenda", "termly", "klaro", "cc-window", "cc-banner", "cmp-", "sp_message",
        "cookie-law", "cookielaw", "ccpa-", "gdpr-",
    ]
    /// Site-wide banners: announcements, promotions, "get the app" bars, which come and go on every page.
    static let siteBanners = [
        "announcement", "site-banner", "sitewide", "site-wide", "global-banner", "top-banner", "alert-banner", "promo-banner",
        "notification-bar", "smart-banner", "app-banner", "skip-link", "skip-to", "breadcrumb",
    ]
    static let consentSubjects = ["cookie", "consent", "gdpr", "tracking"]
    static let consentShapes = [
        "banner", "bar", "notice", "popup", "pop-up", "modal", "dialog", "prompt", "overlay", "wall", "manager", "preferences", "toast", "drawer",
        "sdk",
    ]

    /// Whether `element` is page chrome, given its ancestors' names.
    static func isChrome(_ node: HTMLTree.Node, in tree: HTMLTree, index: Int) -> Bool {
        guard let name = node.name else { return false }
        if elements.contains(name) { return true }
        if name == "header" || name == "footer" {
            var p = tree.parentElement(of: index)
            while let a = p {
                if let n = tree[a].name, sectioning.contains(n) || tree[a].attribute("role") == "main" { return false }
                p = tree.parentElement(of: a)
            }
            return true
        }
        if let role = node.attribute("role")?.lowercased(), roles.contains(role) { return true }
        if node.attribute("aria-modal")?.lowercased() == "true" { return true }
        return isBanner(node)
    }

    /// Whether its id or a class names a cookie or consent banner or a site-wide banner.
    static func isBanner(_ node: HTMLTree.Node) -> Bool {
        var names = node.attribute("id").map { [$0.lowercased()] } ?? []
        if let classes = node.attribute("class") { names += HTMLTree.tokens(classes).map { $0.lowercased() } }
        for n in names {
            if consentPrefixes.contains(where: { n.hasPrefix($0) }) || siteBanners.contains(where: { n.contains($0) }) { return true }
            if consentSubjects.contains(where: { n.contains($0) }) && consentShapes.contains(where: { n.contains($0) }) { return true }
        }
        return false
    }
}
