package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionDefinition;
import io.coaps4j.coap.message.OptionFormat;
import io.coaps4j.coap.message.OptionRegistry;
import java.util.Objects;
import java.util.Set;

/**
 * What an endpoint needs to speak oneM2M: its option registry extended with the oneM2M options in both
 * numberings, and the content formats a oneM2M primitive may carry.
 *
 * <p>The endpoint's registry ({@link EngineConfig#recognizedOptions()}) decides which critical options
 * the CoAP layer accepts: without these a oneM2M request is refused with 4.02 before any oneM2M code
 * sees it (RFC 7252 section 5.4.1). The CoAP layer is told they are repeatable and of any length so
 * that a repeated or malformed one reaches the binding, which answers it with 4.02 and a
 * Response Status Code (TS-0008 clause 6.2.4) instead of a bare 4.02; the binding checks each against
 * table 6.2.2.4.0-1 ({@link RequestMapping}).
 * <pre>{@code
 * CoapServer.builder().config(OneM2mBinding.config(EngineConfig.DEFAULT))...
 * CoapClient.builder().config(OneM2mBinding.config(EngineConfig.DEFAULT))...
 * }</pre>
 */
public final class OneM2mBinding {
    /**
     * Content-Format values of TS-0008 clause 6.2.2.2: application/xml, json, cbor and the twelve
     * oneM2M media types of table 6.2.2.2-1.
     */
    public static final Set<Integer> CONTENT_FORMATS = Set.of(
            ContentFormat.XML.number(), ContentFormat.JSON.number(), ContentFormat.CBOR.number(),
            ContentFormat.ONEM2M_RES_XML.number(), ContentFormat.ONEM2M_RES_JSON.number(),
            ContentFormat.ONEM2M_RES_CBOR.number(), ContentFormat.ONEM2M_NTFY_XML.number(),
            ContentFormat.ONEM2M_NTFY_JSON.number(), ContentFormat.ONEM2M_NTFY_CBOR.number(),
            ContentFormat.ONEM2M_PREQ_XML.number(), ContentFormat.ONEM2M_PREQ_JSON.number(),
            ContentFormat.ONEM2M_PREQ_CBOR.number(), ContentFormat.ONEM2M_PRSP_XML.number(),
            ContentFormat.ONEM2M_PRSP_JSON.number(), ContentFormat.ONEM2M_PRSP_CBOR.number());

    private OneM2mBinding() {
    }

    /**
     * {@code base} with every oneM2M option added under its current and its Release 1/2 number;
     * definitions {@code base} already has for those numbers (e.g. from
     * {@link io.coaps4j.coap.message.OneM2mOptions}) are replaced.
     */
    public static OptionRegistry options(OptionRegistry base) {
        Objects.requireNonNull(base, "base");
        OptionRegistry.Builder builder = base.toBuilder();
        for (OneM2mOption option : OneM2mOption.values()) {
            builder.remove(option.number()).add(lenient(option.number(), option.optionName(), option.format()));
            if (option.legacyNumber() >= 0) {
                builder.remove(option.legacyNumber()).add(lenient(option.legacyNumber(),
                        option.optionName() + " (Release 1/2)", option.format()));
            }
        }
        return builder.build();
    }

    /** {@code base} recognizing the oneM2M options ({@link #options}). */
    public static EngineConfig config(EngineConfig base) {
        return base.toBuilder().recognizedOptions(options(base.recognizedOptions())).build();
    }

    private static OptionDefinition lenient(int number, String name, OptionFormat format) {
        int max = format == OptionFormat.UINT ? 8 : Option.MAX_VALUE_LENGTH;
        return new OptionDefinition(number, name, format, 0, max, true, OptionDefinition.Usage.BOTH);
    }
}
