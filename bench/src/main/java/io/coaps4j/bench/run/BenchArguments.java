package io.coaps4j.bench.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the command line of {@link SideBySide} into {@link BenchOptions}. */
final class BenchArguments {
    static final String USAGE = String.join("\n",
            "usage: bench.sh [options]",
            "  --suite a,b,...          what to measure (default all, in this order): nosec (CoAP over UDP),",
            "                           psk (CoAP over DTLS PSK), handshakes (full PSK handshakes/s),",
            "                           sessions (heap per idle PSK session), rpk (CoAP over DTLS RawPublicKey,",
            "                           client authentication needed), rpk-handshakes (full ECDHE_ECDSA RPK",
            "                           handshakes/s), rpk-sessions (heap per idle RPK session),",
            "                           resumed-handshakes (abbreviated PSK handshakes/s, RFC 5246 7.3), observe",
            "                           (RFC 7641 notifications/s to many PSK observers), block2 (1 MB",
            "                           block-wise download over PSK)",
            "  --quick                  short run: 1 s warm-up, 3 s measured per point",
            "  --warmup SECONDS         warm-up before each measured window (default 3)",
            "  --measure SECONDS        measured window per server and client count (default 10)",
            "  --clients 1,16,128       concurrent clients, each with one CON GET outstanding",
            "  --servers a,b,...        servers to run, in order; the first is compared with the others",
            "                           (default: all of %s; echo is NoSec only)",
            "  --threads N              load-generator threads (default 1)",
            "  --generator batching|device|scandium  batching: clients share the generator threads (default);",
            "                           device: one thread and socket per client, one CON outstanding, no batching;",
            "                           scandium: batching's clients on Californium's Scandium DTLS client, one",
            "                           DTLSConnector each (nosec: plain UDP); for the nosec, psk and rpk suites",
            "  --handshakers N          concurrent new-connection threads in the handshake suite (default 4)",
            "  --rounds N               handshake suite: measured windows per server, servers in turn; median reported (default 3)",
            "  --sessions N             idle sessions opened per server in the sessions suite (default 10000)",
            "  --observers 1000,10000   observe suite: observers per server, one run each (default 1000,10000)",
            "  --block2-transfers N     block2 suite: measured 1 MB transfers per server (default 5)",
            "  --resend-ms MS           retransmit a request unanswered this long (default 500)",
            "  --server-jvm-opts 'OPTS' JVM options of the Java servers (default '-Xms1g -Xmx4g')",
            "  --host ADDRESS           address the servers bind and the clients use (default 127.0.0.1)",
            "  --log-dir DIR            server output logs (default target/bench-logs)",
            "  --out FILE               also write the Markdown report to FILE",
            "  --docs FILE              replace the latest-results section of FILE (docs/BENCHMARKS.md) with the",
            "                           report, when the windows are at least the defaults",
            "  --baseline-classpath CP  run coaps4j-baseline from this classpath (bench.sh --baseline REF builds",
            "                           commit REF and passes it): before and after a change in one run");

    private BenchArguments() {
    }

    /** Parses {@code args}; unknown or malformed options fail with a message naming them. */
    static BenchOptions parse(String[] args, List<String> knownServers) throws UnknownHostException {
        List<String> withoutBaseline = knownServers.stream()
                .filter(name -> !name.equals(ServerCatalog.COAPS4J_BASELINE)).toList();
        BenchOptions.Builder options = BenchOptions.builder().servers(withoutBaseline);
        boolean serversNamed = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--quick":
                    options.warmup(Duration.ofSeconds(1)).measure(Duration.ofSeconds(3));
                    break;
                case "--warmup":
                    options.warmup(seconds(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--measure":
                    options.measure(seconds(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--clients":
                    options.clientCounts(integers(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--servers":
                    options.servers(names(value != null ? value : next(args, ++i, arg), knownServers));
                    serversNamed = true;
                    break;
                case "--docs":
                    options.docs(Path.of(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--baseline-classpath":
                    options.baselineClasspath(value != null ? value : next(args, ++i, arg));
                    if (!serversNamed) {
                        options.servers(knownServers);
                    }
                    break;
                case "--suite":
                    options.suites(suites(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--handshakers":
                    options.handshakers(integer(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--rounds":
                    options.handshakeRounds(integer(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--sessions":
                    options.idleSessions(integer(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--observers":
                    options.observerCounts(integers(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--block2-transfers":
                    options.block2Transfers(integer(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--threads":
                    options.generatorThreads(integer(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--generator":
                    options.generator(Generator.parse(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--resend-ms":
                    options.resendTimeout(Duration.ofMillis(integer(arg, value != null ? value : next(args, ++i, arg))));
                    break;
                case "--server-jvm-opts":
                    String opts = (value != null ? value : next(args, ++i, arg)).trim();
                    options.serverJvmOptions(opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")));
                    break;
                case "--host":
                    options.host(InetAddress.getByName(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--log-dir":
                    options.logDir(Path.of(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--out":
                    options.output(Path.of(value != null ? value : next(args, ++i, arg)));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return options.build();
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Duration seconds(String option, String value) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number of seconds, was '" + value + "'");
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static List<Integer> integers(String option, String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(integer(option, part));
        }
        return out;
    }

    private static List<Suite> suites(String value) {
        List<Suite> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(Suite.of(part));
        }
        return out;
    }

    private static List<String> names(String value, List<String> knownServers) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!knownServers.contains(name)) {
                throw new IllegalArgumentException("--servers: unknown server '" + name + "', known: " + knownServers);
            }
            out.add(name);
        }
        return out;
    }
}
