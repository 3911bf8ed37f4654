package io.coaps4j.bench.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The issue 9 targets for resumed PSK handshakes: server CPU per abbreviated handshake at most 0.6× our full PSK
 * handshake and at most 0.5× Californium's abbreviated handshake, in the same run.
 */
final class ResumedTargets {
    static final double MAX_OF_OUR_FULL = 0.6;
    static final double MAX_OF_REFERENCE_RESUMED = 0.5;

    private ResumedTargets() {
    }

    static String render(String subject, String reference, List<HandshakeMeasurement> full,
                         List<HandshakeMeasurement> resumed) {
        StringBuilder out = new StringBuilder();
        Optional<HandshakeMeasurement> ours = find(resumed, subject);
        if (ours.isEmpty()) {
            return "- resumed handshakes: " + subject + " not measured\n";
        }
        double cpu = ours.get().serverCpuMicrosPerHandshake();
        line(out, "vs our full PSK handshake", cpu, find(full, subject), MAX_OF_OUR_FULL,
                "(run the handshakes suite in the same run)");
        line(out, "vs " + reference + "'s resumed handshake", cpu, find(resumed, reference), MAX_OF_REFERENCE_RESUMED,
                "(" + reference + " not measured)");
        return out.toString();
    }

    private static void line(StringBuilder out, String what, double cpu, Optional<HandshakeMeasurement> other,
                             double bound, String missing) {
        if (other.isEmpty() || other.get().serverCpuMicrosPerHandshake() <= 0) {
            out.append("- resumed handshake CPU ").append(what).append(": not compared ").append(missing).append('\n');
            return;
        }
        double ratio = cpu / other.get().serverCpuMicrosPerHandshake();
        out.append(String.format(Locale.ROOT, "- resumed handshake CPU %s: %.0f / %.0f µs = %.2f× (target ≤ %.1f×): %s%n",
                what, cpu, other.get().serverCpuMicrosPerHandshake(), ratio, bound, ratio <= bound ? "met" : "NOT met"));
    }

    private static Optional<HandshakeMeasurement> find(List<HandshakeMeasurement> measurements, String server) {
        return measurements.stream().filter(m -> m.server().equals(server)).findFirst();
    }
}
