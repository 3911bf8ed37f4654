package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing table against a HashMap under random puts, replacements and removals. */
class AddressTableTest {
    /** A value that knows its address, like a session. */
    private record Entry(InetSocketAddress address, int version) {
    }

    private final AddressTable<Entry> table = new AddressTable<>(Entry::address);

    private static InetSocketAddress address(int host, int port) {
        byte[] ip = {10, 0, (byte) (host >> 8), (byte) host};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void findsReplacesAndRemovesByAddress() {
        Entry first = new Entry(address(1, 5684), 1);
        assertThat(table.put(first)).isNull();
        assertThat(table.get(address(1, 5684))).isSameAs(first);
        assertThat(table.get(address(1, 5685))).isNull();
        Entry second = new Entry(address(1, 5684), 2);
        assertThat(table.put(second)).isSameAs(first);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.remove(address(1, 5684))).isSameAs(second);
        assertThat(table.remove(address(1, 5684))).isNull();
        assertThat(table.isEmpty()).isTrue();
        assertThat(table.containsKey(address(1, 5684))).isFalse();
    }

    @Test
    void agreesWithAHashMapThroughGrowthAndRemovals() {
        Map<InetSocketAddress, Entry> expected = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            // Few hosts and ports close together: long probe runs, the case backward-shift removal must get right.
            InetSocketAddress address = address(random.nextInt(4), 40_000 + random.nextInt(3_000));
            int op = random.nextInt(10);
            if (op < 5) {
                Entry entry = new Entry(address, step);
                assertThat(table.put(entry)).isEqualTo(expected.put(address, entry));
            } else if (op < 9) {
                assertThat(table.remove(address)).isEqualTo(expected.remove(address));
            } else {
                assertThat(table.get(address)).isEqualTo(expected.get(address));
            }
            assertThat(table.size()).isEqualTo(expected.size());
        }
        for (Map.Entry<InetSocketAddress, Entry> entry : expected.entrySet()) {
            assertThat(table.get(entry.getKey())).isSameAs(entry.getValue());
        }
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(expected.values());
        for (InetSocketAddress address : expected.keySet()) {
            table.remove(address);
        }
        assertThat(table.isEmpty()).isTrue();
        assertThat(table.values()).isEmpty();
    }

    @Test
    void aValueWithoutAnAddressIsRefused() {
        assertThatThrownBy(() -> table.put(new Entry(null, 0)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("address");
    }
}
