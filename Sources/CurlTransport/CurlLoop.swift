import CCurl
import Synchronization

/// The multi handle, shareable so that other threads can call `curl_multi_wakeup`.
struct MultiHandle: @unchecked Sendable {
    // @unchecked: only the curl thread uses `raw`, except for curl_multi_wakeup, which libcurl documents as
    // callable from any thread; the inbox lock keeps even that from racing curl_multi_cleanup.
    let raw: UnsafeMutableRawPointer
}

/// Set once when the caller gives up on a fetch; read by the curl thread.
final class CancelToken: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .releasing) }
    var isCancelled: Bool { flag.load(ordering: .acquiring) }
}

/// One attempt handed to the curl thread, with the continuation that receives its outcome.
struct Job: Sendable {
    let id: UInt64
    let plan: AttemptPlan
    let token: CancelToken
    let continuation: CheckedContinuation<AttemptOutcome, Never>
}

/// What other threads hand to the curl thread; guarded by a lock, drained by the loop each turn.
struct Inbox: Sendable {
    enum State: Sendable { case running, stopping, closed }
    var jobs: [Job] = []
    var cancelled: [UInt64] = []
    var state = State.running
    var nextID: UInt64 = 0
    /// The curl thread is (about to be) parked in `curl_multi_poll`: a new job must wake it. While it runs,
    /// it drains the inbox anyway, so a wake-up (a write to libcurl's socketpair and an extra loop turn) per
    /// job would be wasted.
    var sleeping = false
}

/// First-in first-out queue with O(1) pops, for one host's jobs waiting for a free transfer slot.
struct JobQueue {
    private var storage: [Job] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }

    mutating func append(_ job: Job) { storage.append(job) }

    mutating func popFirst() -> Job? {
        guard head < storage.count else { return nil }
        let job = storage[head]
        head += 1
        if head > 1024, head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return job
    }

    mutating func remove(id: UInt64) -> Job? {
        guard let index = storage[head...].firstIndex(where: { $0.id == id }) else { return nil }
        return storage.remove(at: index)
    }

    var all: ArraySlice<Job> { storage[head...] }
}

/// Waiting jobs, one FIFO per host, served round-robin so that one busy host cannot starve the others.
struct PendingJobs {
    private var queues: [String: JobQueue] = [:]
    /// Hosts that have waiting jobs; `cursor` rotates over them.
    private var hosts: [String] = []
    private var cursor = 0

    var isEmpty: Bool { hosts.isEmpty }

    mutating func append(_ job: Job) {
        let host = job.plan.hostKey
        if queues[host] == nil { hosts.append(host) }
        queues[host, default: JobQueue()].append(job)
    }

    /// The oldest job of the next host (round-robin) for which `canStart` is true, or nil when none can start.
    mutating func popFirst(where canStart: (String) -> Bool) -> Job? {
        for step in 0..<hosts.count {
            let index = (cursor + step) % hosts.count
            let host = hosts[index]
            guard canStart(host), let job = queues[host]?.popFirst() else { continue }
            if queues[host]?.isEmpty ?? true {
                queues[host] = nil
                hosts.remove(at: index)
                cursor = hosts.isEmpty ? 0 : index % hosts.count
            } else {
                cursor = (index + 1) % hosts.count
            }
            return job
        }
        return nil
    }

    mutating func remove(id: UInt64) -> Job? {
        for (index, host) in hosts.enumerated() {
            guard let job = queues[host]?.remove(id: id) else { continue }
            if queues[host]?.isEmpty ?? true {
                queues[host] = nil
                hosts.remove(at: index)
                cursor = hosts.isEmpty ? 0 : cursor % hosts.count
            }
            return job
        }
        return nil
    }

    mutating func removeAll() -> [Job] {
        defer {
            queues = [:]
            hosts = []
            cursor = 0
        }
        return hosts.flatMap { queues[$0]?.all ?? [] }
    }
}

/// The curl thread's state: owns the multi handle and every easy handle. Never leaves that thread.
final class Engine {
    private let multi: MultiHandle
    private let inbox: LockedBox<Inbox>
    private let maxConcurrent: Int
    private let maxPerHost: Int
    private var pending = PendingJobs()
    private var active: [UInt64: Transfer] = [:]
    private var byHandle: [UnsafeMutableRawPointer: UInt64] = [:]
    /// Easy handles of finished transfers, for the next ones (at most `maxConcurrent`).
    private var idleHandles: [EasyHandle] = []
    /// Transfers handed to libcurl, per host key.
    private var activePerHost: [String: Int] = [:]
    /// Hosts seen answering over HTTP/2, where one connection carries many transfers at once.
    private var multiplexingHosts: Set<String> = []

    /// libcurl's default CURLMOPT_MAX_CONCURRENT_STREAMS: transfers one HTTP/2 connection carries at once.
    private static let streamsPerConnection = 100

    init(multi: MultiHandle, inbox: LockedBox<Inbox>, maxConcurrent: Int, maxPerHost: Int) {
        self.multi = multi
        self.inbox = inbox
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxPerHost = max(1, maxPerHost)
    }

