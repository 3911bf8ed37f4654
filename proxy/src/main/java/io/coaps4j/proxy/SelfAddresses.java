package io.coaps4j.proxy;

import io.coaps4j.coap.uri.CoapUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether a target URI's authority is the proxy itself (RFC 7252 section 5.7.2: then the request is a local
 * one): an IP literal of this host, or "localhost", with the port of one of the proxy's listeners. Also
 * what keeps a proxy from forwarding to itself in a loop.
 */
final class SelfAddresses implements Predicate<CoapUri> {
    private final Supplier<List<InetSocketAddress>> listeners;

    SelfAddresses(Supplier<List<InetSocketAddress>> listeners) {
        this.listeners = listeners;
    }

    @Override
    public boolean test(CoapUri target) {
        for (InetSocketAddress listener : listeners.get()) {
            if (listener.getPort() == target.port() && sameHost(listener.getAddress(), target)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHost(InetAddress bound, CoapUri target) {
        if (target.ipLiteral().isEmpty()) {
            return target.host().equals("localhost") && (bound.isAnyLocalAddress() || bound.isLoopbackAddress());
        }
        InetAddress address = target.ipLiteral().get();
        if (!bound.isAnyLocalAddress()) {
            return bound.equals(address);
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
