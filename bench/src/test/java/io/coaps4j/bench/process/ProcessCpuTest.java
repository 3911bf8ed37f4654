package io.coaps4j.bench.process;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

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
     * The accounting the benchmark relies on: /proc/self/stat ticks scaled by CLK_TCK agree with the CPU
     * clock of the one thread that does the work, which the kernel keeps exactly
     * (clock_gettime of the thread's CPU clock, an independent source).
     */
    @Test
    void procTicksAgreeWithThePreciseCpuClockOfTheBusyThread() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProcessCpu self = ProcessCpu.of(ProcessHandle.current().pid(), ClockTicks.perSecond());

        long ticksBefore = self.ticks();
        long threadBefore = threads.getCurrentThreadCpuTime();
        burnCpuUntil(threads, threadBefore + 500_000_000L);
        long threadNanos = threads.getCurrentThreadCpuTime() - threadBefore;
        long procNanos = self.toNanos(self.ticks() - ticksBefore);

        // Ticks are 10 ms and sampled; the rest of the JVM (JIT, GC) adds a little on top, never takes away.
        assertThat(procNanos).isGreaterThanOrEqualTo(threadNanos - 30_000_000L);
        assertThat(procNanos).isLessThanOrEqualTo(threadNanos + threadNanos / 4 + 50_000_000L);
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
