package io.coaps4j.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Socket addresses as a user writes them: {@code 127.0.0.1:5684}, {@code [::1]:5684}. */
public final class Addresses {
    private Addresses() {
    }

    public static String printable(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString()
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress().replaceFirst("%.*$", "") + "]"
                : ip.getHostAddress();
        return host + ":" + address.getPort();
    }
}
