package io.coaps4j.coap.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The path of a {@link Resource}: its segments, some of which may be parameters written
 * {@code {name}}, each matching any one Uri-Path segment. Immutable.
 */
final class ResourcePath {
    private final List<String> segments;
    private final List<String> parameterNames;
    /** Where in the path each parameter of {@link #parameterNames} stands. */
    private final int[] parameterPositions;

    private ResourcePath(List<String> segments, List<String> parameterNames, int[] parameterPositions) {
        this.segments = segments;
        this.parameterNames = parameterNames;
        this.parameterPositions = parameterPositions;
    }

    /**
     * Reads "a/b", "/a/b", "" (the root) or a template such as "store/{name}".
     *
     * @throws IllegalArgumentException when a segment is empty, a parameter name is empty, not made
     *     of letters, digits, '_', '-' and '.', or used twice, or a segment has a brace elsewhere
     */
    static ResourcePath parse(String path) {
        Objects.requireNonNull(path, "path");
        String p = path.startsWith("/") ? path.substring(1) : path;
        List<String> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (String segment : p.isEmpty() ? new String[0] : p.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("path has an empty segment: '" + path + "'");
            }
            String name = parameterName(segment);
            if (name != null) {
                checkParameterName(name, path);
                if (names.contains(name)) {
                    throw new IllegalArgumentException("path parameter {" + name + "} is used twice in '" + path + "'");
                }
                names.add(name);
                positions.add(segments.size());
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                throw new IllegalArgumentException("a path parameter must be a whole segment such as {name}, was '"
                        + segment + "' in '" + path + "'");
            }
            segments.add(segment);
        }
        return new ResourcePath(List.copyOf(segments), List.copyOf(names),
                positions.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The parameter name of a "{name}" segment, or null for a literal segment. */
    static String parameterName(String segment) {
        return segment.length() >= 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}'
                ? segment.substring(1, segment.length() - 1) : null;
    }

    private static void checkParameterName(String name, String path) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("path parameter has no name in '" + path + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                throw new IllegalArgumentException("path parameter name '" + name + "' has an illegal character '" + c
                        + "' in '" + path + "'");
            }
        }
    }

    List<String> segments() {
        return segments;
    }

    List<String> parameterNames() {
        return parameterNames;
    }

    boolean isTemplate() {
        return !parameterNames.isEmpty();
    }

    /** The segment of {@code requestPath} that parameter {@code name} matched, or null when there is no such parameter. */
    String parameterValue(String name, List<String> requestPath) {
        for (int i = 0; i < parameterPositions.length; i++) {
            if (parameterNames.get(i).equals(name)) {
                return requestPath.get(parameterPositions[i]);
            }
        }
        return null;
    }

    /** "/a/b", or "/store/{name}" for a template. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
