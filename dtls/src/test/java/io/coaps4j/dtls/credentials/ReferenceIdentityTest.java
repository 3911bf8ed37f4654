package io.coaps4j.dtls.credentials;

import org.junit.jupiter.api.Test;

import javax.security.auth.x500.X500Principal;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 6125 section 6 as RFC 7252 section 9.1.3.3 applies it: DNS-ID, URI-ID, iPAddress, CN fallback. */
class ReferenceIdentityTest {
    private static final KeyPair KEYS = TestKeys.p256();

    private static boolean names(X509Certificate certificate, String host) {
        return ReferenceIdentity.of(host).isNamedBy(certificate);
    }

    private static TestCertificates cert(String subject) {
        return TestCertificates.of(subject, KEYS);
    }

    @Test
    void aDnsIdMatchesCaseInsensitivelyAndIgnoresTheRootDot() {
        X509Certificate c = cert("CN=x").dns("Device.Example.com").build();

        assertThat(names(c, "device.example.com")).isTrue();
        assertThat(names(c, "DEVICE.EXAMPLE.COM.")).isTrue();
        assertThat(names(c, "evil-device.example.com")).isFalse();
        assertThat(names(c, "example.com")).isFalse();
    }

    @Test
    void aWildcardIsOnlyTheWholeLeftMostLabelAndStandsForExactlyOneLabel() {
        X509Certificate wildcard = cert("CN=x").dns("*.example.com").build();
        assertThat(names(wildcard, "a.example.com")).isTrue();
        assertThat(names(wildcard, "example.com")).isFalse();
        assertThat(names(wildcard, "a.b.example.com")).isFalse();

        assertThat(names(cert("CN=x").dns("f*.example.com").build(), "foo.example.com")).isFalse();
        assertThat(names(cert("CN=x").dns("*oo.example.com").build(), "foo.example.com")).isFalse();
        assertThat(names(cert("CN=x").dns("a.*.example.com").build(), "a.b.example.com")).isFalse();
        assertThat(names(cert("CN=x").dns("*.com").build(), "example.com")).isFalse();
        assertThat(names(cert("CN=x").dns("*").build(), "localhost")).isFalse();
    }

    @Test
    void anIpLiteralMatchesAnIpAddressNameButNeverADnsNameOrAWildcard() {
        X509Certificate v4 = cert("CN=x").ip("192.0.2.1").build();
        X509Certificate v6 = cert("CN=x").ip("2001:db8::1").build();

        assertThat(names(v4, "192.0.2.1")).isTrue();
        assertThat(names(v4, "192.0.2.2")).isFalse();
        assertThat(names(v6, "2001:db8::1")).isTrue();
        assertThat(names(v6, "[2001:DB8:0:0:0:0:0:1]")).isTrue();
        assertThat(names(cert("CN=x").dns("192.0.2.1").build(), "192.0.2.1")).isFalse();
        assertThat(names(cert("CN=x").dns("*.0.2.1").build(), "192.0.2.1")).isFalse();
        assertThat(ReferenceIdentity.of("192.0.2.1").isIpAddress()).isTrue();
        assertThat(ReferenceIdentity.of("host.example").isIpAddress()).isFalse();
    }

    @Test
    void aUriIdMatchesTheHostOfACoapsUriOnly() {
        X509Certificate uri = cert("CN=x").uri("coaps://device-7.example:5684/sensors").build();

        assertThat(names(uri, "device-7.example")).isTrue();
        assertThat(names(uri, "Device-7.Example")).isTrue();
        assertThat(names(uri, "device-8.example")).isFalse();
        assertThat(names(cert("CN=x").uri("coap://device-7.example").build(), "device-7.example")).isFalse();
        assertThat(names(cert("CN=x").uri("https://device-7.example").build(), "device-7.example")).isFalse();
        assertThat(names(cert("CN=x").uri("coaps://[2001:db8::7]/").build(), "2001:db8::7")).isTrue();
        assertThat(names(cert("CN=x").uri("coaps://192.0.2.7").build(), "192.0.2.7")).isTrue();
    }

    @Test
    void theCommonNameCountsOnlyWithoutDnsOrUriNamesAndNeverAsAWildcard() {
        assertThat(names(cert("CN=device.example,O=Example").build(), "device.example")).isTrue();
        assertThat(names(cert("CN=192.0.2.9").build(), "192.0.2.9")).isTrue();
        assertThat(names(cert("CN=device.example").dns("other.example").build(), "device.example")).isFalse();
        assertThat(names(cert("CN=device.example").uri("coaps://other.example").build(), "device.example")).isFalse();
        // an iPAddress name is neither DNS nor URI: the CN still counts (RFC 6125 section 6.4.4)
        assertThat(names(cert("CN=device.example").ip("192.0.2.1").build(), "device.example")).isTrue();
        assertThat(names(cert("CN=*.example.com").build(), "a.example.com")).isFalse();
    }

    @Test
    void theMostSpecificCommonNameIsRead() {
        assertThat(ReferenceIdentity.commonName(new X500Principal("CN=device.example, OU=Devices, O=Example")))
                .contains("device.example");
        assertThat(ReferenceIdentity.commonName(new X500Principal("CN=a\\, b, O=Example"))).contains("a, b");
        assertThat(ReferenceIdentity.commonName(new X500Principal("O=Example"))).isEmpty();
    }

    @Test
    void internationalizedNamesAreComparedAsALabels() {
        X509Certificate idn = cert("CN=x").dns("xn--bcher-kva.example").build();

        assertThat(names(idn, "bücher.example")).isTrue();
        assertThat(names(idn, "bucher.example")).isFalse();
    }

    @Test
    void aReferenceThatIsNoHostIsRefusedWhenMade() {
        assertThatThrownBy(() -> ReferenceIdentity.of("")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> ReferenceIdentity.of("a..b")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> ReferenceIdentity.of("cafe:zz")).hasMessageContaining("not a host name");
        assertThat(ReferenceIdentity.ipLiteral("cafe::beef:1:2:3:4:5:6:7")).isEmpty();
        assertThat(ReferenceIdentity.ipLiteral("256.0.0.1")).isEmpty();
        assertThat(ReferenceIdentity.ipLiteral("[::1]")).isPresent();
    }
}
