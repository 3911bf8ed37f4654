package io.coaps4j.coap.server;

import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code /.well-known/core} says about a resource (RFC 6690 section 3): the attributes a
 * {@link Resource.Builder} collects, checked as they come, and the {@link Link} they make. Kept apart so
 * that the builder only routes its calls and the link-format rules (tokens, {@code obs} reserved to
 * Observe) live in one place. Mutable, used by one builder.
 */
final class ResourceDescription {
    /** RFC 7641 section 6's attribute, advertised only by a server that serves Observe. */
    static final String OBSERVABLE = "obs";

    private final List<String> resourceTypes = new ArrayList<>();
    private final List<String> interfaces = new ArrayList<>();
    private final List<Integer> contentFormats = new ArrayList<>();
    private String title;
    private OptionalLong maxSize = OptionalLong.empty();
    private final List<LinkAttribute> extraAttributes = new ArrayList<>();

    void addResourceTypes(String... types) {
        for (String type : types) {
            resourceTypes.add(requireToken(type, "resourceType"));
        }
    }

    void addInterfaces(String... descriptions) {
        for (String description : descriptions) {
            interfaces.add(requireToken(description, "interfaceDescription"));
        }
    }

    void addContentFormats(int... formats) {
        for (int format : formats) {
            if (format < 0 || format > 65535) {
                throw new IllegalArgumentException("contentFormat must be 0..65535, was " + format);
            }
            contentFormats.add(format);
        }
    }

    void title(String value) {
        this.title = Objects.requireNonNull(value, "title");
    }

    void maxSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxSize must not be negative, was " + bytes);
        }
        this.maxSize = OptionalLong.of(bytes);
    }

    void addAttribute(String name, String value) {
        extraAttributes.add(LinkAttribute.of(requireNotObservable(name), value));
    }

    void addFlag(String name) {
        extraAttributes.add(LinkAttribute.flag(requireNotObservable(name)));
    }

    List<String> resourceTypes() {
        return List.copyOf(resourceTypes);
    }

    List<String> interfaces() {
        return List.copyOf(interfaces);
    }

    List<Integer> contentFormats() {
        return List.copyOf(contentFormats);
    }

    String title() {
        return title;
    }

    OptionalLong maxSize() {
        return maxSize;
    }

    /** The link to {@code target} with these attributes, and {@code obs} when {@code observable}. */
    Link toLink(String target, boolean observable) {
        Link.Builder builder = Link.builder(target);
        if (!resourceTypes.isEmpty()) {
            builder.resourceType(resourceTypes.toArray(String[]::new));
        }
        if (!interfaces.isEmpty()) {
            builder.interfaceDescription(interfaces.toArray(String[]::new));
        }
        if (!contentFormats.isEmpty()) {
            builder.contentFormat(contentFormats.stream().mapToInt(Integer::intValue).toArray());
        }
        if (title != null) {
            builder.title(title);
        }
        if (maxSize.isPresent()) {
            builder.maxSizeEstimate(maxSize.getAsLong());
        }
        if (observable) {
            builder.flag(OBSERVABLE); // RFC 7641 section 6
        }
        for (LinkAttribute attribute : extraAttributes) {
            if (attribute.hasValue()) {
                builder.attribute(attribute.name(), attribute.value());
            } else {
                builder.flag(attribute.name());
            }
        }
        return builder.build();
    }

    /** {@code links} without their {@code obs} attributes: this server does not serve Observe for them. */
    static List<Link> withoutObservable(List<Link> links) {
        List<Link> stripped = new ArrayList<>(links.size());
        for (Link l : links) {
            stripped.add(Link.of(l.target(),
                    l.attributes().stream().filter(a -> !a.name().equals(OBSERVABLE)).toList()));
        }
        return stripped;
    }

    private static String requireNotObservable(String name) {
        if (OBSERVABLE.equals(name)) {
            throw new IllegalArgumentException("the obs attribute advertises Observe (RFC 7641), which this"
                    + " server does not serve");
        }
        return name;
    }

    private static String requireToken(String value, String field) {
        if (value == null || value.isEmpty() || value.contains(" ") || value.contains("\"")) {
            throw new IllegalArgumentException(field + " must be a non-empty token without spaces or quotes, was '"
                    + value + "'");
        }
        return value;
    }
}
