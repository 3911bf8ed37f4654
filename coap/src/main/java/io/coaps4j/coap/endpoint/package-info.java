/**
 * Runs a {@link io.coaps4j.coap.exchange.CoapEngine} on a transport event loop through a
 * {@link io.coaps4j.coap.endpoint.Connector}.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>The connector seam.</b> How a Peer's bytes are sent and received is behind
 *       {@link io.coaps4j.coap.endpoint.Connector}: {@code send(Peer, byte[])} on the loop, inbound
 *       through a {@link io.coaps4j.coap.endpoint.ConnectorSink}, and an asynchronous
 *       {@code resolve(scheme, address)} that a secure connector completes only once its
 *       handshake is done (RFC 7252 section 9.1.7). {@link io.coaps4j.coap.endpoint.UdpConnector}
 *       is the NoSec one; a DTLS connector plugs in the same way, on the same event loop, and
 *       delivers decrypted messages with a secure Peer.</li>
 *   <li><b>One loop, one engine.</b> {@link io.coaps4j.coap.endpoint.CoapEndpoint} registers the
 *       engine as the loop's deadline handler (no timer objects per request) and hops every call
 *       from another thread onto the loop; the engine itself stays lock-free.</li>
 *   <li><b>Both roles.</b> An endpoint serves requests through its
 *       {@link io.coaps4j.coap.endpoint.InboundRequestHandler} and sends its own requests, so one
 *       port can be server and client at once.</li>
 *   <li><b>Clean shutdown.</b> Closing fails pending requests with CLOSED, closes the connector
 *       (the port is free on return) and ends the loop thread when the endpoint owns it.</li>
 * </ul>
 */
package io.coaps4j.coap.endpoint;
