package io.coaps4j.dtls.cookie;

import io.coaps4j.dtls.crypto.HmacSha256;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.record.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class StatelessCookiesTest {
    private static final InetSocketAddress CLIENT = address("192.0.2.10", 50000);
    private final HmacSha256 hmac = new HmacSha256();
    private final Random random = new Random(3);
    private final RandomSource source = (target, offset, length) -> {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        System.arraycopy(bytes, 0, target, offset, length);
    };

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ClientHello hello() {
        return new ClientHello(ProtocolVersion.DTLS_1_2, new byte[32], new byte[0], new byte[0], List.of(0xC0A8),
                new byte[] {0}, Extensions.builder().extendedMasterSecret().build());
    }

    /** The engine's time is nanoseconds; the numbers of these tests are milliseconds. */
    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void cookieVerifiesForTheSameHelloAndAddress() {
        StatelessCookies cookies = new StatelessCookies(new CookieSecrets(source, java.time.Duration.ofMillis(60_000), 0));
        byte[] cookie = cookies.cookieFor(hmac, CLIENT, hello(), ms(0));

        assertThat(cookie).hasSize(32);
        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(cookie), ms(10))).isTrue();
        assertThat(cookies.isValid(hmac, CLIENT, hello(), 10)).as("no cookie").isFalse();
        byte[] flipped = cookie.clone();
        flipped[31] ^= 1;
        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(flipped), 10)).as("one bit off").isFalse();
        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(java.util.Arrays.copyOf(cookie, 31)), 10))
                .as("truncated").isFalse();
    }

    @Test
    void everyHelloFieldAndTheAddressAreCovered() {
        StatelessCookies cookies = new StatelessCookies(new CookieSecrets(source, java.time.Duration.ofMillis(60_000), 0));
        byte[] cookie = cookies.cookieFor(hmac, CLIENT, hello(), ms(0));
        byte[] otherRandom = new byte[32];
        otherRandom[0] = 1;
        List<UnaryOperator<ClientHello>> changes = List.of(
                h -> new ClientHello(ProtocolVersion.DTLS_1_0, h.random(), h.sessionId(), h.cookie(), h.cipherSuites(),
                        h.compressionMethods(), h.extensions()),
                h -> new ClientHello(h.clientVersion(), otherRandom, h.sessionId(), h.cookie(), h.cipherSuites(),
                        h.compressionMethods(), h.extensions()),
                h -> new ClientHello(h.clientVersion(), h.random(), new byte[] {1}, h.cookie(), h.cipherSuites(),
                        h.compressionMethods(), h.extensions()),
                h -> new ClientHello(h.clientVersion(), h.random(), h.sessionId(), h.cookie(), List.of(0xC0A8, 0xC0AE),
                        h.compressionMethods(), h.extensions()),
                h -> new ClientHello(h.clientVersion(), h.random(), h.sessionId(), h.cookie(), h.cipherSuites(),
                        new byte[] {0, 1}, h.extensions()),
                h -> new ClientHello(h.clientVersion(), h.random(), h.sessionId(), h.cookie(), h.cipherSuites(),
                        h.compressionMethods(), Extensions.NONE));
        for (UnaryOperator<ClientHello> change : changes) {
            assertThat(cookies.isValid(hmac, CLIENT, change.apply(hello()).withCookie(cookie), ms(1))).isFalse();
        }
        assertThat(cookies.isValid(hmac, address("192.0.2.11", 50000), hello().withCookie(cookie), ms(1))).isFalse();
        assertThat(cookies.isValid(hmac, address("192.0.2.10", 50001), hello().withCookie(cookie), ms(1))).isFalse();
    }

    @Test
    void secretsRotateAndTheOldOneIsAcceptedForOnePeriod() {
        CookieSecrets secrets = new CookieSecrets(source, java.time.Duration.ofMillis(1_000), 0);
        StatelessCookies cookies = new StatelessCookies(secrets);
        byte[] cookie = cookies.cookieFor(hmac, CLIENT, hello(), ms(500));

        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(cookie), ms(999))).isTrue();
        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(cookie), ms(1_500))).as("after one rotation").isTrue();
        assertThat(secrets.nextRotation()).isEqualTo(ms(2_500));
        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(cookie), ms(2_600))).as("after two").isFalse();
    }

    @Test
    void longIdlenessReplacesBothSecrets() {
        StatelessCookies cookies = new StatelessCookies(new CookieSecrets(source, java.time.Duration.ofMillis(1_000), 0));
        byte[] cookie = cookies.cookieFor(hmac, CLIENT, hello(), ms(900));
        assertThat(cookies.isValid(hmac, CLIENT, hello().withCookie(cookie), ms(5_000))).isFalse();
    }
}
