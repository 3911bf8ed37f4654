package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.HeartbeatNegotiation;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.RenegotiationInfo;
import io.coaps4j.dtls.handshake.message.ServerNameList;
import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a client handshake (RFC 6347 section 4.2.4 flight 1): the ClientHello offers the
 * configured suites the client holds keys for, with null compression, the extended master secret (RFC 7627), an empty
 * renegotiation_info (RFC 5746: this client never renegotiates) and, when the server was reached
 * by name, server_name (RFC 6066).
 */
public final class ClientHandshake {

    /** The first state and the flight to send. */
    public record Start(HandshakeState state, List<OutgoingMessage> flight) {
    }

    private ClientHandshake() {
    }

    /**
     * The first state and flight of a handshake authenticated with {@code keys}, towards a server reached by
     * {@code serverName} when it was addressed by name.
     *
     * @throws IllegalArgumentException when {@code keys} serve none of the configured suites, or
     *                                  {@code serverName} is an address literal
     */
    public static Start start(HandshakeContext context, ClientKeys keys, Optional<String> serverName) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(serverName, "serverName");
        serverName.ifPresent(ClientHandshake::checkHostName);
        List<Integer> suites = new ArrayList<>();
        for (CipherSuite suite : context.config().cipherSuites()) {
            if (keys.canOffer(suite)) {
                suites.add(suite.code());
            }
        }
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("no credentials for the configured suites "
                    + context.config().cipherSuites() + " in " + keys);
        }
        Extensions.Builder extensions = Extensions.builder();
        serverName.ifPresent(name -> extensions.add(ServerNameList.ofHostName(name)));
        HeartbeatNegotiation.offer(context.config(), extensions);
        if (context.config().extendedMasterSecret() != ExtendedMasterSecretMode.DISABLED) {
            extensions.extendedMasterSecret();
        }
        extensions.add(RenegotiationInfo.EMPTY);
        ClientHello hello = new ClientHello(ProtocolVersion.DTLS_1_2,
                context.crypto().random().nextBytes(ClientHello.RANDOM_LENGTH), new byte[0], new byte[0], suites,
                new byte[] {ClientHello.COMPRESSION_NULL}, extensions.build());
        ClientOffer offer = new ClientOffer(hello, 0, keys, serverName.map(n -> ServerNameList.ofHostName(n).hostName()), 0);
        return new Start(new ClientAwaitingServerHello(offer), List.of(OutgoingMessage.handshake(hello, 0)));
    }

    /**
     * Checks that {@code name}, the name a server was reached by, is a DNS host name: server_name
     * carries no address literals (RFC 6066 section 3).
     *
     * @throws IllegalArgumentException naming the literal otherwise
     */
    public static void checkHostName(String name) {
        boolean ipv4 = name.matches("[0-9.]+");
        if (name.isEmpty() || ipv4 || name.contains(":")) {
            throw new IllegalArgumentException("serverName must be a DNS host name, not an address literal"
                    + " (RFC 6066 section 3): " + name);
        }
    }
}
