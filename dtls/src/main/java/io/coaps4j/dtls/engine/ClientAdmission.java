package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.cookie.StatelessCookies;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.HelloVerifyRequest;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.record.SecurityAssociation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Who becomes a connection of a {@link DtlsServer}: a ClientHello no connection owns is answered statelessly with
 * a HelloVerifyRequest (RFC 6347 section 4.2.1), and only one with a valid cookie is admitted, within the bounds on
 * handshakes in total and per address, displacing a stalled handshake when every place is taken. Fragmented hellos
 * are put together first ({@link FragmentedHellos}, section 4.2.3). Apart from the server, which routes datagrams
 * to the connections it has; one per server, on its loop.
 */
final class ClientAdmission {
    /** The server's log category: the refusals are reported where they always were. */
    private static final Logger LOG = LoggerFactory.getLogger(DtlsServer.class);

    private final DtlsConfig config;
    private final EngineContext engine;
    private final StatelessCookies cookies;
    private final SessionTable table;
    private final SlotTimers timers;
    private final SlotDispatch dispatch;
    private final FragmentedHellos fragmentedHellos;
    private final RateLimitedWarning refusedAtLimit = new RateLimitedWarning(LOG,
            "cookie-proven handshakes refused: maxConcurrentHandshakes reached and none stalled",
            DtlsServer.WARNING_PERIOD);
    private final RateLimitedWarning refusedPerAddress = new RateLimitedWarning(LOG,
            "cookie-proven handshakes refused: their address holds maxHandshakesPerAddress", DtlsServer.WARNING_PERIOD);
    private final RateLimitedWarning displaced = new RateLimitedWarning(LOG,
            "stalled handshakes ended to make room for new clients", DtlsServer.WARNING_PERIOD);
    /** Told of each connection admitted (e.g. by {@link DtlsEndpoint}, which keeps one association per address). */
    private Consumer<DtlsConnection> admissions = connection -> { };

    ClientAdmission(DtlsConfig config, EngineContext engine, StatelessCookies cookies, SessionTable table,
                    SlotTimers timers, SlotDispatch dispatch) {
        this.config = config;
        this.engine = engine;
        this.cookies = cookies;
        this.table = table;
        this.timers = timers;
        this.dispatch = dispatch;
        this.fragmentedHellos = new FragmentedHellos(config.stalledHandshakeTimeout().toNanos());
    }

    void onAdmission(Consumer<DtlsConnection> listener) {
        admissions = Objects.requireNonNull(listener, "listener");
    }

    /** Fragmented ClientHellos being put back together. */
    int pendingFragmentedHellos() {
        return fragmentedHellos.size();
    }

    /**
     * A ClientHello fragment from an unknown address (RFC 6347 section 4.2.3): admitted as one record once the
     * hello carrying the cookie is whole ({@link FragmentedHellos}); dropped until then.
     */
    void admitFragmented(InetSocketAddress from, byte[] datagram, int offset, int length, long now, DtlsOutput out) {
        byte[] whole = fragmentedHellos.offer(from, datagram, offset, length, now);
        ClientHelloPeek hello = whole == null ? null : ClientHelloPeek.parse(whole, 0, whole.length);
        if (hello == null) {
            engine.metrics.handshakeDropped(HandshakeDropReason.NO_CONNECTION);
            return;
        }
        // The reassembled hello is answered like a whole one; the client sent at least its length.
        admit(from, null, hello, whole, 0, whole.length, now, out);
    }

