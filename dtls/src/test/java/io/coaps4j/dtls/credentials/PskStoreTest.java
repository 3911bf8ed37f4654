package io.coaps4j.dtls.credentials;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PskStoreTest {
    private static final byte[] KEY_A = {1, 2, 3, 4};
    private static final byte[] KEY_B = {5, 6, 7, 8};
    private static final byte[] KEY_C = {9, 9, 9};

    private static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void clientPicksByHostNameThenAddressThenDefault() throws Exception {
        InMemoryPskStore store = InMemoryPskStore.builder()
                .add("default-id", KEY_C)
                .add("by-address", KEY_B, PskPeer.address(InetAddress.getByName("192.0.2.7")))
                .add("by-name", KEY_A, PskPeer.hostName("Gateway.Example"))
                .build();

        assertThat(store.clientCredentials(address("192.0.2.7", 5684), Optional.of("gateway.example")))
                .map(c -> c.identity().text()).contains("by-name");
        assertThat(store.clientCredentials(address("192.0.2.7", 5684), Optional.empty()))
                .map(c -> c.identity().text()).contains("by-address");
        assertThat(store.clientCredentials(address("198.51.100.1", 5684), Optional.of("other.example")))
                .map(c -> c.identity().text()).contains("default-id");
    }

    @Test
    void clientWithoutMatchingOrDefaultEntryHasNoCredentials() throws Exception {
        InMemoryPskStore store = InMemoryPskStore.builder()
                .add("only-here", KEY_A, PskPeer.address(address("192.0.2.7", 5684)))
                .build();
        assertThat(store.clientCredentials(address("192.0.2.7", 5685), Optional.empty())).isEmpty();
        assertThat(store.clientCredentials(address("192.0.2.7", 5684), Optional.empty())).isPresent();
    }

    @Test
    void serverChoosesKeyOfTheSameIdentityByServerName() throws Exception {
        InMemoryPskStore store = InMemoryPskStore.builder()
                .add("device", KEY_A, PskPeer.hostName("a.example"))
                .add("device", KEY_B, PskPeer.hostName("b.example"))
                .build();
        PskIdentity device = PskIdentity.of("device");
        InetSocketAddress client = address("203.0.113.5", 40000);

        assertThat(store.serverKey(device, Optional.of("b.example"), client)).map(PreSharedKey::bytes).contains(KEY_B);
        assertThat(store.serverKey(device, Optional.of("A.EXAMPLE"), client)).map(PreSharedKey::bytes).contains(KEY_A);
        assertThat(store.serverKey(device, Optional.of("c.example"), client)).isEmpty();
        assertThat(store.servesName("b.example")).isTrue();
        assertThat(store.servesName("c.example")).isFalse();
    }

    @Test
    void serverCredentialsCarryTheStoredIdentityInstanceAndTheRightKey() throws Exception {
        PskIdentity stored = PskIdentity.of("device");
        InMemoryPskStore store = InMemoryPskStore.builder()
                .add("other", KEY_C)
                .add(stored, PreSharedKey.of(KEY_A), PskPeer.hostName("a.example"))
                .add(PskIdentity.of("device"), PreSharedKey.of(KEY_B), PskPeer.hostName("b.example"))
                .build();
        PskIdentity fromWire = PskIdentity.ofUtf8("device".getBytes(StandardCharsets.UTF_8));
        InetSocketAddress client = address("203.0.113.5", 40000);

        PskCredentials found = store.serverCredentials(fromWire, Optional.of("a.example"), client).orElseThrow();
        assertThat(found.identity()).isSameAs(stored).isNotSameAs(fromWire);
        assertThat(found.key().bytes()).isEqualTo(KEY_A);
        assertThat(store.serverCredentials(fromWire, Optional.of("b.example"), client))
                .map(c -> c.key().bytes()).contains(KEY_B);
        assertThat(store.serverCredentials(PskIdentity.of("nobody"), Optional.empty(), client)).isEmpty();
    }

    @Test
    void serverRefusesIdentityFromAnAddressOutsideItsScope() throws Exception {
        InMemoryPskStore store = InMemoryPskStore.builder()
                .add("sensor", KEY_A, PskPeer.address(InetAddress.getByName("203.0.113.5")))
                .build();
        PskIdentity sensor = PskIdentity.of("sensor");

        assertThat(store.serverKey(sensor, Optional.empty(), address("203.0.113.5", 1))).isPresent();
        assertThat(store.serverKey(sensor, Optional.empty(), address("203.0.113.6", 1))).isEmpty();
        assertThat(store.serverKey(PskIdentity.of("nobody"), Optional.empty(), address("203.0.113.5", 1))).isEmpty();
    }

    @Test
    void ambiguousEntriesAreRefusedAtBuild() {
        assertThatThrownBy(() -> InMemoryPskStore.builder().add("x", KEY_A).add("x", KEY_B).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity 'x'");
    }

    @Test
    void identitiesAreValidated() {
        assertThatThrownBy(() -> PskIdentity.of("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PskIdentity.of("x".repeat(129))).hasMessageContaining("128");
        assertThat(PskIdentity.of("é".repeat(64)).utf8()).hasSize(128);
        assertThatThrownBy(() -> PskIdentity.of("é".repeat(65))).hasMessageContaining("128");
        assertThatThrownBy(() -> PskIdentity.ofUtf8(new byte[] {(byte) 0xC3, 0x28})).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> PskIdentity.of("\uD800")).hasMessageContaining("surrogate");
        assertThat(PskIdentity.fromWire(new byte[] {(byte) 0xFF})).isEmpty();
        assertThat(PskIdentity.fromWire("ok".getBytes(StandardCharsets.UTF_8))).map(PskIdentity::text).contains("ok");
    }

    @Test
    void keysAreValidatedAndNeverPrinted() {
        assertThatThrownBy(() -> PreSharedKey.of(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> PreSharedKey.of(new byte[65])).hasMessageContaining("64");
        PreSharedKey key = PreSharedKey.of(new byte[] {0x41, 0x42, 0x43, 0x44});
        PskCredentials credentials = new PskCredentials(PskIdentity.of("id"), key);
        for (String text : new String[] {key.toString(), credentials.toString(),
                InMemoryPskStore.builder().add("id", new byte[] {0x41, 0x42}).build().entries().get(0).toString()}) {
            assertThat(text).doesNotContain("65").doesNotContain("AB").doesNotContain("41").contains("hidden");
        }
    }

    @Test
    void principalNamesTheIdentity() {
        PskPrincipal principal = new PskPrincipal(PskIdentity.of("client-7"));
        assertThat(principal.getName()).isEqualTo("client-7");
        assertThat(principal).isEqualTo(new PskPrincipal(PskIdentity.of("client-7")));
    }
}
