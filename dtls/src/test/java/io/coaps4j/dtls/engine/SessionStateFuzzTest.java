package io.coaps4j.dtls.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coaps4j.dtls.config.SessionTickets;
import io.coaps4j.dtls.config.TicketKey;
import io.coaps4j.dtls.config.TicketKeySource;
import io.coaps4j.dtls.crypto.AesGcmSealer;
import io.coaps4j.dtls.handshake.SessionStateCodec;
import io.coaps4j.dtls.handshake.SessionTicketSealer;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz targets (Jazzer) for what a server reads back of its own sessions: RFC 5077 tickets as
 * {@link SessionTicketSealer} opens them, and session exports (graceful restart) as {@link SessionExport} opens
 * them. Each comes twice: the sealed bytes as they arrive (network, file), which only ever fail to open, and the
 * plaintext inside sealed under the right key, as if the key leaked or a bug sealed garbage. Seeds in
 * {@code SessionStateFuzzTestInputs/<target>/} are real tickets and exports under the keys below;
 * {@code scripts/fuzz.sh} fuzzes.
 *
 * <p>Pass criterion: a value, empty or {@link SessionImportException}, nothing else; nothing decoded larger than
 * its input; and the parse allocates at most {@link #FIXED_ALLOCATION} plus a small multiple of the input (a
 * length field must not make it allocate what the input does not hold).
 */
class SessionStateFuzzTest {
    static final long NOW = 1_700_000_000_000L;
    static final byte[] TICKET_KEY_NAME = "fuzz-ticket-key!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TICKET_SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXPORT_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    static final SessionTickets TICKETS = new SessionTickets(new OneKey(), Duration.ofHours(2), () -> NOW);
    /** What opening anything costs: the cipher, an exception and its stack trace. */
    private static final long FIXED_ALLOCATION = 48 * 1024;
    private static final int ALLOCATION_PER_INPUT_BYTE = 8;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The one ticket key of these targets. */
    static final class OneKey implements TicketKeySource {
        @Override
        public TicketKey current(long nowMillis) {
            return new TicketKey(TICKET_KEY_NAME, TICKET_SECRET);
        }

        @Override
        public Optional<TicketKey> find(byte[] name, long nowMillis) {
            return Arrays.equals(name, TICKET_KEY_NAME) ? Optional.of(current(nowMillis)) : Optional.empty();
        }
    }

    static byte[] sealedTicket(byte[] state) {
        byte[] sealed = AesGcmSealer.seal(TICKET_SECRET, TICKET_KEY_NAME, state);
        byte[] ticket = Arrays.copyOf(TICKET_KEY_NAME, TICKET_KEY_NAME.length + sealed.length);
        System.arraycopy(sealed, 0, ticket, TICKET_KEY_NAME.length, sealed.length);
        return ticket;
    }

    static byte[] sealedExport(byte[] plain) {
        byte[] header = Arrays.copyOf(SessionExport.MAGIC, SessionExport.MAGIC.length + 1);
        header[SessionExport.MAGIC.length] = SessionExport.VERSION;
        byte[] sealed = AesGcmSealer.seal(EXPORT_KEY, header, plain);
        byte[] file = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, file, header.length, sealed.length);
        return file;
    }

    /**
     * The result of {@code parse}, which is run twice: the second run is measured, so that what the first use of
     * a class costs (loading, static tables, the first Cipher) is not counted as the parser's.
     */
    static <T> T withinAllocationBound(int inputLength, Supplier<T> parse) {
        T result = parse.get();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        parse.get();
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for %d bytes of input", inputLength)
                .isLessThanOrEqualTo(FIXED_ALLOCATION + (long) ALLOCATION_PER_INPUT_BYTE * inputLength);
        return result;
    }

    private static void checkState(SessionStateCodec.State state, int inputLength) {
        assertThat(state.session().sessionId().length).isLessThanOrEqualTo(32);
        assertThat(state.session().serverName().map(String::length).orElse(0)).isLessThanOrEqualTo(inputLength);
    }

    /** RFC 5077 section 4: a ticket from the network opens to a session or to nothing, never an exception. */
    @FuzzTest
    void ticket(byte[] ticket) {
        Optional<SessionStateCodec.State> state = withinAllocationBound(ticket.length,
                () -> SessionTicketSealer.open(TICKETS, ticket));
        state.ifPresent(s -> checkState(s, ticket.length));
    }

    /** The state inside a ticket sealed under our key, whatever it holds: a session or nothing. */
    @FuzzTest
    void ticketState(byte[] state) {
        byte[] ticket = sealedTicket(state);
        Optional<SessionStateCodec.State> opened = withinAllocationBound(state.length,
                () -> SessionTicketSealer.open(TICKETS, ticket));
        Optional<SessionStateCodec.State> decoded = SessionStateCodec.decode(state);
        opened.ifPresent(s -> checkState(s, state.length));
        if (opened.isPresent()) {
            assertThat(decoded).isPresent();
        }
    }

    /** An export file as read from disk: it opens only under its key, else SessionImportException. */
    @FuzzTest
    void sessionExport(byte[] file) {
        Object result = withinAllocationBound(file.length, () -> {
            try {
                return SessionExport.open(file, EXPORT_KEY);
            } catch (SessionImportException declared) {
                return declared;
            }
        });
        if (result instanceof SessionImportException declared) {
            assertThat(declared.getMessage()).isNotBlank();
        } else {
            assertThat((List<?>) result).hasSizeLessThanOrEqualTo(file.length / SessionExport.MIN_SESSION_LENGTH);
        }
    }

    /** The plaintext of an export sealed under our key, whatever it holds: imported whole, or not at all. */
    @FuzzTest
    void sessionExportPlaintext(byte[] plain) {
        byte[] file = sealedExport(plain);
        withinAllocationBound(plain.length, () -> {
            try {
                return SessionExport.open(file, EXPORT_KEY);
            } catch (SessionImportException declared) {
                return declared;
            }
        });
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        try {
            int taken = server.importSessions(file, EXPORT_KEY, 0);
            assertThat(taken).isLessThanOrEqualTo(plain.length / SessionExport.MIN_SESSION_LENGTH);
            assertThat(server.sessionCount()).isEqualTo(taken);
        } catch (SessionImportException declared) {
            assertThat(declared.getMessage()).isNotBlank();
            assertThat(server.sessionCount()).isZero();
        }
    }
}
