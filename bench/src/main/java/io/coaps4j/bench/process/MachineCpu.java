package io.coaps4j.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy, from the aggregate "cpu" line of /proc/stat (proc(5): user,
 * nice, system, idle, iowait, irq, softirq, steal, ... in clock ticks). Busy is everything but idle and
 * iowait; steal counts as busy, since on a virtual machine it is CPU another guest took from us. Used to
 * show how much of the machine others used during a measured window.
 */
public final class MachineCpu {
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    /** user nice system idle iowait irq softirq steal; guest time is already inside user (proc(5)). */
    private static final int COUNTED_FIELDS = 8;

    private final Path statFile;
    private final long nanosPerTick;

    private MachineCpu(Path statFile, long ticksPerSecond) {
        this.statFile = statFile;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    public static MachineCpu of(long ticksPerSecond) {
        if (ticksPerSecond <= 0 || ticksPerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("ticksPerSecond must be 1..1e9, was " + ticksPerSecond);
        }
        return new MachineCpu(Path.of("/proc/stat"), ticksPerSecond);
    }

    /** Busy ticks of all CPUs together so far. */
    public long busyTicks() throws IOException {
        String stat = new String(Files.readAllBytes(statFile), StandardCharsets.US_ASCII);
        int end = stat.indexOf('\n');
        return parseBusyTicks(end < 0 ? stat : stat.substring(0, end));
    }

    public long toNanos(long ticks) {
        return ticks * nanosPerTick;
    }

    static long parseBusyTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split(" +");
        if (fields.length < 1 + COUNTED_FIELDS - 1 || !fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long busy = 0;
        for (int i = 0; i < COUNTED_FIELDS && i + 1 < fields.length; i++) {
            if (i != IDLE && i != IOWAIT) {
                busy += Long.parseLong(fields[i + 1]);
            }
        }
        return busy;
    }
}
