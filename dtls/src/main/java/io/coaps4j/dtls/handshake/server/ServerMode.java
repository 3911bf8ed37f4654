package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeMessage;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.PskServerKeyExchange;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.message.ServerHelloDone;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a server handshake that depends on the security mode of the suite chosen from the ClientHello:
 * which server names it acknowledges, which extensions its ServerHello adds, and flight 4 with the state that
 * reads the client's answer. Stateless constants, so choosing one allocates nothing.
 */
enum ServerMode {
    /** RFC 4279 section 2: an optional ServerKeyExchange with the identity hint, then the client's identity. */
    PRE_SHARED_KEY {
        @Override
        boolean servesName(DtlsConfig config, Optional<EcdheChoice> choice, String serverName) {
            return keys(config).store().servesName(serverName);
        }

        @Override
        void addHelloExtensions(Optional<EcdheChoice> choice, Extensions.Builder extensions) {
        }

        @Override
        Transition flight(ServerNegotiated negotiated, Optional<EcdheChoice> choice, ReceivedMessage clientHello,
                          ServerHello serverHello, HandshakeContext context) {
            List<HandshakeMessage> messages = new ArrayList<>(3);
            messages.add(serverHello);
            keys(context.config()).identityHint().ifPresent(hint ->
                    messages.add(new PskServerKeyExchange(hint.getBytes(StandardCharsets.UTF_8))));
            messages.add(ServerHelloDone.INSTANCE);

            Transcript transcript = Transcript.empty()
                    .append(HandshakeType.CLIENT_HELLO, clientHello.messageSeq(), clientHello.body());
            List<OutgoingMessage> flight = new ArrayList<>(messages.size());
            int seq = negotiated.nextSendSeq();
            for (HandshakeMessage outgoing : messages) {
                transcript = transcript.append(outgoing.type(), seq, outgoing.encodeBody());
                flight.add(OutgoingMessage.handshake(outgoing, seq++));
            }
            return Transition.send(new ServerAwaitingClientKeyExchange(negotiated.withNextSendSeq(seq), transcript),
                    flight);
        }

        private PreSharedKeys keys(DtlsConfig config) {
            // The suite was chosen because the configuration holds these credentials.
            return config.preSharedKeys().orElseThrow();
        }
    },
    /**
     * RFC 8422 with the certificate types of RFC 7250: RawPublicKey or Certificate, chosen per connection by
     * {@link EcdheChoice}; its flight needs a signature, which {@link EcdheServerFlight} awaits.
     */
    ECDHE_ECDSA {
        @Override
        boolean servesName(DtlsConfig config, Optional<EcdheChoice> choice, String serverName) {
            // A raw public key is one per server; a certificate chain may be picked by the name.
            return choice.orElseThrow().serverType() == CertificateType.X509
                    && config.credentials(SecurityMode.CERTIFICATE).map(CertificateCredentials.class::cast)
                    .flatMap(credentials -> credentials.chainPickedBy(serverName)).isPresent();
        }

        @Override
        void addHelloExtensions(Optional<EcdheChoice> choice, Extensions.Builder extensions) {
            EcdheServerFlight.answer(choice.orElseThrow(), extensions);
        }

        @Override
        Transition flight(ServerNegotiated negotiated, Optional<EcdheChoice> choice, ReceivedMessage clientHello,
                          ServerHello serverHello, HandshakeContext context) {
            return EcdheServerFlight.start(negotiated, choice.orElseThrow(), clientHello, serverHello, context);
        }
    };

    /** The mode of {@code suite}, chosen because the server holds its credentials. */
    static ServerMode of(CipherSuite suite) {
        return switch (suite.keyExchange()) {
            case PSK -> PRE_SHARED_KEY;
            case ECDHE_ECDSA -> ECDHE_ECDSA;
        };
    }

    /**
     * Whether the server used {@code serverName} (credentials scoped to it, or the chain it picked): then it
     * acknowledges it (RFC 6066 section 3).
     */
    abstract boolean servesName(DtlsConfig config, Optional<EcdheChoice> choice, String serverName);

    /** Adds the mode's ServerHello extensions; {@code choice} is present for ECDHE_ECDSA. */
    abstract void addHelloExtensions(Optional<EcdheChoice> choice, Extensions.Builder extensions);

    /**
     * Flight 4 after {@code serverHello} (whose message_seq is {@code negotiated.nextSendSeq()}), and the state that
     * awaits the client's flight; or the wait for what flight 4 needs computed.
     */
    abstract Transition flight(ServerNegotiated negotiated, Optional<EcdheChoice> choice, ReceivedMessage clientHello,
                               ServerHello serverHello, HandshakeContext context);
}
