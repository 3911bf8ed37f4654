package io.coaps4j.bench.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessCpuTest {

    @Test
    void parsesUtimePlusStimeAfterACommandNameWithSpacesAndParentheses() {
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1000 0 3 0 1234 567 8 9 20 0 30 0 99 1000 200";
        assertThat(ProcessCpu.parseTicks(line)).isEqualTo(1234 + 567);
    }

    @Test
    void rejectsLinesThatAreNotStatLines() {
        assertThatThrownBy(() -> ProcessCpu.parseTicks("no command name here"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("')'");
        assertThatThrownBy(() -> ProcessCpu.parseTicks("1 (x) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fields");
    }

    @Test
    void rejectsBadPidAndTickRate() {
        assertThatThrownBy(() -> ProcessCpu.of(0, 100)).hasMessageContaining("pid");
        assertThatThrownBy(() -> ProcessCpu.of(1, 0)).hasMessageContaining("ticksPerSecond");
    }

    @Test
    void clockTickRateIsWhatTheKernelUses() throws Exception {
        long ticks = ClockTicks.perSecond();
        assertThat(ticks).isPositive();
        // Linux reports CPU times in USER_HZ, which is 100 on every mainstream architecture.
        assertThat(ticks).isEqualTo(100);
    }

    /**
     * The accounting the benchmark relies on: /proc stat ticks scaled by CLK_TCK agree with the CPU clock of
     * the one thread that does the work, which the kernel keeps exactly (clock_gettime of the thread's CPU
     * clock, an independent source). Checked exactly on that thread's own /proc/self/task entry; the whole
     * process's figure must hold at least that, and other threads (JIT, GC, leftovers of earlier tests) can
     * only add, at most what the machine's cores could run in the wall time.
     */
    @Test
    void procTicksAgreeWithThePreciseCpuClockOfTheBusyThread() throws Exception {
        ProcessCpu self = ProcessCpu.of(ProcessHandle.current().pid(), ClockTicks.perSecond());
        long[] result = new long[4];
        Throwable[] failure = new Throwable[1];
        Thread burner = new Thread(() -> {
            try {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                Path task = ownTask(BURNER_NAME);
                long wallBefore = System.nanoTime();
                long processBefore = self.ticks();
                long taskBefore = ProcessCpu.parseTicks(Files.readString(task));
                long threadBefore = threads.getCurrentThreadCpuTime();
                burnCpuUntil(threads, threadBefore + 500_000_000L);
                result[0] = threads.getCurrentThreadCpuTime() - threadBefore;
                result[1] = self.toNanos(ProcessCpu.parseTicks(Files.readString(task)) - taskBefore);
                result[2] = self.toNanos(self.ticks() - processBefore);
                result[3] = System.nanoTime() - wallBefore;
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, BURNER_NAME);
        burner.start();
        burner.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        long threadNanos = result[0];
        long taskNanos = result[1];
        long processNanos = result[2];
        long wallNanos = result[3];

        // Ticks are 10 ms and sampled at both ends.
        assertThat(taskNanos).isBetween(threadNanos - 30_000_000L, threadNanos + 30_000_000L);
        assertThat(processNanos).isGreaterThanOrEqualTo(taskNanos);
        assertThat(processNanos).isLessThanOrEqualTo(wallNanos * Runtime.getRuntime().availableProcessors() + 30_000_000L);
    }

    private static final String BURNER_NAME = "proc-cpu-burner";

    /** The /proc/self/task/TID/stat of the calling thread, found by its name (comm holds up to 15 bytes). */
    private static Path ownTask(String name) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                    return task.resolve("stat");
                }
            }
        }
        throw new IOException("no task named " + name + " in /proc/self/task");
    }

    private static void burnCpuUntil(ThreadMXBean threads, long threadCpuNanos) {
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < threadCpuNanos) {
            for (int i = 0; i < 100_000; i++) {
                x += i * 31L ^ x;
            }
        }
        assertThat(x).isNotEqualTo(42); // keeps the loop from being optimised away
    }
}
