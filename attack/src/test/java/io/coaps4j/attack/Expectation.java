package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.constants.ProtocolMessageType;
import de.rub.nds.tlsattacker.core.protocol.ProtocolMessage;
import de.rub.nds.tlsattacker.core.protocol.message.AlertMessage;
import de.rub.nds.tlsattacker.core.protocol.message.HelloVerifyRequestMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloMessage;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.DtlsEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What our server must answer to an attack: checked against what TLS-Attacker received and the events the server
 * reported for the attacker's address.
 */
interface Expectation {

    void check(Outcome outcome, List<DtlsEvent> serverEvents);

    /**
     * A fatal alert of {@code description} on the wire, and the handshake failed on our side with it (RFC 5246
     * section 7.2.2: the connection ends).
     */
    static Expectation alert(AlertDescription description) {
        return named("fatal " + description, (outcome, events) -> {
            assertThat(outcome.alerts()).as("alerts received; %s", outcome).contains(description.code());
            assertThat(events).as("server events").anySatisfy(event -> {
                assertThat(event).isInstanceOf(DtlsEvent.Failed.class);
                DtlsEvent.Failed failed = (DtlsEvent.Failed) event;
                assertThat(failed.origin()).isEqualTo(DtlsEvent.FailureOrigin.LOCAL_ALERT);
                assertThat(failed.alert()).isEqualTo(Optional.of(description));
            });
            assertThat(events).noneMatch(DtlsEvent.HandshakeCompleted.class::isInstance);
        });
    }

    /**
     * Nothing at all within the receive timeout: invalid records are dropped silently (RFC 6347 section
     * 4.1.2.7), and no session starts.
     */
    static Expectation silence() {
        return named("silence", (outcome, events) -> {
            assertThat(outcome.recordsReceivedLast()).as("records received last; %s", outcome).isEmpty();
            assertThat(events).noneMatch(event -> event instanceof DtlsEvent.Failed);
        });
    }

    /**
     * The handshake waits for a message that does not come: nothing but the server's retransmissions of its own
     * flight 4 (plaintext handshake records, as its timer sends them, RFC 6347 section 4.2.4), no alert, no failure.
     */
    static Expectation waitingWithRetransmissionsOnly() {
        return named("waiting, retransmissions only", (outcome, events) -> {
            assertThat(outcome.recordsReceivedLast()).as("records received last; %s", outcome).allSatisfy(record -> {
                assertThat(record.getContentMessageType()).isEqualTo(ProtocolMessageType.HANDSHAKE);
                assertThat(record.getEpoch().getValue()).isZero();
            });
            assertThat(outcome.alerts()).isEmpty();
            assertThat(events).noneMatch(e -> e instanceof DtlsEvent.Failed || e instanceof DtlsEvent.HandshakeCompleted);
        });
    }

    /**
     * Silence after an established session, which the attack leaves as it was: the genuine handshake completed,
     * nothing failed or closed, and exactly the application data {@code delivered} reached the application.
     */
    static Expectation silenceKeepingTheSession(String... delivered) {
        return named("silence, session kept, delivered " + List.of(delivered), (outcome, events) -> {
            assertThat(outcome.recordsReceivedLast()).as("records received last; %s", outcome).isEmpty();
            assertThat(events).as("server events").filteredOn(DtlsEvent.HandshakeCompleted.class::isInstance).hasSize(1);
            assertThat(events).as("server events").filteredOn(DtlsEvent.ApplicationData.class::isInstance)
                    .map(e -> new String(((DtlsEvent.ApplicationData) e).data(), StandardCharsets.UTF_8))
                    .containsExactly(delivered);
            assertThat(events).as("server events").noneMatch(e -> e instanceof DtlsEvent.Failed
                    || e instanceof DtlsEvent.Closed);
        });
    }

    /**
     * A HelloVerifyRequest and no ServerHello: the server commits no state to the hello (RFC 6347 section 4.2.1).
     */
    static Expectation helloVerifyRequestOnly() {
        return named("HelloVerifyRequest only", (outcome, events) -> {
            List<ProtocolMessage> last = outcome.receivedLast();
            assertThat(last).as("received last; %s", outcome).hasAtLeastOneElementOfType(HelloVerifyRequestMessage.class);
            assertThat(outcome.received()).noneMatch(ServerHelloMessage.class::isInstance);
            assertThat(events).isEmpty();
        });
    }

    /**
     * The server answered, in the last receive, with exactly messages of these types in this order (a
     * retransmitted flight, a completed handshake), and reported no failure.
     */
    static Expectation answeredWith(Class<?>... types) {
        return named("answered with " + Stream.of(types).map(Class::getSimpleName).toList(), (outcome, events) -> {
            assertThat(outcome.receivedLast()).as("received last; %s", outcome)
                    .extracting(message -> (Object) message.getClass()).containsExactly((Object[]) types);
            assertThat(events).noneMatch(DtlsEvent.Failed.class::isInstance);
        });
    }

    /** The handshake completed on both sides and no application data reached the application. */
    static Expectation completedDeliveringNothing() {
        return named("handshake completed, nothing delivered", (outcome, events) -> {
            assertThat(outcome.asPlanned()).as("%s", outcome).isTrue();
            assertThat(events).filteredOn(DtlsEvent.HandshakeCompleted.class::isInstance).hasSize(1);
            assertThat(events).noneMatch(e -> e instanceof DtlsEvent.ApplicationData || e instanceof DtlsEvent.Failed);
        });
    }

    /**
     * A warning alert of {@code description} (the refusal of RFC 5746 section 4.4 / RFC 5246 section 7.2.2), and the
     * session goes on: the genuine record sent after it is delivered.
     */
    static Expectation warningKeepingTheSession(AlertDescription description, String delivered) {
        return named("warning " + description + ", session kept", (outcome, events) -> {
            assertThat(outcome.alerts()).as("alerts received; %s", outcome).containsExactly(description.code());
            assertThat(outcome.received()).filteredOn(AlertMessage.class::isInstance)
                    .allSatisfy(alert -> assertThat(((AlertMessage) alert).getLevel().getValue()).isEqualTo((byte) 1));
            assertThat(events).filteredOn(DtlsEvent.ApplicationData.class::isInstance)
                    .map(e -> new String(((DtlsEvent.ApplicationData) e).data(), StandardCharsets.UTF_8))
                    .containsExactly(delivered);
            assertThat(events).noneMatch(e -> e instanceof DtlsEvent.Failed || e instanceof DtlsEvent.Closed);
        });
    }

    static Expectation named(String name, Expectation check) {
        return new Expectation() {
            @Override
            public void check(Outcome outcome, List<DtlsEvent> serverEvents) {
                check.check(outcome, serverEvents);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
