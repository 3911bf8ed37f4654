package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.handshake.message.HandshakeFragment;

/**
 * Puts the peer's handshake fragments back together and hands out whole messages in message_seq
 * order (RFC 6347 sections 4.2.2 and 4.2.3).
 *
 * <p>Everything is bounded: only the next {@code maxMessagesAhead} sequence numbers are buffered,
 * no message may announce more than {@code maxMessageLength} bytes, all buffered bodies together
 * stay under {@code maxBufferedBytes}, and a message may be covered by at most
 * {@link #MAX_RANGES} separate ranges before it is complete. A fragment that would break a bound,
 * or that contradicts earlier fragments of its message (type, length, epoch), is dropped: the
 * peer retransmits, and a forger gains nothing. Overlapping fragments are merged, as the RFC requires.
 * Not thread-safe.
 */
public final class HandshakeReassembler {
    /** Disjoint ranges a message in progress may consist of. */
    public static final int MAX_RANGES = 16;

    /** What became of an offered fragment. */
    public enum Outcome {
        /** Buffered, possibly completing its message. */
        ACCEPTED,
        /** Part of a message already processed: the peer is retransmitting (RFC 6347 section 4.2.4). */
        ALREADY_PROCESSED,
        /** Too far ahead of the next expected message. */
        DROPPED_TOO_FAR_AHEAD,
        /** Announces a message longer than allowed. */
        DROPPED_TOO_LARGE,
        /** Would take the buffered bytes or ranges beyond their bound. */
        DROPPED_BUFFER_FULL,
        /** Contradicts earlier fragments of the same message. */
        DROPPED_INCONSISTENT
    }

    private final int maxMessageLength;
    private final int maxBufferedBytes;
    private final Partial[] slots;
    private int nextReceiveSeq;
    private int bufferedBytes;

    public HandshakeReassembler(int nextReceiveSeq, int maxMessageLength, int maxBufferedBytes, int maxMessagesAhead) {
        if (nextReceiveSeq < 0 || nextReceiveSeq > 0xFFFF) {
            throw new IllegalArgumentException("nextReceiveSeq must be 0..65535, was " + nextReceiveSeq);
        }
        if (maxMessageLength < 0 || maxBufferedBytes < maxMessageLength || maxMessagesAhead < 1) {
            throw new IllegalArgumentException("bounds must satisfy 0 <= maxMessageLength <= maxBufferedBytes and"
                    + " maxMessagesAhead >= 1");
        }
        this.nextReceiveSeq = nextReceiveSeq;
        this.maxMessageLength = maxMessageLength;
        this.maxBufferedBytes = maxBufferedBytes;
        this.slots = new Partial[maxMessagesAhead];
    }

    /** The message_seq of the next message to hand out. */
    public int nextReceiveSeq() {
        return nextReceiveSeq;
    }

    /** Bytes held for messages not yet handed out. */
    public int bufferedBytes() {
        return bufferedBytes;
    }

    /** Takes a fragment received in {@code epoch}. */
    public Outcome offer(HandshakeFragment fragment, int epoch) {
        int seq = fragment.messageSeq();
        if (seq < nextReceiveSeq) {
            return Outcome.ALREADY_PROCESSED;
        }
        int index = seq - nextReceiveSeq;
        if (index >= slots.length) {
            return Outcome.DROPPED_TOO_FAR_AHEAD;
        }
        if (fragment.length() > maxMessageLength) {
            return Outcome.DROPPED_TOO_LARGE;
        }
        Partial partial = slots[index];
        if (partial == null) {
            if (bufferedBytes + fragment.length() > maxBufferedBytes) {
                return Outcome.DROPPED_BUFFER_FULL;
            }
            partial = new Partial(fragment.type(), fragment.length(), epoch);
            slots[index] = partial;
            bufferedBytes += fragment.length();
        } else if (partial.type != fragment.type() || partial.body.length != fragment.length() || partial.epoch != epoch) {
            return Outcome.DROPPED_INCONSISTENT;
        }
        if (partial.isComplete()) {
            return Outcome.ACCEPTED;
        }
        return partial.add(fragment) ? Outcome.ACCEPTED : Outcome.DROPPED_BUFFER_FULL;
    }

    /** The next message in order when it is complete, else {@code null}. */
    public ReceivedMessage poll() {
        Partial head = slots[0];
        if (head == null || !head.isComplete()) {
            return null;
        }
        System.arraycopy(slots, 1, slots, 0, slots.length - 1);
        slots[slots.length - 1] = null;
        bufferedBytes -= head.body.length;
        int seq = nextReceiveSeq;
        nextReceiveSeq++;
        return new ReceivedMessage(head.type, seq, head.epoch, head.body);
    }

    /**
     * One message being reassembled: its body and the sorted, disjoint ranges received so far. Most
     * messages arrive whole in one fragment; the range arrays are only made for one that does not.
     */
    private static final class Partial {
        private final int type;
        private final int epoch;
        private final byte[] body;
        private int[] starts;
        private int[] ends;
        private int ranges;
        private boolean whole;

        Partial(int type, int length, int epoch) {
            this.type = type;
            this.epoch = epoch;
            this.body = new byte[length];
        }

        boolean isComplete() {
            return whole || body.length == 0 || (ranges == 1 && starts[0] == 0 && ends[0] == body.length);
        }

        /** Merges the fragment's range; false when that would need more than MAX_RANGES ranges. */
        boolean add(HandshakeFragment fragment) {
            int start = fragment.fragmentOffset();
            int end = start + fragment.fragmentLength();
            if (start == end) {
                return true;
            }
            if (start == 0 && end == body.length) {
                fragment.copyInto(body);
                whole = true;
                return true;
            }
            if (starts == null) {
                starts = new int[MAX_RANGES];
                ends = new int[MAX_RANGES];
            }
            // Ranges [first, last) are the ones the new range touches or overlaps.
            int first = 0;
            while (first < ranges && ends[first] < start) {
                first++;
            }
            int last = first;
            while (last < ranges && starts[last] <= end) {
                last++;
            }
            int merged = ranges - (last - first) + 1;
            if (merged > MAX_RANGES) {
                return false;
            }
            int newStart = first < last ? Math.min(start, starts[first]) : start;
            int newEnd = first < last ? Math.max(end, ends[last - 1]) : end;
            int shift = 1 - (last - first);
            if (shift != 0) {
                System.arraycopy(starts, last, starts, last + shift, ranges - last);
                System.arraycopy(ends, last, ends, last + shift, ranges - last);
            }
            starts[first] = newStart;
            ends[first] = newEnd;
            ranges = merged;
            fragment.copyInto(body);
            return true;
        }
    }
}
