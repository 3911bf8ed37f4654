package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.client.ClientRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The request body of POST and PUT: where it comes from and its Content-Format. */
final class PayloadOptions {
    /** What the client sends block-wise at most (its maximum body size, RFC 7959): 1 MiB. */
    static final int MAX_PAYLOAD_BYTES = BlockwiseConfig.DEFAULT_MAX_BODY_SIZE;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--content-format", paramLabel = "CF", converter = ContentFormatConverter.class,
            description = "Content-Format of the payload: a number (0, 50) or a media type (text/plain, application/json)")
    Integer contentFormat;

    static final class Source {
        @Option(names = "--payload", paramLabel = "TEXT", required = true, description = "the payload, sent as UTF-8")
        String text;

        @Option(names = "--payload-file", paramLabel = "FILE", required = true, description = "send the bytes of FILE as the payload")
        Path file;
    }

    /** The payload bytes; empty when none was given. Unreadable files are a usage error. */
    byte[] payload() {
        if (source == null) {
            return new byte[0];
        }
        if (source.text != null) {
            return source.text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            long size = Files.size(source.file);
            if (size > MAX_PAYLOAD_BYTES) {
                throw new CommandFailure(ExitCodes.USAGE, "payload file " + source.file + " has " + size
                        + " bytes; at most " + MAX_PAYLOAD_BYTES + " can be sent");
            }
            return Files.readAllBytes(source.file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.USAGE, "payload file " + source.file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "cannot read payload file " + source.file + ": " + e.getMessage());
        }
    }

    void applyTo(ClientRequest.Builder request) {
        request.payload(payload());
        contentFormat().ifPresent(request::contentFormat);
    }

    OptionalInt contentFormat() {
        return contentFormat == null ? OptionalInt.empty() : OptionalInt.of(contentFormat);
    }
}
