package io.coaps4j.coap.server;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFilter;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.message.ContentFormat;
import java.util.ArrayList;
import java.util.List;

/** The built-in {@code /.well-known/core} resource (RFC 6690 section 4; RFC 7252 section 7.2). */
final class WellKnownCore {

    private WellKnownCore() {
    }

    static Resource resource(ResourceTree tree) {
        return Resource.builder("/.well-known/core")
                .contentFormat(ContentFormat.LINK_FORMAT.number())
                .hidden() // RFC 6690 section 4: the discovery resource need not list itself
                .get(request -> CoapResponse.builder(Code.CONTENT)
                        .contentFormat(ContentFormat.LINK_FORMAT.number())
                        .payload(LinkFormat.serializeToBytes(LinkFilter.of(request.query()).filter(links(tree))))
                        .build())
                .build();
    }

    private static List<Link> links(ResourceTree tree) {
        List<Link> links = new ArrayList<>();
        for (Resource resource : tree.resources()) {
            links.addAll(resource.listedLinks());
        }
        return links;
    }
}
