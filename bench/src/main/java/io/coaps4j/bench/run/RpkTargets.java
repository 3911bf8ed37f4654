package io.coaps4j.bench.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RawPublicKey performance targets of the tracker (issue 8), checked against the figures of this run: our
 * server compared with Californium and libcoap/GnuTLS measured in the same run, client authentication needed.
 */
final class RpkTargets {
    static final double MIN_THROUGHPUT_RATIO_AT_128 = 2.5;
    static final double MAX_HANDSHAKE_CPU_RATIO = 1.0 / 8;
    static final double MAX_HEAP_BYTES_PER_SESSION = 900;

    private RpkTargets() {
    }

    static String render(String subject, String reference, String nativeReference, List<Measurement> rpk,
                         List<HandshakeMeasurement> handshakes, List<SessionMeasurement> sessions) {
        StringBuilder out = new StringBuilder("| target | this run | met |\n|---|---|---|\n");
        String throughputTarget = String.format(Locale.ROOT, "RPK requests/s at 128 clients ≥ %.1f× %s",
                MIN_THROUGHPUT_RATIO_AT_128, reference);
        Optional<Measurement> ours128 = Targets.find(rpk, subject, 128);
        Optional<Measurement> theirs128 = Targets.find(rpk, reference, 128);
        if (ours128.isPresent() && theirs128.isPresent()) {
            double ours = ours128.get().load().requestsPerSecond();
            double theirs = theirs128.get().load().requestsPerSecond();
            Targets.row(out, throughputTarget, String.format(Locale.ROOT, "%.2f× (%.0f vs %.0f req/s)", ours / theirs, ours, theirs),
                    ours / theirs >= MIN_THROUGHPUT_RATIO_AT_128);
        } else {
            Targets.notMeasured(out, throughputTarget);
        }
        Optional<HandshakeMeasurement> ourHandshakes = handshake(handshakes, subject);
        handshakeTarget(out, ourHandshakes, handshake(handshakes, reference), reference, MAX_HANDSHAKE_CPU_RATIO, "1/8 of");
        handshakeTarget(out, ourHandshakes, handshake(handshakes, nativeReference), nativeReference, 1.0, "no more than");
        String heapTarget = String.format(Locale.ROOT, "heap per idle RPK session ≤ %.0f bytes", MAX_HEAP_BYTES_PER_SESSION);
        Optional<SessionMeasurement> ourSessions = sessions.stream().filter(m -> m.server().equals(subject) && m.hasHeap()).findFirst();
        Optional<SessionMeasurement> theirSessions = sessions.stream().filter(m -> m.server().equals(reference) && m.hasHeap()).findFirst();
        if (ourSessions.isPresent()) {
            double bytes = ourSessions.get().heapBytesPerSession();
            Targets.row(out, heapTarget, String.format(Locale.ROOT, "%.0f bytes%s", bytes, theirSessions.map(t -> String.format(
                    Locale.ROOT, " (%s: %.0f)", reference, t.heapBytesPerSession())).orElse("")), bytes <= MAX_HEAP_BYTES_PER_SESSION);
        } else {
            Targets.notMeasured(out, heapTarget);
        }
        return out.toString();
    }

    private static void handshakeTarget(StringBuilder out, Optional<HandshakeMeasurement> ours, Optional<HandshakeMeasurement> theirs,
                                        String reference, double maxRatio, String wording) {
        String target = "server CPU per full RPK handshake " + wording + " " + reference + "'s";
        if (ours.isEmpty() || theirs.isEmpty()) {
            Targets.notMeasured(out, target);
            return;
        }
        double ratio = ours.get().serverCpuMicrosPerHandshake() / theirs.get().serverCpuMicrosPerHandshake();
        Targets.row(out, target, String.format(Locale.ROOT, "%.2f (%.0f vs %.0f µs)", ratio, ours.get().serverCpuMicrosPerHandshake(),
                theirs.get().serverCpuMicrosPerHandshake()), ratio <= maxRatio);
    }

    private static Optional<HandshakeMeasurement> handshake(List<HandshakeMeasurement> handshakes, String server) {
        return handshakes.stream().filter(m -> m.server().equals(server)).findFirst();
    }
}
