package io.coaps4j.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * What every benchmark server main shares: where to bind ({@code [host] [port]}, default 127.0.0.1 and an
 * ephemeral port), the "READY port" line the harness waits for, a control channel on standard input, and
 * ending when the harness closes our standard input, so a server never outlives the run that started it.
 *
 * <p>Control commands, one per line: {@value #GC_COMMAND} runs a full collection (three times, so that
 * objects freed by finalization or reference processing of the first are gone too) and answers
 * "{@value #HEAP} bytes" with the heap in use afterwards.
 */
public final class ServerLauncher {
    /** The line prefix announcing the bound port on standard output. */
    public static final String READY = "READY ";
    /** The command asking for the heap in use after a full collection. */
    public static final String GC_COMMAND = "GC";
    /** The prefix of the answer to {@link #GC_COMMAND}. */
    public static final String HEAP = "HEAP ";

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

    /** Prints the ready line, then serves control commands until standard input ends and runs {@code stop}. */
    public static void announceAndServe(int port, Runnable stop) {
        System.out.println(READY + port);
        System.out.flush();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals(GC_COMMAND)) {
                    System.out.println(HEAP + heapAfterFullGc());
                    System.out.flush();
                }
            }
        } catch (IOException e) {
            // Same as end of input.
        }
        stop.run();
        System.exit(0);
    }

    /** Heap bytes in use after full collections. */
    static long heapAfterFullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
