package io.coaps4j.cli.server;

import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.onem2m.OneM2mRequestHandler;
import io.coaps4j.coap.onem2m.OneM2mServerAdapter;
import io.coaps4j.coap.onem2m.RequestPrimitive;
import io.coaps4j.coap.onem2m.ResponsePrimitive;
import io.coaps4j.coap.onem2m.ResponseStatusCode;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.server.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal in-memory oneM2M CSE for {@code coaps4j server}, to try the oneM2M binding (TS-0008)
 * against: a CSEBase {@value #BASE} with CSE-ID {@value #CSE_ID}, reachable CSE-relative
 * ({@code cse-in/...}, Uri-Path {@code cse-in/...}) and SP-relative ({@code /id-in/cse-in/...}, Uri-Path
 * {@code ~/id-in/cse-in/...}). It keeps each created resource's representation as given, under the
 * name its content names ({@code "rn":"..."}) or a generated one, and answers retrieve, update and
 * delete of it; NOTIFY is accepted. It checks no access rights and validates no resource: a test
 * bed, not a CSE. Bounded: {@value #MAX_RESOURCES} resources of up to {@value #MAX_CONTENT} bytes.
 */
final class InMemoryCse implements OneM2mRequestHandler {
    static final String CSE_ID = "/id-in";
    static final String BASE = "cse-in";
    static final int MAX_RESOURCES = 1_000;
    static final int MAX_CONTENT = 16 * 1024;
    /** Path depth under the CSEBase the CoAP side routes here. */
    private static final int MAX_DEPTH = 6;
    private static final Pattern RESOURCE_NAME = Pattern.compile("\"rn\"\\s*:\\s*\"([A-Za-z0-9_.\\-]{1,64})\"");
    private static final int JSON = ContentFormat.ONEM2M_RES_JSON.number();

    private record Stored(int type, byte[] content, int contentFormat) {
    }

    private final Map<String, Stored> resources = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();

    /**
     * The CoAP resources that route the CSE's namespace to it, hidden so that discovery stays as it
     * was: the CSE-ID alone ("~/id-in", the CSEBase), and the CSEBase and what lies under it, both
     * CSE-relative ("cse-in/...") and SP-relative ("~/id-in/cse-in/...").
     */
    List<Resource> resources() {
        OneM2mServerAdapter adapter = new OneM2mServerAdapter(this);
        List<Resource> routes = new ArrayList<>();
        routes.add(route("~" + CSE_ID, adapter));
        for (String root : List.of(BASE, "~" + CSE_ID + "/" + BASE)) {
            StringBuilder path = new StringBuilder(root);
            routes.add(route(path.toString(), adapter));
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                path.append("/{s").append(depth).append('}');
                routes.add(route(path.toString(), adapter));
            }
        }
        return routes;
    }

    private static Resource route(String path, OneM2mServerAdapter adapter) {
        return Resource.builder(path).hidden().get(adapter).post(adapter).put(adapter).delete(adapter).build();
    }

    @Override
    public ResponsePrimitive handle(RequestPrimitive request, CoapRequest coap) {
        String path = cseRelative(request.to());
        boolean base = path.equals(BASE);
        Stored target = base ? null : resources.get(path);
        if (!base && target == null) {
            return answer(request, ResponseStatusCode.NOT_FOUND);
        }
        switch (request.operation()) {
            case RETRIEVE:
                return base ? ResponsePrimitive.answering(request, ResponseStatusCode.OK).content(
                        "{\"m2m:cb\":{\"rn\":\"" + BASE + "\",\"ty\":5,\"csi\":\"" + CSE_ID + "\"}}", JSON).build()
                        : ResponsePrimitive.answering(request, ResponseStatusCode.OK)
                                .content(target.content(), target.contentFormat()).build();
            case CREATE:
                return create(request, path);
            case UPDATE:
                if (base) {
                    return answer(request, ResponseStatusCode.OPERATION_NOT_ALLOWED);
                }
                if (request.content().length > MAX_CONTENT) {
                    return answer(request, ResponseStatusCode.BAD_REQUEST);
                }
                resources.put(path, new Stored(target.type(), request.content(), request.contentFormat().orElse(JSON)));
                return ResponsePrimitive.answering(request, ResponseStatusCode.UPDATED)
                        .content(request.content(), request.contentFormat().orElse(JSON)).build();
            case DELETE:
                if (base) {
                    return answer(request, ResponseStatusCode.OPERATION_NOT_ALLOWED);
                }
                resources.keySet().removeIf(name -> name.equals(path) || name.startsWith(path + "/"));
                return answer(request, ResponseStatusCode.DELETED);
            default:
                return answer(request, ResponseStatusCode.OK); // NOTIFY: accepted, nothing kept
        }
    }

    private ResponsePrimitive create(RequestPrimitive request, String parent) {
        if (request.content().length > MAX_CONTENT || request.resourceType().isEmpty()) {
            return answer(request, ResponseStatusCode.BAD_REQUEST);
        }
        if (resources.size() >= MAX_RESOURCES || parent.chars().filter(c -> c == '/').count() >= MAX_DEPTH) {
            return answer(request, ResponseStatusCode.NOT_ACCEPTABLE);
        }
        Matcher named = RESOURCE_NAME.matcher(request.contentAsString());
        String name = named.find() ? named.group(1) : "r" + names.incrementAndGet();
        String path = parent + "/" + name;
        Stored stored = new Stored(request.resourceType().getAsInt(), request.content(),
                request.contentFormat().orElse(JSON));
        if (resources.putIfAbsent(path, stored) != null) {
            return answer(request, 4105); // CONFLICT: the name is taken
        }
        return ResponsePrimitive.answering(request, ResponseStatusCode.CREATED).location(path)
                .content(stored.content(), stored.contentFormat()).build();
    }

    /** {@code to} as a path under this CSE ("cse-in/ae1"); "" when it is not this CSE's. */
    private static String cseRelative(String to) {
        if (to.equals(CSE_ID)) {
            return BASE;
        }
        if (to.startsWith(CSE_ID + "/")) {
            return to.substring(CSE_ID.length() + 1);
        }
        return to;
    }

    private static ResponsePrimitive answer(RequestPrimitive request, int statusCode) {
        return ResponsePrimitive.answering(request, statusCode).build();
    }

    /** Resources held (the CSEBase not counted). */
    int size() {
        return resources.size();
    }
}
