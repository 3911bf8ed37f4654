package io.coaps4j.bench.run;

import io.coaps4j.bench.ObserveResources;
import io.coaps4j.bench.loadgen.Block2Download;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1 MB body fetched block-wise (RFC 7959 Block2, 1,024-byte blocks, one CON GET per block, each waited
 * for) over one PSK session: for each server in turn, {@value #WARMUP_TRANSFERS} warm-up transfers, then the
 * measured ones, their time and the server's CPU.
 */
final class Block2Suite {
    /**
     * Enough for both JVM servers to reach steady state: with 2, the measured transfers (3 to 7 of a fresh process)
     * still carried 50-250 ms of JIT compilation each, more than the work they measure (about 20-60 ms warm).
     */
    static final int WARMUP_TRANSFERS = 20;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 4;

    private Block2Suite() {
    }

    static List<Block2Measurement> run(RunContext context, ServerGroup group) throws InterruptedException {
        List<Block2Measurement> measurements = new ArrayList<>();
        int transfers = context.options.block2Transfers();
        for (String name : group.running()) {
            ServerProcess process = group.process(name);
            DtlsClientTransport transport = null;
            try {
                transport = DtlsClientTransport.factory(group.catalog().clientConfig(process.address()))
                        .open(process.address());
                transport.connect(HANDSHAKE_TIMEOUT);
                Block2Download download = new Block2Download(transport, ObserveResources.LARGE,
                        context.options.resendTimeout(), ATTEMPTS);
                for (int i = 0; i < WARMUP_TRANSFERS; i++) {
                    requireWhole(download.fetch());
                }
                CpuWindow cpu = context.cpuWindow(process.pid());
                cpu.beforeWindow();
                long start = System.nanoTime();
                long bytes = 0;
                for (int i = 0; i < transfers; i++) {
                    bytes += requireWhole(download.fetch());
                }
                long elapsed = System.nanoTime() - start;
                cpu.afterWindow();
                Block2Measurement m = new Block2Measurement(name, transfers, bytes / transfers, elapsed, cpu.serverNanos());
                measurements.add(m);
                RunContext.progress("%s: 1 MB block-wise in %.0f ms, %.1f ms server CPU per transfer", name,
                        m.millisPerTransfer(), m.serverCpuMillisPerTransfer());
            } catch (IOException | RuntimeException e) {
                context.fail(Suite.BLOCK2, name, e.getMessage());
                group.drop(name);
            } finally {
                if (transport != null) {
                    try {
                        transport.close();
                    } catch (IOException e) {
                        // The server is stopped next.
                    }
                }
            }
        }
        return measurements;
    }

    private static long requireWhole(long length) throws IOException {
        if (length != ObserveResources.LARGE_SIZE) {
            throw new IOException("the body was " + length + " bytes, not " + ObserveResources.LARGE_SIZE);
        }
        return length;
    }
}
