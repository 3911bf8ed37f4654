package io.coaps4j.cli.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one stored entry, the last segment of {@code /store/{name}}. Only letters, digits,
 * '-', '_' and '.' are allowed, it cannot start with '.', and it is at most 64 characters: a name is
 * always one plain file name inside the data folder, so no name can reach outside it ("..", "/",
 * "\", NUL) or collide with the store's hidden temporary files.
 */
public final class EntryName {
    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final String value;

    private EntryName(String value) {
        this.value = value;
    }

    /** The validated name; throws {@link InvalidEntryNameException} saying what is wrong. */
    public static EntryName of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new InvalidEntryNameException("entry name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidEntryNameException("entry name is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new InvalidEntryNameException("entry name '" + printable(name)
                    + "' may hold only letters, digits, '-', '_' and '.', and may not start with '.'");
        }
        return new EntryName(name);
    }

    /** True when {@code name} is acceptable to {@link #of}. */
    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && ALLOWED.matcher(name).matches();
    }

    public String value() {
        return value;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryName && ((EntryName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
