// Bundle.module (the resource bundle) is Foundation's, not FoundationEssentials'.
import Foundation

/// The page's only script and style sheet, served from `/static/` (no inline script or style anywhere).
///
/// They are real files, `Resources/page.js` and `Resources/style.css`, copied into the target's resource
/// bundle (`genai-registry_RegistryServer.resources`, which SwiftPM puts beside the built executables), and
/// read once, the first time either is needed (``Site/loadAssets()`` at start-up).
enum Assets {
    static let script = text("page.js")
    static let styleSheet = text("style.css")

    /// The resource `name`; stops the program with the path it looked at when the file is not there, since the
    /// page cannot work without it and an install that lost it is broken.
    private static func text(_ name: String) -> String {
        let bundle = Bundle.module
        guard let url = bundle.url(forResource: name, withExtension: nil), let data = try? Data(contentsOf: url) else {
            fatalError("the lookup page's \(name) is missing from \(bundle.bundlePath): rebuild, or install the resource bundle beside the binary")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
