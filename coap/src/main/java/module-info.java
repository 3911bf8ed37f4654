/**
 * CoAP (RFC 7252): the message model, URIs, link format, the sans-IO message and exchange engine, and
 * the endpoint, server and client API. Needs only the JDK and slf4j-api.
 */
module io.coaps4j.coap {
    requires transitive io.coaps4j.transport;
    requires org.slf4j;

    exports io.coaps4j.coap.blockwise;
    exports io.coaps4j.coap.client;
    exports io.coaps4j.coap.endpoint;
    exports io.coaps4j.coap.exchange;
    exports io.coaps4j.coap.linkformat;
    exports io.coaps4j.coap.message;
    exports io.coaps4j.coap.messaging;
    exports io.coaps4j.coap.onem2m;
    exports io.coaps4j.coap.peer;
    exports io.coaps4j.coap.server;
    exports io.coaps4j.coap.uri;
}
