package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkFormatTest {
    private final List<Resource> resources = List.of(
            Resource.builder("sensors/temp").resourceType("temperature-c", "sensor").interfaceDescription("sensor")
                    .contentFormat(0, 50).title("Temp \"outside\"").observable().build(),
            Resource.builder("sensors/light").resourceType("light-lux").contentFormat(0).maxSize(64).build(),
            Resource.builder("hidden").hidden().build());

    @Test
    void serializesAttributesOfRfc6690() {
        assertThat(LinkFormat.serialize(resources, List.of())).isEqualTo(
                "</sensors/temp>;rt=\"temperature-c sensor\";if=\"sensor\";ct=\"0 50\";title=\"Temp \\\"outside\\\"\";obs,"
                        + "</sensors/light>;rt=\"light-lux\";ct=0;sz=64");
    }

    @Test
    void filtersByAttributeHrefAndPrefix() {
        assertThat(LinkFormat.serialize(resources, List.of("rt=sensor"))).startsWith("</sensors/temp>").doesNotContain("light");
        assertThat(LinkFormat.serialize(resources, List.of("rt=light*"))).startsWith("</sensors/light>");
        assertThat(LinkFormat.serialize(resources, List.of("href=/sensors/*"))).contains("temp").contains("light");
        assertThat(LinkFormat.serialize(resources, List.of("ct=50"))).startsWith("</sensors/temp>").doesNotContain("light");
        assertThat(LinkFormat.serialize(resources, List.of("obs"))).doesNotContain("light");
        assertThat(LinkFormat.serialize(resources, List.of("sz=64"))).startsWith("</sensors/light>");
        assertThat(LinkFormat.serialize(resources, List.of("title=Temp*"))).startsWith("</sensors/temp>");
        assertThat(LinkFormat.serialize(resources, List.of("foo=bar"))).isEmpty();
        assertThat(LinkFormat.serialize(resources, List.of("rt=sensor", "ct=0"))).startsWith("</sensors/temp>");
        assertThat(LinkFormat.serialize(resources, List.of("href=/hidden"))).isEmpty();
    }
}
