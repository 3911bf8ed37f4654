package io.coaps4j.coap.linkformat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Writes and reads the CoRE Link Format, {@code application/link-format} (RFC 6690 section 2,
 * Content-Format 40): links separated by ",", each {@code <target>} followed by
 * {@code ;name=value} attributes.
 *
 * <p>Writing quotes what the ABNF requires or its examples show quoted: {@code anchor},
 * {@code title}, {@code rel}, {@code rev}, {@code rt} and {@code if} are always quoted strings;
 * {@code ct} and {@code sz} are bare cardinals unless {@code ct} lists several formats; other
 * values are bare when they are a ptoken and quoted otherwise. Quotes and backslashes inside a
 * quoted string are escaped with a backslash (RFC 2616 section 2.2).
 *
 * <p>Reading is lenient where real servers are: whitespace and line breaks around separators
 * are skipped (RFC 6690's own examples break lines), any value is accepted quoted or bare,
 * and attribute names are compared without case.
 */
public final class LinkFormat {
    private static final Set<String> ALWAYS_QUOTED = Set.of("anchor", "title", "rel", "rev", "rt", "if");
    private static final String PTOKEN_PUNCTUATION = "!#$%&'()*+-./:<=>?@[]^_`{|}~";

    private LinkFormat() {
    }

    /** The links in link-format, separated by "," without line breaks; "" for no links (RFC 6690 section 4). */
    public static String serialize(List<Link> links) {
        StringBuilder out = new StringBuilder(links.size() * 32);
        for (int i = 0; i < links.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(links.get(i), out);
        }
        return out.toString();
    }

    /** The links as a UTF-8 payload. */
    public static byte[] serializeToBytes(List<Link> links) {
        return serialize(links).getBytes(StandardCharsets.UTF_8);
    }

    static void append(Link link, StringBuilder out) {
        out.append('<').append(link.target()).append('>');
        for (LinkAttribute attribute : link.attributes()) {
            out.append(';').append(attribute.name());
            if (!attribute.hasValue()) {
                continue;
            }
            out.append('=');
            String value = attribute.value();
            String name = attribute.name();
            boolean bare;
            if (ALWAYS_QUOTED.contains(name)) {
                bare = false;
            } else if (name.equals("ct") || name.equals("sz")) {
                bare = isCardinal(value);
            } else {
                bare = isPtoken(value);
            }
            if (bare) {
                out.append(value);
            } else {
                appendQuoted(value, out);
            }
        }
    }

    private static void appendQuoted(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean isCardinal(String value) {
        if (value.isEmpty() || (value.length() > 1 && value.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPtoken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && PTOKEN_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses a UTF-8 link-format payload. */
    public static List<Link> parse(byte[] payload) throws LinkFormatException {
        return parse(new String(payload, StandardCharsets.UTF_8));
    }

    /**
     * Parses link-format text; "" (an empty /.well-known/core) gives no links.
     *
     * @throws LinkFormatException naming what is wrong and where
     */
    public static List<Link> parse(String text) throws LinkFormatException {
        return new Parser(text).links();
    }

    /** A recursive-descent reader over one text; not shared. */
    private static final class Parser {
        private final String text;
        private int p;

        Parser(String text) {
            this.text = text;
        }

        List<Link> links() throws LinkFormatException {
            List<Link> links = new ArrayList<>();
            skipSpace();
            if (p == text.length()) {
                return Collections.unmodifiableList(links);
            }
            while (true) {
                links.add(link());
                skipSpace();
                if (p == text.length()) {
                    return Collections.unmodifiableList(links);
                }
                if (text.charAt(p) != ',') {
                    throw new LinkFormatException("expected ',' or ';' but found '" + text.charAt(p) + "'", p);
                }
                p++;
                skipSpace();
            }
        }

        private Link link() throws LinkFormatException {
            if (p >= text.length() || text.charAt(p) != '<') {
                throw new LinkFormatException("expected '<' to start a link", p);
            }
            int close = text.indexOf('>', p + 1);
            if (close < 0) {
                throw new LinkFormatException("link target has no closing '>'", p);
            }
            String target = text.substring(p + 1, close);
            p = close + 1;
            List<LinkAttribute> attributes = new ArrayList<>(4);
            while (true) {
                skipSpace();
                if (p >= text.length() || text.charAt(p) != ';') {
                    return Link.parsed(target, attributes);
                }
                p++;
                skipSpace();
                attributes.add(attribute());
            }
        }

        private LinkAttribute attribute() throws LinkFormatException {
            int start = p;
            while (p < text.length() && LinkAttribute.isAttrChar(text.charAt(p))) {
                p++;
            }
            if (p < text.length() && text.charAt(p) == '*' && p > start) {
                p++;
            }
            if (p == start) {
                throw new LinkFormatException(p < text.length()
                        ? "expected an attribute name but found '" + text.charAt(p) + "'"
                        : "expected an attribute name but the text ended", p);
            }
            String name = text.substring(start, p).toLowerCase(java.util.Locale.ROOT);
            skipSpace();
            if (p >= text.length() || text.charAt(p) != '=') {
                return LinkAttribute.parsed(name, "", false);
            }
            p++;
            skipSpace();
            if (p < text.length() && text.charAt(p) == '"') {
                return LinkAttribute.parsed(name, quoted(), true);
            }
            int valueStart = p;
            while (p < text.length() && ";, \t\r\n\"".indexOf(text.charAt(p)) < 0) {
                p++;
            }
            return LinkAttribute.parsed(name, text.substring(valueStart, p), true);
        }

        private String quoted() throws LinkFormatException {
            int open = p;
            p++;
            StringBuilder value = new StringBuilder();
            while (p < text.length()) {
                char c = text.charAt(p++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (p >= text.length()) {
                        break;
                    }
                    c = text.charAt(p++);
                }
                value.append(c);
            }
            throw new LinkFormatException("quoted string has no closing '\"'", open);
        }

        private void skipSpace() {
            while (p < text.length() && " \t\r\n".indexOf(text.charAt(p)) >= 0) {
                p++;
            }
        }
    }
}
