package io.coaps4j.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a whole process (all its threads, living and ended), from the utime and stime fields of
 * /proc/&lt;pid&gt;/stat (proc(5): fields 14 and 15, in clock ticks of sysconf(_SC_CLK_TCK)).
 */
public final class ProcessCpu {
    /** Fields after the ")" that closes the command name start at field 3 (state). */
    private static final int UTIME_AFTER_COMM = 14 - 3;
    private static final int STIME_AFTER_COMM = 15 - 3;

    private final Path statFile;
    private final long nanosPerTick;

    private ProcessCpu(Path statFile, long ticksPerSecond) {
        this.statFile = statFile;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    /** The CPU clock of process {@code pid}, with {@code ticksPerSecond} from {@link ClockTicks}. */
    public static ProcessCpu of(long pid, long ticksPerSecond) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        if (ticksPerSecond <= 0 || ticksPerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("ticksPerSecond must be 1..1e9, was " + ticksPerSecond);
        }
        return new ProcessCpu(Path.of("/proc", Long.toString(pid), "stat"), ticksPerSecond);
    }

    /** User plus system CPU time used so far, in clock ticks. */
    public long ticks() throws IOException {
        return parseTicks(new String(Files.readAllBytes(statFile), StandardCharsets.US_ASCII));
    }

    /** {@code ticks} in nanoseconds. */
    public long toNanos(long ticks) {
        return ticks * nanosPerTick;
    }

    /** utime + stime of one /proc/&lt;pid&gt;/stat line. The command name may hold spaces and ")" itself. */
    static long parseTicks(String statLine) {
        int commEnd = statLine.lastIndexOf(')');
        if (commEnd < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no ')' after the command name");
        }
        String[] fields = statLine.substring(commEnd + 1).trim().split(" +");
        if (fields.length <= STIME_AFTER_COMM) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: only " + fields.length + " fields after the command name");
        }
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
    }
}
