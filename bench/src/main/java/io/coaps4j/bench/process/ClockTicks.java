package io.coaps4j.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's clock-tick rate (sysconf(_SC_CLK_TCK)) in which /proc reports CPU times, as `getconf CLK_TCK` prints it. */
public final class ClockTicks {
    private ClockTicks() {
    }

    /** Ticks per second from {@code getconf CLK_TCK}; fails rather than guessing, since every CPU figure scales by it. */
    public static long perSecond() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!getconf.waitFor(10, TimeUnit.SECONDS) || getconf.exitValue() != 0) {
            throw new IOException("getconf CLK_TCK failed: " + out);
        }
        try {
            long ticks = Long.parseLong(out);
            if (ticks <= 0) {
                throw new IOException("getconf CLK_TCK printed a non-positive rate: " + out);
            }
            return ticks;
        } catch (NumberFormatException e) {
            throw new IOException("getconf CLK_TCK printed no number: " + out, e);
        }
    }
}