    /** A ClientHello not owned by a connection: answered statelessly, or turned into a connection. */
    void admit(InetSocketAddress from, PeerSlot slot, ClientHelloPeek hello, byte[] datagram, int offset,
               int length, long now, DtlsOutput out) {
        if (!cookies.isValid(engine.crypto.hmacSha256(), from, hello.hello(), now)) {
            sendHelloVerifyRequest(from, hello, length, now, out);
            return;
        }
        // A new handshake displaces a handshake of the same client (the current one or a waiting successor).
        DtlsConnection displaced = slot == null ? null : slot.current.isHandshaking() ? slot.current : slot.successor;
        int sameClient = displaced == null ? 0 : 1;
        if (table.halfOpen().from(from.getAddress()) - sameClient >= config.maxHandshakesPerAddress()) {
            engine.metrics.handshakeDropped(HandshakeDropReason.ADDRESS_HANDSHAKE_LIMIT);
            refusedPerAddress.occurred(now);
            return;
        }
        if (table.handshakes() - sameClient >= config.maxConcurrentHandshakes() && !displaceStalled(now, out)) {
            engine.metrics.handshakeDropped(HandshakeDropReason.CONNECTION_LIMIT);
            refusedAtLimit.occurred(now);
            return;
        }
        byte[] cid = uniqueConnectionId();
        DtlsConnection fresh = DtlsConnection.server(engine, from, hello.messageSeq(), hello.recordSeq(),
                hello.hello().random(), cid);
        fresh.quiet(slot != null && displaced != slot.current); // waits beside an established session
        fresh.receive(datagram, offset, length, now, out);
        if (!fresh.isHandshaking() || (fresh.nextDeadline() == DtlsResult.NO_DEADLINE && !fresh.awaitsCrypto())) {
            // Failed at once (e.g. no common suite: the alert is out), or the hello was not taken: keep nothing.
            return;
        }
        timers.reschedule(table.admit(from, slot, fresh, displaced, now, out));
        admissions.accept(fresh);
    }

    /**
     * A CID no connection of this server has (RFC 9146), null when CIDs are off or none was free after a few
     * draws (a short CID space nearly full): the client then gets no connection_id answer and is found by address.
     */
    private byte[] uniqueConnectionId() {
        for (int attempt = 0; attempt < 16; attempt++) {
            byte[] cid = ConnectionIds.draw(config.connectionIds(), ConnectionEnd.SERVER, engine.crypto.random());
            if (cid == null || cid.length == 0 || !table.cidInUse(cid)) {
                return cid;
            }
        }
        return null;
    }

    /**
     * Ends the longest-waiting stalled handshake to make room for a new cookie-proven client, so that clients
     * which answered a cookie and then fell silent cannot hold every place until their retransmissions run
     * out; false when no handshake is stalled (all are progressing or too young to tell).
     */
    private boolean displaceStalled(long now, DtlsOutput out) {
        DtlsConnection stalled = table.halfOpen().oldestStalled(now);
        if (stalled == null) {
            return false;
        }
        PeerSlot slot = stalled.slot;
        displaced.occurred(now);
        stalled.displaced(now, out);
        dispatch.settle(slot, stalled, true, now, out);
        return true;
    }

    /**
     * Answers statelessly (RFC 6347 section 4.2.1): DTLS 1.0 in the body as the RFC recommends, the
     * hello's record sequence number and message_seq mirrored, and never more bytes than the hello
     * had, so a spoofed hello cannot make the server an amplifier.
     */
    private void sendHelloVerifyRequest(InetSocketAddress from, ClientHelloPeek hello, int receivedLength, long now,
                                        DtlsOutput out) {
        byte[] cookie = cookies.cookieFor(engine.crypto.hmacSha256(), from, hello.hello(), now);
        HelloVerifyRequest request = new HelloVerifyRequest(ProtocolVersion.DTLS_1_0, cookie);
        byte[] fragment = HandshakeFragment.whole(HandshakeType.HELLO_VERIFY_REQUEST.code(), hello.messageSeq(),
                request.encodeBody()).encode();
        SecurityAssociation stateless = SecurityAssociation.plaintext(hello.recordSeq());
        if (stateless.protectedLength(fragment.length) > receivedLength) {
            engine.metrics.handshakeDropped(HandshakeDropReason.TOO_SMALL_FOR_VERIFY_REQUEST);
            return;
        }
        out.datagram(from, stateless.protect(engine.crypto, ContentType.HANDSHAKE, fragment));
        engine.metrics.handshakeDropped(HandshakeDropReason.COOKIE_MISSING_OR_INVALID);
        engine.metrics.helloVerifyRequestSent();
    }
}
