package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.message.OptionFormat;

/**
 * The CoAP options of oneM2M TS-0008 V3.9 table 6.2.2.4.0-1, each with its current number (sent) and,
 * where Release 1 and 2 used another, that number too (accepted on input).
 *
 * <p>Every current number is odd and has bit 1 set: critical and unsafe (RFC 7252 section 5.4.6), as the
 * table's C and U columns say. The Release 1/2 numbers 256..267 (TS-0008 V1/V2, the same table) are not
 * in V3.9; of them the even ones (256 FR, 260 RQET, 262 OET, 264 EC, 266 GID) are elective, so an
 * endpoint that does not register them silently drops them. OT (259), RTURI (263) and TY (267) kept
 * their numbers. 258 was Release 1's oneM2M-NM (Name), now void (clause 6.2.2.4.3); it is not read.
 */
public enum OneM2mOption {
    FR(279, 256, "oneM2M-FR", OptionFormat.STRING, 0, 255),
    RQI(283, 257, "oneM2M-RQI", OptionFormat.STRING, 0, 255),
    OT(259, -1, "oneM2M-OT", OptionFormat.STRING, 15, 15),
    RQET(291, 260, "oneM2M-RQET", OptionFormat.STRING, 15, 15),
    RSET(295, 261, "oneM2M-RSET", OptionFormat.STRING, 15, 15),
    OET(299, 262, "oneM2M-OET", OptionFormat.STRING, 15, 15),
    RTURI(263, -1, "oneM2M-RTURI", OptionFormat.STRING, 0, 255),
    EC(303, 264, "oneM2M-EC", OptionFormat.UINT, 1, 1),
    RSC(307, 265, "oneM2M-RSC", OptionFormat.UINT, 2, 2),
    GID(311, 266, "oneM2M-GID", OptionFormat.STRING, 0, 255),
    TY(267, -1, "oneM2M-TY", OptionFormat.UINT, 2, 2),
    CTO(319, -1, "oneM2M-CTO", OptionFormat.UINT, 2, 2),
    CTS(323, -1, "oneM2M-CTS", OptionFormat.UINT, 2, 2),
    ATI(327, -1, "oneM2M-ATI", OptionFormat.STRING, 0, 255),
    RVI(271, -1, "oneM2M-RVI", OptionFormat.STRING, 1, 2),
    VSI(331, -1, "oneM2M-VSI", OptionFormat.STRING, 0, 255),
    GTM(335, -1, "oneM2M-GTM", OptionFormat.STRING, 0, 512),
    AUS(339, -1, "oneM2M-AUS", OptionFormat.STRING, 0, 255),
    ASRI(275, -1, "oneM2M-ASRI", OptionFormat.STRING, 0, 255);

    private final int number;
    private final int legacyNumber;
    private final String optionName;
    private final OptionFormat format;
    private final int minLength;
    private final int maxLength;

    OneM2mOption(int number, int legacyNumber, String optionName, OptionFormat format, int minLength, int maxLength) {
        this.number = number;
        this.legacyNumber = legacyNumber;
        this.optionName = optionName;
        this.format = format;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The number this binding sends (TS-0008 V3.9). */
    public int number() {
        return number;
    }

    /** The Release 1/2 number, accepted on input, or -1 when it is the same as {@link #number()}. */
    public int legacyNumber() {
        return legacyNumber;
    }

    /** True when {@code optionNumber} is this option in either numbering. */
    public boolean is(int optionNumber) {
        return optionNumber == number || optionNumber == legacyNumber;
    }

    /** The table's name, e.g. "oneM2M-RQI". */
    public String optionName() {
        return optionName;
    }

    public OptionFormat format() {
        return format;
    }

    /** The shortest value the table permits, in bytes (a uint: the width this binding sends). */
    public int minLength() {
        return minLength;
    }

    /** The longest value the table permits, in bytes. */
    public int maxLength() {
        return maxLength;
    }

    /** The option {@code optionNumber} names in either numbering, or null. */
    public static OneM2mOption byNumber(int optionNumber) {
        for (OneM2mOption option : values()) {
            if (option.is(optionNumber)) {
                return option;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return optionName + " (" + number + (legacyNumber < 0 ? "" : ", Release 1/2: " + legacyNumber) + ")";
    }
}
