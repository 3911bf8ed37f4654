package io.coaps4j.dtls.cookie;

import io.coaps4j.dtls.crypto.HmacSha256;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.WireWriter;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Makes and checks the cookies of HelloVerifyRequest (RFC 6347 section 4.2.1) without keeping any
 * state per client: {@code Cookie = MAC(Secret, Client-IP, Client-Parameters)}.
 *
 * <p>The MAC is HMAC-SHA256 keyed with the rotating secret. Its input is the client's address and port and every
 * ClientHello field except the cookie (version, random, session id, cipher suites, compression
 * methods, extensions), so a cookie is good for one address and one hello only. Cookies are
 * compared in constant time. Not thread-safe: one per event loop.
 */
public final class StatelessCookies {
    /** 32 bytes: the whole HMAC-SHA256 output, leaving no room for guessing. */
    public static final int COOKIE_LENGTH = HmacSha256.LENGTH;

    private final CookieSecrets secrets;

    public StatelessCookies(CookieSecrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The cookie for {@code hello} from {@code client} under the current secret. */
    public byte[] cookieFor(HmacSha256 hmac, InetSocketAddress client, ClientHello hello, long now) {
        return mac(hmac, secrets.current(now), input(client, hello));
    }

    /** True when the hello carries a cookie this server made for it and for {@code client} within two periods. */
    public boolean isValid(HmacSha256 hmac, InetSocketAddress client, ClientHello hello, long now) {
        if (hello.cookieLength() != COOKIE_LENGTH) {
            return false;
        }
        byte[] received = hello.cookie();
        byte[] input = input(client, hello);
        boolean current = MessageDigest.isEqual(received, mac(hmac, secrets.current(now), input));
        boolean previous = MessageDigest.isEqual(received, mac(hmac, secrets.previous(now), input));
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

    private static byte[] mac(HmacSha256 hmac, byte[] secret, byte[] input) {
        return hmac.start(secret).update(input).finish();
    }
}
