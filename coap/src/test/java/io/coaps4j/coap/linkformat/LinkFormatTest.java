package io.coaps4j.coap.linkformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkFormatTest {

    @Test
    void parsesRfc6690FirstExample() throws LinkFormatException {
        List<Link> links = LinkFormat.parse("</sensors/temp>;if=\"sensor\",</sensors/light>;if=\"sensor\"");

        assertThat(links).extracting(Link::target).containsExactly("/sensors/temp", "/sensors/light");
        assertThat(links.get(0).interfaceDescriptions()).containsExactly("sensor");
        assertThat(links.get(1).attribute("if")).hasValue("sensor");
    }

    @Test
    void parsesRfc6690AnchorExampleWithItsLineBreaks() throws LinkFormatException {
        String text = "</sensors>;ct=40;title=\"Sensor Index\",\n"
                + "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\",\n"
                + "</sensors/light>;rt=\"light-lux\";if=\"sensor\",\n"
                + "<http://www.example.com/sensors/t123>;anchor=\"/sensors/temp\"\n"
                + ";rel=\"describedby\",\n"
                + "</t>;anchor=\"/sensors/temp\";rel=\"alternate\"";
        List<Link> links = LinkFormat.parse(text);

        assertThat(links).hasSize(5);
        assertThat(links.get(0).contentFormats()).containsExactly(40);
        assertThat(links.get(0).title()).hasValue("Sensor Index");
        assertThat(links.get(3).target()).isEqualTo("http://www.example.com/sensors/t123");
        assertThat(links.get(3).attribute("anchor")).hasValue("/sensors/temp");
        assertThat(links.get(3).values("rel")).containsExactly("describedby");
        assertThat(links.get(4).attributes()).containsExactly(
                LinkAttribute.of("anchor", "/sensors/temp"), LinkAttribute.of("rel", "alternate"));
    }

    @Test
    void parsesMultiValuedResourceTypesAndSizes() throws LinkFormatException {
        Link light = LinkFormat.parse("</sensors/light>;rt=\"light-lux core.sen-light\";if=\"sensor\"").get(0);
        assertThat(light.resourceTypes()).containsExactly("light-lux", "core.sen-light");

        Link firmware = LinkFormat.parse("</firmware/v2.1>;rt=\"firmware\";sz=262144").get(0);
        assertThat(firmware.maxSizeEstimate()).hasValue(262144);
        Link big = LinkFormat.parse("</f>;sz=123456789012345678901234567890").get(0);
        assertThat(big.maxSizeEstimate()).hasValue(Long.MAX_VALUE);
    }

    @Test
    void parsesWhatLibcoapServes() throws LinkFormatException {
        // The /.well-known/core payload of coap-server-notls 4.3.1 (see MessageCodecVectorsTest).
        List<Link> links = LinkFormat.parse("</>;title=\"General Info\";ct=0,</time>;if=\"clock\";rt=\"ticks\";"
                + "title=\"Internal Clock\";ct=0;obs,</async>;ct=0,</example_data>;title=\"Example Data\";ct=0;obs");

        assertThat(links).extracting(Link::target).containsExactly("/", "/time", "/async", "/example_data");
        Link time = links.get(1);
        assertThat(time.observable()).isTrue();
        assertThat(time.resourceTypes()).containsExactly("ticks");
        assertThat(time.contentFormats()).containsExactly(0);
        assertThat(links.get(2).observable()).isFalse();
        assertThat(time.attributes().get(4)).isEqualTo(LinkAttribute.flag("obs"));
    }

    @Test
    void emptyPayloadIsNoLinks() throws LinkFormatException {
        assertThat(LinkFormat.parse("")).isEmpty();
        assertThat(LinkFormat.parse(" \r\n")).isEmpty();
        assertThat(LinkFormat.serialize(List.of())).isEmpty();
    }

    @Test
    void quotedStringsMayHoldSeparatorsAndEscapes() throws LinkFormatException {
        Link link = LinkFormat.parse("</a,b>;title=\"x, y; \\\"z\\\" \\\\\";foo=bar").get(0);
        assertThat(link.target()).isEqualTo("/a,b");
        assertThat(link.title()).hasValue("x, y; \"z\" \\");
        assertThat(link.attribute("foo")).hasValue("bar");
    }

    @Test
    void attributeNamesAreCaseInsensitive() throws LinkFormatException {
        Link link = LinkFormat.parse("</a>;RT=\"x\";Title=T").get(0);
        assertThat(link.resourceTypes()).containsExactly("x");
        assertThat(link.attributes().get(1).name()).isEqualTo("title");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a | expected '<' to start a link | 0",
        "</a | no closing '>' | 0",
        "</a>;title=\"x | no closing '\"' | 11",
        "</a>;=x | expected an attribute name | 5",
        "</a>;ct=0 </b> | expected ',' or ';' | 10",
        "</a>, | expected '<' | 5",
        "</a>; | text ended | 5",
    })
    void rejectsMalformedTextNamingWhereItStopped(String text, String reason, int index) {
        LinkFormatException e = catchThrowableOfType(LinkFormatException.class, () -> LinkFormat.parse(text));
        assertThat(e).isNotNull().hasMessageContaining(reason);
        assertThat(e.index()).isEqualTo(index);
    }

    @Test
    void serializesWithRfc6690Quoting() {
        List<Link> links = List.of(
                Link.builder("/sensors").contentFormat(40).title("Sensor Index").build(),
                Link.builder("/sensors/temp").resourceType("temperature-c").interfaceDescription("sensor").build(),
                Link.builder("/sensors/light").resourceType("light-lux", "core.sen-light").contentFormat(0, 50)
                        .observable().maxSizeEstimate(1024).attribute("foo", "bar baz").attribute("x", "y").build());

        assertThat(LinkFormat.serialize(links)).isEqualTo(
                "</sensors>;ct=40;title=\"Sensor Index\","
                + "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\","
                + "</sensors/light>;rt=\"light-lux core.sen-light\";ct=\"0 50\";obs;sz=1024;foo=\"bar baz\";x=y");
    }

    @Test
    void serializeEscapesQuotesAndBackslashes() throws LinkFormatException {
        Link link = Link.builder("/a").title("say \"hi\" \\o/").build();
        assertThat(link.toString()).isEqualTo("</a>;title=\"say \\\"hi\\\" \\\\o/\"");
        assertThat(LinkFormat.parse(link.toString())).containsExactly(link);
    }

    @Test
    void builderRejectsWhatCannotBeWritten() {
        assertThatThrownBy(() -> Link.builder("/a>b")).hasMessageContaining("illegal character");
        assertThatThrownBy(() -> Link.builder("/a b")).hasMessageContaining("percent-encode");
        assertThatThrownBy(() -> Link.builder("/a").attribute("href", "x")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Link.builder("/a").attribute("a b", "x")).hasMessageContaining("name");
        assertThatThrownBy(() -> Link.builder("/a").title("line\nbreak")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Link.builder("/a").resourceType("two words")).hasMessageContaining("no spaces");
        assertThatThrownBy(() -> Link.builder("/a").contentFormat(70000)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> Link.builder("/a").maxSizeEstimate(-1)).hasMessageContaining("sz");
    }
}
