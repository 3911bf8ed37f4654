package io.coaps4j.dtls.credentials;

import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RawPublicKeyPrincipalTest {
    /** RFC 6920 section 8.2, Figure 9: a DER-encoded SubjectPublicKeyInfo (RSA). */
    private static final String FIGURE_9 = "30820122300d06092a864886f70d01010105000382010f003082010a0282010100"
            + "a25f83da9bd9f17a3a3667bafd5a940ecf16d55a553a5ed403b1658e6dcfa3b7dba4e7cc0f52c67d351dc468c2bd7b"
            + "9ddbe40ad710cdf95320ee0dd7566e5b7aae2c5f830a193c725896d686e80ee694eb5cf2903ef3a88a8856b6cd3638"
            + "762297b16b3c9c07f34f9708a1bc29389b81062b7460387a932f39be1234096e0b5710b7a37bf2c6eed6c1e5ecaec5"
            + "9c8314f46b58e2def2ffc97707e3f34c97cf1a289e38a1b3934175a1a4763f4d78d744d61ae3cee25dc5784cb53122"
            + "2ec74b8c6f56785ca1c4c01dcae5b944d7e9909cbceeb0a2b1dcda6da00ff6ad1e2c12a2a766603e36d49141c2f2e7"
            + "69392c9dd2dfb5a34495487c876489ddbf0501eedd0203010001";

    private static PublicKey figure9() throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(FIGURE_9)));
    }

    @Test
    void theNameIsTheNiUriOfTheSubjectPublicKeyInfoAsInRfc6920Figure10() throws Exception {
        RawPublicKeyPrincipal principal = new RawPublicKeyPrincipal(figure9());

        assertThat(principal.getName()).isEqualTo("ni:///sha-256;UyaQV-Ev4rdLoHyJJWCi11OHfrYv9E1aGQAlMO2X_-Q");
    }

    @Test
    void itIsNamedByTheFullAndTheTruncatedFormsOnly() throws Exception {
        RawPublicKeyPrincipal principal = new RawPublicKeyPrincipal(figure9());

        assertThat(principal.isNamedBy("ni:///sha-256;UyaQV-Ev4rdLoHyJJWCi11OHfrYv9E1aGQAlMO2X_-Q")).isTrue();
        assertThat(principal.isNamedBy("ni://example.com/sha-256;UyaQV-Ev4rdLoHyJJWCi11OHfrYv9E1aGQAlMO2X_-Q")).isTrue();
        // sha-256-120 (RFC 6920 section 9.4): the first 15 bytes, 5326 9057 e12f e2b7 4ba0 7c89 2560 a2 (Figure 10)
        assertThat(principal.isNamedBy("ni:///sha-256-120;UyaQV-Ev4rdLoHyJJWCi")).isTrue();
        assertThat(principal.isNamedBy("ni:///sha-256;UyaQV-Ev4rdLoHyJJWCi11OHfrYv9E1aGQAlMO2X_-A")).isFalse();
        assertThat(principal.isNamedBy("ni:///sha-512;UyaQV-Ev4rdLoHyJJWCi11OHfrYv9E1aGQAlMO2X_-Q")).isFalse();
        assertThat(principal.isNamedBy("ni:///sha-256;not base64!")).isFalse();
    }

    @Test
    void principalsOfTheSameKeyAreEqual() throws Exception {
        PublicKey ec = TestKeys.p256().getPublic();
        assertThat(new RawPublicKeyPrincipal(ec)).isEqualTo(new RawPublicKeyPrincipal(ec))
                .hasSameHashCodeAs(new RawPublicKeyPrincipal(ec))
                .isNotEqualTo(new RawPublicKeyPrincipal(figure9()));
        assertThat(new RawPublicKeyPrincipal(ec).getName()).startsWith("ni:///sha-256;").hasSize(14 + 43);
    }
}
