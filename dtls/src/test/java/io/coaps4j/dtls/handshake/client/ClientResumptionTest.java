package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.IncompatibleException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.ClientSessionCache;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's side of an abbreviated handshake against a ServerHello that echoes the offered session id. */
class ClientResumptionTest {
    private static final byte[] KEY = new byte[16];
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private final DtlsConfig config = DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("id", KEY).build())
            .build();

    /** A session from a real full handshake with our server, as the client's cache keeps it. */
    private ResumableSession cachedSession() {
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        ClientSessionCache cache = new ClientSessionCache(config);
        DtlsConnection client = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(), SERVER,
                Optional.empty(), cache, 0);
        List<byte[]> toServer = new ArrayList<>(client.start(0).datagrams());
        for (int round = 0; round < 10 && !toServer.isEmpty(); round++) {
            List<byte[]> next = new ArrayList<>();
            for (byte[] datagram : toServer) {
                for (DtlsServer.Outbound out : server.receive(CLIENT, datagram, 0).datagrams()) {
                    next.addAll(client.receive(out.datagram(), 0).datagrams());
                }
            }
            toServer = next;
        }
        return cache.find(SERVER, Optional.empty(), 0).orElseThrow();
    }

    private Transition answer(ResumableSession session, boolean extendedMasterSecret) throws Exception {
        HandshakeContext context = new HandshakeContext(config, CryptoContext.create(), SERVER);
        ClientHandshake.Start start = ClientHandshake.start(context, ClientKeys.psk(
                new PskCredentials(PskIdentity.of("id"), PreSharedKey.of(KEY))), Optional.empty(), Optional.of(session));
        ClientHello offered = ClientHello.decode(
                ((io.coaps4j.dtls.handshake.OutgoingMessage.Handshake) start.flight().get(0)).message().encodeBody());
        assertThat(offered.sessionId()).isEqualTo(session.sessionId());
        Extensions.Builder extensions = Extensions.builder();
        if (extendedMasterSecret) {
            extensions.extendedMasterSecret();
        }
        ServerHello hello = new ServerHello(ProtocolVersion.DTLS_1_2, new byte[32], session.sessionId(),
                CipherSuite.TLS_PSK_WITH_AES_128_CCM_8.code(), ClientHello.COMPRESSION_NULL, extensions.build());
        return start.state().onMessage(new ReceivedMessage(hello.type().code(), 0, 0, hello.encodeBody()), context);
    }

    @Test
    void aServerHelloEchoingTheIdStartsTheAbbreviatedHandshakeWithTheNextEpochsKeys() throws Exception {
        Transition next = answer(cachedSession(), true);

        Transition.Next abbreviated = (Transition.Next) next;
        assertThat(abbreviated.state()).isInstanceOf(AwaitingChangeCipherSpec.class);
        assertThat(abbreviated.state().name()).contains("ClientAwaitingResumedFinished");
        assertThat(abbreviated.flight()).isEmpty();
        assertThat(abbreviated.pendingKeys()).isPresent();
    }

    @Test
    void aServerResumingWithoutTheExtendedMasterSecretIsRefused() {
        // RFC 7627 section 5.3: the session used it, this ServerHello does not: the client aborts.
        ResumableSession session = cachedSession();
        assertThat(session.extendedMasterSecret()).isTrue();
        assertThatThrownBy(() -> answer(session, false)).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("RFC 7627 section 5.3");
    }
}
