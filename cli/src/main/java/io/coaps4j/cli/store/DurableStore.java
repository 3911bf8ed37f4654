package io.coaps4j.cli.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Entries kept as one file each in a data folder, so that a restart loses nothing that a client was
 * told had been stored. Every write goes to a hidden temporary file in the same folder, is forced to
 * disk, then atomically renamed over the old file, and the folder itself is forced: a crash at any
 * point leaves either the old or the new entry, never a torn one. Leftover temporary files from a
 * crash are removed when the store opens.
 *
 * <p>File layout: the 4-byte magic {@code C4J1}, a 4-byte signed Content-Format (-1 when the entry
 * has none), then the payload.
 */
public final class DurableStore {
    private static final String SUFFIX = ".entry";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final byte[] MAGIC = {'C', '4', 'J', '1'};
    private static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES;

    private final Path directory;
    // Serialises writers so that "did it exist before?" (2.01 vs 2.04) is answered consistently.
    private final ReentrantLock writeLock = new ReentrantLock();

    private DurableStore(Path directory) {
        this.directory = directory;
    }

    /** Opens (creating it if needed) the store in {@code directory}, removing leftovers of interrupted writes. */
    public static DurableStore open(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Path absolute = directory.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        if (!Files.isDirectory(absolute)) {
            throw new IOException("data folder " + absolute + " is not a directory");
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(absolute, TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
        return new DurableStore(absolute);
    }

    /** The folder holding the entries. */
    public Path directory() {
        return directory;
    }

    /** The stored representation, or empty when there is none under {@code name}. */
    public Optional<StoredRepresentation> get(EntryName name) throws IOException {
        Path file = fileOf(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
        return Optional.of(decode(file, bytes));
    }

    /** What a write did. */
    public enum Outcome {
        CREATED, REPLACED, DELETED,
        /** A delete found no entry. */
        ABSENT,
        /** The condition refused the entry there was (or the absence of one); nothing was written. */
        CONDITION_FAILED
    }

    /**
     * Stores {@code representation} under {@code name}, durably, replacing any previous one.
     *
     * @return true when the entry was created, false when an existing one was replaced
     */
    public boolean put(EntryName name, StoredRepresentation representation) throws IOException {
        return put(name, representation, current -> true) == Outcome.CREATED;
    }

    /**
     * Stores {@code representation} under {@code name} if {@code condition} accepts the entry stored
     * there now (empty when there is none); the test and the write are one step for other writers.
     *
     * @return {@link Outcome#CREATED}, {@link Outcome#REPLACED} or {@link Outcome#CONDITION_FAILED}
     */
    public Outcome put(EntryName name, StoredRepresentation representation,
                       Predicate<Optional<StoredRepresentation>> condition) throws IOException {
        Objects.requireNonNull(representation, "representation");
        Objects.requireNonNull(condition, "condition");
        Path target = fileOf(name);
        writeLock.lock();
        try {
            Optional<StoredRepresentation> current = get(name);
            if (!condition.test(current)) {
                return Outcome.CONDITION_FAILED;
            }
            writeAtomically(target, encode(representation));
            return current.isEmpty() ? Outcome.CREATED : Outcome.REPLACED;
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the entry; returns false when there was none. */
    public boolean delete(EntryName name) throws IOException {
        return delete(name, current -> true) == Outcome.DELETED;
    }

    /**
     * Removes the entry if {@code condition} accepts it (or its absence), as one step for other writers.
     *
     * @return {@link Outcome#DELETED}, {@link Outcome#ABSENT} or {@link Outcome#CONDITION_FAILED}
     */
    public Outcome delete(EntryName name, Predicate<Optional<StoredRepresentation>> condition) throws IOException {
        Objects.requireNonNull(condition, "condition");
        Path target = fileOf(name);
        writeLock.lock();
        try {
            if (!condition.test(get(name))) {
                return Outcome.CONDITION_FAILED;
            }
            boolean deleted = Files.deleteIfExists(target);
            if (deleted) {
                forceDirectory();
            }
            return deleted ? Outcome.DELETED : Outcome.ABSENT;
        } finally {
            writeLock.unlock();
        }
    }

    /** The names of all stored entries, sorted. */
    public List<EntryName> names() throws IOException {
        List<EntryName> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (EntryName.isValid(name)) {
                    names.add(EntryName.of(name));
                }
            }
        }
        names.sort((a, b) -> a.value().compareTo(b.value()));
        return Collections.unmodifiableList(names);
    }

    private Path fileOf(EntryName name) {
        Objects.requireNonNull(name, "name");
        Path file = directory.resolve(name.value() + SUFFIX).normalize();
        // EntryName already forbids separators and dot-names; this keeps the folder boundary even if that changes.
        if (!directory.equals(file.getParent())) {
            throw new InvalidEntryNameException("entry name '" + name + "' resolves outside the data folder");
        }
        return file;
    }

    private void writeAtomically(Path target, ByteBuffer content) throws IOException {
        Path temp = Files.createTempFile(directory, TEMP_PREFIX, ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, target);
            forceDirectory();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent()
                    + " cannot rename atomically; choose another data folder", e);
        }
    }

    /** Makes the rename itself durable (POSIX: the directory entry lives in the directory's data). */
    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory as a channel; the rename is then as
            // durable as that file system makes it, which is all that can be had there.
            if (isWindows()) {
                return;
            }
            throw e;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static ByteBuffer encode(StoredRepresentation representation) {
        byte[] payload = representation.payloadUnsafe();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + payload.length);
        buffer.put(MAGIC).putInt(representation.rawContentFormat()).put(payload);
        return buffer.flip();
    }

    private static StoredRepresentation decode(Path file, byte[] bytes) throws IOException {
        if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]
                || bytes[3] != MAGIC[3]) {
            throw new IOException("entry file " + file + " is not a coaps4j store entry");
        }
        int contentFormat = ByteBuffer.wrap(bytes, MAGIC.length, Integer.BYTES).getInt();
        if (contentFormat < StoredRepresentation.NO_CONTENT_FORMAT || contentFormat > 0xFFFF) {
            throw new IOException("entry file " + file + " has an invalid content format " + contentFormat);
        }
        byte[] payload = Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
        return StoredRepresentation.owned(contentFormat, payload);
    }
}
