package io.coaps4j.dtls.handshake.server;

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
import io.coaps4j.dtls.handshake.OutgoingMessage;
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

/** The server chooses between the abbreviated and the full handshake for a ClientHello naming a cached session. */
class ServerResumptionTest {
    private static final byte[] KEY = new byte[16];
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private final DtlsConfig config = DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("id", KEY).build())
            .build();

    /** A session from a real full handshake with our server (the client's cache entry serves as the cached one). */
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

    private ServerHello serverHello(ResumableSession session, boolean extendedMasterSecret) throws Exception {
        HandshakeContext context = new HandshakeContext(config, CryptoContext.create(), CLIENT,
                id -> session.hasId(id) ? Optional.of(session) : Optional.empty());
        Extensions.Builder extensions = Extensions.builder();
        if (extendedMasterSecret) {
            extensions.extendedMasterSecret();
        }
        ClientHello hello = new ClientHello(ProtocolVersion.DTLS_1_2, new byte[32], session.sessionId(), new byte[0],
                List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8.code()), new byte[] {ClientHello.COMPRESSION_NULL},
                extensions.build());
        Transition.Next next = (Transition.Next) ServerHandshake.start(1).onMessage(
                new ReceivedMessage(hello.type().code(), 1, 0, hello.encodeBody()), context);
        flight = next.flight();
        return (ServerHello) ((OutgoingMessage.Handshake) next.flight().get(0)).message();
    }

    private List<OutgoingMessage> flight;

    @Test
    void aKnownIdWithTheExtendedMasterSecretIsResumedWithServerHelloChangeCipherSpecAndFinished() throws Exception {
        ResumableSession session = cachedSession();
        ServerHello hello = serverHello(session, true);

        assertThat(hello.sessionId()).isEqualTo(session.sessionId());
        assertThat(flight).hasSize(3);
        assertThat(flight.get(1)).isInstanceOf(OutgoingMessage.ChangeCipherSpec.class);
    }

    @Test
    void aHelloWithoutTheExtendedMasterSecretGetsAFullHandshakeWithANewId() throws Exception {
        // RFC 7627 section 5.3: the session used it, the new hello does not offer it.
        ResumableSession session = cachedSession();
        ServerHello hello = serverHello(session, false);

        assertThat(hello.sessionId()).hasSize(32).isNotEqualTo(session.sessionId());
        assertThat(flight.get(flight.size() - 1)).isInstanceOf(OutgoingMessage.Handshake.class);
        assertThat(((OutgoingMessage.Handshake) flight.get(flight.size() - 1)).message().type().name())
                .isEqualTo("SERVER_HELLO_DONE");
    }
}
