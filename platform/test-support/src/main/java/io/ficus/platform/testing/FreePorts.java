package io.ficus.platform.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds TCP ports on 127.0.0.1 that nothing listens on, for processes a test starts. The ports lie below Linux's
 * ephemeral range (32768-60999), from which the OS picks the local port of every outgoing connection: a port the OS
 * handed out as free could be taken by some process's connection to PostgreSQL or RabbitMQ before the app that was
 * meant to listen on it started ("Port 41009 was already in use", seen with four processes starting at once). Each
 * port is handed out once per JVM, from a random start, so concurrent test JVMs rarely meet.
 */
public final class FreePorts {

    static final int FIRST = 21_000;
    static final int END = 28_000;

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(END - FIRST));

    private FreePorts() {
    }

    /** A port free right now (another process could still take it before it is used, but not the OS for itself). */
    public static int next() {
        for (int tries = 0; tries < END - FIRST; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), END - FIRST);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + FIRST + " and " + END);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
