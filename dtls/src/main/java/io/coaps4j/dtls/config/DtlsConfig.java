package io.coaps4j.dtls.config;

import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.flight.FlightWriter;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable configuration of a DTLS endpoint (client or server). Built with {@link #builder()},
 * whose {@code build()} names the first wrong field. Defaults are the secure and interoperable
 * choices: cookie exchange always on, TLS_PSK_WITH_AES_128_CCM_8 (RFC 7252 section 9.1.3.1),
 * extended master secret offered and used whenever the peer supports it.
 *
 * <p>Credentials are a mode-neutral collection, at most one {@link Credentials} per {@link SecurityMode}: a
 * server picks per connection the first configured suite the client offers whose mode it holds credentials
 * for, a client offers the configured suites of the modes it holds credentials for. Every configured suite
 * needs credentials of its mode. The RawPublicKey and Certificate modes share TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8;
 * the certificate types of RFC 7250 choose between them per connection.
 */
public final class DtlsConfig {
    /** IPv6's minimum MTU (1280) less the IPv6 and UDP headers: no IP fragmentation on any path. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1232;
    /** 24 hours: sessions are kept up as long as possible (oneM2M TS-0008 clause 7). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(24);
    /** How often the cookie secret changes by default. */
    public static final Duration DEFAULT_COOKIE_ROTATION_PERIOD = Duration.ofMinutes(1);
    /** Half-open handshakes one source IP address may hold by default. */
    public static final int DEFAULT_MAX_HANDSHAKES_PER_ADDRESS = 256;
    /** How long by default a handshake may wait for the client's answer to the server's first flight. */
    public static final Duration DEFAULT_STALLED_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** Resumable sessions a server (or a client endpoint) keeps by default. */
    public static final int DEFAULT_SESSION_CACHE_SIZE = 10_000;
    /** How long a session may be resumed by default. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(24);

    private final List<CipherSuite> cipherSuites;
    private final List<Credentials> credentials;
    /** The PreSharedKey credentials, also in {@link #credentials}: the handshake's PSK states read them per call. */
    private final Optional<PreSharedKeys> preSharedKeys;
    /** Derived once: the handshake asks for them per connection. */
    private final Optional<PskStore> pskStore;
    private final Optional<String> pskIdentityHint;
    private final int maxDatagramSize;
    private final RetransmissionPolicy retransmission;
    private final int maxConcurrentHandshakes;
    private final int maxConnections;
    private final int maxHandshakesPerAddress;
    private final Duration stalledHandshakeTimeout;
    private final Duration idleTimeout;
    private final Duration cookieRotationPeriod;
    private final ExtendedMasterSecretMode extendedMasterSecret;
    private final Optional<HeartbeatMode> heartbeat;
    private final int heartbeatRetransmissions;
    private final int maxHandshakeMessageLength;
    private final int maxBufferedHandshakeBytes;
    private final int maxOffloadedCryptoJobs;
    private final PublicKeyCrypto publicKeyCrypto;
    private final Map<PrivateKey, Signer> signers;
    private final ClientAuthentication clientAuthentication;
    private final Clock clock;
    private final boolean resumption;
    private final int sessionCacheSize;
    private final Duration sessionLifetime;
    private final Optional<InsecureKeyLog> insecureKeyLog;
    private final Optional<SessionTickets> sessionTickets;
    private final boolean offerSessionTickets;
    private final ConnectionIdPolicy connectionIds;

    private DtlsConfig(Builder builder) {
        this.cipherSuites = List.copyOf(builder.cipherSuites);
        this.credentials = List.copyOf(builder.allCredentials);
        this.preSharedKeys = credentials.stream().filter(PreSharedKeys.class::isInstance).map(PreSharedKeys.class::cast)
                .findFirst();
        this.pskStore = preSharedKeys.map(PreSharedKeys::store);
        this.pskIdentityHint = preSharedKeys.flatMap(PreSharedKeys::identityHint);
        this.maxDatagramSize = builder.maxDatagramSize;
        this.retransmission = builder.retransmission;
        this.maxConcurrentHandshakes = builder.maxConcurrentHandshakes;
        this.maxConnections = builder.maxConnections;
        this.maxHandshakesPerAddress = builder.maxHandshakesPerAddress;
        this.stalledHandshakeTimeout = builder.stalledHandshakeTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.cookieRotationPeriod = builder.cookieRotationPeriod;
        this.extendedMasterSecret = builder.extendedMasterSecret;
        this.heartbeat = Optional.ofNullable(builder.heartbeat);
        this.heartbeatRetransmissions = builder.heartbeatRetransmissions >= 0 ? builder.heartbeatRetransmissions
                : builder.retransmission.maxRetransmissions();
        this.maxHandshakeMessageLength = builder.maxHandshakeMessageLength;
        this.maxBufferedHandshakeBytes = builder.maxBufferedHandshakeBytes;
        this.maxOffloadedCryptoJobs = builder.maxOffloadedCryptoJobs;
        this.publicKeyCrypto = builder.publicKeyCrypto;
        this.signers = PublicKeySigners.of(credentials, publicKeyCrypto);
        this.clientAuthentication = builder.clientAuthentication;
        this.clock = builder.clock;
        this.resumption = builder.resumption;
        this.sessionCacheSize = builder.sessionCacheSize;
        this.sessionLifetime = builder.sessionLifetime;
        this.insecureKeyLog = Optional.ofNullable(builder.insecureKeyLog);
        this.sessionTickets = Optional.ofNullable(builder.sessionTickets);
        this.offerSessionTickets = builder.offerSessionTickets;
        this.connectionIds = builder.connectionIds;
    }

    /**
     * INSECURE: where each session's secrets are written for Wireshark, when set (see {@link InsecureKeyLog});
     * empty by default.
     */
    public Optional<InsecureKeyLog> insecureKeyLog() {
        return insecureKeyLog;
    }

    /**
     * Server: the RFC 5077 session tickets it issues to clients that offer the SessionTicket extension and
     * resumes from; empty (the default): none, resumption by session id only. Only with {@link #resumption()}.
     */
    public Optional<SessionTickets> sessionTickets() {
        return sessionTickets;
    }

    /**
     * Client: whether it offers the SessionTicket extension (RFC 5077 section 3.2) and resumes with the tickets it
     * receives, as well as by session id; off by default. Only with {@link #resumption()}.
     */
    public boolean offerSessionTickets() {
        return offerSessionTickets;
    }

    /** How connection IDs (RFC 9146) and the return routability check (RFC 9853) are used; on by default. */
    public ConnectionIdPolicy connectionIds() {
        return connectionIds;
    }

    /**
     * Whether sessions are resumed by session id (RFC 5246 section 7.3): a server caches the sessions of its full
     * handshakes and resumes them, a client offers the session it has with a server. On by default.
     */
    public boolean resumption() {
        return resumption;
    }

    /** How many resumable sessions a server, or a client endpoint, keeps at most (the least recently used go). */
    public int sessionCacheSize() {
        return sessionCacheSize;
    }

    /** How long after its full handshake a session may be resumed. */
    public Duration sessionLifetime() {
        return sessionLifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The suites offered (client) or accepted (server), most preferred first. */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** The credentials of each security mode this endpoint can use, at most one per mode. */
    public List<Credentials> credentials() {
        return credentials;
    }

    /** The credentials of {@code mode}, if this endpoint holds any. */
    public Optional<Credentials> credentials(SecurityMode mode) {
        for (int i = 0; i < credentials.size(); i++) {
            if (credentials.get(i).mode() == mode) {
                return Optional.of(credentials.get(i));
            }
        }
        return Optional.empty();
    }

    /** Whether this endpoint holds credentials for the key exchange of {@code suite}. */
    public boolean holdsCredentialsFor(CipherSuite suite) {
        for (int i = 0; i < credentials.size(); i++) {
            if (credentials.get(i).mode().keyExchange() == suite.keyExchange()) {
                return true;
            }
        }
        return false;
    }

    /** The PreSharedKey mode's credentials, if held. */
    public Optional<PreSharedKeys> preSharedKeys() {
        return preSharedKeys;
    }

    /** The PSK store of the {@link #preSharedKeys()}, a convenience. */
    public Optional<PskStore> pskStore() {
        return pskStore;
    }

    /** The identity hint a server sends in ServerKeyExchange; empty: no ServerKeyExchange (RFC 4279 section 2). */
    public Optional<String> pskIdentityHint() {
        return pskIdentityHint;
    }

    /** No datagram sent is larger; handshake messages are fragmented to fit (RFC 6347 section 4.2.3). */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    public RetransmissionPolicy retransmission() {
        return retransmission;
    }

    /** Server: handshakes in progress at once; further ClientHellos with valid cookies are dropped. */
    public int maxConcurrentHandshakes() {
        return maxConcurrentHandshakes;
    }

    /**
     * Server: handshakes in progress at once from one source IP address (any port), so that one host
     * answering cookies from many ports cannot take every place of {@link #maxConcurrentHandshakes()}.
     */
    public int maxHandshakesPerAddress() {
        return maxHandshakesPerAddress;
    }

    /**
     * Server: how long a handshake may go without any answer to the server's first flight (ServerHello
     * to ServerHelloDone) before it is ended, much shorter than the retransmissions of RFC 6347 section
     * 4.2.4.1 would keep it. Once a handshake has waited for longer than the first retransmission
     * timeout, a new cookie-proven client may displace it when the handshake places are all taken.
     */
    public Duration stalledHandshakeTimeout() {
        return stalledHandshakeTimeout;
    }

    /**
     * Server: established sessions held at once. When a handshake completes beyond it, the least
     * recently active sessions are closed (close_notify) to make room: only a client that proved it
     * holds a key can displace a session, never one that merely passed the cookie exchange. Handshakes
     * in progress are bounded apart by {@link #maxConcurrentHandshakes()}, so a server holds at most
     * the sum of both.
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Server: a session without traffic for this long (no protected record received, no data sent) is
     * closed with close_notify. Long by default (24 hours): oneM2M TS-0008 wants sessions kept up as long
     * as possible, and under memory pressure the least recently active sessions make room anyway.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How often the cookie secret changes; a cookie stays valid for one to two periods. */
    public Duration cookieRotationPeriod() {
        return cookieRotationPeriod;
    }

    /** Whether the extended master secret (RFC 7627) is offered, used, or required. */
    public ExtendedMasterSecretMode extendedMasterSecret() {
        return extendedMasterSecret;
    }

    /**
     * The HeartbeatMode this endpoint sends in its hello (RFC 6520 section 2), both roles; empty: the
     * extension is neither offered nor answered, and no heartbeat is sent or answered. By default
     * {@link HeartbeatMode#PEER_ALLOWED_TO_SEND}: answering costs one record of the request's size in an
     * authenticated session (never more bytes than came, so no amplification), and it lets a peer find out
     * cheaply whether this end is alive, which is what the seeds ask of sessions kept up for long.
     */
    public Optional<HeartbeatMode> heartbeat() {
        return heartbeat;
    }

    /**
     * How often an unanswered HeartbeatRequest is retransmitted, on the retransmission timer of
     * {@link #retransmission()}, before the peer is declared dead and the session closed (RFC 6520 section 3);
     * by default the handshake's {@code maxRetransmissions}, as the RFC recommends.
     */
    public int heartbeatRetransmissions() {
        return heartbeatRetransmissions;
    }

    /** The longest handshake message accepted from a peer. */
    public int maxHandshakeMessageLength() {
        return maxHandshakeMessageLength;
    }

    /** Bytes of incomplete or early handshake messages buffered per handshake. */
    public int maxBufferedHandshakeBytes() {
        return maxBufferedHandshakeBytes;
    }

    /**
     * Slow crypto operations of handshakes (signatures, verifications, key agreements) handed to the transport
     * to run off the event loop and not yet resumed, per loop; beyond it they run inline on the loop. 0: always
     * inline. The PSK handshake has none.
     */
    public int maxOffloadedCryptoJobs() {
        return maxOffloadedCryptoJobs;
    }

    /**
     * The provider of the ECDHE_ECDSA suites' signatures and key agreement (DESIGN.md "Crypto"). Default:
     * {@link PublicKeyCrypto#bouncyCastle()}, Bouncy Castle's lightweight P-256, measured several times faster
     * than SunEC (docs/BENCHMARKS.md, "Crypto microbenchmarks (JMH)"); {@link PublicKeyCrypto#jca()} keeps
     * the platform's provider, e.g. for a FIPS or hardware-backed key.
     */
    public PublicKeyCrypto publicKeyCrypto() {
        return publicKeyCrypto;
    }

    /**
     * The signer of this endpoint's own key in {@code mode} (RawPublicKey or Certificate), made once with the
     * {@link #publicKeyCrypto()}.
     *
     * @throws IllegalStateException when no credentials of that mode are held
     */
    public Signer signer(SecurityMode mode) {
        PrivateKey key = credentials(mode).map(DtlsConfig::ownKey)
                .orElseThrow(() -> new IllegalStateException("no " + mode.rfcName() + " credentials to sign with"));
        return signer(key);
    }

    /**
     * The signer of {@code key}, one of this endpoint's own keys in its credentials (the RawPublicKey key or a
     * certified key), made once with the {@link #publicKeyCrypto()}.
     *
     * @throws IllegalStateException when the key is not one the credentials hold
     */
    public Signer signer(PrivateKey key) {
        Signer signer = signers.get(key);
        if (signer == null) {
            throw new IllegalStateException("the key is not one of this endpoint's credentials");
        }
        return signer;
    }

    private static PrivateKey ownKey(Credentials held) {
        if (held instanceof io.coaps4j.dtls.credentials.RawPublicKeyCredentials rpk) {
            return rpk.privateKey();
        }
        if (held instanceof io.coaps4j.dtls.credentials.CertificateCredentials certificate) {
            return certificate.privateKey();
        }
        throw new IllegalStateException(held.mode().rfcName() + " credentials do not sign");
    }

    /** Server, RawPublicKey and Certificate modes: whether the client's key is asked for and required. */
    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /** The wall clock certificates' validity is checked against. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "DtlsConfig[suites " + cipherSuites + ", credentials " + credentials.stream().map(c -> c.mode().rfcName()).toList()
                + ", maxDatagramSize "
                + maxDatagramSize + ", " + retransmission + ", maxConcurrentHandshakes " + maxConcurrentHandshakes
                + ", maxHandshakesPerAddress " + maxHandshakesPerAddress + ", stalledHandshakeTimeout "
                + stalledHandshakeTimeout + ", maxConnections " + maxConnections + ", cookieRotationPeriod "
                + cookieRotationPeriod + ", idleTimeout " + idleTimeout
                + ", extendedMasterSecret " + extendedMasterSecret + ", heartbeat " + heartbeat.map(Enum::name).orElse("none")
                + (resumption ? ", sessionCacheSize " + sessionCacheSize + ", sessionLifetime " + sessionLifetime
                : ", no resumption")
                + (insecureKeyLog.isPresent() ? ", INSECURE key log to " + insecureKeyLog.get() : "") + "]";
    }

    /** Collects settings; {@link #build()} validates them together. */
    public static final class Builder {
        /** Null: the suites of the modes held, PSK first (see {@link #cipherSuites}). */
        private List<CipherSuite> cipherSuites;
        private final List<Credentials> credentials = new ArrayList<>();
        private PskStore pskStore;
        private String pskIdentityHint;
        /** What {@link #build()} settled: {@link #credentials} with the PSK conveniences folded in. */
        private List<Credentials> allCredentials;
        private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;
        private RetransmissionPolicy retransmission = RetransmissionPolicy.DEFAULT;
        private int maxConcurrentHandshakes = 1_000;
        private int maxConnections = 100_000;
        private int maxHandshakesPerAddress = DEFAULT_MAX_HANDSHAKES_PER_ADDRESS;
        private Duration stalledHandshakeTimeout = DEFAULT_STALLED_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration cookieRotationPeriod = DEFAULT_COOKIE_ROTATION_PERIOD;
        private ExtendedMasterSecretMode extendedMasterSecret = ExtendedMasterSecretMode.ENABLED;
        private HeartbeatMode heartbeat = HeartbeatMode.PEER_ALLOWED_TO_SEND;
        /** Negative: the retransmission policy's maxRetransmissions. */
        private int heartbeatRetransmissions = -1;
        private int maxHandshakeMessageLength = 16_384;
        private int maxBufferedHandshakeBytes = 32_768;
        private int maxOffloadedCryptoJobs = 256;
        private PublicKeyCrypto publicKeyCrypto = PublicKeyCrypto.bouncyCastle();
        private ClientAuthentication clientAuthentication = ClientAuthentication.NEED;
        private Clock clock = Clock.systemUTC();
        private boolean resumption = true;
        private int sessionCacheSize = DEFAULT_SESSION_CACHE_SIZE;
        private Duration sessionLifetime = DEFAULT_SESSION_LIFETIME;
        private InsecureKeyLog insecureKeyLog;
        private SessionTickets sessionTickets;
        private boolean offerSessionTickets;
        private ConnectionIdPolicy connectionIds = ConnectionIdPolicy.DEFAULT;

        private Builder() {
        }

        /**
         * INSECURE, for debugging only: writes the secrets of every session to {@code keyLog} in the NSS key log
         * format, so that a capture of the traffic can be decrypted (Wireshark's {@code tls.keylog_file}). Anyone
         * who reads the log can decrypt the sessions it names. The engine logs a warning when it starts with one.
         * Off by default; null turns it off.
         */
        public Builder insecureKeyLog(InsecureKeyLog keyLog) {
            this.insecureKeyLog = keyLog;
            return this;
        }

        /** INSECURE: {@link #insecureKeyLog(InsecureKeyLog)} appending to {@code file}, created owner-only. */
        public Builder insecureKeyLog(Path file) {
            return insecureKeyLog(InsecureKeyLog.appendingTo(file));
        }

        /** See {@link DtlsConfig#sessionTickets()}; null for none (the default). */
        public Builder sessionTickets(SessionTickets tickets) {
            this.sessionTickets = tickets;
            return this;
        }

        /** See {@link DtlsConfig#offerSessionTickets()}; off by default. */
        public Builder offerSessionTickets(boolean offer) {
            this.offerSessionTickets = offer;
            return this;
        }

        /** See {@link DtlsConfig#connectionIds()}; {@link ConnectionIdPolicy#DEFAULT} by default. */
        public Builder connectionIds(ConnectionIdPolicy policy) {
            this.connectionIds = Objects.requireNonNull(policy, "connectionIds (ConnectionIdPolicy.DISABLED to turn them off)");
            return this;
        }

        /** See {@link DtlsConfig#resumption()}; on by default. */
        public Builder resumption(boolean enabled) {
            this.resumption = enabled;
            return this;
        }

        /** See {@link DtlsConfig#sessionCacheSize()}; at least 1. */
        public Builder sessionCacheSize(int size) {
            this.sessionCacheSize = size;
            return this;
        }

        /** See {@link DtlsConfig#sessionLifetime()}; at least one second. */
        public Builder sessionLifetime(Duration lifetime) {
            this.sessionLifetime = lifetime;
            return this;
        }

        /**
         * The suites, most preferred first. By default the mandatory suite of every mode credentials are held for:
         * TLS_PSK_WITH_AES_128_CCM_8 then TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 (RFC 7252 section 9.1.3).
         */
        public Builder cipherSuites(List<CipherSuite> suites) {
            this.cipherSuites = suites;
            return this;
        }

        /** Server: see {@link DtlsConfig#clientAuthentication()}; {@link ClientAuthentication#NEED} by default. */
        public Builder clientAuthentication(ClientAuthentication authentication) {
            this.clientAuthentication = Objects.requireNonNull(authentication, "clientAuthentication");
            return this;
        }

        /** See {@link DtlsConfig#clock()}; the system clock in UTC by default. */
        public Builder clock(Clock wallClock) {
            this.clock = Objects.requireNonNull(wallClock, "clock");
            return this;
        }

        /**
         * Adds the credentials of one security mode; {@link #build()} refuses two of the same mode and, in this
         * version, every mode but PreSharedKey.
         */
        public Builder credentials(Credentials modeCredentials) {
            credentials.add(Objects.requireNonNull(modeCredentials, "credentials"));
            return this;
        }

        /** The PreSharedKey mode with {@code store}, a convenience for {@code credentials(new PreSharedKeys(..))}. */
        public Builder pskStore(PskStore store) {
            this.pskStore = store;
            return this;
        }

        /** With {@link #pskStore}: the identity hint a server sends (RFC 4279 section 2). */
        public Builder pskIdentityHint(String hint) {
            this.pskIdentityHint = hint;
            return this;
        }

        public Builder maxDatagramSize(int size) {
            this.maxDatagramSize = size;
            return this;
        }

        public Builder retransmission(RetransmissionPolicy policy) {
            this.retransmission = policy;
            return this;
        }

        public Builder maxConcurrentHandshakes(int max) {
            this.maxConcurrentHandshakes = max;
            return this;
        }

        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Server: see {@link DtlsConfig#maxHandshakesPerAddress()}; at least 1. */
        public Builder maxHandshakesPerAddress(int max) {
            this.maxHandshakesPerAddress = max;
            return this;
        }

        /** Server: see {@link DtlsConfig#stalledHandshakeTimeout()}; at least the initial retransmission timeout. */
        public Builder stalledHandshakeTimeout(Duration timeout) {
            this.stalledHandshakeTimeout = timeout;
            return this;
        }

        /** Server: see {@link DtlsConfig#idleTimeout()}; at least one second. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Server: see {@link DtlsConfig#cookieRotationPeriod()}; at least one second. */
        public Builder cookieRotationPeriod(Duration period) {
            this.cookieRotationPeriod = period;
            return this;
        }

        public Builder extendedMasterSecret(ExtendedMasterSecretMode mode) {
            this.extendedMasterSecret = mode;
            return this;
        }

        /** See {@link DtlsConfig#heartbeat()}; {@link HeartbeatMode#PEER_ALLOWED_TO_SEND} by default. */
        public Builder heartbeat(HeartbeatMode mode) {
            this.heartbeat = Objects.requireNonNull(mode, "heartbeat mode (use noHeartbeat() to leave it out)");
            return this;
        }

        /** Neither offers nor answers the heartbeat extension (RFC 6520): no heartbeats either way. */
        public Builder noHeartbeat() {
            this.heartbeat = null;
            return this;
        }

        /** See {@link DtlsConfig#heartbeatRetransmissions()}; 0..20. */
        public Builder heartbeatRetransmissions(int retransmissions) {
            if (retransmissions < 0 || retransmissions > 20) {
                throw new IllegalArgumentException("heartbeatRetransmissions must be 0..20, was " + retransmissions);
            }
            this.heartbeatRetransmissions = retransmissions;
            return this;
        }

        public Builder maxHandshakeMessageLength(int length) {
            this.maxHandshakeMessageLength = length;
            return this;
        }

        public Builder maxBufferedHandshakeBytes(int bytes) {
            this.maxBufferedHandshakeBytes = bytes;
            return this;
        }

        /** See {@link DtlsConfig#maxOffloadedCryptoJobs()}; 0 or more. */
        public Builder maxOffloadedCryptoJobs(int max) {
            this.maxOffloadedCryptoJobs = max;
            return this;
        }

        /** See {@link DtlsConfig#publicKeyCrypto()}. */
        public Builder publicKeyCrypto(PublicKeyCrypto crypto) {
            this.publicKeyCrypto = Objects.requireNonNull(crypto, "publicKeyCrypto");
            return this;
        }

        public DtlsConfig build() {
            if (cipherSuites == null) {
                cipherSuites = ConfigCredentials.defaultSuites(credentials, pskStore != null);
            }
            if (cipherSuites.isEmpty()) {
                throw new IllegalArgumentException("cipherSuites must name at least one suite");
            }
            for (CipherSuite suite : cipherSuites) {
                Objects.requireNonNull(suite, "cipherSuites must not contain null");
            }
            if (cipherSuites.stream().distinct().count() != cipherSuites.size()) {
                throw new IllegalArgumentException("cipherSuites must not repeat a suite: " + cipherSuites);
            }
            allCredentials = ConfigCredentials.settle(credentials, pskStore, pskIdentityHint, cipherSuites);
            if (maxOffloadedCryptoJobs < 0) {
                throw new IllegalArgumentException("maxOffloadedCryptoJobs must be 0 or more, was " + maxOffloadedCryptoJobs);
            }
            int maxRecord = SecurityAssociation.MAX_PLAINTEXT_LENGTH + 13 + 2048;
            if (maxDatagramSize < FlightWriter.MIN_DATAGRAM_SIZE || maxDatagramSize > maxRecord) {
                throw new IllegalArgumentException("maxDatagramSize must be " + FlightWriter.MIN_DATAGRAM_SIZE + ".."
                        + maxRecord + ", was " + maxDatagramSize);
            }
            if (extendedMasterSecret == null) {
                throw new IllegalArgumentException("extendedMasterSecret must be set");
            }
            if (retransmission == null) {
                throw new IllegalArgumentException("retransmission must be set");
            }
            if (maxConcurrentHandshakes < 1) {
                throw new IllegalArgumentException("maxConcurrentHandshakes must be positive, was " + maxConcurrentHandshakes);
            }
            if (maxConnections < maxConcurrentHandshakes) {
                throw new IllegalArgumentException("maxConnections must be at least maxConcurrentHandshakes ("
                        + maxConcurrentHandshakes + "), was " + maxConnections);
            }
            if (maxHandshakesPerAddress < 1) {
                throw new IllegalArgumentException("maxHandshakesPerAddress must be positive, was " + maxHandshakesPerAddress);
            }
            if (stalledHandshakeTimeout == null
                    || stalledHandshakeTimeout.compareTo(retransmission.initialTimeout()) < 0) {
                throw new IllegalArgumentException("stalledHandshakeTimeout must be at least the initial retransmission"
                        + " timeout (" + retransmission.initialTimeout() + "), so that a lost flight can be"
                        + " retransmitted once, was " + stalledHandshakeTimeout);
            }
            if (idleTimeout == null || idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("idleTimeout must be at least 1 s, was " + idleTimeout);
            }
            if (cookieRotationPeriod == null || cookieRotationPeriod.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("cookieRotationPeriod must be at least 1 s so that clients"
                        + " can answer a HelloVerifyRequest, was " + cookieRotationPeriod);
            }
            if (maxHandshakeMessageLength < 256 || maxHandshakeMessageLength > 0xFFFFFF) {
                throw new IllegalArgumentException("maxHandshakeMessageLength must be 256..16777215, was "
                        + maxHandshakeMessageLength);
            }
            if (maxBufferedHandshakeBytes < maxHandshakeMessageLength) {
                throw new IllegalArgumentException("maxBufferedHandshakeBytes must be at least maxHandshakeMessageLength ("
                        + maxHandshakeMessageLength + "), was " + maxBufferedHandshakeBytes);
            }
            if (sessionCacheSize < 1) {
                throw new IllegalArgumentException("sessionCacheSize must be positive, was " + sessionCacheSize);
            }
            if (sessionLifetime == null || sessionLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("sessionLifetime must be at least 1 s, was " + sessionLifetime);
            }
            return new DtlsConfig(this);
        }
    }
}
