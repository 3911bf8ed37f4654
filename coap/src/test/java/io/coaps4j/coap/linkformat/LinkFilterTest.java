package io.coaps4j.coap.linkformat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6690 section 4.1 and the filtering examples of section 5. */
class LinkFilterTest {
    private List<Link> links;

    @BeforeEach
    void links() throws LinkFormatException {
        links = LinkFormat.parse("</sensors>;ct=40;title=\"Sensor Index\","
                + "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\";obs,"
                + "</sensors/light>;rt=\"light-lux core.sen-light\";if=\"sensor\","
                + "<http://www.example.com/sensors/t123>;anchor=\"/sensors/temp\";rel=\"describedby\","
                + "</t>;anchor=\"/sensors/temp\";rel=\"alternate\","
                + "</firmware/v2.1>;rt=\"firmware\";sz=262144;foo=\"\"");
    }

    private List<String> targets(String... queryArguments) {
        List<Link> kept = LinkFilter.of(List.of(queryArguments)).filter(links);
        return kept.stream().map(Link::target).toList();
    }

    @Test
    void completeValueMatchesBitwise() {
        assertThat(targets("rt=temperature-c")).containsExactly("/sensors/temp");
        assertThat(targets("rt=temperature")).isEmpty();
        assertThat(targets("rt=Temperature-c")).isEmpty();
        assertThat(targets("title=Sensor Index")).containsExactly("/sensors");
    }

    @Test
    void multiValuedAttributesMatchAnyItem() {
        assertThat(targets("rt=light-lux")).containsExactly("/sensors/light");
        assertThat(targets("rt=core.sen-light")).containsExactly("/sensors/light");
        assertThat(targets("ct=40")).containsExactly("/sensors");
    }

    @Test
    void trailingStarMatchesAPrefix() {
        assertThat(targets("rt=light*")).containsExactly("/sensors/light");
        assertThat(targets("rt=core*")).containsExactly("/sensors/light");
        assertThat(targets("if=sens*")).containsExactly("/sensors/temp", "/sensors/light");
        assertThat(targets("title=Sensor Index*")).as("a string is a prefix of itself").containsExactly("/sensors");
    }

    @Test
    void emptyPrefixMatchesEveryLinkThatHasTheAttribute() {
        assertThat(targets("rt=*")).containsExactly("/sensors/temp", "/sensors/light", "/firmware/v2.1");
        assertThat(targets("obs=*")).containsExactly("/sensors/temp");
        assertThat(targets("obs")).containsExactly("/sensors/temp");
        assertThat(targets("foo=*")).containsExactly("/firmware/v2.1");
        assertThat(targets("nothere=*")).isEmpty();
    }

    @Test
    void hrefMatchesTheTarget() {
        assertThat(targets("href=/sensors")).containsExactly("/sensors");
        assertThat(targets("href=/sensors*")).containsExactly("/sensors", "/sensors/temp", "/sensors/light");
        assertThat(targets("href=/t")).containsExactly("/t");
    }

    @Test
    void anchorQueryFindsRelationsAboutAResource() {
        assertThat(targets("anchor=/sensors/temp")).containsExactly("http://www.example.com/sensors/t123", "/t");
    }

    @Test
    void severalArgumentsMustAllMatch() {
        assertThat(targets("if=sensor", "rt=light-lux")).containsExactly("/sensors/light");
        assertThat(targets("if=sensor", "rt=firmware")).isEmpty();
    }

    @Test
    void noArgumentsKeepEverything() {
        assertThat(LinkFilter.of(List.of()).filter(links)).isSameAs(links);
        assertThat(LinkFilter.all().isAll()).isTrue();
        assertThat(LinkFilter.parse("rt=x").isAll()).isFalse();
    }

    @Test
    void rfc6690FirmwareExample() {
        assertThat(targets("rt=firmware")).containsExactly("/firmware/v2.1");
        assertThat(LinkFilter.parse("sz=262144").filter(links)).hasSize(1);
    }
}
