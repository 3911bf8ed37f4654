package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.server.RequestHandler;
import io.coaps4j.coap.server.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Receiver's side of the binding as a CoAP {@link RequestHandler}: maps each request to a
 * {@link RequestPrimitive} (answering one that does not map as TS-0008 says, with the RSC in
 * oneM2M-RSC), hands it to a {@link OneM2mRequestHandler} and encodes its {@link ResponsePrimitive}.
 * {@link #resources(int)} mounts it on every path of 1..n segments, the CSE's whole namespace:
 * <pre>{@code
 * OneM2mServerAdapter cse = new OneM2mServerAdapter((request, coap) -> ...);
 * CoapServer.builder().config(OneM2mBinding.config(EngineConfig.DEFAULT)).bind(...)
 *         .resources(cse.resources(16))... // or .resource(...) for each
 * }</pre>
 * The server must recognize the oneM2M options ({@link OneM2mBinding#config}); otherwise its CoAP layer
 * refuses every oneM2M request with 4.02 before this adapter sees it.
 */
public final class OneM2mServerAdapter implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneM2mServerAdapter.class);

    private final OneM2mRequestHandler handler;

    public OneM2mServerAdapter(OneM2mRequestHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public CoapResponse handle(CoapRequest coap) {
        RequestPrimitive request;
        try {
            request = RequestMapping.fromCoap(coap);
        } catch (OneM2mBindingException e) {
            return ResponseMapping.error(e);
        }
        try {
            ResponsePrimitive response = handler.handle(request, coap);
            if (response == null) {
                throw new IllegalStateException("the oneM2M handler returned no response primitive for " + request);
            }
            return ResponseMapping.toCoap(response, request.operation());
        } catch (Exception e) {
            LOG.warn("oneM2M handler failed on {}: {}", request, e.toString());
            return ResponseMapping.error(new OneM2mBindingException(Code.INTERNAL_SERVER_ERROR,
                    ResponseStatusCode.INTERNAL_SERVER_ERROR, "internal error", request.requestIdentifier()));
        }
    }

    /**
     * Hidden resources that send every request of 1 to {@code maxDepth} Uri-Path segments, under any
     * name, to this adapter: templates "{s1}", "{s1}/{s2}", ..., each with GET, POST, PUT and DELETE.
     * A deeper path gets the CoAP server's 4.04; an exact resource of the same server wins over these.
     *
     * @throws IllegalArgumentException when {@code maxDepth} is not 1..64
     */
    public List<Resource> resources(int maxDepth) {
        if (maxDepth < 1 || maxDepth > 64) {
            throw new IllegalArgumentException("maxDepth must be 1..64, was " + maxDepth);
        }
        List<Resource> resources = new ArrayList<>(maxDepth);
        StringBuilder path = new StringBuilder();
        for (int depth = 1; depth <= maxDepth; depth++) {
            path.append(depth == 1 ? "" : "/").append("{s").append(depth).append('}');
            resources.add(Resource.builder(path.toString()).hidden()
                    .get(this).post(this).put(this).delete(this).build());
        }
        return resources;
    }
}
