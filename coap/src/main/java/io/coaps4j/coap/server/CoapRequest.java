package io.coaps4j.coap.server;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.peer.Peer;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** What a handler sees of a request: method, options, payload and who sent it. Immutable. */
public final class CoapRequest {
    private final Peer peer;
    private final Message message;
    /** The resource the request was routed to; null when it was not routed. */
    private final Resource resource;
    private List<String> path;

    CoapRequest(Peer peer, Message message, List<String> path, Resource resource) {
        this.peer = peer;
        this.message = message;
        this.path = path;
        this.resource = resource;
    }

    /** The resource it was routed to, or null. */
    Resource resource() {
        return resource;
    }

    /** A view of {@code message} received from {@code peer}, not routed to a resource (no path parameters). */
    public static CoapRequest of(Peer peer, Message message) {
        return new CoapRequest(peer, message, null, null);
    }

    public Code method() {
        return message.code();
    }

    /** The Uri-Path segments. */
    public List<String> path() {
        List<String> p = path;
        if (p == null) {
            p = List.copyOf(message.uriPath());
            path = p;
        }
        return p;
    }

    /**
     * The Uri-Path segment that the {@code {name}} segment of the resource's path template matched,
     * decoded like every Uri-Path (a request for /store/a%20b to "store/{name}" gives "a b"; it may
     * be empty, for /store/). Empty when the resource's path has no such parameter.
     */
    public Optional<String> pathParameter(String name) {
        Objects.requireNonNull(name, "name");
        return resource == null ? Optional.empty() : Optional.ofNullable(resource.parameterValue(name, path()));
    }

    /** The path as "/a/b". */
    public String pathString() {
        return "/" + String.join("/", path());
    }

    /** The Uri-Query arguments ("k=v" or "k"). */
    public List<String> query() {
        return message.uriQuery();
    }

    /** The value of the first query argument {@code name=value}; an argument without '=' has an empty value. */
    public Optional<String> queryParameter(String name) {
        for (String argument : message.uriQuery()) {
            int eq = argument.indexOf('=');
            String key = eq < 0 ? argument : argument.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : argument.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    public List<Option> options() {
        return message.options();
    }

    public Optional<Option> option(int number) {
        return message.option(number);
    }

    public OptionalLong contentFormat() {
        return message.contentFormat();
    }

    public OptionalLong accept() {
        return message.uintOption(OptionNumber.ACCEPT);
    }

    /**
     * Whether the request's conditions hold for its target as it is now (RFC 7252 section 5.10.8):
     * If-Match holds when the target exists and an If-Match value is its current ETag, or is empty
     * (any current representation); If-None-Match holds when the target does not exist. A request
     * without either holds. A handler that changes state asks this before acting.
     *
     * @param exists      whether the target has a current representation
     * @param currentETag that representation's ETag, or null when it has none (or does not exist)
     */
    public boolean preconditionsHold(boolean exists, byte[] currentETag) {
        boolean ifMatchSeen = false;
        boolean matched = false;
        for (Option option : message.options()) {
            int number = option.number();
            if (number == OptionNumber.IF_NONE_MATCH && exists) {
                return false;
            }
            if (number == OptionNumber.IF_MATCH) {
                ifMatchSeen = true;
                byte[] value = option.value();
                matched |= exists && (value.length == 0 || (currentETag != null && Arrays.equals(value, currentETag)));
            }
        }
        return !ifMatchSeen || matched;
    }

    /**
     * Throws {@link CoapException} with 4.12 Precondition Failed (section 5.10.8) unless
     * {@link #preconditionsHold} does; the dispatcher turns it into the response.
     */
    public void requirePreconditions(boolean exists, byte[] currentETag) {
        if (!preconditionsHold(exists, currentETag)) {
            throw new CoapException(Code.PRECONDITION_FAILED, exists ? "the target's current state does not match"
                    + " If-Match or If-None-Match" : "the target does not exist (If-Match)");
        }
    }

    public byte[] payload() {
        return message.payload();
    }

    public String payloadAsString() {
        return message.payloadAsString();
    }

    public boolean confirmable() {
        return message.type() == MessageType.CON;
    }

    /** The peer it came from, with its security context. */
    public Peer peer() {
        return peer;
    }

    /** Who the peer proved to be; empty in the NoSec mode. */
    public Optional<Principal> principal() {
        return peer.principal();
    }

    /** The whole message. */
    public Message message() {
        return message;
    }

    @Override
    public String toString() {
        return method() + " " + pathString() + " from " + peer;
    }
}
