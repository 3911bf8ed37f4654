package io.coaps4j.coap.linkformat;

import java.util.Locale;
import java.util.Objects;

/**
 * One target attribute of a link (RFC 6690 section 2, "link-param"): a name and either a value
 * or none at all, as for {@code obs}. The value is held unquoted: {@code title="A \"b\""} is
 * held as {@code A "b"}. Names are held in lowercase. Immutable.
 */
public final class LinkAttribute {
    private final String name;
    private final String value;
    private final boolean hasValue;

    private LinkAttribute(String name, String value, boolean hasValue) {
        this.name = name;
        this.value = value;
        this.hasValue = hasValue;
    }

    /**
     * An attribute with a value.
     *
     * @throws IllegalArgumentException when the name is not a parmname (RFC 5987), is "href"
     *     (reserved for query filtering, RFC 6690 section 2), or the value has a control character
     */
    public static LinkAttribute of(String name, String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("value of link attribute " + name + " has a control character at index " + i);
            }
        }
        return new LinkAttribute(checkName(name), value, true);
    }

    /** An attribute without a value, e.g. {@code obs} (RFC 7641 section 6). */
    public static LinkAttribute flag(String name) {
        return new LinkAttribute(checkName(name), "", false);
    }

    /** Created by the parser, which has checked the name already. */
    static LinkAttribute parsed(String lowercaseName, String value, boolean hasValue) {
        return new LinkAttribute(lowercaseName, value, hasValue);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("link attribute name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean star = c == '*' && i == name.length() - 1 && i > 0;
            if (!isAttrChar(c) && !star) {
                throw new IllegalArgumentException("link attribute name \"" + name + "\" has '" + c + "' at index " + i);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("href")) {
            throw new IllegalArgumentException("\"href\" is reserved for query filtering and is no link attribute (RFC 6690 section 2)");
        }
        return lower;
    }

    /** attr-char of RFC 5987 section 3.2.1. */
    static boolean isAttrChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }

    /** The name, in lowercase. */
    public String name() {
        return name;
    }

    /** The unquoted value; "" for an attribute without a value. */
    public String value() {
        return value;
    }

    /** False for an attribute written without "=", such as {@code obs}. */
    public boolean hasValue() {
        return hasValue;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LinkAttribute)) {
            return false;
        }
        LinkAttribute other = (LinkAttribute) o;
        return name.equals(other.name) && value.equals(other.value) && hasValue == other.hasValue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, hasValue);
    }

    @Override
    public String toString() {
        return hasValue ? name + "=" + value : name;
    }
}
