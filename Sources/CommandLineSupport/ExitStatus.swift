public import RegistryDomain
import RegistryJSON
public import RegistryStorage

/// The exit codes of the product contract, the same in every command.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let noncompliant: Int32 = 1
    public static let undetermined: Int32 = 2
    public static let unknownTool: Int32 = 3
    public static let usage: Int32 = 64
    public static let invalidData: Int32 = 65
    public static let ioError: Int32 = 74

    /// The code for a verdict.
    public static func of(_ verdict: OverallVerdict) -> Int32 {
        switch verdict {
        case .compliant: success
        case .noncompliant: noncompliant
        case .undetermined: undetermined
        }
    }

    /// The code for several results: an unidentified tool wins, then noncompliant, then undetermined.
    public static func combine(_ codes: [Int32]) -> Int32 {
        for code in [invalidData, ioError, unknownTool, noncompliant, undetermined] where codes.contains(code) { return code }
        return success
    }

    /// Prints `error` for a person and returns the code it maps to.
    public static func report(_ error: RegistryError) -> Int32 {
        switch error {
        case .io(let failure):
            Console.error(failure.description)
            return ioError
        case .invalid(let issues):
            for issue in issues { Console.error(issue.description) }
            Console.error("the registry data above is invalid; fix it (genai-registry lint checks every file) — nothing was treated as passing")
            return invalidData
        case .unknownTool, .ambiguousTool:
            Console.error(error.description)
            return unknownTool
        }
    }
}
