package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.engine.DtlsSession;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SecurePeerTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress(Fixtures.LOOPBACK, 5684);
    private static final DtlsSession FIRST = Fixtures.session(SERVER);
    private static final DtlsSession SECOND = Fixtures.session(SERVER);

    @Test
    void equalOnlyWithinTheSameSessionAndEpoch() {
        SecurePeer peer = SecurePeer.of(FIRST);
        assertThat(peer).isEqualTo(new SecurePeer(FIRST, FIRST.epoch())).hasSameHashCodeAs(new SecurePeer(FIRST, 1));
        assertThat(peer).as("another session, same address and epoch").isNotEqualTo(SecurePeer.of(SECOND));
        assertThat(peer).as("same session, another epoch").isNotEqualTo(new SecurePeer(FIRST, 2));
        assertThat(peer).as("a plain peer at the same address").isNotEqualTo(new PlainPeer(SERVER));
    }

    @Test
    void carriesAddressPrincipalAndSession() {
        SecurePeer peer = SecurePeer.of(FIRST);
        assertThat(peer.address()).isEqualTo(SERVER);
        assertThat(peer.secure()).isTrue();
        assertThat(peer.epoch()).isEqualTo(1);
        assertThat(peer.session()).isSameAs(FIRST);
        assertThat(peer.sessionId()).isEqualTo(FIRST.sessionId());
        assertThat(peer.principal()).get().isInstanceOf(PskPrincipal.class)
                .extracting(p -> p.getName()).isEqualTo("device-1");
        assertThat(peer.toString()).contains("epoch 1", "device-1").doesNotContain(new String(Fixtures.KEY));
    }

    @Test
    void refusesTheUnprotectedEpoch() {
        assertThatThrownBy(() -> new SecurePeer(FIRST, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epoch");
        assertThatThrownBy(() -> new SecurePeer(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("session");
    }
}
