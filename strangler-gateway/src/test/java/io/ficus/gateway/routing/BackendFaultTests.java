package io.ficus.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which errors of a backend call are the backend's fault, and which fault. */
class BackendFaultTests {

    @Test
    void aPooledConnectionClosedBeforeTheRequestWentOutIsAReset() {
        // a backend killed between two requests: the gateway had picked one of its idle connections (seen in CI as
        // a 500 for a GET that another instance could have answered)
        assertThat(BackendFault.of(AbortedException.beforeSend())).isEqualTo(BackendFault.RESET);
        assertThat(BackendFault.of(new RuntimeException("wrapped", AbortedException.beforeSend())))
                .isEqualTo(BackendFault.RESET);
    }

    @Test
    void otherAbortsAndPlainErrorsAreNotTheBackendsFault() {
        assertThat(BackendFault.of(new AbortedException("the caller went away"))).isNull();
        assertThat(BackendFault.of(new IllegalStateException("a bug of the gateway"))).isNull();
    }

    @Test
    void refusalsAndResetsAsBefore() {
        assertThat(BackendFault.of(new ConnectException("Connection refused"))).isEqualTo(BackendFault.REFUSED);
        assertThat(BackendFault.of(new IOException("Connection reset by peer"))).isEqualTo(BackendFault.RESET);
    }
}
