package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.List;

/** The EC Point Formats extension (RFC 4492 section 5.1.2). Unknown code points are kept. */
public record EcPointFormats(List<Integer> formats) {
    /** The only format RFC 8422 keeps, and the one RFC 7925 uses. */
    public static final int UNCOMPRESSED = 0;

    public EcPointFormats {
        formats = List.copyOf(formats);
        if (formats.isEmpty() || formats.size() > 255) {
            throw new IllegalArgumentException("point formats must hold 1..255 entries");
        }
        for (int format : formats) {
            if (format < 0 || format > 255) {
                throw new IllegalArgumentException("point format must be 0..255, was " + format);
            }
        }
    }

    byte[] encode() {
        WireWriter out = new WireWriter(1 + formats.size());
        out.uint8(formats.size());
        for (int format : formats) {
            out.uint8(format);
        }
        return out.toByteArray();
    }

    static EcPointFormats decode(WireReader in) throws DecodeException {
        int length = in.uint8("ec_point_format_list length");
        if (length < 1) {
            throw new DecodeException("ec_point_format_list must not be empty");
        }
        WireReader list = in.slice(length, "ec_point_format_list");
        in.expectEnd("ec_point_formats extension");
        List<Integer> formats = new ArrayList<>(length);
        while (list.hasRemaining()) {
            formats.add(list.uint8("point format"));
        }
        return new EcPointFormats(formats);
    }
}
