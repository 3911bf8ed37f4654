package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsBuilderTest {

    @Test
    void buildsSortedOptionsFromTypedSetters() {
        List<Option> options = new OptionsBuilder()
                .accept(ContentFormat.JSON)
                .uriQuery("x=1")
                .uriPath("/a/b")
                .uriHost("example.com")
                .uriPort(61616)
                .build();

        assertThat(options).containsExactly(
                Option.ofString(OptionNumber.URI_HOST, "example.com"),
                Option.ofUint(OptionNumber.URI_PORT, 61616),
                Option.ofString(OptionNumber.URI_PATH, "a"),
                Option.ofString(OptionNumber.URI_PATH, "b"),
                Option.ofString(OptionNumber.URI_QUERY, "x=1"),
                Option.ofUint(OptionNumber.ACCEPT, 50));
    }

    @Test
    void uriPathSplitsOnSlashesOnly() {
        assertThat(new OptionsBuilder().uriPath("").build()).isEmpty();
        assertThat(new OptionsBuilder().uriPath("/").build()).isEmpty();
        assertThat(new OptionsBuilder().uriPath("a//b/").build()).extracting(Option::stringValue)
                .containsExactly("a", "", "b", "");
        assertThat(new OptionsBuilder().uriPath("a%2Fb").build()).extracting(Option::stringValue)
                .containsExactly("a%2Fb");
        assertThat(new OptionsBuilder().uriPathSegment("a/b").build()).extracting(Option::stringValue)
                .containsExactly("a/b");
    }

    @Test
    void responseAndConditionalOptions() {
        List<Option> options = new OptionsBuilder()
                .contentFormat(0).maxAge(0).etag(new byte[] {1, 2}).locationPath("r/7").locationQuery("q")
                .ifMatch(new byte[] {3}).ifMatchAny().ifNoneMatch().observe(5).size1(100).size2(0)
                .block2(2, true, 6).block1(0, false, 0).proxyScheme("coap").proxyUri("coap://h/x")
                .build();

        assertThat(options).extracting(Option::number).containsExactly(1, 1, 4, 5, 6, 8, 8, 12, 14, 20, 23, 27, 28, 35, 39, 60);
        assertThat(options.get(7).length()).as("Content-Format 0 has an empty value").isZero();
        assertThat(options.get(8).length()).as("Max-Age 0 has an empty value").isZero();
        assertThat(options.get(10).uintValue()).isEqualTo(2 << 4 | 8 | 6);
        assertThat(options.get(1).length()).isZero();
    }

    @Test
    void valuesOutsideTheRegistryBoundsAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> new OptionsBuilder().etag(new byte[9]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ETag").hasMessageContaining("1..8");
        assertThatThrownBy(() -> new OptionsBuilder().etag(new byte[0])).hasMessageContaining("ETag");
        assertThatThrownBy(() -> new OptionsBuilder().uriHost("")).hasMessageContaining("Uri-Host");
        assertThatThrownBy(() -> new OptionsBuilder().uriPath("x".repeat(256))).hasMessageContaining("Uri-Path");
        assertThatThrownBy(() -> new OptionsBuilder().ifMatch(new byte[9])).hasMessageContaining("If-Match");
        assertThatThrownBy(() -> new OptionsBuilder().proxyUri("")).hasMessageContaining("Proxy-Uri");
        assertThatThrownBy(() -> new OptionsBuilder().option(Option.of(OptionNumber.ACCEPT, new byte[3])))
                .hasMessageContaining("Accept");
    }

    @Test
    void numericValuesOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new OptionsBuilder().uriPort(65536)).hasMessageContaining("Uri-Port");
        assertThatThrownBy(() -> new OptionsBuilder().contentFormat(-1)).hasMessageContaining("Content-Format");
        assertThatThrownBy(() -> new OptionsBuilder().accept(70000)).hasMessageContaining("Accept");
        assertThatThrownBy(() -> new OptionsBuilder().maxAge(-1)).hasMessageContaining("Max-Age");
        assertThatThrownBy(() -> new OptionsBuilder().observe(1 << 24)).hasMessageContaining("Observe");
        assertThatThrownBy(() -> new OptionsBuilder().block2(0, false, 7)).hasMessageContaining("size exponent");
        assertThatThrownBy(() -> new OptionsBuilder().block1(1 << 20, false, 0)).hasMessageContaining("block number");
        assertThatThrownBy(() -> new OptionsBuilder().size2(-5)).hasMessageContaining("Size2");
    }

    @Test
    void nonRepeatableOptionsCannotBeSetTwice() {
        assertThatThrownBy(() -> new OptionsBuilder().contentFormat(0).contentFormat(50))
                .hasMessageContaining("Content-Format").hasMessageContaining("not repeatable");
        assertThat(new OptionsBuilder().etag(new byte[] {1}).etag(new byte[] {2}).build()).hasSize(2);
    }

    @Test
    void aCustomRegistryChecksApplicationOptions() {
        OptionRegistry registry = OptionRegistry.standard().toBuilder()
                .add(new OptionDefinition(267, "oneM2M-TY", OptionFormat.UINT, 2, 2, false, OptionDefinition.Usage.BOTH))
                .build();
        assertThatThrownBy(() -> new OptionsBuilder(registry).option(Option.ofUint(267, 2)))
                .hasMessageContaining("oneM2M-TY");
        assertThat(new OptionsBuilder(registry).option(Option.of(267, new byte[] {0, 2})).build()).hasSize(1);
        assertThat(new OptionsBuilder().option(Option.ofUint(267, 2)).build()).hasSize(1);
    }

    @Test
    void messageBuilderAssemblesAMessageAndNamesMissingFields() {
        Message message = Message.builder().type(MessageType.CON).code(Code.POST).messageId(9).token(Token.ofHex("beef"))
                .options(new OptionsBuilder().uriPath("a").contentFormat(ContentFormat.TEXT_PLAIN))
                .payload("hi").build();

        assertThat(message.uriPath()).containsExactly("a");
        assertThat(message.contentFormat()).hasValue(0);
        assertThat(message.payloadAsString()).isEqualTo("hi");
        assertThat(message.messageId()).isEqualTo(9);
        assertThatThrownBy(() -> Message.builder().code(Code.GET).build()).hasMessage("type is not set");
        assertThatThrownBy(() -> Message.builder().type(MessageType.CON).build()).hasMessage("code is not set");
        assertThatThrownBy(() -> Message.builder().messageId(70000)).hasMessageContaining("messageId");
    }

    @Test
    void anEmptyCodeCannotCarryATokenOptionsOrPayload() {
        assertThatThrownBy(() -> Message.of(MessageType.ACK, Code.EMPTY, 1, Token.ofHex("01"), List.of(), new byte[0]))
                .hasMessageContaining("Empty");
        assertThatThrownBy(() -> Message.builder().type(MessageType.ACK).code(Code.EMPTY).payload("x").build())
                .hasMessageContaining("Empty");
        assertThatThrownBy(() -> Message.empty(MessageType.RST, 1).withToken(Token.ofHex("01")))
                .hasMessageContaining("Empty");
        assertThat(Message.of(MessageType.ACK, Code.EMPTY, 1, Token.EMPTY, List.of(), new byte[0]))
                .isEqualTo(Message.empty(MessageType.ACK, 1));
    }

    @Test
    void decodedOptionsAndPayloadAreIndependentOfTheReceiveBuffer() throws MessageFormatException {
        byte[] datagram = MessageCodec.encode(Message.builder().type(MessageType.NON).code(Code.PUT)
                .options(new OptionsBuilder().uriPath("abc")).payload("xyz").build());
        Message decoded = MessageCodec.decode(datagram);
        java.util.Arrays.fill(datagram, (byte) 0);

        assertThat(decoded.uriPath()).containsExactly("abc");
        assertThat(decoded.payloadAsString()).isEqualTo("xyz");
        byte[] copy = decoded.payload();
        copy[0] = 'Q';
        assertThat(decoded.payloadAsString()).isEqualTo("xyz");
        assertThat(decoded.option(OptionNumber.URI_PATH).orElseThrow().valueEquals("abc".getBytes())).isTrue();
    }
}
