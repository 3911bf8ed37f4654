package io.coaps4j.cli.client;

import io.coaps4j.cli.psk.HeartbeatOption;
import io.coaps4j.cli.psk.ResumptionOption;
import io.coaps4j.coap.client.ClientRequest;
import java.time.Duration;
import java.util.OptionalInt;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every request command takes: message type, how long to wait, and the wanted Content-Format. */
final class ExchangeOptions {
    @Option(names = "--non", description = "send a non-confirmable (NON) request instead of a confirmable (CON) one")
    boolean nonConfirmable;

    @Option(names = "--timeout", paramLabel = "S", converter = SecondsConverter.class, defaultValue = "30",
            description = "give up when no response arrived after S seconds (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--accept", paramLabel = "CF", converter = ContentFormatConverter.class,
            description = "ask for this Content-Format: a number or a media type")
    Integer accept;

    @Mixin
    HeartbeatOption heartbeat;

    @Mixin
    ResumptionOption resumption;

    OptionalInt accept() {
        return accept == null ? OptionalInt.empty() : OptionalInt.of(accept);
    }

    void applyTo(ClientRequest.Builder request) {
        request.confirmable(!nonConfirmable).timeout(timeout);
        accept().ifPresent(request::accept);
    }
}
