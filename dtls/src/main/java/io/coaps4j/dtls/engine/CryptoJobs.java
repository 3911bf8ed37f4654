package io.coaps4j.dtls.engine;

/**
 * The bound on the crypto jobs of one event loop that are handed out and not yet resumed
 * ({@link io.coaps4j.dtls.config.DtlsConfig#maxOffloadedCryptoJobs()}). Beyond it a job runs inline on the
 * loop, which slows that loop down instead of queueing without limit. Loop thread only.
 */
final class CryptoJobs {
    private final int max;
    private int outstanding;

    CryptoJobs(int max) {
        this.max = max;
    }

    /** Takes a place for one more job; false when all are taken. */
    boolean tryAcquire() {
        if (outstanding >= max) {
            return false;
        }
        outstanding++;
        return true;
    }

    void release() {
        outstanding--;
    }

    /** Jobs handed out and not yet resumed. */
    int outstanding() {
        return outstanding;
    }
}
