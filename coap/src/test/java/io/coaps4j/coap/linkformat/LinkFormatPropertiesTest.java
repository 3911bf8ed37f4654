package io.coaps4j.coap.linkformat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LinkFormatPropertiesTest {

    @Property(tries = 1000)
    void parsingWhatWasSerializedGivesTheLinksBack(@ForAll("links") List<Link> links) throws LinkFormatException {
        assertThat(LinkFormat.parse(LinkFormat.serialize(links))).isEqualTo(links);
    }

    @Property(tries = 3000)
    void parsingArbitraryTextNeverThrowsAnythingElse(@ForAll("linkish") String text) {
        try {
            List<Link> links = LinkFormat.parse(text);
            assertThat(links).doesNotContainNull();
        } catch (LinkFormatException expected) {
            assertThat(expected.index()).isBetween(0, text.length());
        }
    }

    @Provide
    Arbitrary<String> linkish() {
        return Arbitraries.strings().withChars("<>;,=\"\\ /ab*\n").ofMaxLength(30);
    }

    @Provide
    Arbitrary<List<Link>> links() {
        Arbitrary<String> target = Arbitraries.strings().withChars("/abc09%:?=&,;.").ofMaxLength(10);
        Arbitrary<String> name = Arbitraries.of("rt", "if", "ct", "sz", "title", "anchor", "obs", "foo", "x-y", "title*");
        Arbitrary<String> value = Arbitraries.strings().withChars("ab 09,;\"\\=*<>é'").ofMaxLength(8);
        Arbitrary<LinkAttribute> attribute = Combinators.combine(name, value, Arbitraries.integers().between(0, 4))
                .as((n, v, kind) -> kind == 0 ? LinkAttribute.flag(n) : LinkAttribute.of(n, v));
        Arbitrary<Link> link = Combinators.combine(target, attribute.list().ofMaxSize(5)).as(Link::of);
        return link.list().ofMaxSize(4);
    }
}
