package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.constants.HandshakeMessageType;
import de.rub.nds.tlsattacker.core.protocol.ProtocolMessage;
import de.rub.nds.tlsattacker.core.protocol.message.CertificateMessage;
import de.rub.nds.tlsattacker.core.protocol.message.CertificateVerifyMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ChangeCipherSpecMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ECDHClientKeyExchangeMessage;
import de.rub.nds.tlsattacker.core.protocol.message.FinishedMessage;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.engine.DtlsConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.coaps4j.attack.Counter.failed;
import static io.coaps4j.attack.Counter.noMetric;
import static io.coaps4j.attack.Expectation.alert;
import static io.coaps4j.attack.Expectation.waitingWithRetransmissionsOnly;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RawPublicKey mode with client authentication (RFC 7250, RFC 7252 section 9.1.3.2): the client's flight 5
 * without its Certificate or CertificateVerify, with them out of order, with an ECDH point off the curve (RFC 8422
 * section 5.11), with an ECDSA signature whose r or s is zero (FIPS 186-4: each must be in [1, n - 1]). (The point at
 * infinity, the single byte 0, TLS-Attacker refuses to send; the dtls module's EcdheAttackTest covers it.)
 *
 * <p>TLS-Attacker 6.3.4 does not parse the server's RFC 7250 Certificate, so it reads the server's flight 4
 * without looking into it, and the normal handshake after each attack is our own client's.
 */
class RpkAttacksTest extends AttackSuite {
    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} with r = 0, s = 1, and with r = 1, s = 0. */
    private static final byte[] R_ZERO = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01};
    private static final byte[] S_ZERO = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00};

    @Override
    DtlsConfig serverConfig() {
        return Servers.rawPublicKey(ClientAuthentication.NEED);
    }

    @Override
    Config attackerConfig() {
        return Attacker.rpkClient(server.port());
    }

    @Override
    void normalHandshakeFrom(int port) {
        assertThat(OurDtlsClient.handshake(Servers.rawPublicKeyClient(), port, server.address()))
                .as("our client's handshake after the attack").isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Override
    Stream<AttackCase> cases() {
        return Stream.of(
                flight5("no Certificate under client authentication", () -> List.of(
                        new ECDHClientKeyExchangeMessage(), new ChangeCipherSpecMessage(), new FinishedMessage()),
                        AlertDescription.UNEXPECTED_MESSAGE),
                // A ChangeCipherSpec where CertificateVerify is due may have overtaken a lost CertificateVerify
                // (RFC 6347 section 4.1): it switches nothing, the records protected behind it wait for keys, and
                // the handshake waits for a CertificateVerify that never comes; it ends when its retransmissions
                // run out. (Whether the ChangeCipherSpec is dropped or held while the ECDH job runs is timing.)
                flight5("no CertificateVerify", () -> List.of(rawPublicKey(),
                        new ECDHClientKeyExchangeMessage(), new ChangeCipherSpecMessage(), new FinishedMessage()),
                        waitingWithRetransmissionsOnly(), noMetric()),
                flight5("CertificateVerify after ChangeCipherSpec", () -> List.of(rawPublicKey(),
                        new ECDHClientKeyExchangeMessage(), new ChangeCipherSpecMessage(), new CertificateVerifyMessage(),
                        new FinishedMessage()),
                        waitingWithRetransmissionsOnly(), noMetric()),
                flight5("an ECDH point off the curve", () -> {
                    ECDHClientKeyExchangeMessage keyExchange = new ECDHClientKeyExchangeMessage();
                    keyExchange.setPublicKey(Modifiable.xor(new byte[] {1}, 64)); // y of 04 || x || y
                    return List.of(rawPublicKey(), keyExchange, new CertificateVerifyMessage(),
                            new ChangeCipherSpecMessage(), new FinishedMessage());
                }, AlertDescription.ILLEGAL_PARAMETER),
                flight5("an ECDSA signature with r = 0", () -> List.of(rawPublicKey(),
                        new ECDHClientKeyExchangeMessage(), verifyWith(R_ZERO), new ChangeCipherSpecMessage(),
                        new FinishedMessage()),
                        AlertDescription.DECRYPT_ERROR),
                flight5("an ECDSA signature with s = 0", () -> List.of(rawPublicKey(),
                        new ECDHClientKeyExchangeMessage(), verifyWith(S_ZERO), new ChangeCipherSpecMessage(),
                        new FinishedMessage()),
                        AlertDescription.DECRYPT_ERROR));
    }

    /**
     * The client's RFC 7250 Certificate: one SubjectPublicKeyInfo (our server trusts any key). Built here, not by
     * TLS-Attacker, whose builder calls a Bouncy Castle constructor that 1.80 no longer makes public.
     */
    private static CertificateMessage rawPublicKey() {
        byte[] spki = Servers.anyP256PublicKey().getEncoded();
        byte[] body = new byte[3 + spki.length];
        body[0] = (byte) (spki.length >>> 16);
        body[1] = (byte) (spki.length >>> 8);
        body[2] = (byte) spki.length;
        System.arraycopy(spki, 0, body, 3, spki.length);
        CertificateMessage certificate = new CertificateMessage();
        certificate.setShouldPrepareDefault(false);
        // Explicit modifications: they outlive the reset of the trace before it runs, plain values do not.
        certificate.setType(Modifiable.explicit(HandshakeMessageType.CERTIFICATE.getValue()));
        certificate.setCertificatesListLength(Modifiable.explicit(spki.length));
        certificate.setCertificatesListBytes(Modifiable.explicit(spki));
        certificate.setMessageContent(Modifiable.explicit(body));
        certificate.setLength(Modifiable.explicit(body.length));
        return certificate;
    }

    private static CertificateVerifyMessage verifyWith(byte[] signature) {
        CertificateVerifyMessage verify = new CertificateVerifyMessage();
        verify.setSignature(Modifiable.explicit(signature));
        return verify;
    }

    /** The cookie exchange, the server's flight 4 (not parsed), {@code flight} as flight 5, and the server's answer. */
    /** An attack the server must answer with the fatal {@code alert}. */
    private static AttackCase flight5(String name, Supplier<List<ProtocolMessage>> flight, AlertDescription alert) {
        return flight5(name, flight, alert(alert), failed(alert));
    }

    private static AttackCase flight5(String name, Supplier<List<ProtocolMessage>> flight, Expectation expected,
                                      Counter counter) {
        return new AttackCase("a flight 5 with " + name, config -> {
            List<TlsAction> actions = new ArrayList<>(Flights.cookieExchange(config));
            actions.addAll(Flights.whateverComes());
            actions.add(new SendAction(flight.get()));
            actions.addAll(Flights.whateverComes());
            return actions;
        }, expected, counter);
    }
}
