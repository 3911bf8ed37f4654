package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.linkformat.LinkFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceLinkTest {

    @Test
    void describesItselfInLinkFormat() {
        Resource resource = Resource.builder("sensors/temp").resourceType("temperature-c", "sensor")
                .interfaceDescription("sensor").contentFormat(0, 50).title("Temp").maxSize(64)
                .linkAttribute("anchor", "/x").build();
        assertThat(LinkFormat.serialize(List.of(resource.link()))).isEqualTo(
                "</sensors/temp>;rt=\"temperature-c sensor\";if=\"sensor\";ct=\"0 50\";title=\"Temp\";sz=64;anchor=\"/x\"");
        assertThat(Resource.builder("/").build().link().target()).isEqualTo("/");
    }
}
