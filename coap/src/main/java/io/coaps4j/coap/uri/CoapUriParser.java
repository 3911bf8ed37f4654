package io.coaps4j.coap.uri;

import io.coaps4j.coap.uri.PercentCoding.Legal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a {@code coap://} or {@code coaps://} URI string into a {@link CoapUri} (RFC 7252
 * section 6.4 steps 1 to 8, RFC 3986 sections 3 and 5.2.4), naming what is wrong when it cannot.
 */
final class CoapUriParser {

    private CoapUriParser() {
    }

    /** See {@link CoapUri#parse(String)}. */
    static CoapUri parse(String uri) {
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
}
