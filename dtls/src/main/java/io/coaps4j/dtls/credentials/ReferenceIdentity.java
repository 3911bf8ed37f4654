package io.coaps4j.dtls.credentials;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The host a client asked for (the host of its coaps URI) and the check that a server's certificate names it:
 * RFC 6125 section 6 as RFC 7252 section 9.1.3.3 applies it. A DNS name matches a subjectAltName dNSName
 * (case-insensitive, a wildcard only as the whole left-most label, section 6.4.3) or the host of a {@code coaps}
 * URI in a subjectAltName URI (URI-ID, section 6.5.2); an IP address matches an iPAddress or the host of a
 * {@code coaps} URI, never a wildcard. The subject's CN is consulted only when the certificate has no DNS or URI
 * subjectAltName (section 6.4.4), compared exactly (RFC 7252 allows no wildcard there). No name is resolved.
 */
final class ReferenceIdentity {
    private static final int DNS_NAME = 2;
    private static final int URI_NAME = 6;
    private static final int IP_ADDRESS = 7;
    private static final String COAPS = "coaps";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** The lower-case A-label form of a DNS name, or null for an IP literal. */
    private final String dnsName;
    /** The address of an IP literal, or null for a DNS name. */
    private final InetAddress address;
    private final String given;

    private ReferenceIdentity(String given, String dnsName, InetAddress address) {
        this.given = given;
        this.dnsName = dnsName;
        this.address = address;
    }

    /**
     * The reference identity of {@code host}: a DNS name (U-labels allowed), an IPv4 literal or an IPv6 literal
     * (with or without brackets).
     *
     * @throws IllegalArgumentException when {@code host} is neither
     */
    static ReferenceIdentity of(String host) {
        Optional<InetAddress> literal = ipLiteral(host);
        if (literal.isPresent()) {
            return new ReferenceIdentity(host, null, literal.get());
        }
        return new ReferenceIdentity(host, normalizedDnsName(host)
                .orElseThrow(() -> new IllegalArgumentException("not a host name or IP address: " + host)), null);
    }

    boolean isIpAddress() {
        return address != null;
    }

    /** Whether {@code certificate} names this host. */
    boolean isNamedBy(X509Certificate certificate) {
        Collection<List<?>> altNames;
        try {
            altNames = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false; // never fall back to the CN because the names could not be read
        }
        boolean hasDnsOrUri = false;
        for (List<?> name : altNames == null ? List.<List<?>>of() : altNames) {
            int tag = (Integer) name.get(0);
            Object value = name.get(1);
            if (!(value instanceof String text)) {
                continue;
            }
            if (tag == DNS_NAME) {
                hasDnsOrUri = true;
                if (dnsName != null && matchesDnsId(text)) {
                    return true;
                }
            } else if (tag == URI_NAME) {
                hasDnsOrUri = true;
                if (matchesUriId(text)) {
                    return true;
                }
            } else if (tag == IP_ADDRESS && address != null && ipLiteral(text).map(address::equals).orElse(false)) {
                return true;
            }
        }
        if (hasDnsOrUri) {
            return false;
        }
        return commonName(certificate.getSubjectX500Principal()).map(this::matchesExactly).orElse(false);
    }

    /** RFC 6125 section 6.4.1 and 6.4.3: exact, or "*" as the whole left-most label standing for one label. */
    private boolean matchesDnsId(String presented) {
        Optional<String> normalized = presented.startsWith("*.")
                ? normalizedDnsName(presented.substring(2)).map(rest -> "*." + rest)
                : normalizedDnsName(presented);
        if (normalized.isEmpty()) {
            return false;
        }
        String pattern = normalized.get();
        if (!pattern.startsWith("*.")) {
            return pattern.indexOf('*') < 0 && pattern.equals(dnsName);
        }
        String suffix = pattern.substring(1);
        // at least two labels under the wildcard: "*.com" would name a whole top-level domain
        if (suffix.indexOf('*') >= 0 || suffix.chars().filter(c -> c == '.').count() < 2) {
            return false;
        }
        int firstDot = dnsName.indexOf('.');
        return firstDot > 0 && dnsName.substring(firstDot).equals(suffix);
    }

    /** RFC 6125 section 6.5.2 with RFC 7252 section 9.1.3.3: a coaps URI whose host is this host. */
    private boolean matchesUriId(String presented) {
        URI uri;
        try {
            uri = new URI(presented);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!COAPS.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        return matchesExactly(uri.getHost());
    }

    /** No wildcard: the same IP address, or the same DNS name. */
    private boolean matchesExactly(String presented) {
        if (address != null) {
            return ipLiteral(presented).map(address::equals).orElse(false);
        }
        return ipLiteral(presented).isEmpty() && normalizedDnsName(presented).map(dnsName::equals).orElse(false);
    }

    @Override
    public String toString() {
        return given;
    }

    /** The IP address {@code text} is a literal of, without any lookup. */
    static Optional<InetAddress> ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(bare).matches();
        boolean v6 = bare.indexOf(':') >= 0 && bare.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // java.net.URI checks the IPv6 syntax strictly, so what reaches getByName is a literal it parses
            // without a lookup
            if (v6 && new URI("coaps://[" + bare + "]/").getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(InetAddress.getByName(bare));
        } catch (URISyntaxException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The lower-case ASCII form of a DNS name without its trailing dot, or empty if it is not one. */
    private static Optional<String> normalizedDnsName(String name) {
        String withoutRoot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (withoutRoot.isEmpty() || withoutRoot.startsWith(".") || withoutRoot.contains("..")) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(withoutRoot, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() ? Optional.empty() : Optional.of(ascii);
        } catch (IllegalArgumentException notADnsName) {
            return Optional.empty();
        }
    }

    /**
     * The most specific CN of {@code subject}: the first in its RFC 2253 form, which lists the relative
     * distinguished names from the most specific.
     */
    static Optional<String> commonName(X500Principal subject) {
        for (String attribute : splitUnescaped(subject.getName(X500Principal.RFC2253))) {
            int equals = attribute.indexOf('=');
            if (equals > 0 && attribute.substring(0, equals).trim().equalsIgnoreCase("CN")) {
                String value = attribute.substring(equals + 1);
                return value.startsWith("#") ? Optional.empty() : Optional.of(unescape(value));
            }
        }
        return Optional.empty();
    }

    /** The attributes of an RFC 2253 name: split at the commas and pluses that are not escaped. */
    private static List<String> splitUnescaped(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                current.append(c).append(name.charAt(++i));
            } else if (c == ',' || c == '+') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** RFC 2253 section 2.4 escapes: a backslash before a special character, or two hex digits. */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream utf8 = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && isHexPair(value, i + 1)) {
                utf8.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
                continue;
            }
            if (utf8.size() > 0) {
                out.append(utf8.toString(java.nio.charset.StandardCharsets.UTF_8));
                utf8.reset();
            }
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        if (utf8.size() > 0) {
            out.append(utf8.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean isHexPair(String value, int at) {
        return at + 1 < value.length() && Character.digit(value.charAt(at), 16) >= 0
                && Character.digit(value.charAt(at + 1), 16) >= 0;
    }
}
