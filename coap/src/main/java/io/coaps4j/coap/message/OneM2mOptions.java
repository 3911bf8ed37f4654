package io.coaps4j.coap.message;

import static io.coaps4j.coap.message.OptionDefinition.Usage.BOTH;
import static io.coaps4j.coap.message.OptionFormat.STRING;
import static io.coaps4j.coap.message.OptionFormat.UINT;

import java.util.List;

/**
 * The CoAP options oneM2M defines to carry its request and response parameters (oneM2M TS-0008
 * table 6.2.2.4.0-1). All are critical and unsafe, so an endpoint that talks to oneM2M peers adds
 * them to its registry; otherwise it answers every oneM2M request with 4.02 Bad Option:
 * <pre>{@code
 * OptionRegistry registry = OptionRegistry.standard().toBuilder().addAll(OneM2mOptions.definitions()).build();
 * }</pre>
 * TS-0008 does not restrict them to requests or responses, so they are defined for both. The binding
 * itself (primitives, their mapping, a registry that lets a malformed oneM2M option reach it so that it
 * answers with a Response Status Code, and the Release 1/2 numbers) is {@code io.coaps4j.coap.onem2m}.
 */
public final class OneM2mOptions {
    public static final int FR = 279;
    public static final int RQI = 283;
    public static final int OT = 259;
    public static final int RQET = 291;
    public static final int RSET = 295;
    public static final int OET = 299;
    public static final int RTURI = 263;
    public static final int EC = 303;
    public static final int RSC = 307;
    public static final int GID = 311;
    public static final int TY = 267;
    public static final int CTO = 319;
    public static final int CTS = 323;
    public static final int ATI = 327;
    public static final int RVI = 271;
    public static final int VSI = 331;
    public static final int GTM = 335;
    public static final int AUS = 339;
    public static final int ASRI = 275;

    private static final List<OptionDefinition> DEFINITIONS = List.of(
            new OptionDefinition(FR, "oneM2M-FR", STRING, 0, 255, false, BOTH),
            new OptionDefinition(RQI, "oneM2M-RQI", STRING, 0, 255, false, BOTH),
            new OptionDefinition(OT, "oneM2M-OT", STRING, 15, 15, false, BOTH),
            new OptionDefinition(RQET, "oneM2M-RQET", STRING, 15, 15, false, BOTH),
            new OptionDefinition(RSET, "oneM2M-RSET", STRING, 15, 15, false, BOTH),
            new OptionDefinition(OET, "oneM2M-OET", STRING, 15, 15, false, BOTH),
            new OptionDefinition(RTURI, "oneM2M-RTURI", STRING, 0, 255, false, BOTH),
            new OptionDefinition(EC, "oneM2M-EC", UINT, 1, 1, false, BOTH),
            new OptionDefinition(RSC, "oneM2M-RSC", UINT, 2, 2, false, BOTH),
            new OptionDefinition(GID, "oneM2M-GID", STRING, 0, 255, false, BOTH),
            new OptionDefinition(TY, "oneM2M-TY", UINT, 2, 2, false, BOTH),
            new OptionDefinition(CTO, "oneM2M-CTO", UINT, 2, 2, false, BOTH),
            new OptionDefinition(CTS, "oneM2M-CTS", UINT, 2, 2, false, BOTH),
            new OptionDefinition(ATI, "oneM2M-ATI", STRING, 0, 255, false, BOTH),
            new OptionDefinition(RVI, "oneM2M-RVI", STRING, 1, 2, false, BOTH),
            new OptionDefinition(VSI, "oneM2M-VSI", STRING, 0, 255, false, BOTH),
            new OptionDefinition(GTM, "oneM2M-GTM", STRING, 0, 512, false, BOTH),
            new OptionDefinition(AUS, "oneM2M-AUS", STRING, 0, 255, false, BOTH),
            new OptionDefinition(ASRI, "oneM2M-ASRI", STRING, 0, 255, false, BOTH));

    private OneM2mOptions() {
    }

    /** The 19 option definitions of TS-0008 table 6.2.2.4.0-1. */
    public static List<OptionDefinition> definitions() {
        return DEFINITIONS;
    }
}
