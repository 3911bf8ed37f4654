package io.coaps4j.coap.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import static io.coaps4j.coap.message.OptionDefinition.Usage.BOTH;
import static io.coaps4j.coap.message.OptionDefinition.Usage.REQUEST;
import static io.coaps4j.coap.message.OptionDefinition.Usage.RESPONSE;
import static io.coaps4j.coap.message.OptionFormat.EMPTY;
import static io.coaps4j.coap.message.OptionFormat.OPAQUE;
import static io.coaps4j.coap.message.OptionFormat.STRING;
import static io.coaps4j.coap.message.OptionFormat.UINT;

/**
 * The options an endpoint recognizes, and the checks of RFC 7252 section 5.4 that the message
 * layer applies to every received request and response. Immutable and thread-safe; lookups do not
 * allocate.
 *
 * <h2>What "unrecognized" means</h2>
 * An option occurrence is treated as unrecognized when any of these holds:
 * <ul>
 *   <li>its number has no {@link OptionDefinition} here (section 5.4.1);</li>
 *   <li>its value length is outside the definition's range (section 5.4.3);</li>
 *   <li>it is defined only for requests but occurs in a response, or the other way round
 *       (section 5.4, last paragraph before 5.4.1);</li>
 *   <li>it is a second or later occurrence of a non-repeatable option (section 5.4.5).</li>
 * </ul>
 *
 * <h2>How the message layer uses it (section 5.4.1)</h2>
 * <pre>{@code
 * OptionalInt bad = registry.firstUnrecognizedCritical(message);
 * if (bad.isPresent()) {
 *     // CON request            -> piggybacked 4.02 Bad Option, diagnostic payload naming bad.getAsInt()
 *     // NON request            -> reject (section 4.3): ignore it, or answer with an RST
 *     // CON response           -> reject (section 4.2): RST
 *     // ACK with a response    -> reject: ignore it silently
 *     // NON response           -> reject (section 4.3): ignore it, or answer with an RST
 * } else {
 *     message = registry.recognizedOnly(message); // drops unrecognized elective options
 * }
 * }</pre>
 * Unrecognized elective options are silently ignored; {@link #recognizedOnly} removes them so
 * that handlers never see a malformed elective option such as a 5-byte Content-Format.
 */
public final class OptionRegistry {
    private static final OptionRegistry STANDARD = builder()
            // RFC 7252 section 5.10, table 4.
            .add(new OptionDefinition(OptionNumber.IF_MATCH, "If-Match", OPAQUE, 0, 8, true, REQUEST))
            .add(new OptionDefinition(OptionNumber.URI_HOST, "Uri-Host", STRING, 1, 255, false, REQUEST))
            .add(new OptionDefinition(OptionNumber.ETAG, "ETag", OPAQUE, 1, 8, true, BOTH))
            .add(new OptionDefinition(OptionNumber.IF_NONE_MATCH, "If-None-Match", EMPTY, 0, 0, false, REQUEST))
            .add(new OptionDefinition(OptionNumber.URI_PORT, "Uri-Port", UINT, 0, 2, false, REQUEST))
            .add(new OptionDefinition(OptionNumber.LOCATION_PATH, "Location-Path", STRING, 0, 255, true, RESPONSE))
            .add(new OptionDefinition(OptionNumber.URI_PATH, "Uri-Path", STRING, 0, 255, true, REQUEST))
            .add(new OptionDefinition(OptionNumber.CONTENT_FORMAT, "Content-Format", UINT, 0, 2, false, BOTH))
            .add(new OptionDefinition(OptionNumber.MAX_AGE, "Max-Age", UINT, 0, 4, false, RESPONSE))
            .add(new OptionDefinition(OptionNumber.URI_QUERY, "Uri-Query", STRING, 0, 255, true, REQUEST))
            .add(new OptionDefinition(OptionNumber.ACCEPT, "Accept", UINT, 0, 2, false, REQUEST))
            .add(new OptionDefinition(OptionNumber.LOCATION_QUERY, "Location-Query", STRING, 0, 255, true, RESPONSE))
            .add(new OptionDefinition(OptionNumber.PROXY_URI, "Proxy-Uri", STRING, 1, 1034, false, REQUEST))
            .add(new OptionDefinition(OptionNumber.PROXY_SCHEME, "Proxy-Scheme", STRING, 1, 255, false, REQUEST))
            .add(new OptionDefinition(OptionNumber.SIZE1, "Size1", UINT, 0, 4, false, BOTH))
            // RFC 7641 section 2: in a request it registers or deregisters, in a response it orders notifications.
            .add(new OptionDefinition(OptionNumber.OBSERVE, "Observe", UINT, 0, 3, false, BOTH))
            // RFC 7959 section 2.1 and 4.
            .add(new OptionDefinition(OptionNumber.BLOCK2, "Block2", UINT, 0, 3, false, BOTH))
            .add(new OptionDefinition(OptionNumber.BLOCK1, "Block1", UINT, 0, 3, false, BOTH))
            .add(new OptionDefinition(OptionNumber.SIZE2, "Size2", UINT, 0, 4, false, BOTH))
            // RFC 9175 section 3.2: elective, repeatable, 0..8 bytes.
            .add(new OptionDefinition(OptionNumber.REQUEST_TAG, "Request-Tag", OPAQUE, 0, 8, true, REQUEST))
            .build();

