package io.coaps4j.coap.uri;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and -encoding of URI components (RFC 3986 section 2.1), with the character
 * sets RFC 7252 section 6.5 leaves unencoded. Digits A-F are written in uppercase, as section 6.5
 * requires.
 */
final class PercentCoding {
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();
    private static final String UNRESERVED_PUNCTUATION = "-._~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    /** What a decoded component may keep unencoded. */
    enum Component {
        /** reg-name: unreserved and sub-delims (RFC 3986 section 3.2.2). */
        HOST(""),
        /** A path segment: unreserved, sub-delims, ':' and '@' (section 6.5 step 6). */
        SEGMENT(":@"),
        /** A query argument: also '/' and '?', but not '&' (section 6.5 step 8). */
        QUERY_ARGUMENT(":@/?");

        private final boolean[] allowed;

        Component(String extra) {
            allowed = unreservedAndSubDelims(extra);
            if (extra.contains("?")) {
                allowed['&'] = false; // '&' separates query arguments
            }
        }

        boolean allows(int c) {
            return c < 128 && allowed[c];
        }
    }

    private PercentCoding() {
    }

    /** The ASCII table of unreserved characters, sub-delims and {@code extra} (RFC 3986 section 2). */
    private static boolean[] unreservedAndSubDelims(String extra) {
        boolean[] allowed = new boolean[128];
        for (char c = 'a'; c <= 'z'; c++) {
            allowed[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            allowed[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            allowed[c] = true;
        }
        for (char c : (UNRESERVED_PUNCTUATION + SUB_DELIMS + extra).toCharArray()) {
            allowed[c] = true;
        }
        return allowed;
    }

    /** Appends {@code value} to {@code out}, percent-encoding each UTF-8 byte that {@code component} does not allow. */
    static void encode(String value, Component component, StringBuilder out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (component.allows(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_DIGITS[c >>> 4]).append(HEX_DIGITS[c & 0xf]);
            }
        }
    }

    static String encode(String value, Component component) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        encode(value, component, out);
        return out.toString();
    }

    /**
     * Decodes {@code raw[from, to)}, which may hold only characters of {@code legal} (or '%'
     * followed by two hex digits), into the UTF-8 string its bytes spell.
     *
     * @throws IllegalArgumentException naming the component and position of an illegal character,
     *     a broken percent-encoding, or bytes that are not UTF-8
     */
    static String decode(String raw, int from, int to, Legal legal, String what) {
        byte[] bytes = null;
        int length = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new IllegalArgumentException("incomplete percent-encoding in the " + what + " at index " + i
                            + " of \"" + raw + "\"");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("invalid percent-encoding \"" + raw.substring(i, i + 3) + "\" in the "
                            + what + " at index " + i + " of \"" + raw + "\"");
                }
                if (bytes == null) {
                    bytes = new byte[to - from];
                    for (int j = from; j < i; j++) {
                        bytes[length++] = (byte) raw.charAt(j);
                    }
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                if (!legal.allows(c)) {
                    throw new IllegalArgumentException("character '" + c + "' is not allowed in the " + what
                            + " at index " + i + " of \"" + raw + "\"; percent-encode it");
                }
                if (bytes != null) {
                    bytes[length++] = (byte) c;
                }
            }
        }
        if (bytes == null) {
            return raw.substring(from, to);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-encoded " + what + " in \"" + raw + "\" is not UTF-8", e);
        }
    }

    /** The characters that may appear unencoded in a URI component (RFC 3986 section 3). */
    enum Legal {
        /** reg-name = *( unreserved / pct-encoded / sub-delims ). */
        REG_NAME(""),
        /** segment = *pchar; pchar adds ':' and '@'. */
        PCHAR(":@"),
        /** query = *( pchar / "/" / "?" ). */
        QUERY(":@/?");

        private final boolean[] allowed;

        Legal(String extra) {
            allowed = unreservedAndSubDelims(extra);
        }

        boolean allows(char c) {
            return c < 128 && allowed[c];
        }
    }
}
