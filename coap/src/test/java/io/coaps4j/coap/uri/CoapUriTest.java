package io.coaps4j.coap.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoapUriTest {

    private static InetSocketAddress destination(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void rfc7252Section63EquivalentUrisGiveTheSameOptionsAndNormalForm() throws Exception {
        List<String> equivalent = List.of(
                "coap://example.com:5683/~sensors/temp.xml",
                "coap://EXAMPLE.com/%7Esensors/temp.xml",
                "coap://EXAMPLE.com:/%7esensors/temp.xml");
        InetSocketAddress server = destination("192.0.2.1", 5683);
        List<Option> expected = List.of(
                Option.ofString(OptionNumber.URI_HOST, "example.com"),
                Option.ofString(OptionNumber.URI_PATH, "~sensors"),
                Option.ofString(OptionNumber.URI_PATH, "temp.xml"));

        for (String text : equivalent) {
            CoapUri uri = CoapUri.parse(text);
            assertThat(uri.toOptions(server)).as(text).isEqualTo(expected);
            assertThat(uri.toString()).as(text).isEqualTo("coap://example.com/~sensors/temp.xml");
            assertThat(uri).isEqualTo(CoapUri.parse(equivalent.get(0)));
        }
    }

    @Test
    void parsesTheParts() {
        CoapUri uri = CoapUri.parse("coaps://Sensor.Example:61616/a/b%20c/?rt=temp&if=sensor%26x");

        assertThat(uri.scheme()).isEqualTo(CoapScheme.COAPS);
        assertThat(uri.host()).isEqualTo("sensor.example");
        assertThat(uri.ipLiteral()).isEmpty();
        assertThat(uri.port()).isEqualTo(61616);
        assertThat(uri.path()).containsExactly("a", "b c", "");
        assertThat(uri.query()).containsExactly("rt=temp", "if=sensor&x");
        assertThat(uri.toString()).isEqualTo("coaps://sensor.example:61616/a/b%20c/?rt=temp&if=sensor%26x");
    }

    @ParameterizedTest
    @CsvSource({"coap://h, 5683", "coap://h/, 5683", "coaps://h, 5684", "coap://h:5684/, 5684", "COAPS://h:/, 5684"})
    void defaultPortsAndEmptyPaths(String text, int port) {
        CoapUri uri = CoapUri.parse(text);
        assertThat(uri.port()).isEqualTo(port);
        assertThat(uri.path()).isEmpty();
        assertThat(uri.pathString()).isEqualTo("/");
        assertThat(uri.toOptions()).extracting(Option::number).containsExactly(OptionNumber.URI_HOST);
    }

    @Test
    void ipv6LiteralsAreParsedWithoutLookupAndWrittenInRfc5952Form() throws Exception {
        CoapUri uri = CoapUri.parse("coap://[::1]:5683/x");
        assertThat(uri.host()).isEqualTo("[::1]");
        assertThat(uri.hostName()).isEqualTo("::1");
        assertThat(uri.ipLiteral()).hasValue(InetAddress.getByName("::1"));
        assertThat(uri.toString()).isEqualTo("coap://[::1]/x");

        CoapUri long6 = CoapUri.parse("coaps://[2001:0DB8:0000:0000:0000:0000:0002:0001]:61616/");
        assertThat(long6.host()).isEqualTo("[2001:db8::2:1]");
        assertThat(long6.toString()).isEqualTo("coaps://[2001:db8::2:1]:61616/");
    }

    @Test
    void uriHostIsLeftOutWhenTheHostIsTheDestinationIpLiteral() throws Exception {
        // Section 6.4 step 5.
        assertThat(CoapUri.parse("coap://[::1]/x").toOptions(destination("::1", 5683)))
                .containsExactly(Option.ofString(OptionNumber.URI_PATH, "x"));
        assertThat(CoapUri.parse("coap://192.0.2.1/x").toOptions(destination("192.0.2.1", 5683)))
                .containsExactly(Option.ofString(OptionNumber.URI_PATH, "x"));
        assertThat(CoapUri.parse("coap://192.0.2.1/x").toOptions())
                .containsExactly(Option.ofString(OptionNumber.URI_PATH, "x"));
    }

    @Test
    void uriHostIsIncludedForANameOrAnotherAddress() throws Exception {
        // Through a proxy at 192.0.2.9 the literal host is not the destination, so it travels as Uri-Host.
        assertThat(CoapUri.parse("coap://[2001:db8::1]/x").toOptions(destination("192.0.2.9", 5683)))
                .startsWith(Option.ofString(OptionNumber.URI_HOST, "[2001:db8::1]"));
        assertThat(CoapUri.parse("coap://node.local/x").toOptions(destination("192.0.2.1", 5683)))
                .startsWith(Option.ofString(OptionNumber.URI_HOST, "node.local"));
    }

    @Test
    void uriPortIsIncludedOnlyWhenItDiffersFromTheDestinationPort() throws Exception {
        // Section 6.4 steps 6 and 7.
        CoapUri uri = CoapUri.parse("coap://192.0.2.1:61616/x");
        assertThat(uri.toOptions(destination("192.0.2.1", 61616))).extracting(Option::number)
                .containsExactly(OptionNumber.URI_PATH);
        assertThat(uri.toOptions(destination("192.0.2.1", 5683)))
                .contains(Option.ofUint(OptionNumber.URI_PORT, 61616));
        assertThat(CoapUri.parse("coap://192.0.2.1/x").toOptions(destination("192.0.2.1", 6000)))
                .contains(Option.ofUint(OptionNumber.URI_PORT, 5683));
    }

    @Test
    void pathSegmentsAndQueryArgumentsArePercentDecodedOnce() throws Exception {
        CoapUri uri = CoapUri.parse("coap://h/a%2Fb/%25/%C3%A9t%C3%A9?q=%3F%26&%2525");
        assertThat(uri.path()).containsExactly("a/b", "%", "été");
        assertThat(uri.query()).containsExactly("q=?&", "%25");
        assertThat(uri.toOptions(destination("192.0.2.1", 5683))).extracting(Option::stringValue)
                .containsExactly("h", "a/b", "%", "été", "q=?&", "%25");
    }

    @Test
    void dotSegmentsAreResolved() {
        assertThat(CoapUri.parse("coap://h/a/./b/../c").path()).containsExactly("a", "c");
        assertThat(CoapUri.parse("coap://h/a/..").path()).isEmpty();
        assertThat(CoapUri.parse("coap://h/a/b/..").path()).containsExactly("a", "");
        assertThat(CoapUri.parse("coap://h/../../x").path()).containsExactly("x");
    }

    @Test
    void emptySegmentsAndArgumentsAreKept() {
        CoapUri uri = CoapUri.parse("coap://h//a//?&x=&");
        assertThat(uri.path()).containsExactly("", "a", "", "");
        assertThat(uri.query()).containsExactly("", "x=", "");
        assertThat(uri.toString()).isEqualTo("coap://h//a//?&x=&");
        assertThat(CoapUri.parse("coap://h?").query()).containsExactly("");
    }

    @Test
    void composesFromOptionsPerSection65() throws Exception {
        List<Option> options = List.of(
                Option.ofString(OptionNumber.URI_PATH, "a b"),
                Option.ofString(OptionNumber.URI_PATH, "c:d@e/f"),
                Option.ofString(OptionNumber.URI_QUERY, "k=v&w"),
                Option.ofString(OptionNumber.URI_QUERY, "p=/?:@!$'()*+,;="));

        CoapUri uri = CoapUri.fromOptions(options, false, destination("192.0.2.1", 5683));
        assertThat(uri.toString()).isEqualTo("coap://192.0.2.1/a%20b/c:d@e%2Ff?k=v%26w&p=/?:@!$'()*+,;=");

        CoapUri secured = CoapUri.fromOptions(List.of(), true, destination("2001:db8::1", 5684));
        assertThat(secured.toString()).isEqualTo("coaps://[2001:db8::1]/");

        CoapUri withHostAndPort = CoapUri.fromOptions(List.of(
                Option.ofString(OptionNumber.URI_HOST, "exämple.org"),
                Option.ofUint(OptionNumber.URI_PORT, 5683)), true, destination("192.0.2.1", 5684));
        assertThat(withHostAndPort.toString()).isEqualTo("coaps://ex%C3%A4mple.org:5683/");
    }

    @Test
    void composingRejectsAUriHostThatIsNoHost() throws Exception {
        InetSocketAddress server = destination("192.0.2.1", 5683);
        assertThatThrownBy(() -> CoapUri.fromOptions(List.of(Option.ofString(OptionNumber.URI_HOST, "a b")), false, server))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Uri-Host");
        assertThatThrownBy(() -> CoapUri.fromOptions(List.of(Option.ofUint(OptionNumber.URI_PORT, 0)), false, server))
                .hasMessageContaining("Uri-Port");
    }

    @Test
    void aUriHostIpv6LiteralIsRecognizedAndNormalized() throws Exception {
        CoapUri uri = CoapUri.fromOptions(List.of(Option.ofString(OptionNumber.URI_HOST, "[2001:DB8:0:0:0:0:0:1]")),
                false, destination("192.0.2.1", 5683));
        assertThat(uri.host()).isEqualTo("[2001:db8::1]");
        assertThat(uri.ipLiteral()).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/sensors/temp | relative reference",
        "//example.com/x | relative reference",
        "sensors/temp | relative reference",
        "http://example.com/ | scheme must be coap or coaps",
        "coap://example.com/x#frag | fragment",
        "coap:/x | no authority",
        "coap:x | no authority",
        "coap:///x | empty host",
        "coap://:5683/x | empty host",
        "coap://user@example.com/ | user info",
        "coap://example.com:99999/ | 1..65535",
        "coap://example.com:123456/ | out of range",
        "coap://example.com:0/ | 1..65535",
        "coap://example.com:8o/ | not a number",
        "coap://[::1/x | unterminated",
        "coap://[::g]/x | not a valid IPv6",
        "coap://[fe80::1%25eth0]/x | zone",
        "coap://[::1]x/ | after the IPv6 literal",
        "coap://h/a b | ' ' is not allowed in the path segment",
        "coap://h/%zz | invalid percent-encoding",
        "coap://h/%4 | incomplete percent-encoding",
        "coap://h/%C3 | not UTF-8",
        "coap://h/?a=[1] | '[' is not allowed in the query",
        "coap://ex ample/ | ' ' is not allowed in the host",
    })
    void rejectsInvalidUrisWithAClearMessage(String text, String reason) {
        assertThatThrownBy(() -> CoapUri.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coap://h/x", "coaps://[2001:db8::1]:1234/a?b", "coap://10.0.0.1:61616/.well-known/core?rt=x"})
    void normalFormsParseBackToThemselves(String text) {
        assertThat(CoapUri.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void buildsFromDecodedParts() {
        CoapUri uri = CoapUri.of(CoapScheme.COAP, "Example.COM", List.of("a b", ""), List.of("x=1"));
        assertThat(uri.toString()).isEqualTo("coap://example.com/a%20b/?x=1");
        assertThat(CoapUri.of(CoapScheme.COAPS, "::1", 5684, List.of(), List.of()).toString()).isEqualTo("coaps://[::1]/");
        assertThat(uri.withPathAndQuery(List.of(".well-known", "core"), List.of()).toString())
                .isEqualTo("coap://example.com/.well-known/core");
        assertThatThrownBy(() -> CoapUri.of(CoapScheme.COAP, "", List.of(), List.of())).hasMessageContaining("host");
        assertThatThrownBy(() -> CoapUri.of(CoapScheme.COAP, "h", 0, List.of(), List.of())).hasMessageContaining("port");
        assertThatThrownBy(() -> CoapUri.of(CoapScheme.COAP, "h", List.of("a\uD83D"), List.of()))
                .hasMessageContaining("unpaired surrogate");
    }
}
