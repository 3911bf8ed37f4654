package io.coaps4j.examples;

import java.util.HexFormat;

/** The pre-shared keys the examples share. A real deployment provisions its own, one per device. */
final class Keys {
    static final String DEVICE = "device-1";
    static final byte[] DEVICE_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    private Keys() {
    }
}
