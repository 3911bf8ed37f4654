package io.coaps4j.coap.server;

import io.coaps4j.coap.message.Code;

/**
 * The handlers a {@link Resource.Builder} collects, one per request method, indexed by the method code's
 * detail (0.01..0.31, RFC 7252 section 12.1.1): a table rather than a map, so that dispatching a request
 * is one array read. Remembers the first method given two handlers, which the builder reports instead of
 * silently keeping one.
 */
final class HandlerTable {
    private final Object[] handlers = new Object[32]; // RequestHandler or AsyncRequestHandler
    private String conflict;

    /** Sets the handler of {@code method}, a {@link RequestHandler} or an {@link AsyncRequestHandler}. */
    void set(Code method, Object handler) {
        if (method == null || !method.isRequest()) {
            throw new IllegalArgumentException("method must be a request code (0.01..0.31), was " + method);
        }
        if (handlers[method.detail()] != null && conflict == null) {
            conflict = "two handlers for " + method; // reported by build(): one would be silently lost
        }
        handlers[method.detail()] = handler;
    }

    boolean has(Code method) {
        return handlers[method.detail()] != null;
    }

    /** What went wrong, or null: two handlers were given for one method. */
    String conflict() {
        return conflict;
    }

    /** The table as a new array, for an immutable {@link Resource}. */
    Object[] toArray() {
        return handlers.clone();
    }
}
