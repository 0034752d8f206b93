package io.ficus.gateway.protection;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers a request that is not valid HTTP (Netty's codec could not parse it, or its target holds a NUL, another
 * control byte or a space) with a problem+json 400 and closes the connection, where the server would send an empty
 * 400. Nothing of such a request reaches Spring or a backend. One per connection, on its event loop.
 */
final class UnparseableRequestGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "ficusUnparseableRequestGuard";

    private final byte[] problem;
    private boolean refused;

    /** @param problem the problem+json body to send, serialized once by the caller */
    UnparseableRequestGuard(byte[] problem) {
        this.problem = problem;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject http && (http.decoderResult().isFailure()
                || msg instanceof HttpRequest request && hasControlCharacter(request.uri()))) {
            refused = true;
            ReferenceCountUtil.release(msg);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(problem));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Netty's codec lets a NUL or another control byte through in the request target; the server's URI parsing would
     * then refuse it with an empty 400. A valid target has none (RFC 9112: it is visible ASCII, percent-encoded).
     */
    private static boolean hasControlCharacter(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
