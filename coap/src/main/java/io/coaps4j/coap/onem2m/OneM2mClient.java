package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapTimeoutException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sends request primitives over a {@link CoapClient} in any security mode (coap:// or coaps://, as the
 * client's connector allows) and returns the response primitives. The client must recognize the oneM2M
 * options, or it rejects every response carrying oneM2M-RSC:
 * <pre>{@code
 * CoapClient coap = CoapClient.builder().config(OneM2mBinding.config(EngineConfig.DEFAULT)).build();
 * ResponsePrimitive response = new OneM2mClient(coap).send("coap://cse.example", request).join();
 * }</pre>
 * A request that gets no response in the client's time gets a response primitive of REQUEST_TIMEOUT
 * (4008) from the binding itself, as TS-0008 clause 6.3.1 allows; a late response is then ignored.
 */
public final class OneM2mClient {
    private final CoapClient client;

    public OneM2mClient(CoapClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Sends {@code request} to the CSE at {@code base} ("coap://host:port" or "coaps://host:port"). The
     * future fails with the {@link CoapClient#sendAsync} exceptions other than a timeout, and with
     * {@link OneM2mBindingException} for a response whose oneM2M options are malformed.
     */
    public CompletableFuture<ResponsePrimitive> send(String base, RequestPrimitive request) {
        Objects.requireNonNull(request, "request");
        return client.sendAsync(RequestMapping.toCoap(request, base)).handle((response, failure) -> {
            if (failure == null) {
                return ResponseMapping.fromCoap(response, request.operation());
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CoapTimeoutException) {
                return ResponsePrimitive.answering(request, ResponseStatusCode.REQUEST_TIMEOUT).build();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    /** Sends and waits; throws what the future of {@link #send} fails with. Not for the endpoint's event loop. */
    public ResponsePrimitive sendAndWait(String base, RequestPrimitive request) throws InterruptedException {
        try {
            return send(base, request).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
    }
}
