package io.coaps4j.coap.server;

import io.coaps4j.coap.endpoint.Connector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** One of a {@link CoapServer}'s connectors could not start (e.g. its port is taken); names which. */
public final class EndpointStartException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final transient Connector connector;

    EndpointStartException(String message, Connector connector, IOException cause) {
        super(message, cause);
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** The connector that could not start. */
    public Connector connector() {
        return connector;
    }
}
