package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * The Supported Elliptic Curves extension (RFC 4492 section 5.1.1, "supported_groups" in RFC 8422):
 * the named groups a client can use, most preferred first. Unknown code points are kept.
 */
public record SupportedGroups(List<Integer> groups) {
    /** secp256r1, the curve RFC 7252 section 9.1.3.2 and RFC 7925 require. */
    public static final int SECP256R1 = 23;

    public SupportedGroups {
        groups = List.copyOf(groups);
        if (groups.isEmpty() || groups.size() > 0x7FFF) {
            throw new IllegalArgumentException("supported groups must hold 1..32767 entries");
        }
        for (int group : groups) {
            if (group < 0 || group > 0xFFFF) {
                throw new IllegalArgumentException("group must be 0..65535, was " + group);
            }
        }
    }

    byte[] encode() {
        WireWriter out = new WireWriter(2 + 2 * groups.size());
        out.uint16(2 * groups.size());
        for (int group : groups) {
            out.uint16(group);
        }
        return out.toByteArray();
    }

    static SupportedGroups decode(WireReader in) throws DecodeException {
        int length = in.uint16("elliptic_curve_list length");
        if (length < 2 || length % 2 != 0) {
            throw new DecodeException("elliptic_curve_list length " + length + " is not a positive even number");
        }
        WireReader list = in.slice(length, "elliptic_curve_list");
        in.expectEnd("supported_groups extension");
        List<Integer> groups = new ArrayList<>(length / 2);
        while (list.hasRemaining()) {
            groups.add(list.uint16("named curve"));
        }
        return new SupportedGroups(groups);
    }
}
