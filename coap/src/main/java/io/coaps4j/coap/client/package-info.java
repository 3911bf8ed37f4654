/**
 * The client API: {@link io.coaps4j.coap.client.CoapClient} sends
 * {@link io.coaps4j.coap.client.ClientRequest}s (GET/POST/PUT/DELETE or any method, CON or NON,
 * extra options, payload, per-request timeout) to {@code coap://} URIs parsed by
 * {@link io.coaps4j.coap.uri.CoapUri}, synchronously or as {@code CompletableFuture}s, and pings.
 * A missing response fails with {@link io.coaps4j.coap.client.CoapTimeoutException} naming the URI
 * and the timeout; other failures (RST, closed endpoint, unsupported scheme) with
 * {@link io.coaps4j.coap.client.CoapClientException}. The client runs on its own endpoint or shares
 * one (a server's), and any number of concurrent requests to any number of peers is fine; requests
 * to one peer respect NSTART.
 */
package io.coaps4j.coap.client;
