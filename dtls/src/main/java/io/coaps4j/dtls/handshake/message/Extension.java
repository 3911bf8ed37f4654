package io.coaps4j.dtls.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One hello extension as it travels (RFC 5246 section 7.4.1.4): a type and opaque data. Unknown
 * extensions stay in this raw form; known ones are read through the typed classes.
 */
public final class Extension {
    private final int type;
    private final byte[] data;

    public Extension(int type, byte[] data) {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("extension type must be 0..65535, was " + type);
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("extension data longer than 65535 bytes: " + data.length);
        }
        this.type = type;
        this.data = data.clone();
    }

    public int type() {
        return type;
    }

    public byte[] data() {
        return data.clone();
    }

    int dataLength() {
        return data.length;
    }

    void writeTo(WireWriter out) {
        out.uint16(type).vector16(data);
    }

    WireReader reader() {
        return new WireReader(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Extension that && type == that.type && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Extension(" + type + ", " + HexFormat.of().formatHex(data) + ")";
    }
}
