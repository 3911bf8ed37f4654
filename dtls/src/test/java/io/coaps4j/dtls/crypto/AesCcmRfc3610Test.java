package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** RFC 3610 section 8 packet vectors #1 to #24 (L = 2, M = 8 for #1-#6 and #13-#18, M = 10 otherwise). */
class AesCcmRfc3610Test {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "packet vector #{0}")
    @CsvFileSource(resources = "rfc3610-vectors.csv", numLinesToSkip = 1)
    void sealsAndOpensThePacketVector(int number, String keyHex, String nonceHex, int headerLength,
                                      String inputHex, String outputHex) {
        byte[] key = HEX.parseHex(keyHex);
        byte[] nonce = HEX.parseHex(nonceHex);
        byte[] input = HEX.parseHex(inputHex);
        byte[] expected = HEX.parseHex(outputHex);
        int tagLength = expected.length - input.length;
        AesCcm ccm = new AesCcm(tagLength, 2);
        byte[] header = Arrays.copyOf(input, headerLength);
        int messageLength = input.length - headerLength;

        byte[] sealed = new byte[messageLength + tagLength];
        int written = ccm.seal(key, nonce, header, 0, headerLength, input, headerLength, messageLength, sealed, 0);

        assertThat(written).isEqualTo(sealed.length);
        assertThat(HEX.formatHex(sealed)).isEqualTo(HEX.formatHex(expected, headerLength, expected.length));

        byte[] opened = new byte[messageLength];
        boolean valid = ccm.open(key, nonce, expected, 0, headerLength, expected, headerLength, sealed.length,
                opened, 0);
        assertThat(valid).isTrue();
        assertThat(opened).isEqualTo(Arrays.copyOfRange(input, headerLength, input.length));

        byte[] tampered = expected.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(ccm.open(key, nonce, tampered, 0, headerLength, tampered, headerLength, sealed.length,
                new byte[messageLength], 0)).isFalse();
    }
}
