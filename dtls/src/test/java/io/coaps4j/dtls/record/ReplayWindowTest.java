package io.coaps4j.dtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void acceptsTheFirstRecordWhateverItsNumber() {
        assertThat(window.highestReceived()).isEqualTo(-1);
        assertThat(window.mayAccept(0)).isTrue();
        assertThat(window.mayAccept(Record.MAX_SEQUENCE_NUMBER)).isTrue();
    }

    @Test
    void rejectsDuplicatesOnlyAfterTheUpdate() {
        assertThat(window.mayAccept(5)).isTrue();
        // Checking alone must not move the window: the tag may still fail.
        assertThat(window.mayAccept(5)).isTrue();
        window.markReceived(5);
        assertThat(window.mayAccept(5)).isFalse();
        assertThat(window.highestReceived()).isEqualTo(5);
    }

    @Test
    void acceptsUnseenNumbersInsideTheWindowOnce() {
        window.markReceived(100);
        assertThat(window.mayAccept(99)).isTrue();
        assertThat(window.mayAccept(37)).isTrue(); // 100 - 63: the left edge
        window.markReceived(99);
        window.markReceived(37);
        assertThat(window.mayAccept(99)).isFalse();
        assertThat(window.mayAccept(37)).isFalse();
        assertThat(window.mayAccept(38)).isTrue();
        assertThat(window.highestReceived()).isEqualTo(100);
    }

    @Test
    void rejectsNumbersLeftOfTheWindow() {
        window.markReceived(100);
        assertThat(window.mayAccept(36)).isFalse();
        assertThat(window.mayAccept(0)).isFalse();
    }

    @Test
    void shiftingKeepsWhatWasSeenWithinReach() {
        window.markReceived(10);
        window.markReceived(12);
        window.markReceived(40); // shift by 28
        assertThat(window.mayAccept(10)).isFalse();
        assertThat(window.mayAccept(11)).isTrue();
        assertThat(window.mayAccept(12)).isFalse();
        window.markReceived(73); // 10 is now 63 behind: still remembered
        assertThat(window.mayAccept(10)).isFalse();
        assertThat(window.mayAccept(11)).isTrue();
        window.markReceived(74); // 10 falls out on the left, 11 is the left edge
        assertThat(window.mayAccept(10)).isFalse();
        assertThat(window.mayAccept(11)).isTrue();
        assertThat(window.mayAccept(12)).isFalse();
    }

    @Test
    void farFutureJumpClearsTheBitmap() {
        window.markReceived(1);
        window.markReceived(2);
        window.markReceived(1_000_000);
        assertThat(window.mayAccept(1_000_000)).isFalse();
        assertThat(window.mayAccept(999_999)).isTrue();
        assertThat(window.mayAccept(999_937)).isTrue();
        assertThat(window.mayAccept(999_936)).isFalse();
        window.markReceived(Record.MAX_SEQUENCE_NUMBER);
        assertThat(window.mayAccept(Record.MAX_SEQUENCE_NUMBER)).isFalse();
        assertThat(window.mayAccept(Record.MAX_SEQUENCE_NUMBER - 1)).isTrue();
    }

    @Test
    void oldNumbersMarkedLateDoNotDisturbTheWindow() {
        window.markReceived(200);
        window.markReceived(3); // far left: ignored
        assertThat(window.highestReceived()).isEqualTo(200);
        assertThat(window.mayAccept(199)).isTrue();
    }

    /** The window agrees with a set of everything received, restricted to the 64 numbers up to the highest. */
    @Property(tries = 300)
    void behavesLikeAnExactSetWithinTheWindow(@ForAll @Size(max = 200) java.util.List<@LongRange(max = 300) Long> arrivals) {
        ReplayWindow w = new ReplayWindow();
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        for (long seq : arrivals) {
            boolean expected = seq > highest || (highest - seq < 64 && !seen.contains(seq));
            assertThat(w.mayAccept(seq)).as("seq %d after highest %d", seq, highest).isEqualTo(expected);
            if (expected) {
                w.markReceived(seq);
                seen.add(seq);
                highest = Math.max(highest, seq);
            }
        }
    }
}
