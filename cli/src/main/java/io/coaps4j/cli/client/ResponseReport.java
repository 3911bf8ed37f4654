package io.coaps4j.cli.client;

import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.coap.message.Code;

/**
 * Shows a response the way libcoap's coap-client does: the payload on standard output, the response
 * code ("2.05 Content") on standard error. The exit status follows the code's class.
 */
final class ResponseReport {
    private ResponseReport() {
    }

    /** Prints the response and returns the exit status for it. */
    static int print(Terminal terminal, Code code, byte[] payload) {
        terminal.payload(payload);
        terminal.errLine(code.toString());
        return exitCodeFor(code);
    }

    static int exitCodeFor(Code code) {
        switch (code.codeClass()) {
            case 2:
                return ExitCodes.OK;
            case 4:
                return ExitCodes.CLIENT_ERROR_RESPONSE;
            case 5:
                return ExitCodes.SERVER_ERROR_RESPONSE;
            default:
                return ExitCodes.FAILURE;
        }
    }
}
