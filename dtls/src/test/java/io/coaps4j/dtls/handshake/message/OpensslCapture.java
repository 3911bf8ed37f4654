package io.coaps4j.dtls.handshake.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The datagrams of a real OpenSSL DTLS 1.2 PSK handshake, stored as test data. */
final class OpensslCapture {
    static final String RESOURCE = "/captures/openssl-psk-ccm8.txt";

    record Datagram(boolean fromClient, byte[] bytes) {
        /** The plaintext fragment of the single record in this datagram starting at {@code recordOffset}. */
        byte[] recordFragment(int recordOffset) {
            int length = (bytes[recordOffset + 11] & 0xff) << 8 | bytes[recordOffset + 12] & 0xff;
            byte[] out = new byte[length];
            System.arraycopy(bytes, recordOffset + 13, out, 0, length);
            return out;
        }
    }

    private OpensslCapture() {
    }

    static List<Datagram> datagrams() {
        try (InputStream in = OpensslCapture.class.getResourceAsStream(RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            List<Datagram> out = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("C>S ") || line.startsWith("S>C ")) {
                    out.add(new Datagram(line.startsWith("C>S"), HexFormat.of().parseHex(line.substring(4).trim())));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of the single handshake fragment in the first record of datagram {@code index}. */
    static byte[] handshakeBody(int index, int recordOffset) {
        byte[] fragment = datagrams().get(index).recordFragment(recordOffset);
        byte[] body = new byte[fragment.length - HandshakeFragment.HEADER_LENGTH];
        System.arraycopy(fragment, HandshakeFragment.HEADER_LENGTH, body, 0, body.length);
        return body;
    }
}
