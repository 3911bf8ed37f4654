/**
 * End-to-end protection of CoAP messages through proxies with the DTLS 1.2 record layer
 * (draft-garcia-core-app-layer-sec-with-dtls-record-00; the wire format is docs/E2E.md): a per-message
 * layer for the CoAP engine and the key-management interface that installs its security associations.
 */
module io.coaps4j.e2e {
    requires transitive io.coaps4j.coap;
    requires transitive io.coaps4j.dtls;
    requires org.slf4j;

    exports io.coaps4j.e2e;
}
