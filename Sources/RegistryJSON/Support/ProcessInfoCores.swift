import FoundationEssentials

/// The number of cores to spread file parsing over.
enum ProcessInfoCores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
