package io.coaps4j.coap.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips: URI string, decoded parts and options must carry the same resource (sections 6.4 and 6.5). */
class CoapUriPropertiesTest {
    /** Characters that exercise every encoding rule: delimiters, '%', spaces, non-ASCII, a 4-byte code point. */
    private static final String TRICKY = "/?&#%[]:@!$'()*+,;= .~-_é€日";
    /** A code point outside the BMP: two UTF-16 chars, four UTF-8 bytes. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Property(tries = 1000)
    void parsingTheNormalFormGivesTheSameUri(@ForAll("uris") CoapUri uri) {
        String text = uri.toString();
        CoapUri parsed = CoapUri.parse(text);

        assertThat(parsed).isEqualTo(uri);
        assertThat(parsed.toString()).isEqualTo(text);
    }

    @Property(tries = 1000)
    void optionsForTheUrisOwnAddressComposeBackToTheUri(@ForAll("uris") CoapUri uri) throws Exception {
        InetAddress address = uri.ipLiteral().orElse(InetAddress.getByName("192.0.2.7"));
        InetSocketAddress destination = new InetSocketAddress(address, uri.port());

        assertThat(CoapUri.fromOptions(uri.toOptions(destination), uri.scheme().secure(), destination)).isEqualTo(uri);
    }

    @Property(tries = 1000)
    void optionsForAnotherDestinationCarryHostAndPort(@ForAll("uris") CoapUri uri) throws Exception {
        InetSocketAddress proxy = new InetSocketAddress(InetAddress.getByName("2001:db8::99"), 40000);

        assertThat(CoapUri.fromOptions(uri.toOptions(proxy), uri.scheme().secure(), proxy)).isEqualTo(uri);
    }

    @Property(tries = 3000)
    void parsingArbitraryTextEitherSucceedsOrFailsWithIllegalArgument(@ForAll("uriLikeText") String text) {
        CoapUri uri;
        try {
            uri = CoapUri.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(CoapUri.parse(uri.toString())).isEqualTo(uri);
    }

    @Provide
    Arbitrary<String> uriLikeText() {
        Arbitrary<String> prefix = Arbitraries.of("coap://", "coaps://", "COAP://", "coap:", "coap://[", "http://", "");
        Arbitrary<String> rest = Arbitraries.strings().withChars("ab1:/?&#%[].@2F3e5 é").ofMaxLength(20);
        return Combinators.combine(prefix, rest).as(String::concat);
    }

    @Provide
    Arbitrary<CoapUri> uris() {
        Arbitrary<String> regName = Arbitraries.strings().withChars("abcxyz0189-._~é").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> octets.get(0) + "." + octets.get(1) + "." + octets.get(2) + "." + octets.get(3));
        Arbitrary<String> ipv6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .map(bytes -> "[" + IpLiterals.formatIpv6(bytes) + "]")
                .filter(host -> !host.startsWith("[::ffff:")); // IPv4-mapped become IPv4 in the JDK
        Arbitrary<String> host = Arbitraries.oneOf(regName, ipv4, ipv6);
        Arbitrary<String> unit = Arbitraries.oneOf(
                Arbitraries.of('a', 'b', '0', '9').map(String::valueOf),
                Arbitraries.of(TRICKY.chars().mapToObj(c -> String.valueOf((char) c))
                        .filter(c -> !Character.isSurrogate(c.charAt(0))).toArray(String[]::new)),
                Arbitraries.just(EMOJI));
        Arbitrary<String> part = unit.list().ofMaxSize(8).map(units -> String.join("", units));
        Arbitrary<List<String>> path = part.list().ofMaxSize(4)
                .filter(segments -> !(segments.size() == 1 && segments.get(0).isEmpty()));
        Arbitrary<List<String>> query = part.list().ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(CoapScheme.class), host, Arbitraries.integers().between(1, 65535),
                path, query).as(CoapUri::of);
    }
}
