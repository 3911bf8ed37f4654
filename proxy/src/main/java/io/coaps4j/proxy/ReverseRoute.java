package io.coaps4j.proxy;

import io.coaps4j.coap.uri.CoapUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One mapping of a reverse-proxy (RFC 7252 section 5.7.3): requests whose Uri-Path starts with
 * {@link #prefix()} go to {@link #origin()} with the rest of the path appended to the origin's path
 * and the query appended to the origin's query. Immutable.
 *
 * @param prefix the local path segments, e.g. [sensors] for "/sensors"; empty maps every path
 * @param origin the origin URI the prefix stands for, e.g. coaps://10.0.0.7/s
 */
public record ReverseRoute(List<String> prefix, CoapUri origin) {

    public ReverseRoute {
        prefix = List.copyOf(Objects.requireNonNull(prefix, "prefix"));
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Parses "{@code /local/prefix}" and an absolute origin URI.
     *
     * @throws IllegalArgumentException naming what is wrong with either
     */
    public static ReverseRoute of(String localPath, String originUri) {
        Objects.requireNonNull(localPath, "localPath");
        Objects.requireNonNull(originUri, "originUri");
        if (!localPath.startsWith("/")) {
            throw new IllegalArgumentException("reverse path must start with '/', was \"" + localPath + "\"");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : localPath.substring(1).split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        CoapUri origin;
        try {
            origin = CoapUri.parse(originUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reverse origin \"" + originUri + "\": " + e.getMessage(), e);
        }
        return new ReverseRoute(segments, origin);
    }

    /** Whether {@code path} lies under the prefix. */
    public boolean matches(List<String> path) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The origin URI for a local request to {@code path} (which {@link #matches}) with {@code query}. */
    public CoapUri target(List<String> path, List<String> query) {
        List<String> targetPath = new ArrayList<>(origin.path());
        targetPath.addAll(path.subList(prefix.size(), path.size()));
        List<String> targetQuery = new ArrayList<>(origin.query());
        targetQuery.addAll(query);
        return origin.withPathAndQuery(targetPath, targetQuery);
    }

    /**
     * A Location-Path of the origin seen from the client (section 5.10.7): under the origin's path it
     * moves under the prefix; elsewhere it is left as is (the client can reach only what is mapped).
     */
    public List<String> localLocation(List<String> originLocation) {
        List<String> base = origin.path();
        if (originLocation.size() < base.size() || !originLocation.subList(0, base.size()).equals(base)) {
            return originLocation;
        }
        List<String> local = new ArrayList<>(prefix);
        local.addAll(originLocation.subList(base.size(), originLocation.size()));
        return local;
    }

    @Override
    public String toString() {
        return "/" + String.join("/", prefix) + " -> " + origin;
    }
}
