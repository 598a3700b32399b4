import Crypto
import Foundation
import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

@Suite struct FileIOTests {
    @Test func atomicWriteRefusesToReplaceWhatIsNotARegularFile() throws {
        let dir = NSTemporaryDirectory() + "fileio-\(UUID().uuidString)"
        try FileIO.makeDirectory(dir + "/sub")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileIO.Failure.self) { try FileIO.writeAtomically([1], to: dir + "/sub", sync: false) }
        #expect(FileIO.isDirectory(dir + "/sub"))
        try FileIO.writeAtomically([1, 2], to: dir + "/file", sync: false)
        try FileIO.writeAtomically([3], to: dir + "/file", sync: false)
        #expect(try FileIO.read(dir + "/file") == [3])
        #expect(try FileIO.listAll(dir).sorted() == ["file", "sub"], "no temporaries left")
    }

    @Test func batchWriterWritesEveryFileOrReplacesNone() throws {
        let dir = NSTemporaryDirectory() + "batch-\(UUID().uuidString)"
        try FileIO.makeDirectory(dir + "/a")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileIO.writeAtomically([9], to: dir + "/a/f0", sync: false)
        // A temporary left by an earlier writer with this pid is replaced, not appended to.
        try FileIO.writeAtomically([7, 7, 7, 7], to: dir + "/a/f2.tmp-\(getpid())", sync: false)
        var batch = BatchWriter()
        for i in 0..<100 { batch.add([UInt8(i), 1], to: dir + (i.isMultiple(of: 2) ? "/a" : "/b") + "/f\(i)") }
        // A later add for the same path replaces the earlier one: one file, the last content.
        batch.add([9], to: dir + "/a/f2")
        batch.add([9, 9], to: dir + "/a/f2")
        #expect(batch.count == 100)
        try batch.commit(syncRoot: dir)
        for i in 0..<100 {
            #expect(try FileIO.read(dir + (i.isMultiple(of: 2) ? "/a" : "/b") + "/f\(i)") == (i == 2 ? [9, 9] : [UInt8(i), 1]))
        }
        #expect(!(try FileIO.listAll(dir + "/a") + FileIO.listAll(dir + "/b")).contains { $0.contains(".tmp-") })

        // A directory where a file should go: the batch fails and no file of it replaces its old content.
        unlink(dir + "/b/f51")
        try FileIO.makeDirectory(dir + "/b/f51")
        var blocked = BatchWriter()
        blocked.add([42], to: dir + "/a/f0")
        blocked.add([42], to: dir + "/b/f51")
        #expect(throws: FileIO.Failure.self) { try blocked.commit(syncRoot: dir) }
        #expect(try FileIO.read(dir + "/a/f0") == [0, 1])
        #expect(FileIO.isDirectory(dir + "/b/f51"))
        #expect(!(try FileIO.listAll(dir + "/a") + FileIO.listAll(dir + "/b")).contains { $0.contains(".tmp-") })
    }

    @Test func readReturnsEveryByteWhateverTheSizeSaysOrIsMissing() throws {
        let dir = NSTemporaryDirectory() + "fileio-\(UUID().uuidString)"
        try FileIO.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try FileIO.writeAtomically(big, to: dir + "/big", sync: false)
        try FileIO.writeAtomically([], to: dir + "/empty", sync: false)
        #expect(try FileIO.read(dir + "/big") == big)
        #expect(try FileIO.read(dir + "/empty") == [])
        // A pseudo-file's size is 0 but it has content: read to the end, not to the announced size.
        let status = String(decoding: try FileIO.read("/proc/self/status"), as: UTF8.self)
        #expect(status.contains("Name:") && status.contains("VmRSS:"))
        #expect(throws: FileIO.Failure.self) { try FileIO.read(dir) }
        #expect(throws: FileIO.Failure.self) { try FileIO.read(dir + "/missing") }
    }
}
