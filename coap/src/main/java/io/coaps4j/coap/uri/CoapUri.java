package io.coaps4j.coap.uri;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.uri.PercentCoding.Component;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code coap://} or {@code coaps://} URI (RFC 7252 sections 6.1 and 6.2) held as its decoded
 * parts: scheme, host, port, path segments and query arguments. Immutable.
 *
 * <ul>
 *   <li>{@link #parse} reads a URI string, resolving dot segments and percent-encodings exactly
 *       once, and rejects relative references, fragments, user info, empty hosts and other
 *       schemes with a message naming what is wrong.</li>
 *   <li>{@link #toOptions(InetSocketAddress)} decomposes it into Uri-Host, Uri-Port, Uri-Path and
 *       Uri-Query options (section 6.4).</li>
 *   <li>{@link #fromOptions} composes it back from a request's options (section 6.5), and
 *       {@link #toString()} writes the normal form (section 6.3): lowercase scheme and host,
 *       default port elided, empty path as "/", percent-encoding only what must be, in uppercase
 *       hex.</li>
 * </ul>
 *
 * <p>The host is kept in URI form: a lowercase registered name ("example.com"), a dotted IPv4
 * address, or an IPv6 address in brackets in RFC 5952 form ("[2001:db8::1]").
 */
public final class CoapUri {
    private final CoapScheme scheme;
    private final String host;
    private final InetAddress ipLiteral;
    private final int port;
    private final List<String> path;
    private final List<String> query;

    /** From parts already validated and in normal form, by the factories and {@link CoapUriParser}. */
    CoapUri(CoapScheme scheme, String host, InetAddress ipLiteral, int port, List<String> path, List<String> query) {
        this.scheme = scheme;
        this.host = host;
        this.ipLiteral = ipLiteral;
        this.port = port;
        this.path = path;
        this.query = query;
    }

    /**
     * A URI from decoded parts.
     *
     * @param host a registered name, an IPv4 address, or an IPv6 address with or without brackets
     * @param port 1..65535
     * @param path the path segments, not percent-encoded; empty for "/"
     * @param query the query arguments, not percent-encoded; empty for no query
     * @throws IllegalArgumentException naming the part that is invalid
     */
    public static CoapUri of(CoapScheme scheme, String host, int port, List<String> path, List<String> query) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        checkPort(port, "port");
        String uriHost;
        InetAddress literal;
        byte[] ipv6 = IpLiterals.parseIpv6(host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host);
        byte[] ipv4 = IpLiterals.parseIpv4(host);
        if (ipv4 != null) {
            literal = IpLiterals.toAddress(ipv4);
            uriHost = host;
        } else if (ipv6 != null) {
            literal = IpLiterals.toAddress(ipv6);
            uriHost = "[" + IpLiterals.formatIpv6(ipv6) + "]";
        } else {
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host is empty (RFC 7252 section 6.1)");
            }
            if (host.startsWith("[")) {
                throw new IllegalArgumentException("host \"" + host + "\" is not a valid IPv6 literal");
            }
            checkWellFormed(host, "host");
            literal = null;
            uriHost = host.toLowerCase(Locale.ROOT);
        }
        return new CoapUri(scheme, uriHost, literal, port, pathOf(path), copy(query, "query"));
    }

    /** A URI with the scheme's default port. */
    public static CoapUri of(CoapScheme scheme, String host, List<String> path, List<String> query) {
        return of(scheme, host, scheme.defaultPort(), path, query);
    }

    /**
     * Parses an absolute {@code coap://} or {@code coaps://} URI.
     *
     * @throws IllegalArgumentException with a message naming what is wrong: not absolute (a
     *     relative reference), another scheme, a missing authority or empty host, user info, a
     *     bad port, a fragment, an illegal character or a broken percent-encoding
     */
    public static CoapUri parse(String uri) {
        return CoapUriParser.parse(uri);
    }

    /**
     * Composes the URI of a received request from its options (RFC 7252 section 6.5).
     *
     * @param secure whether the request arrived over DTLS (the scheme)
     * @param destination the address and port the request was sent to, used when Uri-Host or
     *     Uri-Port is absent
     * @throws IllegalArgumentException when the Uri-Host option is not a valid host (section 6.5
     *     step 2), or Uri-Port is 0; a server answers such a request with 4.00 Bad Request
     */
    public static CoapUri fromOptions(List<Option> options, boolean secure, InetSocketAddress destination) {
        return UriOptions.compose(options, secure, destination);
    }

    /** Composes the URI of a received request from its options; see {@link #fromOptions(List, boolean, InetSocketAddress)}. */
    public static CoapUri fromOptions(Message request, boolean secure, InetSocketAddress destination) {
        return fromOptions(request.options(), secure, destination);
    }

    /**
     * The Uri-Host, Uri-Port, Uri-Path and Uri-Query options of a request for this URI sent to
     * {@code destination} (RFC 7252 section 6.4): Uri-Host only when the host is not an IP
     * literal equal to the destination address, Uri-Port only when the port differs from the
     * destination port. Sorted by number.
     */
    public List<Option> toOptions(InetSocketAddress destination) {
        Objects.requireNonNull(destination, "destination");
        boolean hostIsDestination = ipLiteral != null && destination.getAddress() != null
                && IpLiterals.sameAddress(ipLiteral, destination.getAddress());
        return UriOptions.decompose(this, !hostIsDestination, port != destination.getPort());
    }

    /**
     * The options of a request sent to the address and port this URI names (section 6.4, the
     * usual case): Uri-Host for a registered name only, never Uri-Port.
     */
    public List<Option> toOptions() {
        return UriOptions.decompose(this, ipLiteral == null, false);
    }

    public CoapScheme scheme() {
        return scheme;
    }

    /** The host in URI form: "example.com", "192.0.2.1" or "[2001:db8::1]". */
    public String host() {
        return host;
    }

    /** The host without IPv6 brackets, as a resolver or socket takes it. */
    public String hostName() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address when the host is an IP literal (never a name lookup), empty for a registered name. */
    public Optional<InetAddress> ipLiteral() {
        return Optional.ofNullable(ipLiteral);
    }

    /** The port, the scheme's default when the URI gives none. */
    public int port() {
        return port;
    }

    /** The decoded path segments; empty for "/" or no path. */
    public List<String> path() {
        return path;
    }

    /** The decoded query arguments; empty when there is no query. */
    public List<String> query() {
        return query;
    }

    /** The path in URI form, percent-encoded as section 6.5 requires: "/" at least. */
    public String pathString() {
        StringBuilder out = new StringBuilder();
        appendPathAndQuery(out, false);
        return out.toString();
    }

    /** This URI with another path and query (decoded parts), e.g. for "/.well-known/core". */
    public CoapUri withPathAndQuery(List<String> newPath, List<String> newQuery) {
        return new CoapUri(scheme, host, ipLiteral, port, pathOf(newPath), copy(newQuery, "query"));
    }

    /** The normal form (RFC 7252 sections 6.3 and 6.5). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(32);
        out.append(scheme.text()).append("://");
        if (ipLiteral != null) {
            out.append(host);
        } else {
            PercentCoding.encode(host, Component.HOST, out);
        }
        if (port != scheme.defaultPort()) {
            out.append(':').append(port);
        }
        appendPathAndQuery(out, true);
        return out.toString();
    }

    private void appendPathAndQuery(StringBuilder out, boolean withQuery) {
        if (path.isEmpty()) {
            out.append('/');
        }
        for (String segment : path) {
            out.append('/');
            if (segment.equals(".") || segment.equals("..")) {
                // Written plainly they would be removed as dot segments when read back (RFC 3986 section 5.2.4).
                out.append(segment.length() == 1 ? "%2E" : "%2E%2E");
            } else {
                PercentCoding.encode(segment, Component.SEGMENT, out);
            }
        }
        if (withQuery) {
            for (int i = 0; i < query.size(); i++) {
                out.append(i == 0 ? '?' : '&');
                PercentCoding.encode(query.get(i), Component.QUERY_ARGUMENT, out);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CoapUri)) {
            return false;
        }
        CoapUri other = (CoapUri) o;
        return scheme == other.scheme && host.equals(other.host) && port == other.port && path.equals(other.path)
                && query.equals(other.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port, path, query);
    }

    /** An unpaired surrogate has no UTF-8 form and would silently become '?' in an option. */
    private static void checkWellFormed(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " \"" + text + "\" has an unpaired surrogate at index " + i);
            }
        }
    }

    static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1..65535, was " + port);
        }
    }

    /** A single empty segment is the path "/", the same as no path (RFC 7252 sections 6.3 and 6.4 step 8). */
    static List<String> pathOf(List<String> segments) {
        List<String> path = copy(segments, "path");
        return path.size() == 1 && path.get(0).isEmpty() ? List.of() : path;
    }

    private static List<String> copy(List<String> parts, String what) {
        Objects.requireNonNull(parts, what);
        for (String part : parts) {
            Objects.requireNonNull(part, what + " contains null");
            checkWellFormed(part, what);
        }
        return List.copyOf(parts);
    }
}
