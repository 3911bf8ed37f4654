package io.coaps4j.coap.uri;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.PercentCoding.Component;
import io.coaps4j.coap.uri.PercentCoding.Legal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
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

    private CoapUri(CoapScheme scheme, String host, InetAddress ipLiteral, int port, List<String> path, List<String> query) {
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
        Objects.requireNonNull(uri, "uri");
        int colon = schemeEnd(uri);
        if (colon < 0) {
            throw new IllegalArgumentException("\"" + uri + "\" is a relative reference; an absolute coap:// or coaps:// URI is required");
        }
        String schemeText = uri.substring(0, colon);
        CoapScheme scheme = CoapScheme.of(schemeText).orElseThrow(() -> new IllegalArgumentException(
                "scheme must be coap or coaps, was \"" + schemeText + "\" in \"" + uri + "\""));
        int hash = uri.indexOf('#');
        if (hash >= 0) {
            throw new IllegalArgumentException("\"" + uri + "\" has a fragment, which CoAP URIs must not have (RFC 7252 section 6.4 step 4)");
        }
        if (!uri.startsWith("//", colon + 1)) {
            throw new IllegalArgumentException("\"" + uri + "\" has no authority; expected " + scheme.text() + "://host/...");
        }
        int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && "/?".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int queryStart = uri.indexOf('?', authorityEnd);
        int pathEnd = queryStart < 0 ? uri.length() : queryStart;

        // Authority: host [ ":" port ]; no userinfo in coap-URI (section 6.1).
        if (uri.lastIndexOf('@', authorityEnd - 1) >= authorityStart) {
            throw new IllegalArgumentException("\"" + uri + "\" has user info, which coap and coaps URIs do not allow");
        }
        String host;
        InetAddress literal;
        int portStart;
        if (authorityStart < authorityEnd && uri.charAt(authorityStart) == '[') {
            int close = uri.indexOf(']', authorityStart);
            if (close < 0 || close >= authorityEnd) {
                throw new IllegalArgumentException("unterminated IPv6 literal in \"" + uri + "\"");
            }
            String inside = uri.substring(authorityStart + 1, close);
            if (inside.indexOf('%') >= 0) {
                throw new IllegalArgumentException("IPv6 zone identifiers are not supported: \"" + uri + "\"");
            }
            if (inside.startsWith("v") || inside.startsWith("V")) {
                throw new IllegalArgumentException("IPvFuture literals are not supported: \"" + uri + "\"");
            }
            byte[] ipv6 = IpLiterals.parseIpv6(inside);
            if (ipv6 == null) {
                throw new IllegalArgumentException("\"" + inside + "\" is not a valid IPv6 address in \"" + uri + "\"");
            }
            literal = IpLiterals.toAddress(ipv6);
            host = "[" + IpLiterals.formatIpv6(ipv6) + "]";
            portStart = close + 1;
            if (portStart < authorityEnd && uri.charAt(portStart) != ':') {
                throw new IllegalArgumentException("unexpected '" + uri.charAt(portStart) + "' after the IPv6 literal in \""
                        + uri + "\"");
            }
        } else {
            int portColon = uri.indexOf(':', authorityStart);
            int hostEnd = portColon >= 0 && portColon < authorityEnd ? portColon : authorityEnd;
            if (hostEnd == authorityStart) {
                throw new IllegalArgumentException("\"" + uri + "\" has an empty host (RFC 7252 section 6.1)");
            }
            byte[] ipv4 = IpLiterals.parseIpv4(uri, authorityStart, hostEnd);
            if (ipv4 != null) {
                literal = IpLiterals.toAddress(ipv4);
                host = uri.substring(authorityStart, hostEnd);
            } else {
                literal = null;
                // Section 6.4 step 5: lowercase, then resolve percent-encodings. A reg-name is case-insensitive
                // (RFC 3986 3.2.2), so "%5A" is lowercased as well: the normal form must parse back to itself.
                host = PercentCoding.decode(uri.substring(authorityStart, hostEnd).toLowerCase(Locale.ROOT), 0,
                        hostEnd - authorityStart, Legal.REG_NAME, "host").toLowerCase(Locale.ROOT);
                if (host.isEmpty()) {
                    throw new IllegalArgumentException("\"" + uri + "\" has an empty host (RFC 7252 section 6.1)");
                }
            }
            portStart = hostEnd;
        }
        int port = scheme.defaultPort();
        if (portStart < authorityEnd) {
            // portStart is at ':'; an empty port means the default (section 6.1).
            String portText = uri.substring(portStart + 1, authorityEnd);
            if (!portText.isEmpty()) {
                port = parsePort(portText, uri);
            }
        }

        List<String> path = parsePath(uri, authorityEnd, pathEnd);
        List<String> query = queryStart < 0 ? List.of() : parseQuery(uri, queryStart + 1);
        return new CoapUri(scheme, host, literal, port, path, query);
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
        CoapScheme scheme = CoapScheme.forSecure(secure);
        String host = null;
        InetAddress literal = null;
        int port = destination.getPort();
        List<String> path = new ArrayList<>();
        List<String> query = new ArrayList<>();
        for (Option option : options) {
            switch (option.number()) {
                case OptionNumber.URI_HOST:
                    if (host == null) {
                        String value = option.stringValue();
                        literal = literalOf(value);
                        host = literal != null ? (value.startsWith("[") ? IpLiterals.uriHost(literal) : value)
                                : validRegName(value);
                    }
                    break;
                case OptionNumber.URI_PORT:
                    port = (int) option.uintValue();
                    checkPort(port, "Uri-Port");
                    break;
                case OptionNumber.URI_PATH:
                    path.add(option.stringValue());
                    break;
                case OptionNumber.URI_QUERY:
                    query.add(option.stringValue());
                    break;
                default:
                    break;
            }
        }
        if (host == null) {
            literal = destination.getAddress();
            if (literal == null) {
                throw new IllegalArgumentException("destination " + destination + " is unresolved and there is no Uri-Host");
            }
            host = IpLiterals.uriHost(literal);
        }
        checkPort(port, "destination port");
        return new CoapUri(scheme, host, literal, port, pathOf(path), Collections.unmodifiableList(query));
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
        return options(!hostIsDestination, port != destination.getPort());
    }

    /**
     * The options of a request sent to the address and port this URI names (section 6.4, the
     * usual case): Uri-Host for a registered name only, never Uri-Port.
     */
    public List<Option> toOptions() {
        return options(ipLiteral == null, false);
    }

    private List<Option> options(boolean withHost, boolean withPort) {
        List<Option> options = new ArrayList<>(2 + path.size() + query.size());
        if (withHost) {
            options.add(Option.ofString(OptionNumber.URI_HOST, host));
        }
        if (withPort) {
            options.add(Option.ofUint(OptionNumber.URI_PORT, port));
        }
        for (String segment : path) {
            options.add(Option.ofString(OptionNumber.URI_PATH, segment));
        }
        for (String argument : query) {
            options.add(Option.ofString(OptionNumber.URI_QUERY, argument));
        }
        return Collections.unmodifiableList(options);
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

    /** The index of the ':' ending a scheme, or -1 when {@code uri} does not start with one (RFC 3986 section 3.1). */
    private static int schemeEnd(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ':') {
                return i > 0 ? i : -1;
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!(letter || (i > 0 && other))) {
                return -1;
            }
        }
        return -1;
    }

    private static int parsePort(String text, String uri) {
        if (text.length() > 5) {
            throw new IllegalArgumentException("port \"" + text + "\" is out of range in \"" + uri + "\"");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("port \"" + text + "\" is not a number in \"" + uri + "\"");
            }
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port + " in \"" + uri + "\"");
        }
        return port;
    }

    /** path-abempty after dot-segment removal (RFC 3986 section 5.2.4), each segment decoded. */
    private static List<String> parsePath(String uri, int from, int to) {
        if (to - from <= 1) {
            return List.of(); // "" or "/" (section 6.4 step 8)
        }
        List<String> raw = new ArrayList<>();
        int start = from + 1;
        while (true) {
            int slash = uri.indexOf('/', start);
            int end = slash < 0 || slash > to ? to : slash;
            String segment = uri.substring(start, end);
            boolean last = end == to;
            if (segment.equals(".")) {
                if (last) {
                    raw.add("");
                }
            } else if (segment.equals("..")) {
                if (!raw.isEmpty()) {
                    raw.remove(raw.size() - 1);
                }
                if (last) {
                    raw.add("");
                }
            } else {
                raw.add(segment);
            }
            if (last) {
                break;
            }
            start = end + 1;
        }
        if (raw.size() == 1 && raw.get(0).isEmpty()) {
            return List.of(); // resolved to "/"
        }
        List<String> decoded = new ArrayList<>(raw.size());
        for (String segment : raw) {
            decoded.add(PercentCoding.decode(segment, 0, segment.length(), Legal.PCHAR, "path segment"));
        }
        return Collections.unmodifiableList(decoded);
    }

    private static List<String> parseQuery(String uri, int from) {
        List<String> arguments = new ArrayList<>();
        int start = from;
        while (true) {
            int amp = uri.indexOf('&', start);
            int end = amp < 0 ? uri.length() : amp;
            arguments.add(PercentCoding.decode(uri, start, end, Legal.QUERY, "query"));
            if (amp < 0) {
                return Collections.unmodifiableList(arguments);
            }
            start = amp + 1;
        }
    }

    private static InetAddress literalOf(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            byte[] ipv6 = IpLiterals.parseIpv6(host.substring(1, host.length() - 1));
            return ipv6 == null ? null : IpLiterals.toAddress(ipv6);
        }
        byte[] ipv4 = IpLiterals.parseIpv4(host);
        return ipv4 == null ? null : IpLiterals.toAddress(ipv4);
    }

    /** Section 6.5 step 2: non-ASCII is percent-encoded, the rest must be a reg-name. */
    private static String validRegName(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128 && !Legal.REG_NAME.allows(c)) {
                throw new IllegalArgumentException("Uri-Host \"" + value + "\" is not a valid host name: '" + c
                        + "' at index " + i);
            }
        }
        return value;
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

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1..65535, was " + port);
        }
    }

    /** A single empty segment is the path "/", the same as no path (RFC 7252 sections 6.3 and 6.4 step 8). */
    private static List<String> pathOf(List<String> segments) {
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
