package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.EncodedKeys;
import io.coaps4j.dtls.crypto.PublicKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The RawPublicKey mode's credentials (RFC 7252 section 9.1.3.2, RFC 7250): this node's secp256r1 key pair and
 * the trust list, the access-control list the RFC asks for: each trusted peer key (or only its {@code ni:}
 * identity, RFC 6920) with the peers it may be used with ({@link TrustedPeerKey}). A peer whose key is not listed
 * for it is refused. Trusting any key is possible only through {@link #insecureTrustingAnyKey}. Immutable.
 */
public final class RawPublicKeyCredentials implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(RawPublicKeyCredentials.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final List<TrustedPeerKey> trustList;
    private final boolean insecureTrustingAnyKey;

    /**
     * Credentials trusting each of {@code trustedPeers} with any peer.
     *
     * @throws IllegalArgumentException when a key is not on secp256r1, the public key is not the private key's,
     *                                  or no peer is trusted
     */
    public RawPublicKeyCredentials(PrivateKey privateKey, PublicKey publicKey, Set<PublicKey> trustedPeers) {
        this(privateKey, publicKey, trustListOf(trustedPeers), false);
    }

    /**
     * Credentials trusting the entries of {@code trustList}, each for its scope.
     *
     * @throws IllegalArgumentException when a key is not on secp256r1, the public key is not the private key's,
     *                                  or the list is empty
     */
    public RawPublicKeyCredentials(PrivateKey privateKey, PublicKey publicKey, List<TrustedPeerKey> trustList) {
        this(privateKey, publicKey, trustList, false);
    }

    private RawPublicKeyCredentials(PrivateKey privateKey, PublicKey publicKey, List<TrustedPeerKey> trustList,
                                    boolean insecureTrustingAnyKey) {
        Objects.requireNonNull(trustList, "trustList");
        this.trustList = List.copyOf(trustList);
        if (this.trustList.isEmpty() && !insecureTrustingAnyKey) {
            throw new IllegalArgumentException("trustedPeers must name at least one peer key (RFC 7252 section 9.1.3.2)");
        }
        if (privateKey != null || publicKey != null) { // both null: trust only
            PublicKeys.requireP256(privateKey, "privateKey");
            PublicKeys.requireP256(publicKey, "publicKey");
            if (!EncodedKeys.isKeyPair(privateKey, publicKey)) {
                throw new IllegalArgumentException("publicKey is not the public key of privateKey");
            }
        }
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.insecureTrustingAnyKey = insecureTrustingAnyKey;
    }

    /**
     * Credentials of a client without a key of its own that checks the server's raw public key against
     * {@code trustedServers}. Asked for a certificate, such a client sends an empty one (RFC 5246 section 7.4.6),
     * which a server with client authentication none or wanted accepts; a server cannot use them.
     *
     * @throws IllegalArgumentException when {@code trustedServers} is empty or a key is not on secp256r1
     */
    public static RawPublicKeyCredentials trustOnly(Set<PublicKey> trustedServers) {
        return new RawPublicKeyCredentials(null, null, trustListOf(trustedServers), false);
    }

    /**
     * INSECURE: credentials that trust every peer's secp256r1 key, so any peer can authenticate; for tests and
     * first contact only. Logs a warning (with this node's public identity only) when made.
     *
     * @throws IllegalArgumentException when a key is not on secp256r1 or the public key is not the private key's
     */
    public static RawPublicKeyCredentials insecureTrustingAnyKey(PrivateKey privateKey, PublicKey publicKey) {
        RawPublicKeyCredentials credentials = new RawPublicKeyCredentials(privateKey, publicKey, List.of(), true);
        LOG.warn("insecure: the RawPublicKey credentials of {} trust any peer's key; any peer can authenticate",
                credentials.identity().getName());
        return credentials;
    }

    /**
     * Credentials from PEM files: {@code privateKey} as OpenSSL writes it (with its public key inside), and the
     * trust list from {@code trusted}: each file holds "PUBLIC KEY" blocks or, without any, one {@code ni:} URI per
     * line (blank lines and lines starting with {@code #} are skipped); each is trusted with any peer.
     *
     * @throws IOException              when a file cannot be read or is not what it should be (see {@link Pem})
     * @throws IllegalArgumentException when the keys do not make valid credentials
     */
    public static RawPublicKeyCredentials fromPem(Path privateKey, List<Path> trusted) throws IOException {
        KeyPair pair = Pem.readKeyPair(privateKey);
        return new RawPublicKeyCredentials(pair.getPrivate(), pair.getPublic(), readTrustList(trusted));
    }

    /** As {@link #fromPem(Path, List)}, with this node's public key from its own "PUBLIC KEY" file. */
    public static RawPublicKeyCredentials fromPem(Path privateKey, Path publicKey, List<Path> trusted) throws IOException {
        PrivateKey key = Pem.readPrivateKey(privateKey);
        PublicKey ownPublic = Pem.readPublicKey(publicKey);
        if (!EncodedKeys.isKeyPair(key, ownPublic)) {
            throw new IOException(publicKey + ": is not the public key of the private key in " + privateKey);
        }
        return new RawPublicKeyCredentials(key, ownPublic, readTrustList(trusted));
    }

    private static List<TrustedPeerKey> readTrustList(List<Path> files) throws IOException {
        List<TrustedPeerKey> entries = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN ")) {
                for (PublicKey key : Pem.readPublicKeys(file)) {
                    entries.add(TrustedPeerKey.of(key));
                }
                continue;
            }
            int before = entries.size();
            for (String line : text.split("\r?\n|\r")) {
                String uri = line.strip();
                if (uri.isEmpty() || uri.startsWith("#")) {
                    continue;
                }
                try {
                    entries.add(TrustedPeerKey.ofIdentity(uri));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
            }
            if (entries.size() == before) {
                throw new IOException(file + ": holds no \"PUBLIC KEY\" PEM block and no ni: identity");
            }
        }
        return entries;
    }

    private static List<TrustedPeerKey> trustListOf(Set<PublicKey> trustedPeers) {
        Objects.requireNonNull(trustedPeers, "trustedPeers");
        List<TrustedPeerKey> entries = new ArrayList<>(trustedPeers.size());
        for (PublicKey peer : trustedPeers) {
            entries.add(TrustedPeerKey.of(PublicKeys.requireP256(peer, "trustedPeers")));
        }
        return entries;
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.RAW_PUBLIC_KEY;
    }

    /** Whether these credentials hold a key of this node (all but {@link #trustOnly}). */
    public boolean hasOwnKey() {
        return privateKey != null;
    }

    /** @throws IllegalStateException for {@link #trustOnly} credentials */
    public PrivateKey privateKey() {
        return requireOwnKey(privateKey);
    }

    /** @throws IllegalStateException for {@link #trustOnly} credentials */
    public PublicKey publicKey() {
        return requireOwnKey(publicKey);
    }

    /**
     * This node's identity, the {@code ni:///sha-256;...} of its public key (to hand to its peers).
     *
     * @throws IllegalStateException for {@link #trustOnly} credentials
     */
    public RawPublicKeyPrincipal identity() {
        return new RawPublicKeyPrincipal(publicKey());
    }

    private static <K> K requireOwnKey(K key) {
        if (key == null) {
            throw new IllegalStateException("trust-only RawPublicKey credentials hold no key of this node");
        }
        return key;
    }

    /** The keys of the trust list's entries that were given as keys (not as identities only), in order. */
    public Set<PublicKey> trustedPeers() {
        Set<PublicKey> keys = new LinkedHashSet<>();
        for (TrustedPeerKey entry : trustList) {
            entry.key().ifPresent(keys::add);
        }
        return Set.copyOf(keys);
    }

    /** The trust list, in order; empty when {@link #isInsecureTrustingAnyKey()}. */
    public List<TrustedPeerKey> trustList() {
        return trustList;
    }

    /** Whether these credentials were made by {@link #insecureTrustingAnyKey}. */
    public boolean isInsecureTrustingAnyKey() {
        return insecureTrustingAnyKey;
    }

    /**
     * Whether {@code peerKey} is trusted with any peer: listed with {@link PeerScope#any()}, or these credentials
     * trust any key. A key listed only for some peers is not trusted here (fail closed); use
     * {@link #trusts(PublicKey, InetSocketAddress, Optional)}.
     */
    public boolean trusts(PublicKey peerKey) {
        return trusts(peerKey, null, Optional.empty(), true);
    }

    /**
     * Whether {@code peerKey} is trusted for the peer at {@code peer}, reached by {@code serverName}: listed for a
     * scope that {@link PeerScope#allows allows} them, or these credentials trust any key. Only secp256r1 keys are
     * ever trusted.
     *
     * @param peer       the peer's address (may be null when unknown)
     * @param serverName when this node is the client: the host name it used for the server; empty otherwise
     */
    public boolean trusts(PublicKey peerKey, InetSocketAddress peer, Optional<String> serverName) {
        return trusts(peerKey, peer, serverName, false);
    }

    /**
     * As {@link #trusts(PublicKey, InetSocketAddress, Optional)} for the key of {@code presented}, whose hash is
     * at hand already (a handshake names the peer by it anyway).
     */
    public boolean trusts(RawPublicKeyPrincipal presented, InetSocketAddress peer, Optional<String> serverName) {
        Objects.requireNonNull(presented, "presented");
        return PublicKeys.isP256(presented.key()) && (insecureTrustingAnyKey || listed(presented, peer, serverName, false));
    }

    /**
     * As {@link #trusts(RawPublicKeyPrincipal, InetSocketAddress, Optional)}, returning the principal a session of
     * the peer is to keep: the instance of the trust list's entry when it was made from the key (so that the
     * sessions of one peer share it), else {@code presented}; empty when the key is not trusted.
     */
    public Optional<RawPublicKeyPrincipal> trustedPrincipal(RawPublicKeyPrincipal presented, InetSocketAddress peer,
                                                            Optional<String> serverName) {
        Objects.requireNonNull(presented, "presented");
        if (!PublicKeys.isP256(presented.key())) {
            return Optional.empty();
        }
        TrustedPeerKey entry = listedEntry(presented, peer, serverName, false);
        if (entry != null) {
            return Optional.of(entry.sharedPrincipal(presented));
        }
        return insecureTrustingAnyKey ? Optional.of(presented) : Optional.empty();
    }

    private boolean trusts(PublicKey peerKey, InetSocketAddress peer, Optional<String> serverName, boolean anyScopeOnly) {
        if (peerKey == null || !PublicKeys.isP256(peerKey)) {
            return false;
        }
        return insecureTrustingAnyKey || listed(new RawPublicKeyPrincipal(peerKey), peer, serverName, anyScopeOnly);
    }

    /** Whether an entry of the trust list names {@code presented} for a scope that allows these peers. */
    private boolean listed(RawPublicKeyPrincipal presented, InetSocketAddress peer, Optional<String> serverName,
                           boolean anyScopeOnly) {
        return listedEntry(presented, peer, serverName, anyScopeOnly) != null;
    }

    /** The first entry of the trust list that names {@code presented} for a scope that allows these peers, or null. */
    private TrustedPeerKey listedEntry(RawPublicKeyPrincipal presented, InetSocketAddress peer,
                                       Optional<String> serverName, boolean anyScopeOnly) {
        for (TrustedPeerKey entry : trustList) {
            boolean inScope = anyScopeOnly ? entry.scope().isAny() : entry.scope().allows(peer, serverName);
            if (inScope && entry.isKeyOf(presented)) {
                return entry;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawPublicKeyCredentials that && Objects.equals(privateKey, that.privateKey)
                && Objects.equals(publicKey, that.publicKey) && trustList.equals(that.trustList)
                && insecureTrustingAnyKey == that.insecureTrustingAnyKey;
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicKey, trustList, insecureTrustingAnyKey);
    }

    @Override
    public String toString() {
        return "RawPublicKeyCredentials[" + (hasOwnKey() ? identity().getName() + ", private key hidden" : "trust only")
                + ", "
                + (insecureTrustingAnyKey ? "INSECURE: trusting any key" : trustList.size() + " trusted peers") + "]";
    }
}
