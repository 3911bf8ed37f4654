package io.coaps4j.bench.loadgen;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop CoAP load: {@code clients} clients, each with its own source port and one confirmable GET
 * outstanding at a time, spread over a few selector threads. Runs a warm-up, then a measured window, and
 * reports throughput and the latency distribution of that window.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /** Runs {@code spec}; {@code observer} is called right around the measured window. */
    public static LoadResult run(LoadSpec spec, WindowObserver observer) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom();
        RequestTemplate template = spec.proxyUri() != null ? RequestTemplate.getVia(spec.proxyUri())
                : RequestTemplate.get(spec.path());
        RunPhase phase = new RunPhase();
        List<List<ClientSlot>> partitions = new ArrayList<>();
        List<Selector> selectors = new ArrayList<>();
        List<ClientTransport.Factory> factories = new ArrayList<>();
        List<GeneratorLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int t = 0; t < spec.generatorThreads(); t++) {
                partitions.add(new ArrayList<>());
                selectors.add(Selector.open());
                // Each generator thread opens its transports through its own factory: per-thread state
                // (a DTLS crypto context) is then never shared; this thread opens the first ones before it starts.
                factories.add(spec.transport().forOneThread());
            }
            for (int c = 0; c < spec.clients(); c++) {
                int t = c % spec.generatorThreads();
                ClientTransport transport = factories.get(t).open(spec.server());
                ClientSlot slot = new ClientSlot(template.newBuffer(), transport, random.nextInt(1 << 16), random.nextInt(),
                        spec.requestsPerEndpoint());
                partitions.get(t).add(slot);
                transport.connect(spec.resendTimeout().multipliedBy(10));
                transport.channel().register(selectors.get(t), SelectionKey.OP_READ, slot);
            }
            for (int t = 0; t < spec.generatorThreads(); t++) {
                GeneratorLoop loop = new GeneratorLoop(partitions.get(t), selectors.get(t), phase, factories.get(t),
                        spec.server(), spec.resendTimeout(), random.nextLong());
                Thread thread = new Thread(loop, "loadgen-" + t);
                thread.setDaemon(true);
                loops.add(loop);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            sleep(spec.warmup().toNanos());
            observer.beforeWindow();
            phase.set(RunPhase.MEASURE);
            long windowStart = System.nanoTime();
            sleep(spec.measure().toNanos());
            phase.set(RunPhase.DONE);
            long windowNanos = System.nanoTime() - windowStart;
            observer.afterWindow();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            return collect(spec.clients(), windowNanos, loops);
        } finally {
            phase.set(RunPhase.DONE);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            for (List<ClientSlot> partition : partitions) {
                for (ClientSlot slot : partition) {
                    slot.transport.close();
                }
            }
            for (Selector selector : selectors) {
                selector.close();
            }
        }
    }

    private static LoadResult collect(int clients, long windowNanos, List<GeneratorLoop> loops) {
        LatencyHistogram all = new LatencyHistogram();
        long successes = 0;
        long failures = 0;
        long retransmissions = 0;
        long stale = 0;
        long sendErrors = 0;
        long abandoned = 0;
        long moved = 0;
        for (GeneratorLoop loop : loops) {
            if (loop.crash != null) {
                throw new IllegalStateException("a generator thread failed", loop.crash);
            }
            all.add(loop.latencies);
            successes += loop.successes;
            failures += loop.failures;
            retransmissions += loop.retransmissions;
            stale += loop.staleDatagrams;
            sendErrors += loop.sendErrors;
            abandoned += loop.abandoned;
            moved += loop.endpointsMoved;
        }
        return new LoadResult(clients, windowNanos, successes, failures, retransmissions, stale, sendErrors, abandoned,
                moved, all.valueAtPercentile(50), all.valueAtPercentile(99), all.max());
    }

    private static void sleep(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
