package io.coaps4j.cli.client;

import io.coaps4j.cli.Addresses;
import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.coaps.DtlsHandshakeException;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.credentials.PresentedCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;

/**
 * Says in one line why no DTLS session came about, and what the user most likely has to change.
 * In the PSK mode a wrong key shows up as a Finished message that does not verify (RFC 5246
 * section 7.4.9: decrypt_error), and an unknown identity as unknown_psk_identity or, from servers
 * that hide which identities exist, decrypt_error too (RFC 4279 section 2). In the RawPublicKey and
 * Certificate modes an untrusted server key ends in one of the certificate alerts (RFC 5246 section
 * 7.2.2), sent by this side; a key of ours the server does not accept, in one received.
 */
final class HandshakeFailures {
    private static final Set<AlertDescription> KEY_OR_IDENTITY_REFUSED = Set.of(AlertDescription.DECRYPT_ERROR,
            AlertDescription.BAD_RECORD_MAC, AlertDescription.UNKNOWN_PSK_IDENTITY);
    private static final Set<AlertDescription> CERTIFICATE_REFUSED = Set.of(AlertDescription.BAD_CERTIFICATE,
            AlertDescription.UNSUPPORTED_CERTIFICATE, AlertDescription.CERTIFICATE_EXPIRED,
            AlertDescription.CERTIFICATE_UNKNOWN, AlertDescription.UNKNOWN_CA, AlertDescription.ACCESS_DENIED,
            AlertDescription.HANDSHAKE_FAILURE);

    private HandshakeFailures() {
    }

    static CommandFailure describe(DtlsHandshakeException e, ClientCredentials credentials) {
        Optional<PskIdentity> identity = credentials.psk().map(psk -> psk.identity());
        if (identity.isEmpty()) {
            return describeKeys(e);
        }
        String server = Addresses.printable(e.server());
        String failed = "the DTLS handshake with " + server + " failed: ";
        Optional<AlertDescription> alert = e.alert();
        switch (e.reason()) {
            case REJECTED_BY_PEER:
                if (alert.isPresent() && KEY_OR_IDENTITY_REFUSED.contains(alert.get())) {
                    return new CommandFailure(ExitCodes.FAILURE, failed + "the server refused it (" + alert.get()
                            + " alert); most likely it does not hold the pre-shared key given for identity '"
                            + identity.get().text() + "' (check --psk-key and --psk-identity)");
                }
                return refused(failed, alert);
            case ABORTED_LOCALLY:
                if (alert.isPresent() && alert.get().equals(AlertDescription.DECRYPT_ERROR)) {
                    return new CommandFailure(ExitCodes.FAILURE, failed + "the server's Finished message does not"
                            + " verify with the pre-shared key given; most likely the server holds another key for"
                            + " identity '" + identity.get().text() + "' (check --psk-key)");
                }
                return new CommandFailure(ExitCodes.FAILURE, failed + detail(e));
            default:
                return common(e, credentials);
        }
    }

    /** The RawPublicKey and Certificate modes. */
    private static CommandFailure describeKeys(DtlsHandshakeException e) {
        String server = Addresses.printable(e.server());
        String failed = "the DTLS handshake with " + server + " failed: ";
        Optional<AlertDescription> alert = e.alert();
        switch (e.reason()) {
            case REJECTED_BY_PEER:
                if (alert.isPresent() && CERTIFICATE_REFUSED.contains(alert.get())) {
                    return new CommandFailure(ExitCodes.FAILURE, failed + "the server refused it (" + alert.get()
                            + " alert); most likely it does not accept this client's key: give the key it trusts with"
                            + " --key (and its certificate with --cert)");
                }
                return refused(failed, alert);
            case ABORTED_LOCALLY:
                if (alert.isPresent() && CERTIFICATE_REFUSED.contains(alert.get())) {
                    PresentedCredentials presented = e.presented();
                    if (presented.rawPublicKey().isPresent()) {
                        return UntrustedServer.rawPublicKey(server, presented.rawPublicKey().get());
                    }
                    if (!presented.certificateChain().isEmpty()) {
                        X509Certificate certificate = presented.certificateChain().get(0);
                        return alert.get().equals(AlertDescription.UNKNOWN_CA)
                                ? UntrustedServer.certificate(server, certificate)
                                : UntrustedServer.certificateRefused(server, certificate, alert.get().toString(),
                                        detail(e));
                    }
                    return UntrustedServer.fromDetail(server, alert.get().toString(), detail(e));
                }
                return new CommandFailure(ExitCodes.FAILURE, failed + detail(e));
            default:
                return common(e, null);
        }
    }

    private static CommandFailure refused(String failed, Optional<AlertDescription> alert) {
        return new CommandFailure(ExitCodes.FAILURE, failed + "the server refused it ("
                + alert.map(AlertDescription::name).orElse("fatal") + " alert)");
    }

    private static CommandFailure common(DtlsHandshakeException e, ClientCredentials credentials) {
        String server = Addresses.printable(e.server());
        switch (e.reason()) {
            case TIMEOUT:
                return incomplete(server + " (no answer to the retransmissions)", credentials);
            case CLOSED:
                return new CommandFailure(ExitCodes.FAILURE, "the DTLS handshake with " + server + " failed: the"
                        + " connection closed before it completed");
            default:
                return new CommandFailure(ExitCodes.FAILURE, "no DTLS handshake with " + server + ": " + detail(e));
        }
    }

    /**
     * No session came about in time. A server that cannot decrypt our Finished (wrong key) may drop
     * it silently, as Californium and libcoap do (RFC 6347 section 4.1.2.7: invalid records are
     * discarded), which looks the same as no server at all; the message names both causes.
     *
     * @param where       the server's address, and how long was waited when that helps
     * @param credentials what was offered; null or without a pre-shared key in the RawPublicKey and
     *                    Certificate modes
     */
    static CommandFailure incomplete(String where, ClientCredentials credentials) {
        if (credentials == null || credentials.psk().isEmpty()) {
            return new CommandFailure(ExitCodes.TIMEOUT, "no DTLS session with " + where + ": the handshake did not"
                    + " complete; either no coaps server listens there, or it does not serve the RawPublicKey and"
                    + " Certificate modes");
        }
        return new CommandFailure(ExitCodes.TIMEOUT, "no DTLS session with " + where + ": the handshake did not"
                + " complete; either no coaps server listens there, or it does not accept identity '"
                + credentials.psk().get().identity().text() + "' with this key (servers may drop a wrong key"
                + " silently)");
    }

    /** The connector's own explanation, without the "DTLS handshake with ... failed:" it starts with. */
    private static String detail(DtlsHandshakeException e) {
        String message = e.getMessage() == null ? e.reason().toString() : e.getMessage();
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("DTLS handshake with ") || colon >= 0 && message.startsWith("no DTLS")
                ? message.substring(colon + 2) : message;
    }
}
