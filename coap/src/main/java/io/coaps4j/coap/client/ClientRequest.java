package io.coaps4j.coap.client;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionDefinition;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.uri.CoapUri;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to send: method, target URI, CON or NON, extra options, payload and timeout. Immutable;
 * built with {@link #get(String)} and friends.
 */
public final class ClientRequest {
    private final Code method;
    private final CoapUri uri;
    private final boolean confirmable;
    private final List<Option> options;
    private final byte[] payload;
    private final Duration timeout;

    private ClientRequest(Builder b) {
        this.method = b.method;
        this.uri = b.queries.isEmpty() ? b.uri : b.uri.withPathAndQuery(b.uri.path(), concat(b.uri.query(), b.queries));
        this.confirmable = b.confirmable;
        this.options = List.copyOf(b.options);
        this.payload = b.payload;
        this.timeout = b.timeout;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public static Builder get(String uri) {
        return new Builder(Code.GET, uri);
    }

    public static Builder post(String uri) {
        return new Builder(Code.POST, uri);
    }

    public static Builder put(String uri) {
        return new Builder(Code.PUT, uri);
    }

    public static Builder delete(String uri) {
        return new Builder(Code.DELETE, uri);
    }

    /** Any request method, e.g. FETCH. */
    public static Builder method(Code method, String uri) {
        return new Builder(method, uri);
    }

    public Code method() {
        return method;
    }

    public CoapUri uri() {
        return uri;
    }

    public boolean confirmable() {
        return confirmable;
    }

    /** Options besides the Uri-* ones derived from the URI. */
    public List<Option> options() {
        return options;
    }

    public byte[] payload() {
        return payload.clone();
    }

    byte[] payloadUnsafe() {
        return payload;
    }

    /** The request's own timeout, or empty for the client's default. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public String toString() {
        return method + " " + uri + (confirmable ? " CON" : " NON");
    }

    public static final class Builder {
        private final Code method;
        private final CoapUri uri;
        private boolean confirmable = true;
        private final List<Option> options = new ArrayList<>();
        private final List<String> queries = new ArrayList<>();
        private byte[] payload = new byte[0];
        private boolean payloadSet;
        private String conflict;
        private Duration timeout;

        private Builder(Code method, String uri) {
            if (method == null || !method.isRequest()) {
                throw new IllegalArgumentException("method must be a request code, was " + method);
            }
            this.method = method;
            this.uri = CoapUri.parse(Objects.requireNonNull(uri, "uri"));
        }

        public Builder confirmable(boolean value) {
            this.confirmable = value;
            return this;
        }

        public Builder nonConfirmable() {
            return confirmable(false);
        }

        /** Adds an option; Uri-Host, Uri-Port, Uri-Path and Uri-Query come from the URI. */
        public Builder option(Option option) {
            Objects.requireNonNull(option, "option");
            int n = option.number();
            if (n == OptionNumber.URI_HOST || n == OptionNumber.URI_PORT || n == OptionNumber.URI_PATH
                    || n == OptionNumber.URI_QUERY) {
                throw new IllegalArgumentException("option " + n + " is derived from the URI; put it in the URI instead");
            }
            boolean repeatable = OptionRegistry.standard().definition(n).map(OptionDefinition::repeatable).orElse(true);
            if (!repeatable && options.stream().anyMatch(o -> o.number() == n)) {
                conflict("option " + OptionRegistry.standard().nameOf(n) + " (" + n + ") was given twice but is not"
                        + " repeatable (RFC 7252 section 5.4.5)");
            }
            options.add(option);
            return this;
        }

        public Builder options(List<Option> more) {
            more.forEach(this::option);
            return this;
        }

        public Builder accept(int contentFormat) {
            return option(Option.ofUint(OptionNumber.ACCEPT, contentFormat));
        }

        public Builder contentFormat(int contentFormat) {
            return option(Option.ofUint(OptionNumber.CONTENT_FORMAT, contentFormat));
        }

        /** Appends a query argument ("k=v") to the URI's. */
        public Builder query(String argument) {
            queries.add(Objects.requireNonNull(argument, "query argument"));
            return this;
        }

        /** The payload; given once (a second one is a conflict that {@link #build()} rejects). */
        public Builder payload(byte[] bytes) {
            Objects.requireNonNull(bytes, "payload");
            if (payloadSet) {
                conflict("the payload was given twice");
            }
            this.payload = bytes.clone();
            this.payloadSet = true;
            return this;
        }

        private void conflict(String what) {
            if (conflict == null) {
                conflict = what;
            }
        }

        public Builder payload(String text) {
            return payload(text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + value);
            }
            this.timeout = value;
            return this;
        }

        /** @throws IllegalArgumentException when options conflict (a payload or a non-repeatable option given twice) */
        public ClientRequest build() {
            if (conflict != null) {
                throw new IllegalArgumentException("conflicting request options: " + conflict);
            }
            return new ClientRequest(this);
        }
    }
}
