package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.blockwise.BlockwiseLayer;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.MessageLayer;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine configuration and layer stack of a {@link CoapEndpoint}, fitted to its connector: kept
 * apart so that the endpoint's constructor only wires parts, and the rules (the connector's size limit,
 * lost-peer reports, block-wise nearest the network) read in one place.
 *
 * @param config what the engine runs with
 * @param layers the per-message layers, the first nearest the application
 */
record EngineAssembly(EngineConfig config, List<MessageLayer> layers) {

    /** {@code requested} fitted to {@code connector}, with block-wise appended when {@code blockwise} is not null. */
    static EngineAssembly of(EngineConfig requested, Connector connector, List<MessageLayer> layers,
                             BlockwiseConfig blockwise) {
        EngineConfig config = fittedTo(requested, connector);
        if (blockwise == null) {
            return new EngineAssembly(config, layers);
        }
        // Block-wise nearest the network: what leaves is never larger than the path's size (RFC 7959).
        int limit = Math.min(blockwise.maxMessageSize(), config.maxMessageSize());
        List<MessageLayer> withBlockwise = new ArrayList<>(layers);
        withBlockwise.add(new BlockwiseLayer(blockwise.toBuilder().maxMessageSize(limit).build()));
        return new EngineAssembly(withBlockOptions(config), withBlockwise);
    }

    /**
     * The configuration, told that peers can be lost when the connector reports them, and limited to
     * the messages the connector can carry.
     */
    private static EngineConfig fittedTo(EngineConfig config, Connector connector) {
        int limit = Math.min(config.maxMessageSize(), connector.maxMessageSize());
        boolean lost = config.peersCanBeLost() || connector.reportsLostPeers();
        if (limit != config.maxMessageSize() || lost != config.peersCanBeLost()) {
            return config.toBuilder().peersCanBeLost(lost).maxMessageSize(limit).build();
        }
        return config;
    }

    /** Block1 and Block2 are understood once the block-wise layer is in the stack (RFC 7959 section 2.1: critical). */
    private static EngineConfig withBlockOptions(EngineConfig config) {
        OptionRegistry registry = config.recognizedOptions();
        if (registry.isDefined(OptionNumber.BLOCK1) && registry.isDefined(OptionNumber.BLOCK2)) {
            return config;
        }
        OptionRegistry.Builder builder = registry.toBuilder();
        for (int number : new int[] {OptionNumber.BLOCK1, OptionNumber.BLOCK2}) {
            if (!registry.isDefined(number)) {
                builder.add(OptionRegistry.standard().definition(number).orElseThrow());
            }
        }
        return config.toBuilder().recognizedOptions(builder.build()).build();
    }
}
