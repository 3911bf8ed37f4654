package io.coaps4j.dtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Measures the heap an idle established connection keeps in this layer, from heap deltas over many
 * instances (DESIGN.md "Memory per session": the whole idle session should stay well under 1,000 bytes). The
 * bounds sit a little above what is reached, so that a regression fails.
 */
class AssociationMemoryTest {
    private static final int INSTANCES = 10_000;
    private final CryptoContext crypto = CryptoContext.create();
    private final KeyBlock keys = Associations.keyBlock(3);

    @Test
    void anEstablishedAssociationStaysSmall() {
        double bytes = retainedBytesPerInstance(i -> {
            SecurityAssociation client = Associations.client(1, keys);
            SecurityAssociation server = Associations.server(1, keys);
            // Used once in each direction, so the replay window and counters are in their working state.
            byte[] record = client.protect(crypto, ContentType.APPLICATION_DATA, new byte[4]);
            server.unprotect(crypto, RecordCodec.decode(record, 0, record.length).get(0));
            return server;
        });
        System.out.printf("established SecurityAssociation: %.0f bytes%n", bytes);
        // 109 B: the object, and its two keys in one array (the bound leaves room for a shared machine's noise).
        assertThat(bytes).isLessThan(130);
    }

    @Test
    void anIdleEstablishedRecordLayerStaysSmall() {
        double bytes = retainedBytesPerInstance(i -> {
            RecordLayer layer = new RecordLayer();
            layer.installPending(Associations.server(1, keys));
            layer.activatePendingWrite();
            layer.activatePendingRead(crypto, new CollectingReceiver());
            layer.discardPreviousRead();
            return layer;
        });
        System.out.printf("idle established RecordLayer: %.0f bytes%n", bytes);
        // 144 B: the layer (32 B, nothing of the epoch change left) and its association.
        assertThat(bytes).isLessThan(170);
    }

    private static double retainedBytesPerInstance(IntFunction<Object> factory) {
        Object[] instances = new Object[INSTANCES];
        // Warm up classes, code paths and the per-thread cipher cache so that only instances are counted.
        for (int i = 0; i < 2_000; i++) {
            factory.apply(i);
        }
        long before = usedHeapAfterGc();
        for (int i = 0; i < INSTANCES; i++) {
            instances[i] = factory.apply(i);
        }
        long after = usedHeapAfterGc();
        assertThat(instances[INSTANCES - 1]).isNotNull(); // keeps them reachable up to here
        return (after - before) / (double) INSTANCES;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
