package io.coaps4j.dtls.crypto;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} face on an injected {@link RandomSource}, for the provider APIs that take one: the
 * bytes come from the source only, so an ephemeral key is as replayable as the rest of the handshake. Built
 * on its own SPI so that no platform generator is instantiated per handshake.
 */
final class InjectedSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    InjectedSecureRandom(RandomSource source) {
        super(new Spi(source), null);
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final transient RandomSource source;

        Spi(RandomSource source) {
            this.source = source;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // The injected source is the only entropy: a caller's seed is not mixed in.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            source.nextBytes(bytes, 0, bytes.length);
        }

        @Override
        protected byte[] engineGenerateSeed(int length) {
            return source.nextBytes(length);
        }
    }
}
