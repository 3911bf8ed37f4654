package io.coaps4j.coaps;

/**
 * What connection IDs (RFC 9146) and the return routability check (RFC 9853) did for one {@link DtlsConnector}.
 *
 * @param addressUpdates        sessions moved to a new peer address by an authentic, newer CID record (after a
 *                              successful check where one was negotiated): NAT rebindings survived
 * @param pathChallengesSent    path_challenge messages sent to a new address, retries included
 * @param pathChecksSucceeded   checks answered with the right cookie
 * @param pathChecksFailed      checks without a valid answer in time: the session stayed at its address
 * @param pathChallengesAnswered path_challenge messages of peers answered with a path_response
 */
public record ConnectionIdMetrics(long addressUpdates, long pathChallengesSent, long pathChecksSucceeded,
                                  long pathChecksFailed, long pathChallengesAnswered) {
    /** Nothing happened. */
    public static final ConnectionIdMetrics NONE = new ConnectionIdMetrics(0, 0, 0, 0, 0);
}
