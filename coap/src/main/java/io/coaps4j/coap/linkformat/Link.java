package io.coaps4j.coap.linkformat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One link of the CoRE Link Format (RFC 6690): a target URI-reference and its attributes in
 * the order written. Immutable.
 * <pre>{@code
 * Link temp = Link.builder("/sensors/temp")
 *         .resourceType("temperature-c").interfaceDescription("sensor")
 *         .contentFormat(0).observable().build();
 * }</pre>
 */
public final class Link {
    /**
     * Attributes whose value is a space-separated list, each item matched on its own by query
     * filtering (RFC 6690 sections 3.1, 3.2 and 4.1; "ct" by RFC 7252 section 7.2.1).
     */
    static final Set<String> MULTI_VALUED = Set.of("rel", "rev", "rt", "if", "ct");

    private final String target;
    private final List<LinkAttribute> attributes;

    private Link(String target, List<LinkAttribute> attributes) {
        this.target = target;
        this.attributes = attributes;
    }

    /**
     * A builder for a link to {@code target}, a URI-reference such as "/sensors/temp".
     *
     * @throws IllegalArgumentException when the target contains '&lt;', '&gt;', a space or a control character
     */
    public static Builder builder(String target) {
        return new Builder(checkTarget(target));
    }

    /** A link with the given attributes. */
    public static Link of(String target, List<LinkAttribute> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        for (LinkAttribute attribute : attributes) {
            Objects.requireNonNull(attribute, "attributes contains null");
        }
        return new Link(checkTarget(target), List.copyOf(attributes));
    }

    /** Created by the parser. */
    static Link parsed(String target, List<LinkAttribute> attributes) {
        return new Link(target, Collections.unmodifiableList(attributes));
    }

    private static String checkTarget(String target) {
        Objects.requireNonNull(target, "target");
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"') {
                throw new IllegalArgumentException("link target \"" + target + "\" has an illegal character at index " + i
                        + "; percent-encode it");
            }
        }
        return target;
    }

    /** The target URI-reference, as written between "&lt;" and "&gt;". */
    public String target() {
        return target;
    }

    /** Every attribute, in the order written. */
    public List<LinkAttribute> attributes() {
        return attributes;
    }

    /** True when an attribute of this name is present (with or without a value). */
    public boolean has(String name) {
        for (LinkAttribute attribute : attributes) {
            if (attribute.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first attribute of this name; "" for a flag such as {@code obs}. */
    public Optional<String> attribute(String name) {
        for (LinkAttribute attribute : attributes) {
            if (attribute.name().equalsIgnoreCase(name)) {
                return Optional.of(attribute.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The space-separated values of every attribute of this name, e.g. for
     * {@code rt="light-lux core.sen-light"} the two resource types.
     */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(2);
        for (LinkAttribute attribute : attributes) {
            if (attribute.name().equalsIgnoreCase(name)) {
                splitSpaces(attribute.value(), values);
            }
        }
        return values;
    }

    /** The resource types, "rt" (RFC 6690 section 3.1). */
    public List<String> resourceTypes() {
        return values("rt");
    }

    /** The interface descriptions, "if" (RFC 6690 section 3.2). */
    public List<String> interfaceDescriptions() {
        return values("if");
    }

    /** The Content-Format hints, "ct" (RFC 7252 section 7.2.1); items that are not 0..65535 are skipped. */
    public List<Integer> contentFormats() {
        List<Integer> formats = new ArrayList<>(1);
        for (String value : values("ct")) {
            if (!value.isEmpty() && value.length() <= 5 && value.chars().allMatch(Character::isDigit)) {
                int number = Integer.parseInt(value);
                if (number <= 0xFFFF) {
                    formats.add(number);
                }
            }
        }
        return formats;
    }

    /** The human-readable title, "title". */
    public Optional<String> title() {
        return attribute("title");
    }

    /** True when the link has the "obs" attribute: the resource is observable (RFC 7641 section 6). */
    public boolean observable() {
        return has("obs");
    }

    /**
     * The maximum size estimate "sz" in bytes (RFC 6690 section 3.3). A value too large for a
     * long is given as {@link Long#MAX_VALUE} ("Big"); empty when absent or not a number.
     */
    public OptionalLong maxSizeEstimate() {
        Optional<String> sz = attribute("sz");
        if (sz.isEmpty() || sz.get().isEmpty() || !sz.get().chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(sz.get()));
        } catch (NumberFormatException tooBig) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }

    static void splitSpaces(String value, List<String> out) {
        int start = 0;
        int length = value.length();
        while (start < length) {
            while (start < length && value.charAt(start) == ' ') {
                start++;
            }
            int end = start;
            while (end < length && value.charAt(end) != ' ') {
                end++;
            }
            if (end > start) {
                out.add(value.substring(start, end));
            }
            start = end;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link && ((Link) o).target.equals(target) && ((Link) o).attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return 31 * target.hashCode() + attributes.hashCode();
    }

    /** The link in link-format, as {@link LinkFormat#serialize} writes it. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        LinkFormat.append(this, out);
        return out.toString();
    }

    /** Builds a {@link Link}; attributes keep the order in which they are added. */
    public static final class Builder {
        private final String target;
        private final List<LinkAttribute> attributes = new ArrayList<>();

        private Builder(String target) {
            this.target = target;
        }

        /** Adds an attribute with a value. */
        public Builder attribute(String name, String value) {
            attributes.add(LinkAttribute.of(name, value));
            return this;
        }

        /** Adds an attribute without a value. */
        public Builder flag(String name) {
            attributes.add(LinkAttribute.flag(name));
            return this;
        }

        /** Adds the resource types "rt", space-separated in one attribute (it must not repeat, section 3.1). */
        public Builder resourceType(String... types) {
            return attribute("rt", joinTokens("rt", types));
        }

        /** Adds the interface descriptions "if" (section 3.2). */
        public Builder interfaceDescription(String... interfaces) {
            return attribute("if", joinTokens("if", interfaces));
        }

        /** Adds the Content-Format hints "ct" (RFC 7252 section 7.2.1), each 0..65535. */
        public Builder contentFormat(int... formats) {
            if (formats.length == 0) {
                throw new IllegalArgumentException("ct needs at least one Content-Format");
            }
            String[] items = new String[formats.length];
            for (int i = 0; i < formats.length; i++) {
                if (formats[i] < 0 || formats[i] > 0xFFFF) {
                    throw new IllegalArgumentException("ct must be 0..65535, was " + formats[i]);
                }
                items[i] = Integer.toString(formats[i]);
            }
            return attribute("ct", String.join(" ", items));
        }

        /** Adds the human-readable "title". */
        public Builder title(String title) {
            return attribute("title", title);
        }

        /** Adds "obs": the resource is observable (RFC 7641 section 6). */
        public Builder observable() {
            return flag("obs");
        }

        /** Adds the maximum size estimate "sz" in bytes (RFC 6690 section 3.3). */
        public Builder maxSizeEstimate(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("sz must be >= 0, was " + bytes);
            }
            return attribute("sz", Long.toString(bytes));
        }

        public Link build() {
            return new Link(target, List.copyOf(attributes));
        }

        private static String joinTokens(String name, String[] tokens) {
            if (tokens.length == 0) {
                throw new IllegalArgumentException(name + " needs at least one value");
            }
            for (String token : tokens) {
                if (token.isEmpty() || token.indexOf(' ') >= 0) {
                    throw new IllegalArgumentException(name + " values must be non-empty and have no spaces, was \""
                            + token + "\"");
                }
            }
            return String.join(" ", tokens);
        }
    }
}
