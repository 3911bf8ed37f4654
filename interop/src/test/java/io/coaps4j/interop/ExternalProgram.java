package io.coaps4j.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locates an external interop peer (libcoap, OpenSSL) on the PATH; tests skip when it is missing. */
final class ExternalProgram {
    private ExternalProgram() {
    }

    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The program's path; skips the calling test (with the install hint) when it is not installed. */
    static Path require(String name, String installHint) {
        Optional<Path> found = find(name);
        assumeTrue(found.isPresent(), () -> name + " is not installed (" + installHint + "); skipping this interop test");
        return found.get();
    }
}
