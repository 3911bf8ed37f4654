package io.coaps4j.coap.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** A warning a peer could trigger at line rate reaches the log at most once per interval, with a count of the rest. */
class RateLimitedLogTest {
    private static final long SECOND = 1_000_000_000L;

    /** A logger that records the pattern and arguments of each WARN line. */
    private static Logger recording(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        lines.add(args[0] + " " + Arrays.deepToString(Arrays.copyOfRange(args, 1, args.length)));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    @Test
    void logsOncePerIntervalAndCountsWhatItHeldBack() {
        List<String> lines = new ArrayList<>();
        RateLimitedLog log = new RateLimitedLog(recording(lines), 10 * SECOND);
        long start = -5 * SECOND; // the clock may be negative
        log.warn(start, "too large: {}", 1);
        for (int i = 0; i < 99; i++) {
            log.warn(start + i * (SECOND / 100), "too large: {}", 2);
        }
        assertThat(lines).hasSize(1);
        log.warn(start + 10 * SECOND, "too large: {}", 3);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("more like it not logged").contains("3, 99");
        log.warn(start + 10 * SECOND + 1, "too large: {}", 4);
        assertThat(lines).hasSize(2);
    }
}
