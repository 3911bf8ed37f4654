package io.coaps4j.coap.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects the options of an outgoing message with typed setters, checking each value against
 * its {@link OptionDefinition} as it is added, so a wrong value fails where it is written:
 * <pre>{@code
 * List<Option> options = new OptionsBuilder()
 *         .uriPath("sensors/temp").uriQuery("unit=C").accept(ContentFormat.JSON)
 *         .build();
 * }</pre>
 * Values are taken literally: {@link #uriPath} splits on '/' but does not percent-decode; to
 * turn a {@code coap://} URI into options use {@code io.coaps4j.coap.uri.CoapUri}. Not
 * thread-safe; one builder per message.
 */
public final class OptionsBuilder {
    private final OptionRegistry registry;
    private final List<Option> options = new ArrayList<>();

    /** A builder that checks against the {@linkplain OptionRegistry#standard() standard} options. */
    public OptionsBuilder() {
        this(OptionRegistry.standard());
    }

    /** A builder that checks against {@code registry}, e.g. one with application options added. */
    public OptionsBuilder(OptionRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Adds one option.
     *
     * @throws IllegalArgumentException when the registry defines the option and its value length
     *     is out of range, or it is not repeatable and already present
     */
    public OptionsBuilder option(Option option) {
        Objects.requireNonNull(option, "option");
        Optional<OptionDefinition> definition = registry.definition(option.number());
        if (definition.isPresent()) {
            definition.get().checkLength(option.length());
            if (!definition.get().repeatable() && contains(option.number())) {
                throw new IllegalArgumentException(definition.get().name() + " (option " + option.number()
                        + ") is not repeatable and is already set");
            }
        }
        options.add(option);
        return this;
    }

    /** Uri-Host (section 5.10.1): the host name or IP literal, 1..255 bytes. */
    public OptionsBuilder uriHost(String host) {
        return option(Option.ofString(OptionNumber.URI_HOST, Objects.requireNonNull(host, "host")));
    }

    /** Uri-Port (section 5.10.1): 0..65535. */
    public OptionsBuilder uriPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("Uri-Port must be 0..65535, was " + port);
        }
        return option(Option.ofUint(OptionNumber.URI_PORT, port));
    }

    /**
     * One Uri-Path option per segment of {@code path} split on '/' ("a/b" or "/a/b" give "a" and
     * "b"; "" and "/" give none; "a//b" keeps the empty middle segment). Segments are not
     * percent-decoded.
     */
    public OptionsBuilder uriPath(String path) {
        return segments(OptionNumber.URI_PATH, Objects.requireNonNull(path, "path"));
    }

    /** One Uri-Path option holding {@code segment} as it is, '/' included. */
    public OptionsBuilder uriPathSegment(String segment) {
        return option(Option.ofString(OptionNumber.URI_PATH, Objects.requireNonNull(segment, "segment")));
    }

    /** One Uri-Query option, e.g. "rt=temp" (section 5.10.1); not split on '&amp;'. */
    public OptionsBuilder uriQuery(String argument) {
        return option(Option.ofString(OptionNumber.URI_QUERY, Objects.requireNonNull(argument, "argument")));
    }

    /** Location-Path options for a 2.01 response, split like {@link #uriPath}. */
    public OptionsBuilder locationPath(String path) {
        return segments(OptionNumber.LOCATION_PATH, Objects.requireNonNull(path, "path"));
    }

    /** One Location-Query option. */
    public OptionsBuilder locationQuery(String argument) {
        return option(Option.ofString(OptionNumber.LOCATION_QUERY, Objects.requireNonNull(argument, "argument")));
    }

    /** Content-Format (section 5.10.3): 0..65535. */
    public OptionsBuilder contentFormat(int format) {
        return option(Option.ofUint(OptionNumber.CONTENT_FORMAT, checkFormat("Content-Format", format)));
    }

    public OptionsBuilder contentFormat(ContentFormat format) {
        return contentFormat(format.number());
    }

    /** Accept (section 5.10.4): 0..65535. */
    public OptionsBuilder accept(int format) {
        return option(Option.ofUint(OptionNumber.ACCEPT, checkFormat("Accept", format)));
    }

    public OptionsBuilder accept(ContentFormat format) {
        return accept(format.number());
    }

    /** Max-Age in seconds (section 5.10.5): 0..2^32-1. */
    public OptionsBuilder maxAge(long seconds) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Max-Age must be 0..4294967295 seconds, was " + seconds);
        }
        return option(Option.ofUint(OptionNumber.MAX_AGE, seconds));
    }

    /** One ETag (section 5.10.6): 1..8 bytes; a request may carry several. */
    public OptionsBuilder etag(byte[] etag) {
        return option(Option.of(OptionNumber.ETAG, Objects.requireNonNull(etag, "etag")));
    }

    /** One If-Match (section 5.10.8.1): 0..8 bytes; an empty value matches any current representation. */
    public OptionsBuilder ifMatch(byte[] etag) {
        return option(Option.of(OptionNumber.IF_MATCH, Objects.requireNonNull(etag, "etag")));
    }

    /** If-Match with an empty value: the request applies only if the resource exists. */
    public OptionsBuilder ifMatchAny() {
        return option(Option.empty(OptionNumber.IF_MATCH));
    }

    /** If-None-Match (section 5.10.8.2): the request applies only if the resource does not exist. */
    public OptionsBuilder ifNoneMatch() {
        return option(Option.empty(OptionNumber.IF_NONE_MATCH));
    }

    /** Observe (RFC 7641): 0 registers, 1 deregisters in a request; a sequence number in a notification. */
    public OptionsBuilder observe(long value) {
        if (value < 0 || value > 0xFF_FFFF) {
            throw new IllegalArgumentException("Observe must be 0..16777215, was " + value);
        }
        return option(Option.ofUint(OptionNumber.OBSERVE, value));
    }

    /** Proxy-Uri (section 5.10.2): an absolute URI, 1..1034 bytes. */
    public OptionsBuilder proxyUri(String uri) {
        return option(Option.ofString(OptionNumber.PROXY_URI, Objects.requireNonNull(uri, "uri")));
    }

    /** Proxy-Scheme (section 5.10.2): 1..255 bytes. */
    public OptionsBuilder proxyScheme(String scheme) {
        return option(Option.ofString(OptionNumber.PROXY_SCHEME, Objects.requireNonNull(scheme, "scheme")));
    }

    /**
     * Block2 (RFC 7959 section 2.2): block number, more flag, and size exponent (block size
     * 2^(szx+4), so 0..6 for 16..1024 bytes).
     */
    public OptionsBuilder block2(int num, boolean more, int szx) {
        return option(Option.ofUint(OptionNumber.BLOCK2, blockValue("Block2", num, more, szx)));
    }

    /** Block1 (RFC 7959 section 2.2), like {@link #block2}. */
    public OptionsBuilder block1(int num, boolean more, int szx) {
        return option(Option.ofUint(OptionNumber.BLOCK1, blockValue("Block1", num, more, szx)));
    }

    /** Size1 (section 5.10.9, RFC 7959 section 4): a request body size in bytes. */
    public OptionsBuilder size1(long bytes) {
        return option(Option.ofUint(OptionNumber.SIZE1, checkSize("Size1", bytes)));
    }

    /** Size2 (RFC 7959 section 4): a representation size in bytes; 0 in a request asks for it. */
    public OptionsBuilder size2(long bytes) {
        return option(Option.ofUint(OptionNumber.SIZE2, checkSize("Size2", bytes)));
    }

    /** The options added so far, sorted by number (stable, so repeated options keep their order). */
    public List<Option> build() {
        List<Option> sorted = new ArrayList<>(options);
        Collections.sort(sorted);
        return Collections.unmodifiableList(sorted);
    }

    private OptionsBuilder segments(int number, String path) {
        int start = path.startsWith("/") ? 1 : 0;
        if (start == path.length()) {
            return this;
        }
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                option(Option.ofString(number, path.substring(start)));
                return this;
            }
            option(Option.ofString(number, path.substring(start, slash)));
            start = slash + 1;
        }
    }

    private boolean contains(int number) {
        for (Option option : options) {
            if (option.number() == number) {
                return true;
            }
        }
        return false;
    }

    private static int checkFormat(String name, int format) {
        if (format < 0 || format > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + format);
        }
        return format;
    }

    private static long checkSize(String name, long bytes) {
        if (bytes < 0 || bytes > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be 0..4294967295, was " + bytes);
        }
        return bytes;
    }

    private static long blockValue(String name, int num, boolean more, int szx) {
        if (num < 0 || num > 0xF_FFFF) {
            throw new IllegalArgumentException(name + " block number must be 0..1048575, was " + num);
        }
        if (szx < 0 || szx > 6) {
            throw new IllegalArgumentException(name + " size exponent must be 0..6 (16..1024 bytes), was " + szx);
        }
        return (long) num << 4 | (more ? 8 : 0) | szx;
    }
}
