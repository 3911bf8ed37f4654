package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.ConnectionEnd;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Certificate mode's credentials (RFC 7252 section 9.1.3.3): one or more {@link CertifiedKey}s this node
 * presents (a server picks one by the client's SNI, {@link #chainFor}; the first is the default), the trust
 * anchors a peer's chain must lead to, and the longest peer chain accepted. {@link #validatePeer} is the check
 * every new connection runs on the peer's chain. Immutable.
 */
public final class CertificateCredentials implements Credentials {
    /** The default of {@link #maxChainLength()}: deep enough for a root, two intermediates and more. */
    public static final int DEFAULT_MAX_CHAIN_LENGTH = 5;

    private final List<CertifiedKey> certifiedKeys;
    private final Set<TrustAnchor> trustAnchors;
    private final int maxChainLength;

    /**
     * Credentials with one chain and the default chain length limit.
     *
     * @param chain this node's certificate first, each certified by the next
     * @throws IllegalArgumentException when the key or the chain's first certificate is not on secp256r1, the key
     *                                  is not that certificate's, the chain is empty or out of order, or there
     *                                  is no trust anchor
     */
    public CertificateCredentials(PrivateKey privateKey, List<X509Certificate> chain, Set<TrustAnchor> trustAnchors) {
        this(List.of(new CertifiedKey(privateKey, chain)), trustAnchors, DEFAULT_MAX_CHAIN_LENGTH);
    }

    private CertificateCredentials(List<CertifiedKey> certifiedKeys, Set<TrustAnchor> trustAnchors, int maxChainLength) {
        this(certifiedKeys, trustAnchors, maxChainLength, false);
    }

    private CertificateCredentials(List<CertifiedKey> certifiedKeys, Set<TrustAnchor> trustAnchors, int maxChainLength,
                                   boolean trustOnly) {
        this.certifiedKeys = List.copyOf(certifiedKeys);
        if (this.certifiedKeys.isEmpty() && !trustOnly) {
            throw new IllegalArgumentException("certificate credentials need at least one chain and key of this node");
        }
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        this.trustAnchors = Set.copyOf(trustAnchors);
        if (this.trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trustAnchors must name at least one anchor for the peers' chains");
        }
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be at least 1, was " + maxChainLength);
        }
        this.maxChainLength = maxChainLength;
    }

    /**
     * Credentials of a client without a certificate of its own that validates the server's chain against
     * {@code trustAnchors}. Asked for a certificate, such a client sends an empty one (RFC 5246 section 7.4.6),
     * which a server with client authentication none or wanted accepts; a server cannot use them.
     *
     * @throws IllegalArgumentException when there is no trust anchor
     */
    public static CertificateCredentials trustOnly(Set<TrustAnchor> trustAnchors) {
        return new CertificateCredentials(List.of(), trustAnchors, DEFAULT_MAX_CHAIN_LENGTH, true);
    }

    /** A builder for several chains (picked by SNI), the trust anchors and the chain length limit. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Credentials from PEM files as OpenSSL writes them: {@code privateKey} ("PRIVATE KEY" or "EC PRIVATE
     * KEY"), {@code chain} (one or more "CERTIFICATE" blocks, this node's first) and {@code trustAnchors} (one
     * or more "CERTIFICATE" blocks, each an anchor).
     *
     * @throws IOException              when a file cannot be read or is not what it should be; the message names
     *                                  the file and what is wrong
     * @throws IllegalArgumentException when the files do not make valid credentials (see the constructor)
     */
    public static CertificateCredentials fromPem(Path privateKey, Path chain, Path trustAnchors) throws IOException {
        return builder().add(Pem.readPrivateKey(privateKey), Pem.readCertificates(chain))
                .trustAnchors(Pem.readCertificates(trustAnchors)).build();
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.CERTIFICATE;
    }

    /** Whether these credentials hold a chain and key of this node (all but {@link #trustOnly}). */
    public boolean hasOwnKey() {
        return !certifiedKeys.isEmpty();
    }

    /**
     * The default chain's private key, {@code certifiedKeys().get(0).privateKey()}.
     *
     * @throws IllegalStateException for {@link #trustOnly} credentials
     */
    public PrivateKey privateKey() {
        return defaultKey().privateKey();
    }

    /**
     * The default chain, {@code certifiedKeys().get(0).chain()}.
     *
     * @throws IllegalStateException for {@link #trustOnly} credentials
     */
    public List<X509Certificate> chain() {
        return defaultKey().chain();
    }

    private CertifiedKey defaultKey() {
        if (certifiedKeys.isEmpty()) {
            throw new IllegalStateException("trust-only Certificate credentials hold no chain of this node");
        }
        return certifiedKeys.get(0);
    }

    /** Every chain with its key, the default first; empty for {@link #trustOnly} credentials. */
    public List<CertifiedKey> certifiedKeys() {
        return certifiedKeys;
    }

    public Set<TrustAnchor> trustAnchors() {
        return trustAnchors;
    }

    /** The most certificates a peer's chain may hold; a longer one is refused before any signature is checked. */
    public int maxChainLength() {
        return maxChainLength;
    }

    /**
     * The chain a server presents to a client that sent {@code serverName} in its server_name extension (RFC
     * 6066 section 3): the first whose certificate names it (RFC 6125, as {@link #validatePeer} checks names),
     * else the default (the first).
     *
     * @throws IllegalStateException for {@link #trustOnly} credentials
     */
    public CertifiedKey chainFor(Optional<String> serverName) {
        return serverName.flatMap(this::chainPickedBy).orElseGet(this::defaultKey);
    }

    /**
     * The chain {@code serverName} picks among several (the first whose certificate names it), empty when there is
     * one chain only or none names it: then the name played no part, and a server does not acknowledge it (RFC
     * 6066 section 3).
     */
    public Optional<CertifiedKey> chainPickedBy(String serverName) {
        if (certifiedKeys.size() > 1) {
            try {
                ReferenceIdentity name = ReferenceIdentity.of(serverName);
                for (CertifiedKey candidate : certifiedKeys) {
                    if (name.isNamedBy(candidate.certificate())) {
                        return Optional.of(candidate);
                    }
                }
            } catch (IllegalArgumentException notAHostName) {
                // a name no certificate can match: the default
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a peer's chain whose role is not given: a peer checked against {@code expectedName} is a server,
     * otherwise its extendedKeyUsage, if any, must allow serverAuth or clientAuth. See
     * {@link #validatePeer(List, ConnectionEnd, Optional, Instant)}.
     *
     * @throws PeerCertificateException when the chain is refused, with the {@link CertificateProblem}
     */
    public CertificatePrincipal validatePeer(List<X509Certificate> chain, Optional<String> expectedName, Instant now)
            throws CertificateException {
        return PeerChainValidator.validate(chain, trustAnchors, maxChainLength,
                expectedName.isPresent() ? ConnectionEnd.SERVER : null, expectedName, now);
    }

    /**
     * Checks a peer's chain ({@code chain}, its own certificate first) as every new connection must (RFC 7252
     * section 9.1.3.3) and returns the principal it names: at most {@link #maxChainLength()} certificates, in
     * order; the peer's key an EC key on secp256r1; PKIX to one of the trust anchors at {@code now} (RFC 5280
     * section 6: signatures, validity, basic constraints, the CAs' key usage; no revocation check); the peer's
     * keyUsage, if present, allows digitalSignature and its extendedKeyUsage, if present, allows its role
     * (serverAuth for a server, clientAuth for a client, or anyExtendedKeyUsage); and when {@code expectedName}
     * is given, the certificate names it (RFC 6125: DNS-ID with a wildcard only as the whole left-most label,
     * URI-ID of a {@code coaps} URI, iPAddress for an IP literal, the CN only without DNS and URI names).
     *
     * @param peerEnd      the peer's role: {@link ConnectionEnd#SERVER} when a client checks its server
     * @param expectedName the host the client used for the server (its URI's host), checked against the server's
     *                     certificate; empty when checking a client, or a server reached without a name
     * @throws PeerCertificateException when the chain is refused, with the {@link CertificateProblem}
     */
    public CertificatePrincipal validatePeer(List<X509Certificate> chain, ConnectionEnd peerEnd,
                                             Optional<String> expectedName, Instant now) throws CertificateException {
        Objects.requireNonNull(peerEnd, "peerEnd");
        return PeerChainValidator.validate(chain, trustAnchors, maxChainLength, peerEnd, expectedName, now);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateCredentials that && certifiedKeys.equals(that.certifiedKeys)
                && trustAnchors.equals(that.trustAnchors) && maxChainLength == that.maxChainLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(certifiedKeys, trustAnchors, maxChainLength);
    }

    @Override
    public String toString() {
        return "CertificateCredentials[" + (certifiedKeys.isEmpty() ? "trust only" : chain().get(0).getSubjectX500Principal()
                + ", private key hidden")
                + (certifiedKeys.size() > 1 ? " and " + (certifiedKeys.size() - 1) + " more chains" : "")
                + ", " + trustAnchors.size() + " trust anchors, chains up to " + maxChainLength + "]";
    }

    /** Collects the chains (the first added is the default), the trust anchors and the chain length limit. */
    public static final class Builder {
        private final List<CertifiedKey> certifiedKeys = new ArrayList<>();
        private final Set<TrustAnchor> trustAnchors = new HashSet<>();
        private int maxChainLength = DEFAULT_MAX_CHAIN_LENGTH;

        private Builder() {
        }

        /**
         * Adds a chain this node presents and its key.
         *
         * @throws IllegalArgumentException as {@link CertifiedKey}'s constructor
         */
        public Builder add(PrivateKey privateKey, List<X509Certificate> chain) {
            return add(new CertifiedKey(privateKey, chain));
        }

        public Builder add(CertifiedKey certifiedKey) {
            certifiedKeys.add(Objects.requireNonNull(certifiedKey, "certifiedKey"));
            return this;
        }

        /** Trusts each of {@code anchors}, adding to the anchors already given. */
        public Builder trustAnchors(Set<TrustAnchor> anchors) {
            for (TrustAnchor anchor : anchors) {
                trustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
            }
            return this;
        }

        /** Trusts each certificate as an anchor (usually a self-signed root), adding to the anchors already given. */
        public Builder trustAnchors(List<X509Certificate> certificates) {
            for (X509Certificate certificate : certificates) {
                trustAnchors.add(new TrustAnchor(Objects.requireNonNull(certificate, "certificate"), null));
            }
            return this;
        }

        /** The most certificates a peer's chain may hold (default {@value CertificateCredentials#DEFAULT_MAX_CHAIN_LENGTH}). */
        public Builder maxChainLength(int limit) {
            this.maxChainLength = limit;
            return this;
        }

        /**
         * @throws IllegalArgumentException when no chain or no anchor was given, or the limit is below 1
         */
        public CertificateCredentials build() {
            return new CertificateCredentials(certifiedKeys, trustAnchors, maxChainLength);
        }
    }
}
