package io.coaps4j.e2e;

import java.util.Arrays;
import java.util.HexFormat;

/** An SA identifier (1 to 8 bytes) as a map key; immutable. */
record SaId(byte[] bytes) {
    SaId {
        E2eOptions.checkSaId(bytes);
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
