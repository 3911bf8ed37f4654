package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.PublicKeys;
import io.coaps4j.dtls.crypto.HandshakeHash;

import java.security.MessageDigest;
import java.security.Principal;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The peer a RawPublicKey handshake authenticates (RFC 7250): whoever holds the private key of this public
 * key. Named, as RFC 7252 section 9.1.3.2.1 asks, by the RFC 6920 Named Information URI of the SHA-256 of
 * the key's DER-encoded SubjectPublicKeyInfo: {@code ni:///sha-256;} and the hash in base64url without
 * padding (RFC 6920 sections 2 and 3).
 *
 * <p>Every established RawPublicKey session keeps its peer's principal, so it is small: the key in its compact
 * form ({@link PublicKeys#compact}) and the 32-byte hash; the name is made from the hash when asked.
 */
public final class RawPublicKeyPrincipal implements Principal {
    private static final String SHA_256 = "ni:///sha-256;";
    /** sha-256-120, SHA-256 truncated to 120 bits: the length RFC 7252 section 9.1.3.2.1 requires to be checked. */
    private static final String SHA_256_120 = "ni:///sha-256-120;";
    private static final int TRUNCATED_LENGTH = 15;

    private final PublicKey key;
    private final byte[] hash;

    /**
     * The principal of {@code key}.
     *
     * @throws IllegalArgumentException when the key does not encode as a SubjectPublicKeyInfo
     */
    public RawPublicKeyPrincipal(PublicKey key) {
        Objects.requireNonNull(key, "key");
        this.hash = HandshakeHash.sha256().hashOnce(PublicKeys.subjectPublicKeyInfo(key));
        this.key = PublicKeys.compact(key);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public PublicKey key() {
        return key;
    }

    /** The {@code ni:///sha-256;...} URI of the key. */
    @Override
    public String getName() {
        return SHA_256 + base64Url(hash);
    }

    /**
     * Whether {@code uri}, an ni URI in the {@code sha-256} or the truncated {@code sha-256-120} form (with or
     * without an authority), names this key; compared in constant time.
     */
    public boolean isNamedBy(String uri) {
        Objects.requireNonNull(uri, "uri");
        String path = uri.startsWith("ni://") ? uri.substring(uri.indexOf('/', "ni://".length())) : uri;
        byte[] value;
        byte[] expected;
        try {
            if (path.startsWith(SHA_256.substring("ni://".length()))) {
                value = Base64.getUrlDecoder().decode(path.substring(SHA_256.length() - "ni://".length()));
                expected = hash;
            } else if (path.startsWith(SHA_256_120.substring("ni://".length()))) {
                value = Base64.getUrlDecoder().decode(path.substring(SHA_256_120.length() - "ni://".length()));
                expected = Arrays.copyOf(hash, TRUNCATED_LENGTH);
            } else {
                return false;
            }
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
        return MessageDigest.isEqual(expected, value);
    }

    /**
     * Whether {@code hash}, a SHA-256 of 32 bytes or its first 15 (sha-256-120), is this key's; compared in
     * constant time. For trust lists that decoded their {@code ni:} URIs once.
     */
    boolean hasHash(byte[] expected) {
        return (expected.length == hash.length || expected.length == TRUNCATED_LENGTH)
                && MessageDigest.isEqual(expected, Arrays.copyOf(hash, expected.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawPublicKeyPrincipal that && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "RawPublicKeyPrincipal[" + getName() + "]";
    }
}
