package io.coaps4j.dtls.cookie;

import io.coaps4j.dtls.crypto.Prf;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.WireWriter;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Makes and checks the cookies of HelloVerifyRequest (RFC 6347 section 4.2.1) without keeping any
 * state per client: {@code Cookie = MAC(Secret, Client-IP, Client-Parameters)}.
 *
 * <p>The MAC is the TLS 1.2 PRF keyed with the secret, P_SHA256, which is built from HMAC-SHA256
 * and is the MAC the crypto layer offers. Its input is the client's address and port and every
 * ClientHello field except the cookie (version, random, session id, cipher suites, compression
 * methods, extensions), so a cookie is good for one address and one hello only. Cookies are
 * compared in constant time. Not thread-safe: one per event loop.
 */
public final class StatelessCookies {
    /** 32 bytes: the whole P_SHA256 block, leaving no room for guessing. */
    public static final int COOKIE_LENGTH = 32;
    private static final String LABEL = "dtls cookie";

    private final CookieSecrets secrets;

    public StatelessCookies(CookieSecrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The cookie for {@code hello} from {@code client} under the current secret. */
    public byte[] cookieFor(Prf prf, InetSocketAddress client, ClientHello hello, long now) {
        return mac(prf, secrets.current(now), input(client, hello));
    }

    /** True when the hello carries a cookie this server made for it and for {@code client} within two periods. */
    public boolean isValid(Prf prf, InetSocketAddress client, ClientHello hello, long now) {
        if (hello.cookieLength() != COOKIE_LENGTH) {
            return false;
        }
        byte[] received = hello.cookie();
        byte[] input = input(client, hello);
        boolean current = MessageDigest.isEqual(received, mac(prf, secrets.current(now), input));
        boolean previous = MessageDigest.isEqual(received, mac(prf, secrets.previous(now), input));
        return current | previous;
    }

    private static byte[] input(InetSocketAddress client, ClientHello hello) {
        Objects.requireNonNull(client, "client");
        if (client.isUnresolved()) {
            throw new IllegalArgumentException("client address must be resolved: " + client);
        }
        byte[] ip = client.getAddress().getAddress();
        WireWriter out = new WireWriter(64 + ip.length + hello.cipherSuites().size() * 2);
        out.uint8(ip.length).bytes(ip).uint16(client.getPort());
        hello.writeCookieInput(out);
        return out.toByteArray();
    }

    private static byte[] mac(Prf prf, byte[] secret, byte[] input) {
        return prf.compute(secret, LABEL, input, COOKIE_LENGTH);
    }
}
