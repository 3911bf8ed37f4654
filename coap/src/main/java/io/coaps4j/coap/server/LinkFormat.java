package io.coaps4j.coap.server;

import java.util.List;

/**
 * The CoRE Link Format of {@code /.well-known/core} (RFC 6690): serialising resources with their
 * attributes (rt, if, ct, title, obs, sz) and the query filtering of section 4.1.
 */
public final class LinkFormat {

    private LinkFormat() {
    }

    /** The link-format document for the listed (non-hidden) resources that pass {@code query}. */
    public static String serialize(List<Resource> resources, List<String> query) {
        StringBuilder out = new StringBuilder(64 * resources.size());
        for (Resource resource : resources) {
            if (resource.hidden() || !matches(resource, query)) {
                continue;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            appendLink(out, resource);
        }
        return out.toString();
    }

    private static void appendLink(StringBuilder out, Resource resource) {
        out.append('<').append(resource.pathString()).append('>');
        if (!resource.resourceTypes().isEmpty()) {
            out.append(";rt=\"").append(String.join(" ", resource.resourceTypes())).append('"');
        }
        if (!resource.interfaces().isEmpty()) {
            out.append(";if=\"").append(String.join(" ", resource.interfaces())).append('"');
        }
        List<Integer> formats = resource.contentFormats();
        if (formats.size() == 1) {
            out.append(";ct=").append(formats.get(0));
        } else if (formats.size() > 1) {
            out.append(";ct=\"");
            for (int i = 0; i < formats.size(); i++) {
                out.append(i == 0 ? "" : " ").append(formats.get(i));
            }
            out.append('"');
        }
        resource.title().ifPresent(title -> out.append(";title=\"").append(title.replace("\\", "\\\\")
                .replace("\"", "\\\"")).append('"'));
        if (resource.observable()) {
            out.append(";obs");
        }
        resource.maxSize().ifPresent(sz -> out.append(";sz=").append(sz));
    }

    /**
     * RFC 6690 section 4.1: each query argument {@code name=value} must match the link's target
     * ({@code href}) or one of its attribute values; a value ending in '*' matches by prefix. For
     * the space-separated attributes (rt, if, ct) any one of the values may match.
     */
    static boolean matches(Resource resource, List<String> query) {
        for (String argument : query) {
            int eq = argument.indexOf('=');
            String name = eq < 0 ? argument : argument.substring(0, eq);
            String pattern = eq < 0 ? null : argument.substring(eq + 1);
            if (!matchesArgument(resource, name, pattern)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesArgument(Resource resource, String name, String pattern) {
        switch (name) {
            case "href":
                return pattern == null || valueMatches(resource.pathString(), pattern);
            case "rt":
                return anyMatches(resource.resourceTypes(), pattern);
            case "if":
                return anyMatches(resource.interfaces(), pattern);
            case "ct":
                return anyMatches(resource.contentFormats().stream().map(String::valueOf).toList(), pattern);
            case "title":
                return resource.title().isPresent() && (pattern == null || valueMatches(resource.title().get(), pattern));
            case "obs":
                return resource.observable();
            case "sz":
                return resource.maxSize().isPresent()
                        && (pattern == null || valueMatches(String.valueOf(resource.maxSize().getAsLong()), pattern));
            default:
                return false; // an attribute no resource here carries
        }
    }

    private static boolean anyMatches(List<String> values, String pattern) {
        if (values.isEmpty()) {
            return false;
        }
        if (pattern == null) {
            return true;
        }
        for (String value : values) {
            if (valueMatches(value, pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean valueMatches(String value, String pattern) {
        if (pattern.endsWith("*")) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return value.equals(pattern);
    }
}
