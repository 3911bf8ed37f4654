package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Test helpers to take datagrams apart and forge records, as an attacker on the path would. */
final class Wire {
    private Wire() {
    }

    static List<Record> records(byte[] datagram) {
        return RecordCodec.decode(datagram, 0, datagram.length);
    }

    static byte[] datagram(Record... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Record record : records) {
            out.writeBytes(RecordCodec.encode(record));
        }
        return out.toByteArray();
    }

    static Record plaintext(ContentType type, long sequence, byte[] fragment) {
        return new Record(type, ProtocolVersion.DTLS_1_2, 0, sequence, fragment);
    }

    /** The handshake type of the first fragment of the datagram's first record, or -1. */
    static int firstHandshakeType(byte[] datagram) {
        List<Record> records = records(datagram);
        if (records.isEmpty() || records.get(0).type() != ContentType.HANDSHAKE || records.get(0).epoch() != 0) {
            return -1;
        }
        byte[] fragment = records.get(0).fragment();
        return fragment.length > 0 ? fragment[0] & 0xff : -1;
    }

    static HandshakeFragment onlyFragment(Record record) throws Exception {
        byte[] plaintext = record.fragment();
        return HandshakeFragment.decodeAll(plaintext, 0, plaintext.length).get(0);
    }
}
