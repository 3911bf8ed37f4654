package io.coaps4j.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * What every benchmark server main shares: where to bind ({@code [host] [port]}, default 127.0.0.1 and an
 * ephemeral port), the "READY port" line the harness waits for, and ending when the harness closes our
 * standard input, so a server never outlives the run that started it.
 */
public final class ServerLauncher {
    /** The line prefix announcing the bound port on standard output. */
    public static final String READY = "READY ";

    private ServerLauncher() {
    }

    /** The address to bind from the main arguments. */
    public static InetSocketAddress bindAddress(String[] args) throws UnknownHostException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Prints the ready line, then blocks until standard input ends and runs {@code stop}. */
    public static void announceAndServe(int port, Runnable stop) {
        System.out.println(READY + port);
        System.out.flush();
        try {
            InputStream in = System.in;
            byte[] sink = new byte[64];
            while (in.read(sink) >= 0) {
                // The harness sends nothing; end of input means it is gone or wants us to stop.
            }
        } catch (IOException e) {
            // Same as end of input.
        }
        stop.run();
        System.exit(0);
    }
}
