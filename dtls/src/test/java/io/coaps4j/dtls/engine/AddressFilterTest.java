package io.coaps4j.dtls.engine;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The client-address filter never says "certainly not" for an address it holds, and mostly says it for others. */
class AddressFilterTest {

    @Test
    void anAddedAddressIsAlwaysAMaybeUntilEachAddIsRemoved() {
        AddressFilter filter = new AddressFilter(10);
        InetSocketAddress server = VirtualNetwork.address("10.0.0.1", 5684);
        assertThat(filter.mayContain(server)).isFalse();
        filter.add(server);
        filter.add(server);
        assertThat(filter.mayContain(server)).isTrue();
        filter.remove(server);
        assertThat(filter.mayContain(server)).as("one add is left").isTrue();
        filter.remove(server);
        assertThat(filter.mayContain(server)).isFalse();
    }

    @Test
    void addressesSharingABucketStayMaybesAndOthersAreMostlyCertainlyNot() {
        AddressFilter filter = new AddressFilter(16);
        List<InetSocketAddress> clients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            InetSocketAddress address = VirtualNetwork.address("192.0.2." + (i + 1), 5684);
            clients.add(address);
            filter.add(address);
        }
        assertThat(clients).allMatch(filter::mayContain);
        int falseMaybes = 0;
        for (int port = 40000; port < 41000; port++) {
            if (filter.mayContain(VirtualNetwork.address("198.51.100.7", port))) {
                falseMaybes++;
            }
        }
        assertThat(falseMaybes).as("16 addresses in 64 buckets").isLessThan(400);
        clients.subList(0, 8).forEach(filter::remove);
        assertThat(clients.subList(8, 16)).as("removing some keeps the others").allMatch(filter::mayContain);
    }
}
