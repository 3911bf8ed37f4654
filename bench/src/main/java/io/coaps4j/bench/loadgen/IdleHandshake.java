package io.coaps4j.bench.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One session left idle on a server: from {@code source}, a handshake and one answered GET, then the socket dropped
 * without close_notify (the server keeps the session). For {@code ManyIdleSessions}, where each client has its
 * own source address so that no later client can reuse its address and port.
 */
public final class IdleHandshake {
    private static final Duration RESEND = Duration.ofMillis(500);
    private static final int ATTEMPTS = 4;
    /** Its buffers are per thread. */
    private static final ThreadLocal<BlockingGet> GET = ThreadLocal.withInitial(
            () -> new BlockingGet(RequestTemplate.get("hello"), RESEND, ATTEMPTS));

    private IdleHandshake() {
    }

    /** Whether the session was established and its GET answered 2.xx. */
    public static boolean open(DtlsClientTransport.DtlsFactory factory, InetSocketAddress server, InetAddress source,
                               Duration timeout) {
        DtlsClientTransport transport = null;
        try {
            transport = factory.open(server, source);
            transport.connect(timeout);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return GET.get().run(transport, random.nextInt(1 << 16), random.nextInt());
        } catch (IOException e) {
            return false;
        } finally {
            if (transport != null) {
                try {
                    transport.abandon();
                } catch (IOException e) {
                    // The socket is released anyway.
                }
            }
        }
    }
}
