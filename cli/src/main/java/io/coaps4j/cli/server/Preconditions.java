package io.coaps4j.cli.server;

import io.coaps4j.cli.store.StoredRepresentation;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The conditions of a request on a stored entry (RFC 7252 section 5.10.8): If-Match holds when the
 * entry exists and its ETag is one of the option values, or a value is empty (any entry); If-None-Match
 * holds when there is no entry. A request without either always holds. When one does not hold, the
 * method is not performed and the answer is 4.12 Precondition Failed.
 */
final class Preconditions implements Predicate<Optional<StoredRepresentation>> {
    private static final Preconditions NONE = new Preconditions(List.of(), false);

    private final List<Option> ifMatch;
    private final boolean ifNoneMatch;

    private Preconditions(List<Option> ifMatch, boolean ifNoneMatch) {
        this.ifMatch = ifMatch;
        this.ifNoneMatch = ifNoneMatch;
    }

    /** No condition: the request always acts. */
    static Preconditions none() {
        return NONE;
    }

    static Preconditions of(CoapRequest request) {
        Message message = request.message();
        List<Option> ifMatch = message.options(OptionNumber.IF_MATCH);
        boolean ifNoneMatch = message.hasOption(OptionNumber.IF_NONE_MATCH);
        return ifMatch.isEmpty() && !ifNoneMatch ? NONE : new Preconditions(List.copyOf(ifMatch), ifNoneMatch);
    }

    /** True when the request may act on {@code current} (the stored entry, empty when there is none). */
    @Override
    public boolean test(Optional<StoredRepresentation> current) {
        if (ifNoneMatch && current.isPresent()) {
            return false;
        }
        return ifMatch.isEmpty() || current.isPresent() && matches(ifMatch, current.get().etag());
    }

    /** True when one of {@code options} is empty (any representation) or equals {@code etag}. */
    private static boolean matches(List<Option> options, byte[] etag) {
        for (Option option : options) {
            if (option.length() == 0 || Arrays.equals(option.value(), etag)) {
                return true;
            }
        }
        return false;
    }
}
