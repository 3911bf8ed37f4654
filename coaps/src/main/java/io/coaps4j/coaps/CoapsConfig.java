package io.coaps4j.coaps;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.crypto.AesCcm;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable configuration of a {@link DtlsConnector}: where it binds, the DTLS configuration
 * (credentials, suites, the server's session-table limits), the client-side session limit and the
 * dead-peer check. Built with {@link #builder()}; {@code build()} names the first wrong field.
 *
 * <p>The DTLS part is given either piecemeal ({@link Builder#credentials} of any security mode, the PSK
 * conveniences {@link Builder#psk} and {@link Builder#pskIdentityHint}, {@link Builder#maxConnections},
 * {@link Builder#maxConcurrentHandshakes}, {@link Builder#idleTimeout}, {@link Builder#retransmission})
 * or whole with {@link Builder#dtlsConfig} for every other DTLS setting, not both.
 */
public final class CoapsConfig {
    /** The coaps default port (RFC 7252 section 12.7). */
    public static final int DEFAULT_PORT = 5684;
    /** Client-role sessions kept before the least recently used one is closed. */
    public static final int DEFAULT_MAX_CLIENT_SESSIONS = 1_000;
    /**
     * Threads that run the slow crypto of handshakes off the event loop (signatures, their checks, key
     * agreements): one fewer than the cores, so the loop keeps one, and at least one. Created when first needed.
     */
    public static final int DEFAULT_CRYPTO_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private static final int MAX_CRYPTO_THREADS = 256;

    private final InetSocketAddress bindAddress;
    private final DtlsConfig dtls;
    private final KeepAlive keepAlive;
    private final int maxClientSessions;
    private final boolean acceptHandshakes;
    private final RandomSource random;
    private final int cryptoThreads;
    private final int aesKeyCacheSize;

    private CoapsConfig(InetSocketAddress bindAddress, DtlsConfig dtls, KeepAlive keepAlive, int maxClientSessions,
                        boolean acceptHandshakes, RandomSource random, int cryptoThreads, int aesKeyCacheSize) {
        this.bindAddress = bindAddress;
        this.dtls = dtls;
        this.keepAlive = keepAlive;
        this.maxClientSessions = maxClientSessions;
        this.acceptHandshakes = acceptHandshakes;
        this.random = random;
        this.cryptoThreads = cryptoThreads;
        this.aesKeyCacheSize = aesKeyCacheSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The local address (port 0: any free port). */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** Credentials, suites and limits of both DTLS roles; {@link DtlsConfig#maxConnections()} bounds the server's session table. */
    public DtlsConfig dtls() {
        return dtls;
    }

    public KeepAlive keepAlive() {
        return keepAlive;
    }

    /**
     * Sessions this node holds as DTLS client at once (handshaking or established). A new one beyond
     * it closes the least recently used established one with close_notify (TS-0008 clause 7: close
     * to recover resources).
     */
    public int maxClientSessions() {
        return maxClientSessions;
    }

    /**
     * Whether this node answers handshakes that peers start (the DTLS server role). A node that only
     * ever opens sessions itself, as a constrained client does, can refuse them: it still serves
     * requests that arrive in the sessions it opened.
     */
    public boolean acceptHandshakes() {
        return acceptHandshakes;
    }

    /** Randomness of the handshakes (client and server randoms, cookie secrets). */
    public RandomSource random() {
        return random;
    }

    /**
     * Threads of the connector's pool for offloaded handshake crypto (daemon threads, made when first needed,
     * ended when idle and on close); the jobs waiting for them are bounded by
     * {@link DtlsConfig#maxOffloadedCryptoJobs()}, beyond which a job runs on the loop.
     */
    public int cryptoThreads() {
        return cryptoThreads;
    }

    /**
     * AES ciphers the connector's loop keeps keyed for recently used record keys (two per busy session: its read
     * and write keys). A record whose key is not among them pays the AES key schedule (about 2 µs on JDK 17) before
     * its few microseconds of work. The default, {@link AesCcm#DEFAULT_KEY_CACHE_SIZE}, covers 128 busy sessions;
     * a server whose rounds touch thousands of sessions (notifications to many observers) gains from more, at
     * about one to two kilobytes of heap per entry once used. A power of two from 1 to 65,536.
     */
    public int aesKeyCacheSize() {
        return aesKeyCacheSize;
    }

    @Override
    public String toString() {
        return "CoapsConfig[bind " + bindAddress + ", " + dtls + ", " + keepAlive + ", maxClientSessions "
                + maxClientSessions + ", cryptoThreads " + cryptoThreads + (acceptHandshakes ? "" : ", client role only") + "]";
    }

    /** Collects settings; {@link #build()} validates them together. */
    public static final class Builder {
        private InetSocketAddress bindAddress = new InetSocketAddress(DEFAULT_PORT);
        private PskStore psk;
        private final List<Credentials> credentials = new ArrayList<>();
        private int cryptoThreads = DEFAULT_CRYPTO_THREADS;
        private int aesKeyCacheSize = AesCcm.DEFAULT_KEY_CACHE_SIZE;
        private String pskIdentityHint;
        private Integer maxConnections;
        private Integer maxConcurrentHandshakes;
        private Duration idleTimeout;
        private RetransmissionPolicy retransmission;
        private DtlsConfig dtlsConfig;
        /** Null: the DTLS default; empty: none. */
        private Optional<HeartbeatMode> heartbeat;
        private KeepAlive keepAlive = KeepAlive.disabled();
        private int maxClientSessions = DEFAULT_MAX_CLIENT_SESSIONS;
        private boolean acceptHandshakes = true;
        private RandomSource random;

        private Builder() {
        }

        /** The local address (default: port 5684 on the wildcard address; port 0 for any free port). */
        public Builder bind(InetSocketAddress address) {
            this.bindAddress = address;
            return this;
        }

        /** The pre-shared keys, for both roles (PreSharedKey mode, RFC 7252 section 9.1.3.1). */
        public Builder psk(PskStore store) {
            this.psk = store;
            return this;
        }

        /**
         * Adds the credentials of one security mode, for both roles: {@link io.coaps4j.dtls.credentials.PreSharedKeys},
         * {@link io.coaps4j.dtls.credentials.RawPublicKeyCredentials} or
         * {@link io.coaps4j.dtls.credentials.CertificateCredentials} (RFC 7252 section 9.1.3), passed to the
         * {@link DtlsConfig} as they are; its {@code build()} decides which modes it can use.
         */
        public Builder credentials(Credentials modeCredentials) {
            this.credentials.add(Objects.requireNonNull(modeCredentials, "credentials"));
            return this;
        }

        /** See {@link CoapsConfig#aesKeyCacheSize()}; a power of two from 1 to 65,536. */
        public Builder aesKeyCacheSize(int entries) {
            this.aesKeyCacheSize = entries;
            return this;
        }

        /** See {@link CoapsConfig#cryptoThreads()}; 1 to 256, default {@link #DEFAULT_CRYPTO_THREADS}. */
        public Builder cryptoThreads(int threads) {
            this.cryptoThreads = threads;
            return this;
        }

        /** The PSK identity hint a server sends (RFC 4279 section 2); none by default. */
        public Builder pskIdentityHint(String hint) {
            this.pskIdentityHint = hint;
            return this;
        }

        /** Server role: sessions held at once, handshaking or established (the session table's size). */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Server role: handshakes in progress at once. */
        public Builder maxConcurrentHandshakes(int max) {
            this.maxConcurrentHandshakes = max;
            return this;
        }

        /**
         * Server role: a session without traffic this long is closed with close_notify (default 24 hours:
         * TS-0008 clause 7 wants sessions kept up as long as possible).
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Handshake flight retransmission (RFC 6347 section 4.2.4.1); its give-up bounds how long a request waits for a handshake. */
        public Builder retransmission(RetransmissionPolicy policy) {
            this.retransmission = policy;
            return this;
        }

        /** Every DTLS setting at once; then psk, pskIdentityHint, maxConnections, maxConcurrentHandshakes, idleTimeout, retransmission and heartbeat stay unset. */
        public Builder dtlsConfig(DtlsConfig config) {
            this.dtlsConfig = config;
            return this;
        }

        /**
         * The RFC 6520 HeartbeatMode both roles send (default {@link HeartbeatMode#PEER_ALLOWED_TO_SEND}); where a
         * session negotiated heartbeats and the peer allows them, the {@link KeepAlive} uses them instead of CoAP ping.
         */
        public Builder heartbeat(HeartbeatMode mode) {
            this.heartbeat = Optional.of(Objects.requireNonNull(mode, "heartbeat mode (noHeartbeat() for none)"));
            return this;
        }

        /** No RFC 6520 heartbeats either way: the {@link KeepAlive} always uses CoAP ping. */
        public Builder noHeartbeat() {
            this.heartbeat = Optional.empty();
            return this;
        }

        public Builder keepAlive(KeepAlive value) {
            this.keepAlive = value;
            return this;
        }

        /** See {@link CoapsConfig#maxClientSessions()}. */
        public Builder maxClientSessions(int max) {
            this.maxClientSessions = max;
            return this;
        }

        /** See {@link CoapsConfig#acceptHandshakes()}; default true. */
        public Builder acceptHandshakes(boolean value) {
            this.acceptHandshakes = value;
            return this;
        }

        /** Randomness for the handshakes (default: the platform's strong source). */
        public Builder random(RandomSource value) {
            this.random = value;
            return this;
        }

        public CoapsConfig build() {
            if (bindAddress == null) {
                throw new IllegalArgumentException("bind must be set to a local address");
            }
            if (bindAddress.isUnresolved()) {
                throw new IllegalArgumentException("bind must be a resolved address, was " + bindAddress);
            }
            if (keepAlive == null) {
                throw new IllegalArgumentException("keepAlive must be set (KeepAlive.disabled() for none)");
            }
            if (maxClientSessions < 1) {
                throw new IllegalArgumentException("maxClientSessions must be positive, was " + maxClientSessions);
            }
            if (aesKeyCacheSize < 1 || aesKeyCacheSize > 65_536 || Integer.bitCount(aesKeyCacheSize) != 1) {
                throw new IllegalArgumentException("aesKeyCacheSize must be a power of two from 1 to 65536, was "
                        + aesKeyCacheSize);
            }
            if (cryptoThreads < 1 || cryptoThreads > MAX_CRYPTO_THREADS) {
                throw new IllegalArgumentException("cryptoThreads must be 1.." + MAX_CRYPTO_THREADS + ", was " + cryptoThreads);
            }
            return new CoapsConfig(bindAddress, dtls(), keepAlive, maxClientSessions, acceptHandshakes,
                    random != null ? random : RandomSource.secure(), cryptoThreads, aesKeyCacheSize);
        }

        private DtlsConfig dtls() {
            if (dtlsConfig != null) {
                String conflict = psk != null ? "psk" : !credentials.isEmpty() ? "credentials" : pskIdentityHint != null ? "pskIdentityHint"
                        : maxConnections != null ? "maxConnections"
                        : maxConcurrentHandshakes != null ? "maxConcurrentHandshakes"
                        : idleTimeout != null ? "idleTimeout"
                        : retransmission != null ? "retransmission"
                        : heartbeat != null ? "heartbeat" : null;
                if (conflict != null) {
                    throw new IllegalArgumentException(conflict + " must not be set together with dtlsConfig;"
                            + " set it in the DtlsConfig instead");
                }
                return dtlsConfig;
            }
            if (psk == null && credentials.isEmpty()) {
                throw new IllegalArgumentException("psk or credentials must be set (or dtlsConfig with credentials)");
            }
            DtlsConfig.Builder dtls = DtlsConfig.builder();
            if (psk != null) {
                dtls.pskStore(psk);
            }
            credentials.forEach(dtls::credentials);
            if (pskIdentityHint != null) {
                dtls.pskIdentityHint(pskIdentityHint);
            }
            if (maxConnections != null) {
                dtls.maxConnections(maxConnections);
            }
            if (maxConcurrentHandshakes != null) {
                dtls.maxConcurrentHandshakes(maxConcurrentHandshakes);
            }
            if (retransmission != null) {
                dtls.retransmission(retransmission);
            }
            if (heartbeat != null) {
                heartbeat.ifPresentOrElse(dtls::heartbeat, dtls::noHeartbeat);
            }
            if (idleTimeout != null) {
                if (idleTimeout.isNegative() || idleTimeout.toMillis() < 1_000) {
                    throw new IllegalArgumentException("idleTimeout must be at least 1 s, was " + idleTimeout);
                }
                dtls.idleTimeout(idleTimeout);
            }
            return dtls.build();
        }
    }
}
