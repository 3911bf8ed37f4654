package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.PublicKeys;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a RawPublicKey trust list: a peer's key, or only its RFC 6920 identity (as provisioning hands it
 * out, RFC 7252 section 9.1.3.2.1: {@code ni:///sha-256;...} or the truncated {@code ni:///sha-256-120;...}),
 * and the {@link PeerScope} it may be used with. Immutable.
 */
public final class TrustedPeerKey {
    private static final String SHA_256 = "sha-256;";
    private static final String SHA_256_120 = "sha-256-120;";
    private static final int SHA_256_BYTES = 32;
    private static final int SHA_256_120_BYTES = 15;

    private final String identity;
    /** The hash {@link #identity} names, decoded once: 32 bytes, or 15 for sha-256-120. */
    private final byte[] hash;
    private final Optional<PublicKey> key;
    /**
     * The principal of {@link #key}, made once: every session of this peer keeps this one instance rather than
     * its own copy of the key and hash. Null for an entry made from an identity only.
     */
    private final RawPublicKeyPrincipal principal;
    private final PeerScope scope;

    private TrustedPeerKey(String identity, byte[] hash, Optional<PublicKey> key, RawPublicKeyPrincipal principal,
                           PeerScope scope) {
        this.identity = identity;
        this.hash = hash;
        this.key = key;
        this.principal = principal;
        this.scope = scope;
    }

    /**
     * Trusts {@code key} with any peer.
     *
     * @throws IllegalArgumentException when it is not an EC key on secp256r1
     */
    public static TrustedPeerKey of(PublicKey key) {
        PublicKeys.requireP256(key, "key");
        RawPublicKeyPrincipal principal = new RawPublicKeyPrincipal(key);
        String identity = principal.getName();
        return new TrustedPeerKey(identity, hashOf(identity), Optional.of(key), principal, PeerScope.any());
    }

    /**
     * Trusts the key that {@code niUri} names, with any peer: {@code ni:///sha-256;} followed by 43 base64url
     * characters, or {@code ni:///sha-256-120;} followed by 20 (an authority between the slashes is allowed).
     *
     * @throws IllegalArgumentException when {@code niUri} is not one of these forms
     */
    public static TrustedPeerKey ofIdentity(String niUri) {
        return new TrustedPeerKey(niUri, hashOf(niUri), Optional.empty(), null, PeerScope.any());
    }

    private static byte[] hashOf(String niUri) {
        Objects.requireNonNull(niUri, "niUri");
        if (!niUri.startsWith("ni://") || niUri.indexOf('/', "ni://".length()) < 0) {
            throw new IllegalArgumentException("not an ni URI (RFC 6920): " + niUri);
        }
        String path = niUri.substring(niUri.indexOf('/', "ni://".length()) + 1);
        int expected = path.startsWith(SHA_256) ? SHA_256_BYTES : path.startsWith(SHA_256_120) ? SHA_256_120_BYTES : -1;
        if (expected < 0) {
            throw new IllegalArgumentException("the ni URI must use sha-256 or sha-256-120 (RFC 7252 section"
                    + " 9.1.3.2.1): " + niUri);
        }
        String value = path.substring(path.indexOf(';') + 1);
        byte[] hash;
        try {
            hash = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the ni URI's hash is not base64url: " + niUri, e);
        }
        if (hash.length != expected || value.indexOf('=') >= 0) {
            throw new IllegalArgumentException("the ni URI's hash must be " + expected + " bytes in unpadded base64url,"
                    + " was " + hash.length + ": " + niUri);
        }
        return hash;
    }

    /** This entry, limited to the peers of {@code peers}. */
    public TrustedPeerKey onlyFor(PeerScope peers) {
        return new TrustedPeerKey(identity, hash, key, principal, Objects.requireNonNull(peers, "peers"));
    }

    /** The RFC 6920 identity: the key's {@code ni:///sha-256;...}, or the ni URI this entry was made from. */
    public String identity() {
        return identity;
    }

    /** The key, when this entry was made from one rather than from an identity only. */
    public Optional<PublicKey> key() {
        return key;
    }

    public PeerScope scope() {
        return scope;
    }

    /** Whether {@code presented} is this entry's key (by its SHA-256, compared in constant time). */
    public boolean isKeyOf(RawPublicKeyPrincipal presented) {
        return presented.hasHash(hash);
    }

    /**
     * The principal a session of {@code presented}, which {@link #isKeyOf} this entry, keeps: this entry's own
     * instance when it was made from the key, else {@code presented}.
     */
    RawPublicKeyPrincipal sharedPrincipal(RawPublicKeyPrincipal presented) {
        return principal != null ? principal : presented;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedPeerKey that && identity.equals(that.identity) && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity, scope);
    }

    @Override
    public String toString() {
        return "TrustedPeerKey[" + identity + ", " + scope + "]";
    }
}
