package io.coaps4j.cli.psk;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --psk-identity ID} with {@code --psk-key HEX} or {@code --psk-key-file FILE}: the
 * pre-shared key of the DTLS PSK mode (RFC 7252 section 9.1.3.1), for the client and the server.
 * A key file that names an identity (such as a server's {@value ServerPskFile#FILE_NAME}) supplies
 * the identity too; {@code --psk-identity} overrides it.
 */
public final class PskOptions {
    @Option(names = "--psk-identity", paramLabel = "ID",
            description = "PSK identity (RFC 4279), at most 128 UTF-8 bytes")
    String identity;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    KeySource key;

    static final class KeySource {
        @Option(names = "--psk-key", paramLabel = "HEX", required = true,
                description = "pre-shared key as hex digits, two per byte, at most 64 bytes")
        String hex;

        @Option(names = "--psk-key-file", paramLabel = "FILE", required = true,
                description = "read the key from FILE: hex digits, or key=HEX and identity=ID lines"
                        + " (the server's key file, which gives the identity too)")
        Path file;
    }

    /** True when any PSK option was given. */
    public boolean given() {
        return identity != null || key != null;
    }

    /** The option names given, for messages such as "--psk-key applies to coaps:// only". */
    public String givenNames() {
        StringBuilder names = new StringBuilder();
        if (identity != null) {
            names.append("--psk-identity");
        }
        if (key != null) {
            names.append(names.length() > 0 ? ", " : "").append(key.hex != null ? "--psk-key" : "--psk-key-file");
        }
        return names.toString();
    }

    /**
     * The credentials given, or empty when no PSK option was given.
     *
     * @throws CommandFailure (usage) when only half is given, or the identity, key or key file is
     *                        unusable; the message never shows the key
     */
    public Optional<PskCredentials> credentials() {
        if (!given()) {
            return Optional.empty();
        }
        if (key == null) {
            throw usage("--psk-identity needs a key: add --psk-key HEX or --psk-key-file FILE");
        }
        Optional<PskIdentity> fromFile = Optional.empty();
        PreSharedKey preSharedKey;
        if (key.hex != null) {
            preSharedKey = parseKey(key.hex);
        } else {
            PskKeyFile file = readFile(key.file);
            preSharedKey = file.key();
            fromFile = file.identity();
        }
        PskIdentity chosen;
        if (identity != null) {
            chosen = parseIdentity(identity);
        } else if (fromFile.isPresent()) {
            chosen = fromFile.get();
        } else {
            throw usage((key.hex != null ? "--psk-key" : "--psk-key-file") + " needs an identity: add --psk-identity ID");
        }
        return Optional.of(new PskCredentials(chosen, preSharedKey));
    }

    private static PreSharedKey parseKey(String hex) {
        try {
            return PskKeyFormat.parse(hex.trim(), "--psk-key");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static PskIdentity parseIdentity(String text) {
        try {
            return PskIdentity.of(text);
        } catch (IllegalArgumentException e) {
            throw usage("--psk-identity: " + e.getMessage());
        }
    }

    private static PskKeyFile readFile(Path file) {
        try {
            return PskKeyFile.read(file);
        } catch (NoSuchFileException e) {
            throw usage("--psk-key-file " + file + " does not exist");
        } catch (IOException e) {
            throw usage("--psk-key-file: " + (e.getMessage() != null ? e.getMessage() : "cannot read " + file));
        }
    }

    private static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
