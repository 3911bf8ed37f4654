/**
 * A CoAP-to-CoAP proxy (RFC 7252 section 5.7): forward (Proxy-Uri, Proxy-Scheme) and reverse (local path
 * prefixes mapped to origin URIs), coap:// or coaps:// on each leg, with a cache (section 5.6).
 */
module io.coaps4j.proxy {
    requires transitive io.coaps4j.coap;
    requires transitive io.coaps4j.coaps;
    requires org.slf4j;

    exports io.coaps4j.proxy;
}
