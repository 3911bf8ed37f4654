package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

class HmacSha256Test {
    private final HmacSha256 hmac = new HmacSha256();

    /** RFC 4231 section 4.2, test case 1. */
    @Example
    void knownAnswer() {
        byte[] key = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(HexFormat.of().formatHex(hmac.start(key).update("Hi There".getBytes()).finish()))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Property(tries = 100)
    void matchesBouncyCastleAcrossPartsAndRestarts(@ForAll @Size(min = 1, max = 80) byte[] key,
                                                   @ForAll @Size(max = 100) byte[] first,
                                                   @ForAll @Size(max = 100) byte[] second) {
        hmac.start(new byte[] {1}).update(new byte[] {9, 9}); // an abandoned computation must not leak in
        byte[] ours = hmac.start(key).update(first).update((byte) 7).update(second, 0, second.length).finish();

        HMac reference = new HMac(new SHA256Digest());
        reference.init(new KeyParameter(key));
        reference.update(first, 0, first.length);
        reference.update((byte) 7);
        reference.update(second, 0, second.length);
        byte[] expected = new byte[32];
        reference.doFinal(expected, 0);
        assertThat(ours).isEqualTo(expected);
    }

    @Example
    void refusesAnEmptyKey() {
        assertThatThrownBy(() -> hmac.start(new byte[0])).hasMessageContaining("key must not be empty");
    }
}
