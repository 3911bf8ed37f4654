package io.coaps4j.coaps;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS record trace: with the logger {@value #LOGGER} at DEBUG, a coaps connector logs one line per DTLS record
 * it sends or receives, from the record header only (RFC 6347 section 4.1): content type, epoch, sequence number,
 * length, and for the plaintext handshake of epoch 0 the message type and fragment, for a plaintext alert its level
 * and description. Nothing of a protected record's content, and no key, is shown:
 * <pre>
 * dtls &lt;- 127.0.0.1:40000 handshake epoch=0 seq=0 len=120 ClientHello(seq=0 frag=0+108/108)
 * dtls -&gt; 127.0.0.1:40000 application_data epoch=1 seq=3 len=37
 * </pre>
 */
final class RecordTrace {
    static final String LOGGER = "io.coaps4j.trace.dtls";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;
    private static final int TLS12_CID = 25;

    private RecordTrace() {
    }

    /** Logs each record of the datagram {@code data[offset, offset + length)}, when the trace is on. */
    static void log(boolean sent, InetSocketAddress peer, byte[] data, int offset, int length) {
        if (LOG.isDebugEnabled()) {
            for (String line : lines(sent, peer, data, offset, length)) {
                LOG.debug(line);
            }
        }
    }

    /** One line per record of a datagram; a truncated header or record ends the datagram with a "malformed" line. */
    static java.util.List<String> lines(boolean sent, InetSocketAddress peer, byte[] data, int offset, int length) {
        java.util.List<String> lines = new java.util.ArrayList<>(2);
        String prefix = (sent ? "dtls -> " : "dtls <- ") + address(peer) + " ";
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < HEADER) {
                lines.add(prefix + "malformed (" + (end - at) + " bytes, shorter than a record header)");
                break;
            }
            int type = data[at] & 0xFF;
            int epoch = u16(data, at + 3);
            long sequence = ((long) u16(data, at + 5) << 32) | ((long) u16(data, at + 7) << 16) | u16(data, at + 9);
            if (type == TLS12_CID) {
                // RFC 9146 section 4: the connection ID sits between sequence number and length, and its length is
                // known only to the receiver, so the record's end (and any record after it) cannot be found here.
                lines.add(prefix + contentType(type) + " epoch=" + epoch + " seq=" + sequence + " ("
                        + (end - at - 11) + " bytes of connection ID, length and protected content)");
                break;
            }
            int recordLength = u16(data, at + 11);
            StringBuilder line = new StringBuilder(prefix).append(contentType(type)).append(" epoch=").append(epoch)
                    .append(" seq=").append(sequence).append(" len=").append(recordLength);
            int body = at + HEADER;
            if (end - body < recordLength) {
                lines.add(line.append(" malformed (").append(end - body).append(" bytes left)").toString());
                break;
            }
            if (epoch == 0) {
                describePlaintext(line, type, data, body, recordLength);
            }
            lines.add(line.toString());
            at = body + recordLength;
        }
        return lines;
    }

    private static void describePlaintext(StringBuilder line, int type, byte[] data, int body, int length) {
        if (type == 22 && length >= HANDSHAKE_HEADER) {
            int messageLength = u24(data, body + 1);
            line.append(' ').append(handshakeType(data[body] & 0xFF)).append("(seq=").append(u16(data, body + 4))
                    .append(" frag=").append(u24(data, body + 6)).append('+').append(u24(data, body + 9))
                    .append('/').append(messageLength).append(')');
        } else if (type == 21 && length == 2) {
            line.append(' ').append((data[body] & 0xFF) == 2 ? "fatal" : "warning").append('(')
                    .append(data[body + 1] & 0xFF).append(')');
        }
    }

    private static String contentType(int type) {
        switch (type) {
            case 20: return "change_cipher_spec";
            case 21: return "alert";
            case 22: return "handshake";
            case 23: return "application_data";
            case 24: return "heartbeat";
            case 25: return "tls12_cid";
            default: return "type" + type;
        }
    }

    private static String handshakeType(int type) {
        switch (type) {
            case 0: return "HelloRequest";
            case 1: return "ClientHello";
            case 2: return "ServerHello";
            case 3: return "HelloVerifyRequest";
            case 4: return "NewSessionTicket";
            case 11: return "Certificate";
            case 12: return "ServerKeyExchange";
            case 13: return "CertificateRequest";
            case 14: return "ServerHelloDone";
            case 15: return "CertificateVerify";
            case 16: return "ClientKeyExchange";
            case 20: return "Finished";
            default: return "Handshake" + type;
        }
    }

    private static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private static int u24(byte[] data, int at) {
        return ((data[at] & 0xFF) << 16) | u16(data, at + 1);
    }

    private static String address(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
