package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;

import java.util.List;

/**
 * A ClientHello as the server sees it before any state exists: the hello, its message_seq and the
 * record sequence number that carried it (RFC 6347 section 4.2.1).
 */
record ClientHelloPeek(ClientHello hello, int messageSeq, long recordSeq) {

    /** Cheap test on the raw bytes: does the datagram start with an epoch-0 handshake record holding a ClientHello? */
    static boolean startsWithClientHello(byte[] datagram, int offset, int length) {
        return length > Record.HEADER_LENGTH
                && datagram[offset] == (byte) ContentType.HANDSHAKE.code()
                && datagram[offset + 3] == 0 && datagram[offset + 4] == 0
                && datagram[offset + Record.HEADER_LENGTH] == (byte) HandshakeType.CLIENT_HELLO.code();
    }

    /**
     * The ClientHello of the datagram's first record when it is whole in one fragment of a record of a
     * version hellos may carry, as a stateless server must require: it cannot keep fragments of
     * unverified clients. Null otherwise.
     */
    static ClientHelloPeek parse(byte[] datagram, int offset, int length) {
        List<Record> records = RecordCodec.decode(datagram, offset, length);
        if (records.isEmpty()) {
            return null;
        }
        Record first = records.get(0);
        boolean helloVersion = first.version().equals(ProtocolVersion.DTLS_1_2)
                || first.version().equals(ProtocolVersion.DTLS_1_0);
        if (first.type() != ContentType.HANDSHAKE || first.epoch() != 0 || !helloVersion) {
            return null;
        }
        try {
            byte[] plaintext = first.fragment();
            HandshakeFragment fragment = HandshakeFragment.decodeAll(plaintext, 0, plaintext.length).get(0);
            if (fragment.type() != HandshakeType.CLIENT_HELLO.code() || !fragment.isComplete()) {
                return null;
            }
            return new ClientHelloPeek(ClientHello.decode(fragment.fragmentBytes()), fragment.messageSeq(),
                    first.sequenceNumber());
        } catch (DecodeException malformed) {
            return null;
        }
    }
}
