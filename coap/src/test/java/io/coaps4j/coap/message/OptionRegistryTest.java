package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionRegistryTest {
    private final OptionRegistry registry = OptionRegistry.standard();

    private static Message request(Option... options) {
        return Message.of(MessageType.CON, Code.GET, 1, Token.ofHex("01"), List.of(options), new byte[0]);
    }

    private static Message response(Option... options) {
        return Message.of(MessageType.ACK, Code.CONTENT, 1, Token.ofHex("01"), List.of(options), new byte[0]);
    }

    @Test
    void definesEveryRfc7252OptionWithItsTableEntry() {
        // RFC 7252 section 5.10, table 4: number, name, format, length range, repeatable.
        assertDefinition(1, "If-Match", OptionFormat.OPAQUE, 0, 8, true);
        assertDefinition(3, "Uri-Host", OptionFormat.STRING, 1, 255, false);
        assertDefinition(4, "ETag", OptionFormat.OPAQUE, 1, 8, true);
        assertDefinition(5, "If-None-Match", OptionFormat.EMPTY, 0, 0, false);
        assertDefinition(7, "Uri-Port", OptionFormat.UINT, 0, 2, false);
        assertDefinition(8, "Location-Path", OptionFormat.STRING, 0, 255, true);
        assertDefinition(11, "Uri-Path", OptionFormat.STRING, 0, 255, true);
        assertDefinition(12, "Content-Format", OptionFormat.UINT, 0, 2, false);
        assertDefinition(14, "Max-Age", OptionFormat.UINT, 0, 4, false);
        assertDefinition(15, "Uri-Query", OptionFormat.STRING, 0, 255, true);
        assertDefinition(17, "Accept", OptionFormat.UINT, 0, 2, false);
        assertDefinition(20, "Location-Query", OptionFormat.STRING, 0, 255, true);
        assertDefinition(35, "Proxy-Uri", OptionFormat.STRING, 1, 1034, false);
        assertDefinition(39, "Proxy-Scheme", OptionFormat.STRING, 1, 255, false);
        assertDefinition(60, "Size1", OptionFormat.UINT, 0, 4, false);
    }

    @Test
    void definesObserveBlockSize2AndRequestTag() {
        assertDefinition(6, "Observe", OptionFormat.UINT, 0, 3, false); // RFC 7641 section 2
        assertDefinition(23, "Block2", OptionFormat.UINT, 0, 3, false); // RFC 7959 section 2.1
        assertDefinition(27, "Block1", OptionFormat.UINT, 0, 3, false);
        assertDefinition(28, "Size2", OptionFormat.UINT, 0, 4, false); // RFC 7959 section 4
        assertDefinition(292, "Request-Tag", OptionFormat.OPAQUE, 0, 8, true); // RFC 9175 section 3.2
        assertThat(registry.definitions()).hasSize(20);
    }

    private void assertDefinition(int number, String name, OptionFormat format, int min, int max, boolean repeatable) {
        OptionDefinition definition = registry.definition(number).orElseThrow();
        assertThat(definition.name()).isEqualTo(name);
        assertThat(definition.format()).isEqualTo(format);
        assertThat(definition.minLength()).isEqualTo(min);
        assertThat(definition.maxLength()).isEqualTo(max);
        assertThat(definition.repeatable()).as("%s repeatable", name).isEqualTo(repeatable);
        assertThat(registry.definition(name.toLowerCase(java.util.Locale.ROOT))).hasValue(definition);
    }

    @Test
    void propertiesFollowFromTheNumberAsInTable4() {
        // C, U and N columns of RFC 7252 table 4 and RFC 7959 / 7641.
        assertFlags("If-Match", true, false, false);
        assertFlags("Uri-Host", true, true, false);
        assertFlags("ETag", false, false, false);
        assertFlags("Observe", false, true, false);
        assertFlags("Uri-Port", true, true, false);
        assertFlags("Content-Format", false, false, false);
        assertFlags("Max-Age", false, true, false);
        assertFlags("Accept", true, false, false);
        assertFlags("Block2", true, true, false);
        assertFlags("Size2", false, false, true);
        assertFlags("Proxy-Uri", true, true, false);
        assertFlags("Size1", false, false, true);
    }

    private void assertFlags(String name, boolean critical, boolean unsafe, boolean noCacheKey) {
        OptionDefinition definition = registry.definition(name).orElseThrow();
        assertThat(definition.critical()).as("%s critical", name).isEqualTo(critical);
        assertThat(definition.unsafe()).as("%s unsafe", name).isEqualTo(unsafe);
        assertThat(definition.noCacheKey()).as("%s NoCacheKey", name).isEqualTo(noCacheKey);
    }

    @Test
    void unknownCriticalOptionIsReported() {
        Message get = request(Option.ofString(OptionNumber.URI_PATH, "a"), Option.ofString(9, "x"),
                Option.ofString(2049, "y"));
        assertThat(registry.firstUnrecognizedCritical(get)).hasValue(9);
    }

    @Test
    void unknownElectiveOptionIsIgnoredAndStripped() {
        Message get = request(Option.ofString(OptionNumber.URI_PATH, "a"), Option.ofString(2048, "y"));

        assertThat(registry.firstUnrecognizedCritical(get)).isEmpty();
        Message recognized = registry.recognizedOnly(get);
        assertThat(recognized.options()).extracting(Option::number).containsExactly(OptionNumber.URI_PATH);
        assertThat(recognized.messageId()).isEqualTo(get.messageId());
        assertThat(recognized.token()).isEqualTo(get.token());
    }

    @Test
    void aForwardingRegistryKeepsUnknownSafeToForwardOptionsAndRefusesUnknownUnsafeOnesInRequests() {
        OptionRegistry proxy = registry.toBuilder().forwarding(true).build();
        assertThat(proxy.forwarding()).isTrue();
        assertThat(proxy.toBuilder().build().forwarding()).as("kept by toBuilder").isTrue();
        // 9 (OSCORE) is critical and Safe-to-Forward, 65000 elective and safe: kept, as RFC 7252 5.7.1 asks.
        Message get = request(Option.of(9, new byte[] {1}), Option.of(65000, new byte[] {2}));
        assertThat(proxy.firstUnrecognizedCritical(get)).isEmpty();
        assertThat(proxy.recognizedOnly(get)).isSameAs(get);
        // 65002 is elective but Unsafe: a proxy refuses it (5.7.1), unlike an origin, which ignores it.
        assertThat(proxy.firstUnrecognizedCritical(request(Option.of(65002, new byte[0])))).hasValue(65002);
        assertThat(registry.firstUnrecognizedCritical(request(Option.of(65002, new byte[0])))).isEmpty();
        // A response keeps every option: the proxy itself answers one with an unknown Unsafe option with 5.02.
        Message unsafe = response(Option.of(65003, new byte[0]), Option.of(65002, new byte[0]));
        assertThat(proxy.firstUnrecognizedCritical(unsafe)).isEmpty();
        assertThat(proxy.recognizedOnly(unsafe)).isSameAs(unsafe);
        // Known options keep their checks.
        assertThat(proxy.firstUnrecognizedCritical(request(Option.of(OptionNumber.URI_HOST, new byte[0]))))
                .hasValue(OptionNumber.URI_HOST);
    }

    @Test
    void fullyRecognizedMessageIsReturnedAsIs() {
        Message get = request(Option.ofString(OptionNumber.URI_PATH, "a"), Option.ofUint(OptionNumber.ACCEPT, 50));
        assertThat(registry.recognizedOnly(get)).isSameAs(get);
        assertThat(registry.firstUnrecognizedCritical(get)).isEmpty();
    }

    @Test
    void criticalOptionWithLengthOutOfRangeIsUnrecognized() {
        // Section 5.4.3: Uri-Host must be 1..255 bytes, Uri-Port 0..2.
        assertThat(registry.firstUnrecognizedCritical(request(Option.of(OptionNumber.URI_HOST, new byte[0]))))
                .hasValue(OptionNumber.URI_HOST);
        assertThat(registry.firstUnrecognizedCritical(request(Option.of(OptionNumber.URI_PORT, new byte[3]))))
                .hasValue(OptionNumber.URI_PORT);
        assertThat(registry.firstUnrecognizedCritical(request(Option.of(OptionNumber.URI_PATH, new byte[256]))))
                .hasValue(OptionNumber.URI_PATH);
        assertThat(registry.firstUnrecognizedCritical(request(Option.of(OptionNumber.IF_NONE_MATCH, new byte[1]))))
                .hasValue(OptionNumber.IF_NONE_MATCH);
    }

    @Test
    void electiveOptionWithLengthOutOfRangeIsDropped() {
        Message get = request(Option.of(OptionNumber.CONTENT_FORMAT, new byte[3]), Option.of(OptionNumber.ETAG, new byte[9]));
        assertThat(registry.firstUnrecognizedCritical(get)).isEmpty();
        assertThat(registry.recognizedOnly(get).options()).isEmpty();
    }

    @Test
    void supernumeraryOccurrencesOfANonRepeatableOptionAreUnrecognized() {
        // Section 5.4.5: the first occurrence stands, later ones are treated as unrecognized.
        Message twoAccepts = request(Option.ofUint(OptionNumber.ACCEPT, 50), Option.ofUint(OptionNumber.ACCEPT, 0));
        assertThat(registry.firstUnrecognizedCritical(twoAccepts)).hasValue(OptionNumber.ACCEPT);

        Message twoFormats = response(Option.ofUint(OptionNumber.CONTENT_FORMAT, 50),
                Option.ofUint(OptionNumber.CONTENT_FORMAT, 0));
        assertThat(registry.firstUnrecognizedCritical(twoFormats)).isEmpty();
        assertThat(registry.recognizedOnly(twoFormats).options()).containsExactly(Option.ofUint(OptionNumber.CONTENT_FORMAT, 50));
    }

    @Test
    void repeatableOptionsMayRepeat() {
        Message get = request(Option.ofString(OptionNumber.URI_PATH, "a"), Option.ofString(OptionNumber.URI_PATH, "b"),
                Option.ofString(OptionNumber.URI_QUERY, "x=1"), Option.ofString(OptionNumber.URI_QUERY, "y=2"),
                Option.of(OptionNumber.IF_MATCH, new byte[] {1}), Option.of(OptionNumber.IF_MATCH, new byte[] {2}));
        assertThat(registry.firstUnrecognizedCritical(get)).isEmpty();
        assertThat(registry.recognizedOnly(get)).isSameAs(get);
    }

    @Test
    void optionsDefinedOnlyForRequestsAreUnrecognizedInResponses() {
        // Section 5.4: an option not defined for a response code is treated as unrecognized.
        assertThat(registry.firstUnrecognizedCritical(response(Option.ofString(OptionNumber.URI_PATH, "a"))))
                .hasValue(OptionNumber.URI_PATH);
        Message withLocation = request(Option.ofString(OptionNumber.LOCATION_PATH, "a"));
        assertThat(registry.firstUnrecognizedCritical(withLocation)).isEmpty();
        assertThat(registry.recognizedOnly(withLocation).options()).isEmpty();
        Message created = Message.of(MessageType.ACK, Code.CREATED, 1, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.LOCATION_PATH, "a"), Option.ofUint(OptionNumber.MAX_AGE, 10)), new byte[0]);
        assertThat(registry.recognizedOnly(created)).isSameAs(created);
    }

    @Test
    void applicationOptionsCanBeAdded() {
        OptionRegistry withOneM2m = registry.toBuilder()
                .add(new OptionDefinition(279, "oneM2M-FR", OptionFormat.STRING, 0, 255, false, OptionDefinition.Usage.BOTH))
                .build();
        Message get = request(Option.ofString(279, "CAE01"));

        assertThat(registry.firstUnrecognizedCritical(get)).hasValue(279);
        assertThat(withOneM2m.firstUnrecognizedCritical(get)).isEmpty();
        assertThat(withOneM2m.nameOf(279)).isEqualTo("oneM2M-FR");
        assertThat(registry.nameOf(279)).isEqualTo("option 279");
        assertThat(withOneM2m.definitions()).hasSize(21);
    }

    @Test
    void oneM2mOptionsAreCriticalUnsafeAndAddable() {
        assertThat(OneM2mOptions.definitions()).hasSize(19).allSatisfy(definition -> {
            assertThat(definition.critical()).as(definition.name()).isTrue();
            assertThat(definition.unsafe()).as(definition.name()).isTrue();
            assertThat(definition.noCacheKey()).as(definition.name()).isFalse();
        });
        OptionRegistry oneM2m = registry.toBuilder().addAll(OneM2mOptions.definitions()).build();
        Message request = request(Option.ofString(OneM2mOptions.FR, "Cae01"), Option.ofUint(OneM2mOptions.TY, 4),
                Option.ofString(OneM2mOptions.RQI, "req-1"), Option.ofString(OneM2mOptions.RVI, "3"));

        assertThat(registry.firstUnrecognizedCritical(request)).hasValue(OneM2mOptions.TY); // the lowest number
        // oneM2M-TY is exactly 2 bytes: the shortest uint form of 4 is 1 byte, so it must be padded.
        assertThat(oneM2m.firstUnrecognizedCritical(request)).hasValue(OneM2mOptions.TY);
        Message padded = request(Option.ofString(OneM2mOptions.FR, "Cae01"), Option.of(OneM2mOptions.TY, new byte[] {0, 4}),
                Option.ofString(OneM2mOptions.RQI, "req-1"), Option.ofString(OneM2mOptions.RVI, "3"));
        assertThat(oneM2m.firstUnrecognizedCritical(padded)).isEmpty();
        assertThat(oneM2m.definition("oneM2M-OT").orElseThrow().minLength()).isEqualTo(15);
    }

    @Test
    void removingADefinitionMakesTheOptionUnrecognized() {
        OptionRegistry noObserve = registry.toBuilder().remove(OptionNumber.OBSERVE).build();
        Message get = request(Option.ofUint(OptionNumber.OBSERVE, 0));
        assertThat(noObserve.isDefined(OptionNumber.OBSERVE)).isFalse();
        assertThat(noObserve.recognizedOnly(get).options()).isEmpty();
        assertThat(registry.recognizedOnly(get)).isSameAs(get);
    }

    @Test
    void duplicateDefinitionsAreRejectedNamingTheClash() {
        assertThatThrownBy(() -> registry.toBuilder()
                .add(new OptionDefinition(11, "My-Path", OptionFormat.STRING, 0, 10, true, OptionDefinition.Usage.BOTH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11").hasMessageContaining("Uri-Path");
        assertThatThrownBy(() -> registry.toBuilder()
                .add(new OptionDefinition(2050, "uri-path", OptionFormat.STRING, 0, 10, true, OptionDefinition.Usage.BOTH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void invalidDefinitionsNameTheWrongField() {
        assertThatThrownBy(() -> new OptionDefinition(70000, "X", OptionFormat.OPAQUE, 0, 1, false, OptionDefinition.Usage.BOTH))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> new OptionDefinition(70, "X", OptionFormat.OPAQUE, 4, 1, false, OptionDefinition.Usage.BOTH))
                .hasMessageContaining("maxLength");
        assertThatThrownBy(() -> new OptionDefinition(70, "X", OptionFormat.OPAQUE, -1, 1, false, OptionDefinition.Usage.BOTH))
                .hasMessageContaining("minLength");
        assertThatThrownBy(() -> new OptionDefinition(70, "X", OptionFormat.UINT, 0, 9, false, OptionDefinition.Usage.BOTH))
                .hasMessageContaining("uint");
        assertThatThrownBy(() -> new OptionDefinition(70, "", OptionFormat.UINT, 0, 1, false, OptionDefinition.Usage.BOTH))
                .hasMessageContaining("name");
    }

    @Test
    void checkOutgoingNamesTheOptionAndItsRange() {
        assertThatThrownBy(() -> registry.checkOutgoing(Option.of(OptionNumber.ETAG, new byte[9])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ETag (option 4) value must be 1..8 bytes long, was 9");
        registry.checkOutgoing(Option.of(65000, new byte[300])); // unknown options are the application's business
    }
}
