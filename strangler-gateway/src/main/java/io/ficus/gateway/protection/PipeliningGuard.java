package io.ficus.gateway.protection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Refuses HTTP/1.1 pipelining instead of dropping it: Reactor Netty 1.3.x leaves requests unanswered that arrive
 * while an earlier one on the same connection is still being answered (reactor/reactor-netty#4361). When that
 * happens, the answer in progress is sent with {@code Connection: close} and the connection is closed after it,
 * so the client knows the later requests were not processed and sends them again (RFC 9112, 9.3.2). One per
 * connection, confined to its event loop.
 */
final class PipeliningGuard extends ChannelDuplexHandler {

    static final String NAME = "ficusPipeliningGuard";

    private int inFlight;
    private boolean pipelined;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            if (inFlight > 0) {
                pipelined = true;
            }
            inFlight++;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (pipelined && msg instanceof HttpResponse response) {
            HttpUtil.setKeepAlive(response, false);
        }
        if (msg instanceof LastHttpContent) {
            inFlight--;
            if (pipelined) {
                ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.write(msg, promise);
    }
}
