package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.server.CoapRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A CSE reduced to a map of representations by To, enough to see every operation arrive and answer. */
final class MiniCse implements OneM2mRequestHandler {
    final Map<String, String> resources = new ConcurrentHashMap<>();
    final List<RequestPrimitive> notifications = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();

    @Override
    public ResponsePrimitive handle(RequestPrimitive request, CoapRequest coap) {
        String to = request.to();
        switch (request.operation()) {
            case CREATE: {
                String child = to + "/r" + names.incrementAndGet();
                resources.put(child, request.contentAsString());
                return ResponsePrimitive.answering(request, ResponseStatusCode.CREATED).location(child)
                        .content(request.contentAsString(), request.contentFormat().orElse(50)).build();
            }
            case RETRIEVE: {
                String value = resources.get(to);
                if (value == null) {
                    return ResponsePrimitive.answering(request, ResponseStatusCode.NOT_FOUND).build();
                }
                return ResponsePrimitive.answering(request, ResponseStatusCode.OK).content(value, 50).build();
            }
            case UPDATE:
                resources.put(to, request.contentAsString());
                return ResponsePrimitive.answering(request, ResponseStatusCode.UPDATED).build();
            case DELETE:
                return ResponsePrimitive.answering(request, resources.remove(to) != null ? ResponseStatusCode.DELETED
                        : ResponseStatusCode.NOT_FOUND).build();
            default:
                notifications.add(request);
                return ResponsePrimitive.answering(request, ResponseStatusCode.OK).build();
        }
    }
}
