package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.HelloVerifyRequest;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;

import static io.coaps4j.dtls.engine.Fixture.KEY;

/** ClientHellos made by hand, as a client that completes the cookie exchange and no more would send them. */
final class Hellos {
    private Hellos() {
    }

    /** The first ClientHello (no cookie) of a new client with randomness {@code seed}. */
    static byte[] firstHello(long seed) {
        return Fixture.client(Fixture.config("c", KEY), seed).start(0).datagrams().get(0);
    }

    /** The ClientHello datagram again, with {@code cookie} in place of the empty cookie. */
    static byte[] withCookie(byte[] helloDatagram, byte[] cookie) throws Exception {
        Record record = Wire.records(helloDatagram).get(0);
        HandshakeFragment fragment = Wire.onlyFragment(record);
        ClientHello hello = ClientHello.decode(fragment.fragmentBytes()).withCookie(cookie);
        byte[] body = hello.encodeBody();
        return Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, record.sequenceNumber() + 1,
                HandshakeFragment.whole(HandshakeType.CLIENT_HELLO.code(), 1, body).encode()));
    }

    /** The cookie of the HelloVerifyRequest in {@code verifyRequest}. */
    static byte[] cookieOf(DtlsServer.Result verifyRequest) throws Exception {
        Record record = Wire.records(verifyRequest.datagrams().get(0).datagram()).get(0);
        byte[] body = Wire.onlyFragment(record).fragmentBytes();
        return HelloVerifyRequest.decode(body).cookie();
    }

    /** Runs the cookie exchange of a new client from {@code from}: its hello with a valid cookie, ready to send. */
    static byte[] verifiedHello(DtlsServer server, java.net.InetSocketAddress from, long seed, long now)
            throws Exception {
        byte[] hello = firstHello(seed);
        return withCookie(hello, cookieOf(server.receive(from, hello, now)));
    }
}
