package io.coaps4j.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages (1, 5 and 15 minutes) from /proc/loadavg, for a report's header. */
public final class LoadAverage {
    private LoadAverage() {
    }

    /** "0.96 1.32 1.84", or "unknown" where /proc/loadavg cannot be read. */
    public static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