    /** Sorted option numbers, parallel to {@link #definitions}, searched without allocation. */
    private final int[] numbers;
    private final OptionDefinition[] definitions;
    /** A proxy's registry: see {@link Builder#forwarding(boolean)}. */
    private final boolean forwarding;

    private OptionRegistry(int[] numbers, OptionDefinition[] definitions, boolean forwarding) {
        this.numbers = numbers;
        this.definitions = definitions;
        this.forwarding = forwarding;
    }

    /** The options of RFC 7252, Observe (RFC 7641), Block1, Block2 and Size2 (RFC 7959) and Request-Tag (RFC 9175). */
    public static OptionRegistry standard() {
        return STANDARD;
    }

    /** A builder starting from no options; see also {@link #toBuilder()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this registry's options, to add application options to, e.g. oneM2M's. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        for (OptionDefinition definition : definitions) {
            builder.add(definition);
        }
        return builder.forwarding(forwarding);
    }

    /** The definition of option {@code number}, if recognized. */
    public Optional<OptionDefinition> definition(int number) {
        return Optional.ofNullable(find(number));
    }

    /** The definition with this name (case-insensitive, e.g. "uri-path"), if any. */
    public Optional<OptionDefinition> definition(String name) {
        for (OptionDefinition definition : definitions) {
            if (definition.name().equalsIgnoreCase(name)) {
                return Optional.of(definition);
            }
        }
        return Optional.empty();
    }

    /** True for a proxy's registry ({@link Builder#forwarding(boolean)}). */
    public boolean forwarding() {
        return forwarding;
    }

    /** True when option {@code number} has a definition here. */
    public boolean isDefined(int number) {
        return find(number) != null;
    }

    /** Every definition, by ascending number. */
    public List<OptionDefinition> definitions() {
        return Collections.unmodifiableList(Arrays.asList(definitions));
    }

    /** The registered name of option {@code number}, or its number as text when unknown; for logs and diagnostics. */
    public String nameOf(int number) {
        OptionDefinition definition = find(number);
        return definition == null ? "option " + number : definition.name();
    }

