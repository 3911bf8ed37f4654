package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.credentials.PresentedCredentials;

import java.util.Objects;
import java.util.Optional;

/** What happened on a connection during one call, in order. */
public sealed interface DtlsEvent {

    /** The handshake completed; application data can flow in {@code session}. */
    record HandshakeCompleted(DtlsSession session) implements DtlsEvent {
        public HandshakeCompleted {
            Objects.requireNonNull(session, "session");
        }
    }

    /** Application data arrived, protected by {@code session} in {@code epoch}. The array is the receiver's. */
    record ApplicationData(DtlsSession session, int epoch, byte[] data) implements DtlsEvent {
        public ApplicationData {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "ApplicationData[epoch " + epoch + ", " + data.length + " bytes]";
        }
    }

    /**
     * The peer answered this side's HeartbeatRequest with its payload (RFC 6520 section 4), {@code roundTripNanos}
     * after the request was first sent (retransmissions included): the peer is alive.
     */
    record HeartbeatAnswered(long roundTripNanos) implements DtlsEvent {
    }

    /** The connection ended in an orderly way. */
    record Closed(CloseReason reason) implements DtlsEvent {
        public Closed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The connection failed: {@code alert} is the fatal alert sent or received, empty when the peer
     * stopped answering; {@code detail} is for logs and never holds secrets; {@code presented} is the raw public
     * key or chain of the peer when this side refused it (else empty), so that a user can be told what to trust.
     */
    record Failed(FailureOrigin origin, Optional<AlertDescription> alert, String detail,
                  PresentedCredentials presented) implements DtlsEvent {
        public Failed {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(presented, "presented");
        }

        /** A failure that involves no refused key. */
        public Failed(FailureOrigin origin, Optional<AlertDescription> alert, String detail) {
            this(origin, alert, detail, PresentedCredentials.none());
        }
    }

    /** Why a connection closed. */
    enum CloseReason {
        /** The peer sent close_notify (answered with ours, RFC 5246 section 7.2.1). */
        PEER_CLOSED,
        /** This side closed it. */
        LOCAL_CLOSE,
        /**
         * The client started a new handshake from the same address: a handshake is replaced once the cookie
         * exchange proved the client, an established session once the new handshake completed (RFC 6347
         * section 4.2.8).
         */
        REPLACED,
        /** The server closed it (close_notify) after {@code idleTimeout} without traffic. */
        IDLE_TIMEOUT,
        /** The server closed it (close_notify), least recently active, to make room for a new session. */
        EVICTED,
        /**
         * The peer answered none of the transmissions of a HeartbeatRequest (RFC 6520 section 3): declared dead,
         * closed with close_notify.
         */
        HEARTBEAT_TIMEOUT
    }

    /** Who ended a failed connection. */
    enum FailureOrigin {
        /** This side detected a problem and sent the fatal alert. */
        LOCAL_ALERT,
        /** The peer sent a fatal alert. */
        PEER_ALERT,
        /** The retransmissions were used up (RFC 6347 section 4.2.4). */
        TIMEOUT
    }
}
