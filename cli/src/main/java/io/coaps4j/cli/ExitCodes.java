package io.coaps4j.cli;

/**
 * The process exit status of every coaps4j command, so that scripts can tell outcomes apart.
 * A response with a 4.xx or 5.xx code exits with the code's class.
 */
public final class ExitCodes {
    /** The command did what was asked; for a request, the response was 2.xx. */
    public static final int OK = 0;
    /** The request could not be carried out: the peer reset it, the network or a file failed, the port was taken. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, bad URI, unreadable value. */
    public static final int USAGE = 2;
    /** No response arrived within the timeout. */
    public static final int TIMEOUT = 3;
    /** The response was a client error, 4.xx. */
    public static final int CLIENT_ERROR_RESPONSE = 4;
    /** The response was a server error, 5.xx. */
    public static final int SERVER_ERROR_RESPONSE = 5;

    private ExitCodes() {
    }
}