    /// Runs until shutdown is requested, then fails what is left and frees the multi handle.
    func run() {
        var running: Int32 = 0
        while true {
            let (jobs, cancelled, stopping) = inbox.withLock { box in
                defer {
                    box.jobs.removeAll(keepingCapacity: true)
                    box.cancelled.removeAll(keepingCapacity: true)
                    box.sleeping = false
                }
                return (box.jobs, box.cancelled, box.state != .running)
            }
            for job in jobs {
                // A task cancelled before its job got here (its cancel id may already have been drained) must
                // not wait in the queue for a slot just to be told so.
                if job.token.isCancelled, !stopping {
                    job.continuation.resume(returning: .failure(cancelledError(job.plan.url)))
                } else {
                    pending.append(job)
                }
            }
            if stopping { break }
            for id in cancelled { cancel(id) }
            admit()
            _ = curl_multi_perform(multi.raw, &running)
            drainCompleted()
            admit()
            // With nothing new in the inbox, the next job will wake the thread; jobs that arrived during this
            // turn only need a look at the sockets before the next turn takes them.
            let idle = inbox.withLock { box in
                box.sleeping = box.jobs.isEmpty && box.cancelled.isEmpty && box.state == .running
                return box.sleeping
            }
            // Sleeps until a socket is ready, a curl timer is due, curl_multi_wakeup is called, or 1 s passed.
            _ = curl_multi_poll(multi.raw, nil, 0, idle ? 1000 : 0, nil)
        }
        tearDown()
    }

    private func tearDown() {
        for (id, transfer) in active {
            finish(id, transfer, .failure(shutDownError(transfer.job.plan.url)))
        }
        for job in pending.removeAll() {
            job.continuation.resume(returning: .failure(shutDownError(job.plan.url)))
        }
        // After `closed` no thread calls curl_multi_wakeup any more, so the handle can go.
        let late = inbox.withLock { box in
            box.state = .closed
            defer { box.jobs = [] }
            return box.jobs
        }
        for job in late {
            job.continuation.resume(returning: .failure(shutDownError(job.plan.url)))
        }
        idleHandles.removeAll()  // each is cleaned up here, on the curl thread
        curl_multi_cleanup(multi.raw)
    }

    private func shutDownError(_ url: String) -> TransportError {
        TransportError(.clientShutDown, url: url, message: "the client was shut down before the transfer finished")
    }

    /// Starts queued jobs while there is a free slot under the global and the per-host limits.
    ///
    /// The per-host limit is enforced here and not only by CURLMOPT_MAX_HOST_CONNECTIONS: a transfer that
    /// waits inside libcurl for a connection already has its CURLOPT_TIMEOUT clock running (observed on 7.88),
    /// so a long queue for one host would time out transfers that never started. Here a transfer's time limit
    /// starts when it gets its slot. libcurl's own limit stays set as a backstop (e.g. redirects to another
    /// host, which still count against the first host here).
    private func admit() {
        while active.count < maxConcurrent,
            let job = pending.popFirst(where: { host in activePerHost[host, default: 0] < capacity(of: host) })
        {
            if job.token.isCancelled {
                job.continuation.resume(returning: .failure(cancelledError(job.plan.url)))
                continue
            }
            start(job)
        }
    }

    private func start(_ job: Job) {
        guard let handle = idleHandles.popLast() ?? EasyHandle() else {
            job.continuation.resume(
                returning: .failure(
                    TransportError(
                        .other(Int32(CURLE_FAILED_INIT.rawValue)), url: job.plan.url,
                        message: "libcurl could not create a transfer handle")))
            return
        }
        let transfer = Transfer(job: job, handle: handle)
        if let error = transfer.configure() {
            job.continuation.resume(returning: .failure(error))
            return
        }
        let code = curl_multi_add_handle(multi.raw, transfer.easy)
        guard code == CURLM_OK else {
            job.continuation.resume(
                returning: .failure(
                    TransportError(
                        .other(Int32(CURLE_FAILED_INIT.rawValue)), url: job.plan.url,
                        message: "libcurl could not start the transfer: \(String(cString: curl_multi_strerror(code)))")))
            return
        }
        active[job.id] = transfer
        byHandle[transfer.easy] = job.id
        activePerHost[job.plan.hostKey, default: 0] += 1
    }

    /// Transfers a host may have in libcurl at once: one per connection, or a connection's worth of
    /// streams per connection once the host has been seen multiplexing over HTTP/2.
    private func capacity(of host: String) -> Int {
        multiplexingHosts.contains(host) ? maxPerHost * Self.streamsPerConnection : maxPerHost
    }

    private func drainCompleted() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &left) {
            // Copy what we need: the message memory is invalid once the handle is removed.
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let id = byHandle[easy], let transfer = active[id]
            else { continue }
            let outcome = transfer.outcome(message.pointee.data.result)
            if case .success(let response) = outcome, response.redirectCount == 0, response.httpVersion == "2" {
                multiplexingHosts.insert(transfer.job.plan.hostKey)
            }
            finish(id, transfer, outcome, reuseHandle: transfer.handleIsReusable)
        }
    }

    private func cancel(_ id: UInt64) {
        if let transfer = active[id] {
            finish(id, transfer, .failure(cancelledError(transfer.job.plan.url)))
        } else if let job = pending.remove(id: id) {
            job.continuation.resume(returning: .failure(cancelledError(job.plan.url)))
        }
    }

    private func cancelledError(_ url: String) -> TransportError {
        TransportError(.cancelled, url: url, message: "the fetch was cancelled")
    }

    /// Removes the handle from the multi handle before the Transfer is released (its deinit frees the header list
    /// the handle points to), keeps the handle for the next transfer when `reuseHandle`, then resumes.
    private func finish(_ id: UInt64, _ transfer: Transfer, _ outcome: AttemptOutcome, reuseHandle: Bool = false) {
        _ = curl_multi_remove_handle(multi.raw, transfer.easy)
        if reuseHandle, idleHandles.count < maxConcurrent { idleHandles.append(transfer.handle) }
        active[id] = nil
        byHandle[transfer.easy] = nil
        let host = transfer.job.plan.hostKey
        if let count = activePerHost[host], count > 1 {
            activePerHost[host] = count - 1
        } else {
            activePerHost[host] = nil
        }
        transfer.job.continuation.resume(returning: outcome)
    }
}

@available(*, unavailable)
extension Engine: Sendable {}
