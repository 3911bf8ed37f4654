package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registering requests that observations keep (RFC 7641 section 4.1: each notification answers
 * the registration again), reduced to what a notification needs and shared by registrations alike.
 * A kept request has no token and no message ID (the observation keeps its token; notifications take
 * new message IDs) and owns compact copies of its option values and payload, so it holds neither the
 * received datagram nor the registration's exchange. Ten thousand clients observing one resource the
 * same way share one message instead of keeping one each. The table is bounded (least recently used
 * out): a message evicted from it stays valid for the observations holding it, only no longer shared.
 */
final class SharedRequests {
    private static final int MAX_ENTRIES = 256;

    private final Map<Message, Message> table = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Message, Message> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The shared form of {@code request}: its code, options and payload, type CON, no token, message ID 0. */
    Message share(Message request) {
        Message.Builder builder = Message.builder().type(MessageType.CON).code(request.code()).messageId(0)
                .token(Token.EMPTY);
        for (Option option : request.options()) {
            builder.option(Option.of(option.number(), option.value()));
        }
        Message reduced = builder.payload(request.payload()).build();
        Message shared = table.putIfAbsent(reduced, reduced);
        return shared != null ? shared : reduced;
    }

    /** Distinct registrations the table holds (at most {@value #MAX_ENTRIES}). */
    int size() {
        return table.size();
    }

    void clear() {
        table.clear();
    }
}
