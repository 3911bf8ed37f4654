package io.coaps4j.dtls.flight;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a flight into datagrams no larger than the configured size: records are packed into a
 * datagram while they fit (RFC 6347 section 4.1.1), a handshake message that does not fit is cut
 * into fragments (section 4.2.3), and a message that would fit whole in a fresh datagram is not
 * split needlessly. Every call protects the records anew, so each transmission gets new record
 * sequence numbers.
 */
public final class FlightWriter {
    /** The smallest datagram in which a fragment of at least one byte fits in any epoch. */
    public static final int MIN_DATAGRAM_SIZE = 64;

    private final int maxDatagramSize;

    public FlightWriter(int maxDatagramSize) {
        if (maxDatagramSize < MIN_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("maxDatagramSize must be at least " + MIN_DATAGRAM_SIZE
                    + ", was " + maxDatagramSize);
        }
        this.maxDatagramSize = maxDatagramSize;
    }

    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** The datagrams carrying {@code flight}. */
    public List<byte[]> write(Flight flight, CryptoContext crypto) {
        Packer packer = new Packer(crypto, packingSize(flight));
        for (FlightMessage message : flight.messages()) {
            if (message.isHandshake()) {
                packer.handshake(message);
            } else {
                packer.record(message.association(), message, message.body());
            }
        }
        return packer.finish();
    }

    /**
     * Room for one datagram of {@code flight}: the whole flight protected when that fits in a datagram (the
     * usual case, a few hundred bytes), else the largest datagram.
     */
    private int packingSize(Flight flight) {
        long total = 0;
        for (FlightMessage message : flight.messages()) {
            int plaintext = message.isHandshake() ? HandshakeFragment.HEADER_LENGTH + message.bodyLength()
                    : message.bodyLength();
            total += message.association().protectedLength(plaintext);
        }
        return (int) Math.min(total, maxDatagramSize);
    }

    private final class Packer {
        private final CryptoContext crypto;
        private final List<byte[]> datagrams = new ArrayList<>(2);
        private final byte[] buffer;
        private int fill;

        Packer(CryptoContext crypto, int bufferSize) {
            this.crypto = crypto;
            this.buffer = new byte[bufferSize];
        }

        void handshake(FlightMessage message) {
            SecurityAssociation association = message.association();
            int length = message.bodyLength();
            int overhead = association.protectedLength(HandshakeFragment.HEADER_LENGTH);
            if (fill > 0 && fill + overhead + length > maxDatagramSize && overhead + length <= maxDatagramSize) {
                flush();
            }
            int offset = 0;
            while (true) {
                int room = maxDatagramSize - fill - overhead;
                // In an empty datagram there is always room (MIN_DATAGRAM_SIZE exceeds any overhead).
                if (fill > 0 && (room <= 0 || (room < length - offset && room < MIN_DATAGRAM_SIZE / 4))) {
                    flush();
                    continue;
                }
                int size = Math.min(room, length - offset);
                HandshakeFragment fragment = HandshakeFragment.of(message.handshakeType(), message.messageSeq(),
                        message.body(), offset, size);
                record(association, message, fragment.encode());
                offset += size;
                if (offset >= length) {
                    return;
                }
            }
        }

        void record(SecurityAssociation association, FlightMessage message, byte[] plaintext) {
            int size = association.protectedLength(plaintext.length);
            if (fill + size > maxDatagramSize) {
                flush();
            }
            fill += association.protect(crypto, message.contentType(), plaintext, 0, plaintext.length, buffer, fill);
        }

        void flush() {
            if (fill > 0) {
                datagrams.add(Arrays.copyOf(buffer, fill));
                fill = 0;
            }
        }

        List<byte[]> finish() {
            flush();
            return datagrams;
        }
    }
}
