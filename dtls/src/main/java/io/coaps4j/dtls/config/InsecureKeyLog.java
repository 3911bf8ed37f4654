package io.coaps4j.dtls.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * INSECURE, for debugging only: where the secrets of each DTLS session go, one line each in the NSS key log
 * format ({@code CLIENT_RANDOM <client random, hex> <master secret, hex>}) that Wireshark and tshark read
 * ({@code tls.keylog_file}) to decrypt a capture. Whoever reads these lines can decrypt every record of the
 * sessions they name, and impersonate either side in them. Never on by default: see
 * {@link DtlsConfig.Builder#insecureKeyLog(InsecureKeyLog)}. Called on the event loop of the connection, once per
 * completed handshake (resumed ones included); it should not block for long.
 */
@FunctionalInterface
public interface InsecureKeyLog {

    /** Takes one line of the NSS key log format, without its line break. */
    void write(String nssKeyLogLine);

    /**
     * A key log that appends each line to {@code file} and flushes it, creating the file readable by its owner only
     * (where the file system has POSIX permissions). A line that cannot be written is an {@link UncheckedIOException}
     * for the caller of the engine.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    static InsecureKeyLog appendingTo(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new InsecureKeyLog() {
                @Override
                public void write(String line) {
                    synchronized (writer) { // several event loops may share one file
                        try {
                            writer.write(line);
                            writer.write('\n');
                            writer.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot write the insecure key log " + file, e);
                        }
                    }
                }

                @Override
                public String toString() {
                    return "the file " + file.toAbsolutePath();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the insecure key log " + file, e);
        }
    }
}
