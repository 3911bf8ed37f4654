package io.coaps4j.cli.psk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.credentials.PreSharedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PskKeyFormatTest {

    @Test
    void readsHexInEitherCaseWithOrWithoutPrefix() {
        byte[] expected = {0x73, 0x65, (byte) 0xAB, (byte) 0xCD};

        assertThat(PskKeyFormat.parse("7365abcd", "--psk-key").bytes()).isEqualTo(expected);
        assertThat(PskKeyFormat.parse("7365ABCD", "--psk-key").bytes()).isEqualTo(expected);
        assertThat(PskKeyFormat.parse("0x7365abcd", "--psk-key").bytes()).isEqualTo(expected);
    }

    @Test
    void writesLowerCaseHexThatReadsBack() {
        PreSharedKey key = PreSharedKey.of(new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF});

        assertThat(PskKeyFormat.hex(key)).isEqualTo("0001feff");
        assertThat(PskKeyFormat.parse(PskKeyFormat.hex(key), "x").bytes()).isEqualTo(key.bytes());
    }

    @Test
    void sixtyFourBytesIsTheLongestKey() {
        assertThat(PskKeyFormat.parse("ab".repeat(64), "--psk-key").length()).isEqualTo(64);

        assertThatThrownBy(() -> PskKeyFormat.parse("ab".repeat(65), "--psk-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--psk-key is 65 bytes long; a pre-shared key has at most 64 (RFC 4279 section 5.3)");
    }

    @Test
    void aDigitOfAnotherScriptIsNotHex() {
        // Found by fuzzing (PskFilesFuzzTest#keyText): ARABIC-INDIC DIGIT SEVEN passed the check, and parseHex
        // refused it with a message of its own quoting the character.
        assertThatThrownBy(() -> PskKeyFormat.parse("\u06670", "--psk-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--psk-key is not hex: character 1 is not one of 0-9, a-f");
    }

    @Test
    void anOddNumberOfDigitsIsRefused() {
        assertThatThrownBy(() -> PskKeyFormat.parse("abc", "--psk-key"))
                .hasMessage("--psk-key has an odd number of hex digits (3); each byte takes two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x"})
    void anEmptyKeyIsRefused(String text) {
        assertThatThrownBy(() -> PskKeyFormat.parse(text, "--psk-key")).hasMessageStartingWith("--psk-key is empty");
    }

    @Test
    void aNonHexCharacterIsNamedByPositionNotShown() {
        assertThatThrownBy(() -> PskKeyFormat.parse("00secret", "--psk-key"))
                .hasMessage("--psk-key is not hex: character 3 is not one of 0-9, a-f")
                .message().doesNotContain("secret");
    }
}
