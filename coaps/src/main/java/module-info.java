/**
 * CoAP over DTLS 1.2 (RFC 7252 section 9, oneM2M TS-0008 clause 7): the {@code coaps://} connector
 * for {@code io.coaps4j.coap} endpoints, servers and clients.
 */
module io.coaps4j.coaps {
    requires transitive io.coaps4j.coap;
    requires transitive io.coaps4j.dtls;
    requires org.slf4j;
    // JMX: MetricsMBean, registered only when asked.
    requires java.management;

    exports io.coaps4j.coaps;
}
