package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeReassemblerTest {
    private static final int MAX_MESSAGE = 4096;
    private static final int MAX_BUFFERED = 8192;

    private static HandshakeReassembler reassembler(int next) {
        return new HandshakeReassembler(next, MAX_MESSAGE, MAX_BUFFERED, 4);
    }

    @Test
    void wholeMessagesComeOutInSequenceOrder() {
        HandshakeReassembler inbound = reassembler(0);
        assertThat(inbound.offer(HandshakeFragment.whole(14, 1, new byte[0]), 0)).isEqualTo(HandshakeReassembler.Outcome.ACCEPTED);
        assertThat(inbound.poll()).as("seq 1 waits for seq 0").isNull();
        inbound.offer(HandshakeFragment.whole(2, 0, new byte[] {7}), 0);

        ReceivedMessage first = inbound.poll();
        ReceivedMessage second = inbound.poll();
        assertThat(first.messageSeq()).isZero();
        assertThat(first.body()).containsExactly(7);
        assertThat(second.messageSeq()).isEqualTo(1);
        assertThat(second.body()).isEmpty();
        assertThat(inbound.poll()).isNull();
        assertThat(inbound.nextReceiveSeq()).isEqualTo(2);
        assertThat(inbound.bufferedBytes()).isZero();
    }

    @Test
    void processedMessagesAreReportedAsRetransmissions() {
        HandshakeReassembler inbound = reassembler(3);
        assertThat(inbound.offer(HandshakeFragment.whole(1, 2, new byte[4]), 0))
                .isEqualTo(HandshakeReassembler.Outcome.ALREADY_PROCESSED);
    }

    @Test
    void boundsAreEnforced() {
        HandshakeReassembler inbound = reassembler(0);
        assertThat(inbound.offer(HandshakeFragment.of(11, 0, new byte[MAX_MESSAGE + 1], 0, 10), 0))
                .isEqualTo(HandshakeReassembler.Outcome.DROPPED_TOO_LARGE);
        assertThat(inbound.offer(HandshakeFragment.whole(11, 4, new byte[1]), 0))
                .isEqualTo(HandshakeReassembler.Outcome.DROPPED_TOO_FAR_AHEAD);
        assertThat(inbound.offer(HandshakeFragment.of(11, 0, new byte[MAX_MESSAGE], 0, 1), 0))
                .isEqualTo(HandshakeReassembler.Outcome.ACCEPTED);
        assertThat(inbound.offer(HandshakeFragment.of(11, 1, new byte[MAX_MESSAGE], 0, 1), 0))
                .isEqualTo(HandshakeReassembler.Outcome.ACCEPTED);
        assertThat(inbound.offer(HandshakeFragment.of(11, 2, new byte[1], 0, 1), 0))
                .as("buffer full").isEqualTo(HandshakeReassembler.Outcome.DROPPED_BUFFER_FULL);
        assertThat(inbound.offer(HandshakeFragment.of(12, 0, new byte[MAX_MESSAGE], 1, 1), 0))
                .as("other type").isEqualTo(HandshakeReassembler.Outcome.DROPPED_INCONSISTENT);
        assertThat(inbound.offer(HandshakeFragment.of(11, 0, new byte[MAX_MESSAGE - 1], 1, 1), 0))
                .as("other length").isEqualTo(HandshakeReassembler.Outcome.DROPPED_INCONSISTENT);
        assertThat(inbound.offer(HandshakeFragment.of(11, 0, new byte[MAX_MESSAGE], 1, 1), 1))
                .as("other epoch").isEqualTo(HandshakeReassembler.Outcome.DROPPED_INCONSISTENT);
        assertThat(inbound.bufferedBytes()).isEqualTo(2 * MAX_MESSAGE);
    }

    @Test
    void tooManyHolesAreRefusedUntilTheyClose() {
        HandshakeReassembler inbound = reassembler(0);
        byte[] body = new byte[100];
        for (int i = 0; i < HandshakeReassembler.MAX_RANGES; i++) {
            assertThat(inbound.offer(HandshakeFragment.of(1, 0, body, i * 4, 1), 0)).isEqualTo(HandshakeReassembler.Outcome.ACCEPTED);
        }
        assertThat(inbound.offer(HandshakeFragment.of(1, 0, body, 90, 1), 0))
                .isEqualTo(HandshakeReassembler.Outcome.DROPPED_BUFFER_FULL);
        assertThat(inbound.offer(HandshakeFragment.of(1, 0, body, 0, 100), 0)).isEqualTo(HandshakeReassembler.Outcome.ACCEPTED);
        assertThat(inbound.poll()).isNotNull();
    }

    @Property(tries = 300)
    void anyFragmentationInAnyOrderWithDuplicatesYieldsTheMessages(
            @ForAll @Size(min = 1, max = 4) List<@Size(max = 600) byte[]> bodies,
            @ForAll @IntRange(min = 1, max = 200) int maxFragment,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<HandshakeFragment> fragments = new ArrayList<>();
        for (int seq = 0; seq < bodies.size(); seq++) {
            byte[] body = bodies.get(seq);
            int offset = 0;
            do {
                int length = Math.min(body.length - offset, 1 + random.nextInt(maxFragment));
                // Overlap: sometimes start a little before the previous end.
                int start = Math.max(0, offset - random.nextInt(3));
                fragments.add(HandshakeFragment.of(1, seq, body, start, length + (offset - start)));
                offset += length;
            } while (offset < body.length);
        }
        HandshakeReassembler inbound = new HandshakeReassembler(0, 1000, 4000, 4);
        List<ReceivedMessage> out = new ArrayList<>();
        // Fragments that would open more than MAX_RANGES holes are dropped; the peer's retransmissions
        // (here: further passes in another order) fill the message in.
        for (int pass = 0; pass < 100 && out.size() < bodies.size(); pass++) {
            List<HandshakeFragment> shuffled = new ArrayList<>(fragments);
            shuffled.addAll(fragments.subList(0, fragments.size() / 2));
            Collections.shuffle(shuffled, random);
            for (HandshakeFragment fragment : shuffled) {
                inbound.offer(fragment, 0);
                for (ReceivedMessage message; (message = inbound.poll()) != null; ) {
                    out.add(message);
                }
                assertThat(inbound.bufferedBytes()).isLessThanOrEqualTo(4000);
            }
        }
        assertThat(out).hasSize(bodies.size());
        for (int seq = 0; seq < bodies.size(); seq++) {
            assertThat(out.get(seq).messageSeq()).isEqualTo(seq);
            assertThat(out.get(seq).body()).isEqualTo(bodies.get(seq));
        }
    }

    @Property(tries = 300)
    void garbageFragmentsNeverExceedTheBounds(@ForAll("garbage") List<int[]> headers) {
        HandshakeReassembler inbound = new HandshakeReassembler(0, 1000, 2000, 4);
        for (int[] h : headers) {
            int length = h[1];
            int offset = Math.min(h[2], length);
            int fragmentLength = Math.min(h[3], length - offset);
            byte[] body = new byte[Math.min(length, 5000)];
            if (offset + fragmentLength > body.length) {
                continue;
            }
            inbound.offer(HandshakeFragment.of(h[0], h[4], body, offset, fragmentLength), 0);
            while (inbound.poll() != null) {
                assertThat(inbound.bufferedBytes()).isLessThanOrEqualTo(2000);
            }
            assertThat(inbound.bufferedBytes()).isLessThanOrEqualTo(2000);
        }
    }

    @Provide
    Arbitrary<List<int[]>> garbage() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 4999),
                Arbitraries.integers().between(0, 4999), Arbitraries.integers().between(0, 4999),
                Arbitraries.integers().between(0, 8))
                .as((type, length, offset, fragmentLength, seq) -> new int[] {type, length, offset, fragmentLength, seq})
                .list().ofMaxSize(40);
    }
}
