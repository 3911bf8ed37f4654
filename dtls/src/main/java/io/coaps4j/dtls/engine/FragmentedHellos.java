package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.cookie.StatelessCookies;
import io.coaps4j.dtls.handshake.HandshakeReassembler;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts back together a ClientHello that a client fragmented (RFC 6347 section 4.2.3), for a server that keeps
 * no state before the cookie.
 *
 * <p>Fragments that all arrive in one datagram (several records, or several fragments in a record) are put
 * together from that datagram alone, keeping nothing, for any hello. The first, cookieless hello must come
 * in one datagram: the server answers it statelessly and keeps nothing for it. A hello that carries a
 * cookie may be spread over datagrams: its fragments are then kept in a small pool whose size
 * is fixed whatever the traffic: at most {@link #MAX_PENDING} hellos of at most {@link #MAX_HELLO_LENGTH} bytes,
 * each for at most the stalled-handshake timeout, the oldest displaced first. A hello enters the pool only by
 * its first fragment (offset 0), which must show a cookie of the length this server issues; later fragments
 * complete it, earlier-arriving ones are dropped and come again with the client's retransmission. The cookie
 * itself is checked once the hello is whole (it covers the whole hello); a forger can churn the pool, which
 * delays fragmented clients under attack but never grows memory, and unfragmented hellos never touch it.
 * Not thread-safe.
 */
final class FragmentedHellos {
    /** Fragmented hellos being reassembled at once, from all addresses together. */
    static final int MAX_PENDING = 32;
    /** The longest fragmented ClientHello put back together. */
    static final int MAX_HELLO_LENGTH = 4096;
    /** version, random and session_id length: the bytes before the session id. */
    private static final int BEFORE_SESSION_ID = 2 + ClientHello.RANDOM_LENGTH + 1;

    private final long lifetime;
    private final Map<InetSocketAddress, Pending> pending = new LinkedHashMap<>();

    /** {@code lifetime}: how long (engine nanoseconds) a partial hello is kept. */
    FragmentedHellos(long lifetime) {
        this.lifetime = lifetime;
    }

    /** Partial hellos held, for tests. */
    int size() {
        return pending.size();
    }

    /**
     * Takes the ClientHello fragments of a datagram from {@code from} that {@link ClientHelloPeek#parse} could not
     * read whole; once the hello is complete, returns it as the datagram of one record holding it whole (the
     * body's bytes as received, for the transcript; the highest record sequence number of its fragments),
     * else null.
     */
    byte[] offer(InetSocketAddress from, byte[] datagram, int offset, int length, long now) {
        expire(now);
        List<Record> records = RecordCodec.decode(datagram, offset, length);
        Pending local = null;
        for (Record record : records) {
            if (record.type() != ContentType.HANDSHAKE || record.epoch() != 0 || !isHelloVersion(record.version())) {
                continue;
            }
            List<HandshakeFragment> fragments;
            try {
                byte[] plaintext = record.fragment();
                fragments = HandshakeFragment.decodeAll(plaintext, 0, plaintext.length);
            } catch (DecodeException malformed) {
                continue;
            }
            for (HandshakeFragment fragment : fragments) {
                if (fragment.type() != HandshakeType.CLIENT_HELLO.code() || fragment.length() > MAX_HELLO_LENGTH) {
                    continue;
                }
                Pending target = local != null ? local : pending.get(from);
                if (fragment.fragmentOffset() == 0 && (target == null || !target.sameMessage(fragment))) {
                    target = new Pending(fragment, record.version(), now);
                    local = target;
                }
                if (target != null && target.sameMessage(fragment)) {
                    target.reassembler.offer(fragment, 0);
                    target.recordSeq = Math.max(target.recordSeq, record.sequenceNumber());
                }
            }
        }
        Pending target = local != null ? local : pending.get(from);
        if (target == null) {
            return null;
        }
        ReceivedMessage whole = target.reassembler.poll();
        if (whole == null) {
            if (target == local && target.bearsCookie) { // a new hello from this address replaces an older one
                pending.remove(from);
                if (pending.size() >= MAX_PENDING) {
                    Iterator<Pending> oldest = pending.values().iterator();
                    oldest.next();
                    oldest.remove();
                }
                pending.put(from, target);
            }
            return null;
        }
        pending.remove(from);
        byte[] fragment = HandshakeFragment.whole(HandshakeType.CLIENT_HELLO.code(), whole.messageSeq(), whole.body())
                .encode();
        return RecordCodec.encode(new Record(ContentType.HANDSHAKE, target.version, 0, target.recordSeq, fragment));
    }

    private void expire(long now) {
        Iterator<Pending> oldest = pending.values().iterator();
        while (oldest.hasNext()) {
            if (now - oldest.next().started < lifetime) {
                return;
            }
            oldest.remove();
        }
    }

    private static boolean isHelloVersion(ProtocolVersion version) {
        return version.equals(ProtocolVersion.DTLS_1_2) || version.equals(ProtocolVersion.DTLS_1_0);
    }

    /** Whether a first fragment reaches past a cookie of {@link StatelessCookies#COOKIE_LENGTH} bytes. */
    private static boolean showsOurCookie(HandshakeFragment first) {
        byte[] bytes = first.fragmentBytes();
        if (bytes.length < BEFORE_SESSION_ID) {
            return false;
        }
        int cookieLengthAt = BEFORE_SESSION_ID + (bytes[BEFORE_SESSION_ID - 1] & 0xFF);
        return cookieLengthAt < bytes.length && (bytes[cookieLengthAt] & 0xFF) == StatelessCookies.COOKIE_LENGTH
                && cookieLengthAt + 1 + StatelessCookies.COOKIE_LENGTH <= bytes.length;
    }

    /** One hello being put back together: its message_seq and length fix which fragments belong to it. */
    private static final class Pending {
        final int messageSeq;
        final int length;
        final ProtocolVersion version;
        /** Whether it may be kept across datagrams: its first fragment shows a cookie of our length. */
        final boolean bearsCookie;
        final long started;
        final HandshakeReassembler reassembler;
        long recordSeq;

        Pending(HandshakeFragment first, ProtocolVersion version, long now) {
            this.version = version;
            this.bearsCookie = showsOurCookie(first);
            this.messageSeq = first.messageSeq();
            this.length = first.length();
            this.started = now;
            this.reassembler = new HandshakeReassembler(first.messageSeq(), MAX_HELLO_LENGTH, MAX_HELLO_LENGTH, 1);
        }

        boolean sameMessage(HandshakeFragment fragment) {
            return fragment.messageSeq() == messageSeq && fragment.length() == length;
        }
    }
}
