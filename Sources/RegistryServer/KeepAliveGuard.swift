import NIOCore
import NIOHTTP1

/// Closes a connection after the answer to a request that did not ask to keep it open: an HTTP/1.0 request
/// without `Connection: keep-alive`, or any request with `Connection: close`.
///
/// Hummingbird reads requests in the version-independent HTTP types, which no longer say which HTTP version
/// was spoken, so it kept every HTTP/1.0 connection open after its answer (the client then waits for a close
/// that never comes). This handler sits next to the HTTP/1 decoder, where the version is still known, and
/// marks each answer `Connection: close` and closes once it has been written.
final class KeepAliveGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Whether each request read and not yet answered asked to keep the connection, in order (pipelining).
    private var keepAlive: [Bool] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) { keepAlive.append(head.isKeepAlive) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let closing = keepAlive.first == false
        switch unwrapOutboundIn(data) {
        case .head(var head) where closing:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            if !keepAlive.isEmpty { keepAlive.removeFirst() }
            if closing {
                let channel = context.channel
                let written = context.writeAndFlush(data)
                written.cascade(to: promise)
                written.whenComplete { _ in channel.close(promise: nil) }
            } else {
                context.write(data, promise: promise)
            }
        default:
            context.write(data, promise: promise)
        }
    }
}

@available(*, unavailable)
extension KeepAliveGuard: Sendable {}

/// Added where Hummingbird lets handlers in (after its HTTP type conversion), it puts a ``KeepAliveGuard``
/// next to the HTTP/1 decoder, where the request's version is still known, and otherwise passes everything on.
final class KeepAliveGuardInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        if let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? pipeline.addHandler(KeepAliveGuard(), position: .after(decoder))
        }
    }
}

@available(*, unavailable)
extension KeepAliveGuardInstaller: Sendable {}
