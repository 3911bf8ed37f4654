package io.coaps4j.coap.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource({
        // RFC 5952 section 4 examples and the recommended forms they lead to.
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8::0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "1::, 1::",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void parsesAndWritesTheRecommendedForm(String text, String recommended) throws Exception {
        byte[] address = IpLiterals.parseIpv6(text);
        byte[] jdk = InetAddress.getByName(text).getAddress(); // the JDK turns IPv4-mapped into 4 bytes
        assertThat(jdk.length == 16 ? address : java.util.Arrays.copyOfRange(address, 12, 16)).isEqualTo(jdk);
        assertThat(IpLiterals.formatIpv6(address)).isEqualTo(recommended);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
        ":1::", "1:", "g::", "::1.2.3", "::256.0.0.1", "1:2:3:4:5:6:7:1.2.3.4"})
    void rejectsInvalidIpv6(String text) {
        assertThat(IpLiterals.parseIpv6(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 "})
    void rejectsInvalidIpv4(String text) {
        assertThat(IpLiterals.parseIpv4(text)).isNull();
    }

    @Property(tries = 1000)
    void formattedAddressesParseBackAndAgreeWithTheJdk(@ForAll @Size(16) byte[] address) throws Exception {
        String text = IpLiterals.formatIpv6(address);
        assertThat(IpLiterals.parseIpv6(text)).as(text).isEqualTo(address);
        assertThat(InetAddress.getByName(text).getAddress()).as(text)
                .isEqualTo(InetAddress.getByAddress(address).getAddress());
        assertThat(text).doesNotContain(":::").isEqualTo(text.toLowerCase());
    }

    @Property(tries = 300)
    void ipv4RoundTrips(@ForAll @Size(4) byte[] address) {
        String text = (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        assertThat(IpLiterals.parseIpv4(text)).as(HexFormat.of().formatHex(address)).isEqualTo(address);
    }
}
