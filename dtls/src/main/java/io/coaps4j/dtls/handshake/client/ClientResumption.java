package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.IncompatibleException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The client's side of an abbreviated handshake (RFC 5246 section 7.3): the ServerHello echoed the id of the
 * session the client offered, so the server's ChangeCipherSpec and Finished come next, under keys from that
 * session's master secret and the new randoms.
 */
final class ClientResumption {
    private ClientResumption() {
    }

    /**
     * Checks that the server may resume {@code session} with the parameters of its ServerHello.
     *
     * @throws PeerMisbehavedException when the server resumes with another suite (RFC 5246 section 7.4.1.3)
     * @throws IncompatibleException   when the server's extended master secret differs from the session's
     *                                 (RFC 7627 section 5.3: the client aborts)
     */
    static void check(ResumableSession session, ClientNegotiated negotiated)
            throws PeerMisbehavedException, IncompatibleException {
        if (negotiated.suite() != session.suite()) {
            throw PeerMisbehavedException.illegal("server resumes the session with " + negotiated.suite()
                    + ", it was made with " + session.suite());
        }
        if (negotiated.extendedMasterSecret() != session.extendedMasterSecret()) {
            throw new IncompatibleException(IncompatibleException.Kind.REQUIRED_FEATURE_MISSING,
                    "server resumes a session whose extended master secret use differs from this ServerHello's"
                            + " (RFC 7627 section 5.3)");
        }
    }

    /**
     * Goes on with the abbreviated handshake of {@code session} ({@link #check}ed), after the ServerHello and any
     * renewing NewSessionTicket in {@code transcript}; {@code renewedTicket}, when not null, replaces the session's
     * ticket in the client's cache once the server's Finished verifies.
     */
    static Transition resume(ResumableSession session, ClientNegotiated negotiated, Transcript transcript,
                             HandshakeContext context, byte[] renewedTicket) {
        SessionKeys keys = session.keys(context.crypto(), negotiated.offer().hello().random(), negotiated.serverRandom());
        return new Transition.Next(new AwaitingChangeCipherSpec(
                new ClientAwaitingResumedFinished(negotiated, session, keys, transcript, renewedTicket)), List.of(),
                Optional.of(keys.association(context.crypto(), 1, ConnectionEnd.CLIENT)), false);
    }

    /** The security mode the server authenticated in, by the kind of its principal. */
    static SecurityMode modeOf(Principal server) {
        if (server instanceof PskPrincipal) {
            return SecurityMode.PRE_SHARED_KEY;
        }
        if (server instanceof RawPublicKeyPrincipal) {
            return SecurityMode.RAW_PUBLIC_KEY;
        }
        if (server instanceof CertificatePrincipal) {
            return SecurityMode.CERTIFICATE;
        }
        throw new IllegalArgumentException("no security mode for a server principal of " + server.getClass());
    }
}
