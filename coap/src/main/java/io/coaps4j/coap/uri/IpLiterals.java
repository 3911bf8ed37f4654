package io.coaps4j.coap.uri;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IPv4address and IPv6address literals (RFC 3986 section 3.2.2) without any name lookup,
 * and writes IPv6 addresses in the recommended form of RFC 5952, which RFC 7252 section 6.3 makes
 * the normal form of a CoAP URI.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The 4 bytes of a dotted-quad IPv4address ("192.0.2.1"; no leading zeros), or null. */
    static byte[] parseIpv4(String text, int from, int to) {
        byte[] address = new byte[4];
        int octet = 0;
        int p = from;
        while (octet < 4) {
            int start = p;
            int value = 0;
            while (p < to && p - start < 3 && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
                value = value * 10 + (text.charAt(p) - '0');
                p++;
            }
            int digits = p - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            address[octet++] = (byte) value;
            if (octet < 4) {
                if (p >= to || text.charAt(p) != '.') {
                    return null;
                }
                p++;
            }
        }
        return p == to ? address : null;
    }

    static byte[] parseIpv4(String text) {
        return parseIpv4(text, 0, text.length());
    }

    /** The 16 bytes of an IPv6address ("2001:db8::1", "::ffff:192.0.2.1"), or null. */
    static byte[] parseIpv6(String text) {
        int length = text.length();
        if (length < 2) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int p = 0;
        if (text.startsWith("::")) {
            gap = 0;
            p = 2;
            if (p == length) {
                return new byte[16];
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (p < length) {
            int start = p;
            int value = 0;
            while (p < length && p - start < 5 && Character.digit(text.charAt(p), 16) >= 0) {
                value = value << 4 | Character.digit(text.charAt(p), 16);
                p++;
            }
            if (p < length && text.charAt(p) == '.') {
                // An embedded IPv4address takes the last two groups.
                byte[] ipv4 = parseIpv4(text, start, length);
                if (ipv4 == null || count > 6) {
                    return null;
                }
                groups[count++] = (ipv4[0] & 0xff) << 8 | (ipv4[1] & 0xff);
                groups[count++] = (ipv4[2] & 0xff) << 8 | (ipv4[3] & 0xff);
                p = length;
                break;
            }
            int digits = p - start;
            if (digits == 0 || digits > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (p == length) {
                break;
            }
            if (text.charAt(p) != ':') {
                return null;
            }
            p++;
            if (p < length && text.charAt(p) == ':') {
                if (gap >= 0) {
                    return null; // a second "::"
                }
                gap = count;
                p++;
                if (p == length) {
                    break;
                }
            } else if (p == length) {
                return null; // a trailing single ':'
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] address = new byte[16];
        int tail = count - Math.max(gap, 0);
        for (int i = 0; i < count; i++) {
            int slot = gap >= 0 && i >= gap ? 8 - tail + (i - gap) : i;
            address[2 * slot] = (byte) (groups[i] >>> 8);
            address[2 * slot + 1] = (byte) groups[i];
        }
        return address;
    }

    /** An IPv6 address in RFC 5952 form: lowercase, no leading zeros, the longest zero run as "::". */
    static String formatIpv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        StringBuilder out = new StringBuilder(39);
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            // RFC 5952 section 5: IPv4-mapped addresses keep the dotted quad.
            return out.append("::ffff:").append(address[12] & 0xff).append('.').append(address[13] & 0xff)
                    .append('.').append(address[14] & 0xff).append('.').append(address[15] & 0xff).toString();
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never shortened (RFC 5952 section 4.2.2)
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The URI host form of an address: dotted quad, or the RFC 5952 form in brackets. */
    static String uriHost(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return "[" + formatIpv6(address.getAddress()) + "]";
    }

    /** An address from its bytes; never does a name lookup. */
    static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes", e);
        }
    }

    /** True when {@code a} and {@code b} are the same IP address, treating IPv4-mapped IPv6 as IPv4. */
    static boolean sameAddress(InetAddress a, InetAddress b) {
        return java.util.Arrays.equals(canonical(a), canonical(b));
    }

    private static byte[] canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return java.util.Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes;
    }
}
