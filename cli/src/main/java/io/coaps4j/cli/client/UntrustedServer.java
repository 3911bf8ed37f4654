package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.keys.Fingerprints;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

/**
 * The one line a client prints when it does not trust the server's key: who the server claimed to be (its raw
 * public key's {@code ni:} identity, RFC 6920, or its certificate's subject and SHA-256 fingerprint, as
 * {@code openssl x509 -fingerprint -sha256} prints it) and how to trust it, so that the user can compare it
 * with what the server printed at start and act.
 */
final class UntrustedServer {
    /** How the connector starts the explanation of a handshake this side aborted; the alert is said already. */
    private static final Pattern ABORTED = Pattern.compile("^aborted with a fatal \\S+ alert: ");

    private UntrustedServer() {
    }

    /** The server presented {@code key}, which no {@code --trust} file holds. */
    static CommandFailure rawPublicKey(String server, PublicKey key) {
        return rawPublicKey(server, Fingerprints.ni(key));
    }

    static CommandFailure rawPublicKey(String server, String ni) {
        return new CommandFailure(ExitCodes.FAILURE, "the server " + server + " presented the raw public key " + ni
                + ", which no --trust file holds; if that is the server's identity (a coaps4j server prints it at"
                + " start), give its public key file (rpk-pub.pem in a coaps4j server's data folder) with"
                + " --trust FILE");
    }

    /** The server presented {@code chain}, which leads to no CA a {@code --trust} file holds. */
    static CommandFailure certificate(String server, X509Certificate certificate) {
        return new CommandFailure(ExitCodes.FAILURE, "the server " + server + " presented the certificate "
                + certificate.getSubjectX500Principal().getName() + " (SHA-256 " + Fingerprints.sha256(certificate)
                + "), which no CA given with --trust signed; if you trust it, give the CA certificate that signed it"
                + " (ca.pem in a coaps4j server's data folder) with --trust FILE");
    }

    /**
     * The server presented {@code certificate}, refused for another reason than its CA ({@code alert}: expired,
     * not naming the server, wrong key usage; {@code detail} says which).
     */
    static CommandFailure certificateRefused(String server, X509Certificate certificate, String alert,
                                             String detail) {
        return new CommandFailure(ExitCodes.FAILURE, "the server " + server + " presented the certificate "
                + certificate.getSubjectX500Principal().getName() + " (SHA-256 " + Fingerprints.sha256(certificate)
                + "), which is not acceptable (" + alert + "): " + ABORTED.matcher(detail).replaceFirst(""));
    }

    /** From the handshake's own explanation, when the failure carries no key or certificate of the server. */
    static CommandFailure fromDetail(String server, String alert, String detail) {
        return new CommandFailure(ExitCodes.FAILURE, "the server " + server + " is not trusted (" + alert + "): "
                + ABORTED.matcher(detail).replaceFirst("") + "; give its public key or the CA that signed its"
                + " certificate with --trust FILE");
    }
}
