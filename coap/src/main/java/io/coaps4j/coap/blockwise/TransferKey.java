package io.coaps4j.coap.blockwise;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.peer.Peer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which transfer a block belongs to on the server (RFC 7959 section 2.4, RFC 9175 section 3.3): the
 * peer (a connection handle, so over DTLS its session), the method, the target resource, and, for
 * request bodies, the Request-Tag, so that concurrent bodies to one resource stay apart. A FETCH's body
 * is not part of the key: Californium does not repeat it in the requests for later blocks (ours does,
 * RFC 8132), and a kept body replaced by another FETCH's shows in its ETag, so the client starts over.
 */
record TransferKey(Peer peer, Code code, List<Option> identity) {

    private static final int[] TARGET = {OptionNumber.URI_HOST, OptionNumber.URI_PORT, OptionNumber.URI_PATH,
            OptionNumber.URI_QUERY, OptionNumber.PROXY_URI, OptionNumber.PROXY_SCHEME};

    /** The key of a request body (Block1) transfer. */
    static TransferKey ofRequestBody(Peer peer, Message request) {
        return new TransferKey(peer, request.code(), select(request, OptionNumber.REQUEST_TAG));
    }

    /** The key of a response body (Block2) transfer. */
    static TransferKey ofResponseBody(Peer peer, Message request) {
        return new TransferKey(peer, request.code(), select(request, OptionNumber.ACCEPT));
    }

    private static List<Option> select(Message request, int extra) {
        List<Option> identity = new ArrayList<>(4);
        for (Option option : request.options()) {
            int number = option.number();
            if (number == extra) {
                identity.add(option);
                continue;
            }
            for (int target : TARGET) {
                if (number == target) {
                    identity.add(option);
                    break;
                }
            }
        }
        return List.copyOf(identity);
    }
}
