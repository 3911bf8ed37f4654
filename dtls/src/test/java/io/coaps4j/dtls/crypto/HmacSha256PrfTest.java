package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class HmacSha256PrfTest {
    private static final HexFormat HEX = HexFormat.of();
    private final Prf prf = new HmacSha256Prf();

    /** The TLS 1.2 SHA-256 PRF vector published on the IETF TLS working group list. */
    @Example
    void knownAnswer() {
        byte[] out = prf.compute(HEX.parseHex("9bbe436ba940f017b17652849a71db35"), "test label",
                HEX.parseHex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertThat(HEX.formatHex(out)).isEqualTo(
                "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                        + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                        + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                        + "87347b66");
    }

    @Property(tries = 200)
    void matchesAnIndependentImplementation(@ForAll @Size(min = 1, max = 100) byte[] secret,
                                            @ForAll @AlphaChars @StringLength(max = 30) String label,
                                            @ForAll @Size(max = 80) byte[] seed,
                                            @ForAll @IntRange(max = 200) int length) {
        assertThat(prf.compute(secret, label, seed, length)).isEqualTo(BcReference.prf(secret, label, seed, length));
    }

    @Example
    void refusesEmptySecretAndNegativeLength() {
        assertThatThrownBy(() -> prf.compute(new byte[0], "x", new byte[1], 1)).hasMessageContaining("secret");
        assertThatThrownBy(() -> prf.compute(new byte[1], "x", new byte[1], -1)).hasMessageContaining("length");
    }
}
