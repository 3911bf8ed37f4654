package io.coaps4j.dtls.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A PSK identity (RFC 4279 section 5.1): a character string carried as UTF-8, 1 to 128 octets
 * (section 5.3 sets 128 as the length every implementation supports; longer ones would not
 * interoperate). Identities are not secret.
 */
public final class PskIdentity {
    public static final int MAX_LENGTH = 128;

    private final String text;
    private final byte[] utf8;

    /** The principal of this identity, made once: the sessions of one identity share it (see {@link #principal()}). */
    private final PskPrincipal principal = new PskPrincipal(this);

    private PskIdentity(String text, byte[] utf8) {
        this.text = text;
        this.utf8 = utf8;
    }

    /** The peer a handshake with this identity's key authenticates: one instance per identity. */
    public PskPrincipal principal() {
        return principal;
    }

    /** The identity {@code text}; fails when it is empty or longer than 128 UTF-8 bytes. */
    public static PskIdentity of(String text) {
        Objects.requireNonNull(text, "identity");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String problem = problem(utf8);
        if (problem != null) {
            throw new IllegalArgumentException("PSK identity " + problem);
        }
        if (!new String(utf8, StandardCharsets.UTF_8).equals(text)) {
            throw new IllegalArgumentException("PSK identity contains unpaired surrogates, not encodable as UTF-8");
        }
        return new PskIdentity(text, utf8);
    }

    /** The identity in {@code utf8}; fails when it is empty, longer than 128 bytes or not valid UTF-8. */
    public static PskIdentity ofUtf8(byte[] utf8) {
        Objects.requireNonNull(utf8, "identity");
        return fromWire(utf8).orElseThrow(() -> new IllegalArgumentException("PSK identity "
                + (problem(utf8) != null ? problem(utf8) : "is not valid UTF-8")));
    }

    /** The identity a peer sent, or empty when it is not a valid identity (then it is unknown by definition). */
    public static Optional<PskIdentity> fromWire(byte[] utf8) {
        if (problem(utf8) != null) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
            return Optional.of(new PskIdentity(text, utf8.clone()));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String problem(byte[] utf8) {
        if (utf8.length == 0) {
            return "must not be empty";
        }
        if (utf8.length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " UTF-8 bytes (RFC 4279 section 5.3), was " + utf8.length;
        }
        return null;
    }

    public String text() {
        return text;
    }

    /** The identity's wire form, as sent in ClientKeyExchange. */
    public byte[] utf8() {
        return utf8.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PskIdentity that && Arrays.equals(utf8, that.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return text;
    }
}
