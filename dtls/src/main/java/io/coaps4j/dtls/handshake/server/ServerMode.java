package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.MisuseException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.message.HandshakeMessage;
import io.coaps4j.dtls.handshake.message.PskServerKeyExchange;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The part of a server handshake that depends on the security mode of the suite chosen from the ClientHello:
 * which server names it acknowledges, what goes between ServerHello and ServerHelloDone, and which state reads
 * the client's key exchange. Stateless constants, so choosing one allocates nothing.
 */
enum ServerMode {
    /** RFC 4279 section 2: an optional ServerKeyExchange with the identity hint, then the client's identity. */
    PRE_SHARED_KEY {
        @Override
        boolean servesName(DtlsConfig config, String serverName) {
            return keys(config).store().servesName(serverName);
        }

        @Override
        void addKeyExchange(DtlsConfig config, List<HandshakeMessage> flight) {
            keys(config).identityHint().ifPresent(hint ->
                    flight.add(new PskServerKeyExchange(hint.getBytes(StandardCharsets.UTF_8))));
        }

        @Override
        HandshakeState afterFlight(ServerNegotiated negotiated, Transcript transcript) {
            return new ServerAwaitingClientKeyExchange(negotiated, transcript);
        }

        private PreSharedKeys keys(DtlsConfig config) {
            // The suite was chosen because the configuration holds these credentials.
            return config.preSharedKeys().orElseThrow();
        }
    },
    /**
     * RFC 8422 with the certificate types of RFC 7250: RawPublicKey or Certificate, chosen per connection by
     * {@link EcdheChoice}; its flight needs a signature, so {@link EcdheServerFlight} builds it.
     */
    ECDHE_ECDSA {
        @Override
        boolean servesName(DtlsConfig config, String serverName) {
            return false;
        }

        @Override
        void addKeyExchange(DtlsConfig config, List<HandshakeMessage> flight) {
            throw new UnsupportedOperationException("EcdheServerFlight builds the ECDHE_ECDSA flight");
        }

        @Override
        HandshakeState afterFlight(ServerNegotiated negotiated, Transcript transcript) {
            throw new UnsupportedOperationException("EcdheServerFlight builds the ECDHE_ECDSA flight");
        }
    };

    /**
     * The mode of {@code suite}, chosen because the server holds its credentials.
     *
     * @throws MisuseException when the suite's handshake is not implemented (never for a valid configuration)
     */
    static ServerMode of(CipherSuite suite) throws MisuseException {
        return switch (suite.keyExchange()) {
            case PSK -> PRE_SHARED_KEY;
            case ECDHE_ECDSA -> ECDHE_ECDSA;
        };
    }

    /** Whether the server holds credentials scoped to {@code serverName}: then it acknowledges it (RFC 6066 section 3). */
    abstract boolean servesName(DtlsConfig config, String serverName);

    /** Adds what goes between ServerHello and ServerHelloDone in flight 4. */
    abstract void addKeyExchange(DtlsConfig config, List<HandshakeMessage> flight);

    /** The state that awaits the client's flight 5 once flight 4 ({@code transcript} ends with it) is out. */
    abstract HandshakeState afterFlight(ServerNegotiated negotiated, Transcript transcript);
}
