package io.coaps4j.cli.server;

import io.coaps4j.cli.store.StoredRepresentation;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.server.CoapRequest;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The conditions of a request on a stored entry (RFC 7252 section 5.10.8), evaluated by
 * {@link CoapRequest#preconditionsHold} against the entry as the store holds it when it acts: the store
 * checks and writes as one step. A request without If-Match or If-None-Match always holds. When one does
 * not hold, the method is not performed and the answer is 4.12 Precondition Failed.
 */
final class Preconditions implements Predicate<Optional<StoredRepresentation>> {
    private static final Preconditions NONE = new Preconditions(null);

    /** The request whose conditions these are; null for none. */
    private final CoapRequest request;

    private Preconditions(CoapRequest request) {
        this.request = request;
    }

    /** No condition: the request always acts. */
    static Preconditions none() {
        return NONE;
    }

    static Preconditions of(CoapRequest request) {
        boolean conditional = request.message().hasOption(OptionNumber.IF_MATCH)
                || request.message().hasOption(OptionNumber.IF_NONE_MATCH);
        return conditional ? new Preconditions(request) : NONE;
    }

    /** True when the request may act on {@code current} (the stored entry, empty when there is none). */
    @Override
    public boolean test(Optional<StoredRepresentation> current) {
        return request == null
                || request.preconditionsHold(current.isPresent(), current.map(StoredRepresentation::etag).orElse(null));
    }
}
