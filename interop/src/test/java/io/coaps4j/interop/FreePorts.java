package io.coaps4j.interop;

import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * A free UDP port for an external program, which cannot be told to bind port 0 and report it. The
 * port is free when returned; another process could take it before the program binds it, a race
 * narrow enough for tests.
 */
final class FreePorts {
    private FreePorts() {
    }

    static int udpOnLoopback() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free UDP port N on loopback whose N+1 is free too, for libcoap's coap-server, which serves
     * coap on {@code -p N} and coaps on N+1.
     */
    static int udpPairOnLoopback() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = udpOnLoopback();
            if (port < 65535 && free(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("found no two adjacent free UDP ports on loopback");
    }

    private static boolean free(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (SocketException taken) {
            return false;
        }
    }
}
