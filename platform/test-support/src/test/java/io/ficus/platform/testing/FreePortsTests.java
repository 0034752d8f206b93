package io.ficus.platform.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

    @Test
    void handsOutEachPortOnceBelowTheEphemeralRangeAndEveryOneCanBeBound() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(FreePorts.FIRST, FreePorts.END - 1);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void skipsAPortSomethingListensOn() throws IOException {
        int taken = FreePorts.next() + 1; // the next one in turn, unless it was taken already
        try (ServerSocket listener = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.next()).isNotEqualTo(taken);
        }
        catch (IOException alreadyTaken) {
            assertThat(FreePorts.next()).isNotEqualTo(taken);
        }
    }
}
