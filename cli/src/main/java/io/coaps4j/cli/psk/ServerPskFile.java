package io.coaps4j.cli.psk;

import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The server's own pre-shared key, kept in {@value #FILE_NAME} in the data folder: generated at the
 * first start, read again at every later one, so that clients configured once keep working.
 *
 * <p>The generated key is {@value #GENERATED_KEY_CHARACTERS} characters drawn uniformly from
 * {@code [0-9A-Za-z]} by {@link SecureRandom} (about 131 bits), used as their ASCII bytes. A random
 * printable key rather than 16 arbitrary bytes, because libcoap 4.3's {@code -k} takes the key as
 * text: this one can be given to it verbatim, and to every other tool as hex.
 *
 * <p>The file is created readable and writable by its owner only (0600) where the file system has
 * POSIX permissions, written to a temporary file first and renamed into place, so that it is never
 * seen half-written nor, for a moment, readable by others.
 */
public final class ServerPskFile {
    public static final String FILE_NAME = "psk.properties";
    static final String IDENTITY_PREFIX = "coaps4j-";
    static final int IDENTITY_RANDOM_BYTES = 4;
    static final int GENERATED_KEY_CHARACTERS = 22;
    static final String IDENTITY_PROPERTY = "identity";
    static final String KEY_PROPERTY = "key";
    private static final String TEMP_NAME = "." + FILE_NAME + ".part";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecureRandom random;

    public ServerPskFile(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What {@link #loadOrGenerate} found or made. */
    public record Outcome(PskCredentials credentials, Path file, boolean generated, boolean readableByOthers) {
        public Outcome {
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Reads {@value #FILE_NAME} from {@code dataDirectory}, or generates and writes it when absent.
     *
     * @throws IOException when the file cannot be written, or exists but is unreadable or malformed
     *                     (the message names the file and the problem, never the key)
     */
    public Outcome loadOrGenerate(Path dataDirectory) throws IOException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path file = directory.resolve(FILE_NAME);
        try {
            PskCredentials existing = read(file);
            return new Outcome(existing, file, false, readableByOthers(file));
        } catch (NoSuchFileException absent) {
            PskCredentials generated = generate();
            write(directory, file, generated);
            return new Outcome(generated, file, true, readableByOthers(file));
        }
    }

    /** A fresh identity ({@code coaps4j-} and 8 random hex digits) and key. */
    public PskCredentials generate() {
        byte[] identitySuffix = new byte[IDENTITY_RANDOM_BYTES];
        random.nextBytes(identitySuffix);
        byte[] key = new byte[GENERATED_KEY_CHARACTERS];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new PskCredentials(PskIdentity.of(IDENTITY_PREFIX + HexFormat.of().formatHex(identitySuffix)),
                PreSharedKey.of(key));
    }

    /**
     * The credentials in a properties file with {@code identity} and {@code key} (hex).
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws IOException         when it cannot be read or lacks a valid identity or key
     */
    public static PskCredentials read(Path file) throws IOException {
        Properties properties = parse(file, readText(file));
        String identity = properties.getProperty(IDENTITY_PROPERTY);
        if (identity == null || identity.isBlank()) {
            throw new IOException(file + " has no '" + IDENTITY_PROPERTY + "' line");
        }
        PskIdentity parsedIdentity;
        try {
            parsedIdentity = PskIdentity.of(identity.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return new PskCredentials(parsedIdentity, keyOf(file, properties));
    }

    /** The {@code key} property of {@code properties} read from {@code file}. */
    static PreSharedKey keyOf(Path file, Properties properties) throws IOException {
        String key = properties.getProperty(KEY_PROPERTY);
        if (key == null || key.isBlank()) {
            throw new IOException(file + " has no '" + KEY_PROPERTY + "' line");
        }
        try {
            return PskKeyFormat.parse(key.trim(), "the key in " + file);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The text of {@code file}; an IOException naming it when it is not UTF-8 (the decoder's own names nothing). */
    static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        }
    }

    static Properties parse(Path file, String content) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(content));
        } catch (IllegalArgumentException e) {
            // Properties refuses a malformed unicode escape this way.
            throw new IOException(file + " is not a properties file: " + e.getMessage(), e);
        }
        return properties;
    }

    private static void write(Path directory, Path file, PskCredentials credentials) throws IOException {
        Files.createDirectories(directory);
        String content = "# The coaps4j server's pre-shared key (DTLS PSK, RFC 4279), generated at its first start.\n"
                + "# Clients need both values; keep this file private. Delete it to have a new key generated.\n"
                + IDENTITY_PROPERTY + "=" + credentials.identity().text() + "\n"
                + KEY_PROPERTY + "=" + PskKeyFormat.hex(credentials.key()) + "\n";
        Path temp = directory.resolve(TEMP_NAME);
        Files.deleteIfExists(temp); // left by a start that crashed while writing
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnlyAttributes(directory))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
            forceDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnlyAttributes(Path directory) {
        if (!supportsPosix(directory)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    private static boolean supportsPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    /** True when the file system has POSIX permissions and the group or others may read the file. */
    private static boolean readableByOthers(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
    }

    /** Makes the rename durable (POSIX: the directory entry lives in the directory's data). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory as a channel; the file itself was forced.
        }
    }
}