    /**
     * The number of the first option occurrence in {@code message} that is critical and
     * unrecognized (see the class comment), or empty when the message may be processed.
     */
    public OptionalInt firstUnrecognizedCritical(Message message) {
        List<Option> options = message.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            int number = options.get(i).number();
            // A proxy refuses every unrecognized Unsafe option of a request, elective or not (section 5.7.1).
            boolean mustRecognize = OptionNumber.isCritical(number)
                    || (forwarding && OptionNumber.isUnsafe(number) && message.isRequest());
            if (mustRecognize && !recognizedAt(options, i, message)) {
                return OptionalInt.of(number);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * {@code message} without its unrecognized option occurrences (see the class comment), or the
     * same instance when every option is recognized. Call it after
     * {@link #firstUnrecognizedCritical} found nothing, so that what it drops is elective options,
     * which section 5.4.1 says to ignore silently.
     */
    public Message recognizedOnly(Message message) {
        List<Option> options = message.options();
        List<Option> kept = null;
        for (int i = 0, n = options.size(); i < n; i++) {
            boolean keep = recognizedAt(options, i, message);
            if (!keep && kept == null) {
                kept = new ArrayList<>(options.subList(0, i));
            } else if (keep && kept != null) {
                kept.add(options.get(i));
            }
        }
        return kept == null ? message : message.withSortedOptions(Collections.unmodifiableList(kept));
    }

    /**
     * Checks an option a caller is about to send against its definition; options without a
     * definition here pass unchecked, since applications may send options of their own.
     *
     * @throws IllegalArgumentException naming the option and its permitted length range
     */
    public void checkOutgoing(Option option) {
        OptionDefinition definition = find(option.number());
        if (definition != null) {
            definition.checkLength(option.length());
        }
    }

    /** Whether the option at {@code index} of the sorted {@code options} of {@code message} is recognized. */
    private boolean recognizedAt(List<Option> options, int index, Message message) {
        Option option = options.get(index);
        OptionDefinition definition = find(option.number());
        if (definition == null && forwarding && (!OptionNumber.isUnsafe(option.number()) || message.isResponse())) {
            // Section 5.7.1: a proxy forwards the Safe-to-Forward options it does not know, and judges a
            // response's unknown Unsafe options itself (5.02), so neither is dropped or rejected here.
            return true;
        }
        // Sorted, so a repetition directly follows its first occurrence (RFC 7252 section 5.4.5).
        boolean first = index == 0 || options.get(index - 1).number() != option.number();
        return definition != null
                && (first || definition.repeatable())
                && definition.acceptsLength(option.length())
                && definition.usage().allows(message);
    }

    private OptionDefinition find(int number) {
        int index = Arrays.binarySearch(numbers, number);
        return index >= 0 ? definitions[index] : null;
    }

    @Override
    public String toString() {
        return "OptionRegistry" + Arrays.toString(definitions);
    }

    /** Collects option definitions; numbers and names must be unique. */
    public static final class Builder {
        private final TreeMap<Integer, OptionDefinition> byNumber = new TreeMap<>();
        private boolean forwarding;

        private Builder() {
        }

        /**
         * {@code true}: the registry of a CoAP-to-CoAP proxy's endpoints (RFC 7252 section 5.7.1). An
         * unrecognized Safe-to-Forward option, critical or elective, is kept (so the proxy can forward
         * it, e.g. OSCORE's option 9, RFC 8613 section 4.1); an unrecognized Unsafe option of a request
         * counts as unrecognized critical even when elective (4.02); a response keeps every option, so
         * the proxy answers one with an unrecognized Unsafe option with 5.02 itself. Default false.
         */
        public Builder forwarding(boolean value) {
            this.forwarding = value;
            return this;
        }

        /**
         * Adds a definition.
         *
         * @throws IllegalArgumentException when its number or name is already defined
         */
        public Builder add(OptionDefinition definition) {
            Objects.requireNonNull(definition, "definition");
            OptionDefinition existing = byNumber.get(definition.number());
            if (existing != null) {
                throw new IllegalArgumentException("option number " + definition.number() + " is already defined as "
                        + existing.name());
            }
            for (OptionDefinition other : byNumber.values()) {
                if (other.name().equalsIgnoreCase(definition.name())) {
                    throw new IllegalArgumentException("option name " + definition.name()
                            + " is already defined for number " + other.number());
                }
            }
            byNumber.put(definition.number(), definition);
            return this;
        }

        /** Adds every definition. */
        public Builder addAll(Iterable<OptionDefinition> definitions) {
            for (OptionDefinition definition : definitions) {
                add(definition);
            }
            return this;
        }

        /** Removes the definition of {@code number}, if present; the option is then unrecognized. */
        public Builder remove(int number) {
            byNumber.remove(number);
            return this;
        }

        public OptionRegistry build() {
            int[] numbers = new int[byNumber.size()];
            OptionDefinition[] definitions = new OptionDefinition[byNumber.size()];
            int i = 0;
            for (OptionDefinition definition : byNumber.values()) {
                numbers[i] = definition.number();
                definitions[i] = definition;
                i++;
            }
            return new OptionRegistry(numbers, definitions, forwarding);
        }
    }
}
