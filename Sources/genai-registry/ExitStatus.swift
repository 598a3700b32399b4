import ArgumentParser
import GenAIRegistry

/// The exit codes of the product contract, the same in every command.
enum ExitStatus {
    static let success: Int32 = 0
    static let noncompliant: Int32 = 1
    static let undetermined: Int32 = 2
    static let unknownTool: Int32 = 3
    static let usage: Int32 = 64
    static let invalidData: Int32 = 65
    static let ioError: Int32 = 74

    /// The code for a verdict.
    static func of(_ verdict: OverallVerdict) -> Int32 {
        switch verdict {
        case .compliant: success
        case .noncompliant: noncompliant
        case .undetermined: undetermined
        }
    }

    /// The code for several results: an unidentified tool wins, then noncompliant, then undetermined.
    static func combine(_ codes: [Int32]) -> Int32 {
        for code in [invalidData, ioError, unknownTool, noncompliant, undetermined] where codes.contains(code) { return code }
        return success
    }

    /// Prints `error` for a person and returns the code it maps to.
    static func report(_ error: RegistryError) -> Int32 {
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
