package io.coaps4j.cli.psk;

import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code --psk-key-file FILE} holds: either the key alone as hex (line breaks and spaces
 * allowed), or a properties file with {@code key=HEX} and optionally {@code identity=ID}, such as
 * the {@value ServerPskFile#FILE_NAME} a server generates in its data folder.
 */
public record PskKeyFile(PreSharedKey key, Optional<PskIdentity> identity) {
    /** No key file is larger; a bigger one is the wrong file. */
    static final int MAX_BYTES = 4096;

    public PskKeyFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(identity, "identity");
    }

    /**
     * Reads {@code file}.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException                       when it cannot be read or holds no valid key (the
     *                                           message names the file, never the key)
     */
    public static PskKeyFile read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes; it is not a key file");
        }
        String content = ServerPskFile.readText(file);
        Properties properties = ServerPskFile.parse(file, content);
        if (properties.getProperty(ServerPskFile.KEY_PROPERTY) == null) {
            return new PskKeyFile(hexOnly(file, content), Optional.empty());
        }
        PreSharedKey key = ServerPskFile.keyOf(file, properties);
        String identity = properties.getProperty(ServerPskFile.IDENTITY_PROPERTY);
        if (identity == null || identity.isBlank()) {
            return new PskKeyFile(key, Optional.empty());
        }
        try {
            return new PskKeyFile(key, Optional.of(PskIdentity.of(identity.trim())));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static PreSharedKey hexOnly(Path file, String content) throws IOException {
        String digits = content.replaceAll("\\s+", "");
        try {
            return PskKeyFormat.parse(digits, "key file " + file);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + " (the file holds the key as hex, or key=HEX and identity=ID lines)",
                    e);
        }
    }

    @Override
    public String toString() {
        return "PskKeyFile[" + identity.map(PskIdentity::text).orElse("no identity") + ", key hidden]";
    }
}
