package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message trace: with the logger {@value #LOGGER} at DEBUG, every CoAP message an endpoint sends or receives is
 * logged as one line, like libcoap's {@code -v} and Californium's message tracer:
 * <pre>
 * coap -&gt; 127.0.0.1:5683 CON GET MID=4711 Token=0a1b Uri-Path=/hello Accept=0
 * coap &lt;- 127.0.0.1:5683 ACK 2.05 Content MID=4711 Token=0a1b Content-Format=0 payload(12)="Hello, world"
 * </pre>
 * The payload shows only its length and the first {@value #PAYLOAD_PREFIX} bytes, escaped ({@code \xNN} for bytes
 * that are not printable ASCII); a message that does not decode shows its length only. Costs nothing when the
 * logger is off.
 */
public final class MessageTrace {
    /** The logger of the CoAP message trace; {@code io.coaps4j.trace} at DEBUG turns on the DTLS record trace too. */
    public static final String LOGGER = "io.coaps4j.trace.coap";
    /** How many payload bytes a line shows at most. */
    public static final int PAYLOAD_PREFIX = 32;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(OptionNumber.IF_MATCH, "If-Match"),
            Map.entry(OptionNumber.URI_HOST, "Uri-Host"), Map.entry(OptionNumber.ETAG, "ETag"),
            Map.entry(OptionNumber.IF_NONE_MATCH, "If-None-Match"), Map.entry(OptionNumber.OBSERVE, "Observe"),
            Map.entry(OptionNumber.URI_PORT, "Uri-Port"), Map.entry(OptionNumber.LOCATION_PATH, "Location-Path"),
            Map.entry(OptionNumber.URI_PATH, "Uri-Path"), Map.entry(OptionNumber.CONTENT_FORMAT, "Content-Format"),
            Map.entry(OptionNumber.MAX_AGE, "Max-Age"), Map.entry(OptionNumber.URI_QUERY, "Uri-Query"),
            Map.entry(OptionNumber.ACCEPT, "Accept"), Map.entry(OptionNumber.LOCATION_QUERY, "Location-Query"),
            Map.entry(OptionNumber.BLOCK2, "Block2"), Map.entry(OptionNumber.BLOCK1, "Block1"),
            Map.entry(OptionNumber.SIZE2, "Size2"), Map.entry(OptionNumber.PROXY_URI, "Proxy-Uri"),
            Map.entry(OptionNumber.PROXY_SCHEME, "Proxy-Scheme"), Map.entry(OptionNumber.SIZE1, "Size1"),
            Map.entry(OptionNumber.REQUEST_TAG, "Request-Tag"));
    private static final List<Integer> UINTS = List.of(OptionNumber.OBSERVE, OptionNumber.URI_PORT,
            OptionNumber.CONTENT_FORMAT, OptionNumber.MAX_AGE, OptionNumber.ACCEPT, OptionNumber.SIZE1,
            OptionNumber.SIZE2);
    private static final List<Integer> STRINGS = List.of(OptionNumber.URI_HOST, OptionNumber.PROXY_URI,
            OptionNumber.PROXY_SCHEME, OptionNumber.URI_QUERY, OptionNumber.LOCATION_QUERY);

    private MessageTrace() {
    }

    /** Whether the trace is on (the logger {@value #LOGGER} at DEBUG). */
    public static boolean enabled() {
        return LOG.isDebugEnabled();
    }

    /** Logs the message in {@code data[offset, offset + length)} exchanged with {@code peer}, when the trace is on. */
    static void log(boolean sent, InetSocketAddress peer, byte[] data, int offset, int length) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line(sent, peer, data, offset, length));
        }
    }

    /** The trace line of a message {@code sent} to, or received from, {@code peer}. */
    public static String line(boolean sent, InetSocketAddress peer, byte[] data, int offset, int length) {
        StringBuilder line = new StringBuilder(120).append(sent ? "coap -> " : "coap <- ").append(address(peer));
        Message message;
        try {
            message = MessageCodec.decode(data, offset, length);
        } catch (MessageFormatException e) {
            return line.append(" malformed (").append(length).append(" bytes)").toString();
        }
        line.append(' ').append(message.type());
        if (message.isRequest()) {
            line.append(' ').append(message.code().name() != null ? message.code().name() : message.code().dotted());
        } else if (!message.isEmpty()) {
            line.append(' ').append(message.code());
        }
        line.append(" MID=").append(message.messageId());
        if (message.token().length() > 0) {
            line.append(" Token=").append(message.token());
        }
        appendOptions(line, message);
        if (message.payloadLength() > 0) {
            line.append(" payload(").append(message.payloadLength()).append(")=");
            appendEscaped(line, message.payload(), PAYLOAD_PREFIX, true);
        }
        return line.toString();
    }

    private static void appendOptions(StringBuilder line, Message message) {
        int previous = -1;
        for (Option option : message.options()) {
            int number = option.number();
            if (number == OptionNumber.URI_PATH || number == OptionNumber.LOCATION_PATH) {
                // Path segments read as one path; a repeated option with the same number continues it.
                line.append(number == previous ? "/" : " " + NAMES.get(number) + "=/");
                appendEscaped(line, option.value(), PAYLOAD_PREFIX, false);
                previous = number;
                continue;
            }
            previous = number;
            line.append(' ').append(NAMES.getOrDefault(number, "Option" + number)).append('=');
            if (UINTS.contains(number)) {
                line.append(option.uintValue());
            } else if (number == OptionNumber.BLOCK1 || number == OptionNumber.BLOCK2) {
                long block = option.uintValue();
                line.append(block >>> 4).append(((block & 0x8) != 0) ? "+" : "").append('/')
                        .append(16 << (block & 0x7));
            } else if (STRINGS.contains(number)) {
                appendEscaped(line, option.value(), PAYLOAD_PREFIX, true);
            } else {
                line.append(option.length() == 0 ? "(empty)" : HexFormat.of().formatHex(option.value()));
            }
        }
    }

    /**
     * At most {@code max} of {@code bytes}, in quotes when {@code quoted}: printable ASCII as is, others as
     * {@code \xNN}, then "..." when some were left out.
     */
    static void appendEscaped(StringBuilder line, byte[] bytes, int max, boolean quoted) {
        if (quoted) {
            line.append('"');
        }
        int shown = Math.min(bytes.length, max);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '"' || b == '\\') {
                line.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                line.append((char) b);
            } else {
                line.append(String.format("\\x%02x", b));
            }
        }
        if (quoted) {
            line.append('"');
        }
        if (shown < bytes.length) {
            line.append("...");
        }
    }

    private static String address(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
