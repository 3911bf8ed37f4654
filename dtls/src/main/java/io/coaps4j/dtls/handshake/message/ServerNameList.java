package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The server_name extension of a ClientHello (RFC 6066 section 3), restricted to what the RFC
 * defines: one name of type host_name, an ASCII DNS name without a trailing dot. Literal IP
 * addresses are not allowed in it; the sender's code is responsible for not offering one.
 */
public final class ServerNameList {
    private static final int HOST_NAME = 0;

    private final String hostName;

    private ServerNameList(String hostName) {
        this.hostName = hostName;
    }

    /** The list holding {@code hostName}; names are compared case-insensitively, so it is kept in lower case. */
    public static ServerNameList ofHostName(String hostName) {
        Objects.requireNonNull(hostName, "hostName");
        if (hostName.isEmpty() || hostName.length() > 0xFFFF - 3) {
            throw new IllegalArgumentException("host name must be 1.." + (0xFFFF - 3) + " characters");
        }
        if (hostName.endsWith(".")) {
            throw new IllegalArgumentException("host name must not end with a dot (RFC 6066 section 3): " + hostName);
        }
        for (int i = 0; i < hostName.length(); i++) {
            char c = hostName.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("host name must be printable ASCII (RFC 6066 section 3): " + hostName);
            }
        }
        return new ServerNameList(hostName.toLowerCase(Locale.ROOT));
    }

    public String hostName() {
        return hostName;
    }

    byte[] encode() {
        byte[] name = hostName.getBytes(StandardCharsets.US_ASCII);
        WireWriter out = new WireWriter(name.length + 5);
        int list = out.beginLength16();
        out.uint8(HOST_NAME).vector16(name);
        out.endLength16(list);
        return out.toByteArray();
    }

    static ServerNameList decode(WireReader in) throws DecodeException {
        int listLength = in.uint16("server_name_list length");
        if (listLength == 0) {
            throw new DecodeException("server_name_list must not be empty");
        }
        WireReader list = in.slice(listLength, "server_name_list");
        in.expectEnd("server_name extension");
        String found = null;
        while (list.hasRemaining()) {
            int nameType = list.uint8("name_type");
            if (nameType != HOST_NAME) {
                // Only host_name is defined; an unknown type has no length to skip by (RFC 6066 section 3).
                throw new DecodeException("unknown server name type " + nameType);
            }
            byte[] name = list.vector16(1, 0xFFFF, "host_name");
            if (found != null) {
                throw new DecodeException("more than one host_name in server_name");
            }
            found = decodeHostName(name);
        }
        return new ServerNameList(found);
    }

    private static String decodeHostName(byte[] name) throws DecodeException {
        for (byte b : name) {
            if (b <= 0x20 || b >= 0x7F) {
                throw new DecodeException("host_name is not printable ASCII");
            }
        }
        if (name[name.length - 1] == '.') {
            throw new DecodeException("host_name ends with a dot");
        }
        return new String(name, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerNameList that && hostName.equals(that.hostName);
    }

    @Override
    public int hashCode() {
        return hostName.hashCode();
    }

    @Override
    public String toString() {
        return "ServerNameList(" + hostName + ")";
    }
}
