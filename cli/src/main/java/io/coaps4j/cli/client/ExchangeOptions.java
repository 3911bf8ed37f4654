package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.TraceOption;
import io.coaps4j.cli.psk.HeartbeatOption;
import io.coaps4j.cli.psk.ConnectionIdOption;
import io.coaps4j.cli.psk.ResumptionOption;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
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

    @Option(names = "--block-size", paramLabel = "BYTES",
            description = "move bodies block-wise (RFC 7959) in blocks of BYTES: 16, 32, 64, 128, 256, 512 or 1024"
                    + " (default: 1024, and only bodies larger than one message go in blocks)")
    Integer blockSize;

    @Mixin
    HeartbeatOption heartbeat;

    @Mixin
    ResumptionOption resumption;

    @Mixin
    TraceOption trace;

    @Mixin
    ConnectionIdOption cid;
    /** The block-wise configuration of the client; a wrong --block-size is a usage error naming it. */
    BlockwiseConfig blockwise() {
        if (blockSize == null) {
            return BlockwiseConfig.DEFAULT;
        }
        try {
            return BlockwiseConfig.builder().blockSize(blockSize).build();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--block-size: " + e.getMessage());
        }
    }

    OptionalInt accept() {
        return accept == null ? OptionalInt.empty() : OptionalInt.of(accept);
    }

    void applyTo(ClientRequest.Builder request) {
        request.confirmable(!nonConfirmable).timeout(timeout);
        accept().ifPresent(request::accept);
    }
}
