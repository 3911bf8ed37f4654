package io.coaps4j.cli.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A set of PEM files written together, as OpenSSL writes them: {@code PRIVATE KEY} (PKCS#8),
 * {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code CERTIFICATE}. Private keys are created readable
 * and writable by their owner only (0600) where the file system has POSIX permissions; every file is
 * written to a temporary file first and renamed into place, so none is ever seen half-written or, for
 * a moment, readable by others. No file is replaced unless asked, and then none is written when one of
 * them exists: a set is written whole or not at all.
 */
public final class PemWriting {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> READABLE = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private record Pending(String content, boolean secret) {
    }

    private final Map<Path, Pending> files = new LinkedHashMap<>();

    /** Adds {@code file} with {@code pair}'s private key, PKCS#8, owner-only. */
    public PemWriting privateKey(Path file, KeyPair pair) {
        return add(file, pem("PRIVATE KEY", P256Keys.pkcs8(pair)), true);
    }

    /** Adds {@code file} with {@code key} as SubjectPublicKeyInfo. */
    public PemWriting publicKey(Path file, PublicKey key) {
        return add(file, pem("PUBLIC KEY", key.getEncoded()), false);
    }

    /** Adds {@code file} with {@code certificates}, in order. */
    public PemWriting certificates(Path file, List<X509Certificate> certificates) {
        StringBuilder content = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                content.append(pem("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("the certificate cannot be encoded", e);
            }
        }
        return add(file, content.toString(), false);
    }

    /** Adds {@code file} holding the private key then the public key: the form libcoap's {@code -M} reads. */
    public PemWriting keyPair(Path file, KeyPair pair) {
        return add(file, pem("PRIVATE KEY", P256Keys.pkcs8(pair)) + pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                true);
    }

    private PemWriting add(Path file, String content, boolean secret) {
        Objects.requireNonNull(file, "file");
        if (files.put(file.toAbsolutePath().normalize(), new Pending(content, secret)) != null) {
            throw new IllegalArgumentException(file + " is written twice");
        }
        return this;
    }

    /** The files added, which {@link #write} writes. */
    public List<Path> paths() {
        return List.copyOf(files.keySet());
    }

    /**
     * The files added that exist already.
     */
    public List<Path> existing() {
        List<Path> existing = new ArrayList<>();
        for (Path file : files.keySet()) {
            if (Files.exists(file)) {
                existing.add(file);
            }
        }
        return existing;
    }

    /**
     * Writes every file added, creating their folders.
     *
     * @param replace whether existing files are replaced; when false and one exists, nothing is written
     * @throws FileAlreadyExistsException naming the first existing file, when {@code replace} is false
     */
    public void write(boolean replace) throws IOException {
        if (!replace && !existing().isEmpty()) {
            throw new FileAlreadyExistsException(existing().get(0).toString());
        }
        for (Map.Entry<Path, Pending> file : files.entrySet()) {
            writeOne(file.getKey(), file.getValue());
        }
    }

    private static void writeOne(Path file, Pending pending) throws IOException {
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve("." + file.getFileName() + ".part");
        Files.deleteIfExists(temp); // left by a run that crashed while writing
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), attributes(directory, pending.secret()))) {
                ByteBuffer bytes = ByteBuffer.wrap(pending.content().getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (!pending.secret() && supportsPosix(directory)) {
                // Created with the process umask's permissions otherwise; a public file is meant to be shared.
                Files.setPosixFilePermissions(temp, READABLE);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] attributes(Path directory, boolean secret) {
        if (!secret || !supportsPosix(directory)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    private static boolean supportsPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    /** True when the file system has POSIX permissions and the group or others may read {@code file}. */
    public static boolean readableByOthers(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
    }

    private static String pem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM to memory", e);
        }
        return text.toString();
    }
}
