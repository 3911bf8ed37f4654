package io.coaps4j.cli.psk;

import io.coaps4j.dtls.credentials.PreSharedKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The written form of a pre-shared key: hexadecimal, two digits per byte, as OpenSSL's
 * {@code -psk} and Californium take it. Messages about a bad key name where it came from and what
 * is wrong, never the key text itself, which may be most of a secret with one typo.
 */
public final class PskKeyFormat {
    private static final HexFormat HEX = HexFormat.of();

    private PskKeyFormat() {
    }

    /**
     * Reads {@code text} as a key. An optional {@code 0x} prefix is accepted; anything else that is
     * not a hex digit is refused.
     *
     * @param source what the text came from, for messages (e.g. "--psk-key")
     * @throws IllegalArgumentException naming {@code source} and the problem
     */
    public static PreSharedKey parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; give the key as hex digits, e.g. 000102...0f");
        }
        for (int i = 0; i < digits.length(); i++) {
            // ASCII only: Character.digit also takes other scripts' digits, which parseHex then refuses
            // with a message quoting the key's character.
            if (!HexFormat.isHexDigit(digits.charAt(i))) {
                throw new IllegalArgumentException(source + " is not hex: character " + (i + 1)
                        + " is not one of 0-9, a-f");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException(source + " has an odd number of hex digits (" + digits.length()
                    + "); each byte takes two");
        }
        int bytes = digits.length() / 2;
        if (bytes > PreSharedKey.MAX_LENGTH) {
            throw new IllegalArgumentException(source + " is " + bytes + " bytes long; a pre-shared key has at most "
                    + PreSharedKey.MAX_LENGTH + " (RFC 4279 section 5.3)");
        }
        return PreSharedKey.of(HEX.parseHex(digits));
    }

    /** The key as lower-case hex, for the one place it is shown: the server's own generated key at start. */
    public static String hex(PreSharedKey key) {
        return HEX.formatHex(key.bytes());
    }
}
