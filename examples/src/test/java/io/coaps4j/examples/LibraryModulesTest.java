package io.coaps4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.e2e.E2eLayer;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's module descriptors, as users get them: every package of every library module is either
 * exported or deliberately internal, so a new package must be classified here before it ships.
 */
class LibraryModulesTest {

    /** A library module's descriptor and the packages of its classes, read from its classes folder or jar. */
    private record LibraryModule(ModuleDescriptor descriptor, Set<String> packages) {
        static LibraryModule of(Class<?> member) throws IOException, URISyntaxException {
            Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return read(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return read(jar.getPath("/"));
            }
        }

        private static LibraryModule read(Path root) throws IOException {
            ModuleDescriptor descriptor;
            try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
            try (Stream<Path> files = Files.walk(root)) {
                Set<String> packages = files
                        .filter(file -> file.toString().endsWith(".class") && !file.getParent().equals(root))
                        .map(file -> root.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.'))
                        .collect(Collectors.toCollection(TreeSet::new));
                return new LibraryModule(descriptor, packages);
            }
        }

        /** Exported packages, each with the modules it is exported to (empty: to everybody). */
        Map<String, Set<String>> exports() {
            Map<String, Set<String>> exports = new TreeMap<>();
            descriptor.exports().forEach(e -> exports.put(e.source(), new TreeSet<>(e.targets())));
            return exports;
        }
    }

    private static void assertModule(Class<?> member, String name, Map<String, Set<String>> exports,
                                     Set<String> internal) throws Exception {
        LibraryModule module = LibraryModule.of(member);
        assertThat(module.descriptor().name()).isEqualTo(name);
        assertThat(module.exports()).as("exports of %s", name).isEqualTo(exports);
        Set<String> classified = new TreeSet<>(exports.keySet());
        classified.addAll(internal);
        assertThat(module.packages()).as("packages of %s: each exported or listed as internal", name)
                .isEqualTo(classified);
    }

    private static Map<String, Set<String>> toEverybody(String prefix, String... packages) {
        Map<String, Set<String>> exports = new TreeMap<>();
        for (String p : packages) {
            exports.put(prefix + p, Set.of());
        }
        return exports;
    }

    @Test
    void transportExportsItsOnePackage() throws Exception {
        assertModule(EventLoop.class, "io.coaps4j.transport", toEverybody("io.coaps4j.", "transport"), Set.of());
    }

    @Test
    void coapExportsEveryPackage() throws Exception {
        assertModule(CoapServer.class, "io.coaps4j.coap", toEverybody("io.coaps4j.coap.",
                "blockwise", "client", "endpoint", "exchange", "linkformat", "message", "messaging", "onem2m", "peer",
                "server", "uri"),
                Set.of());
    }

    @Test
    void dtlsKeepsHandshakeStatesCodecsAndCookiesInternal() throws Exception {
        Map<String, Set<String>> exports = toEverybody("io.coaps4j.dtls.",
                "alert", "config", "credentials", "crypto", "engine", "flight", "record");
        exports.put("io.coaps4j.dtls.handshake.message", Set.of("io.coaps4j.coaps"));
        assertModule(DtlsConfig.class, "io.coaps4j.dtls", exports, Set.of("io.coaps4j.dtls.cookie",
                "io.coaps4j.dtls.handshake", "io.coaps4j.dtls.handshake.client", "io.coaps4j.dtls.handshake.server"));
    }

    @Test
    void coapsExportsItsConnector() throws Exception {
        assertModule(DtlsConnector.class, "io.coaps4j.coaps", toEverybody("io.coaps4j.", "coaps"), Set.of());
    }

    @Test
    void e2eExportsItsOnePackage() throws Exception {
        assertModule(E2eLayer.class, "io.coaps4j.e2e", toEverybody("io.coaps4j.", "e2e"), Set.of());
    }

    @Test
    void proxyExportsItsOnePackage() throws Exception {
        assertModule(io.coaps4j.proxy.CoapProxy.class, "io.coaps4j.proxy", toEverybody("io.coaps4j.", "proxy"),
                Set.of());
    }
}
