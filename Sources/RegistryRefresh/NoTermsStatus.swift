import RegistryStorage
import TermsText

extension NoTermsText {
    /// The status of a watched document whose page yields no terms text for this reason.
    var status: RefreshStatus {
        switch reason {
        case .selectorMatchedNothing: .selectorMatchedNothing
        case .invalidSelector: .invalidSelector
        case .scriptShell: .scriptShell
        case .errorPage: .errorPage
        case .empty: .noTermsText
        }
    }
}
