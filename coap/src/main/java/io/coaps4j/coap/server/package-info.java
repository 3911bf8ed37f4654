/**
 * The server API: resources, handlers, routing, discovery and authorization.
 *
 * <p>Design decisions:
 * <ul>
 *   <li>{@link io.coaps4j.coap.server.Resource}s are immutable and live in a
 *       {@link io.coaps4j.coap.server.ResourceTree} (one hash probe per path segment). Unknown
 *       path → 4.04, unsupported method → 4.05.</li>
 *   <li>Path templates: a segment {@code {name}} matches any one Uri-Path segment, read with
 *       {@link io.coaps4j.coap.server.CoapRequest#pathParameter}. Exact paths win; among templates,
 *       exact segments further left win, with backtracking, so "/a/b/c" and "/a/{x}/d" both serve
 *       their paths. A template names no concrete target, so it is not in {@code /.well-known/core}
 *       (RFC 6690 has no templates) unless it supplies the links it serves now
 *       ({@link io.coaps4j.coap.server.Resource.Builder#links}).</li>
 *   <li>Handlers are synchronous ({@link io.coaps4j.coap.server.RequestHandler}) or return a
 *       {@code CompletionStage} ({@link io.coaps4j.coap.server.AsyncRequestHandler}); a slow one
 *       leads to an empty ACK and a separate response, decided by the engine's threshold.
 *       Handlers run on the event loop unless the server has an executor.</li>
 *   <li>{@link io.coaps4j.coap.server.ErrorMapper} is the one place where failures become codes:
 *       {@link io.coaps4j.coap.server.CoapException} → its code and diagnostic, anything else →
 *       5.00 without details.</li>
 *   <li>Authorization per resource is a predicate on the Peer's principal: no principal → 4.01,
 *       principal not admitted → 4.03. NoSec peers have no principal; the DTLS modes supply one.</li>
 *   <li>{@code /.well-known/core} is built in and serialised by
 *       {@link io.coaps4j.coap.linkformat.LinkFormat} (RFC 6690) with rt, if, ct, title, obs, sz
 *       and any other attribute, filtered by {@link io.coaps4j.coap.linkformat.LinkFilter}
 *       (RFC 6690 section 4.1, including a trailing '*').</li>
 * </ul>
 */
package io.coaps4j.coap.server;
