package io.coaps4j.coap.message;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registered CoAP Content-Format: the number carried in the Content-Format and Accept options
 * and the media type it stands for (RFC 7252 section 12.3). Immutable; compare with {@code equals}
 * or by {@link #number()}.
 */
public final class ContentFormat {
    public static final ContentFormat TEXT_PLAIN = new ContentFormat(0, "text/plain;charset=utf-8");
    /** RFC 6690. */
    public static final ContentFormat LINK_FORMAT = new ContentFormat(40, "application/link-format");
    public static final ContentFormat XML = new ContentFormat(41, "application/xml");
    public static final ContentFormat OCTET_STREAM = new ContentFormat(42, "application/octet-stream");
    public static final ContentFormat EXI = new ContentFormat(47, "application/exi");
    public static final ContentFormat JSON = new ContentFormat(50, "application/json");
    /** RFC 7049 section 7.4. */
    public static final ContentFormat CBOR = new ContentFormat(60, "application/cbor");

    // oneM2M TS-0008 table 6.2.2.2-1; the media types are those of oneM2M TS-0004 clause 6.7.
    public static final ContentFormat ONEM2M_RES_JSON = new ContentFormat(10001, "application/vnd.onem2m-res+json");
    public static final ContentFormat ONEM2M_NTFY_XML = new ContentFormat(10002, "application/vnd.onem2m-ntfy+xml");
    public static final ContentFormat ONEM2M_NTFY_JSON = new ContentFormat(10003, "application/vnd.onem2m-ntfy+json");
    public static final ContentFormat ONEM2M_PREQ_XML = new ContentFormat(10006, "application/vnd.onem2m-preq+xml");
    public static final ContentFormat ONEM2M_PREQ_JSON = new ContentFormat(10007, "application/vnd.onem2m-preq+json");
    public static final ContentFormat ONEM2M_PRSP_XML = new ContentFormat(10008, "application/vnd.onem2m-prsp+xml");
    public static final ContentFormat ONEM2M_PRSP_JSON = new ContentFormat(10009, "application/vnd.onem2m-prsp+json");
    public static final ContentFormat ONEM2M_RES_CBOR = new ContentFormat(10010, "application/vnd.onem2m-res+cbor");
    public static final ContentFormat ONEM2M_NTFY_CBOR = new ContentFormat(10011, "application/vnd.onem2m-ntfy+cbor");
    public static final ContentFormat ONEM2M_PREQ_CBOR = new ContentFormat(10012, "application/vnd.onem2m-preq+cbor");
    public static final ContentFormat ONEM2M_PRSP_CBOR = new ContentFormat(10013, "application/vnd.onem2m-prsp+cbor");
    public static final ContentFormat ONEM2M_RES_XML = new ContentFormat(10014, "application/vnd.onem2m-res+xml");

    /** Every format above, by ascending number. */
    private static final ContentFormat[] KNOWN = {
        TEXT_PLAIN, LINK_FORMAT, XML, OCTET_STREAM, EXI, JSON, CBOR,
        ONEM2M_RES_JSON, ONEM2M_NTFY_XML, ONEM2M_NTFY_JSON, ONEM2M_PREQ_XML, ONEM2M_PREQ_JSON,
        ONEM2M_PRSP_XML, ONEM2M_PRSP_JSON, ONEM2M_RES_CBOR, ONEM2M_NTFY_CBOR, ONEM2M_PREQ_CBOR,
        ONEM2M_PRSP_CBOR, ONEM2M_RES_XML,
    };

    private final int number;
    private final String mediaType;

    private ContentFormat(int number, String mediaType) {
        this.number = number;
        this.mediaType = mediaType;
    }

    /** The format registered under {@code number}, if known here. */
    public static Optional<ContentFormat> of(long number) {
        int low = 0;
        int high = KNOWN.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int found = KNOWN[middle].number;
            if (found < number) {
                low = middle + 1;
            } else if (found > number) {
                high = middle - 1;
            } else {
                return Optional.of(KNOWN[middle]);
            }
        }
        return Optional.empty();
    }

    /**
     * The format of a media type, compared without case and without spaces around parameters:
     * "application/json", "text/plain; charset=UTF-8". The oneM2M types may also be named
     * without the "application/" prefix, as oneM2M TS-0008 writes them ("vnd.onem2m-res+json").
     */
    public static Optional<ContentFormat> byMediaType(String mediaType) {
        String wanted = normalize(mediaType);
        if (wanted.startsWith("vnd.")) {
            wanted = "application/" + wanted;
        }
        for (ContentFormat format : KNOWN) {
            if (format.mediaType.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Every format known here, by ascending number. */
    public static List<ContentFormat> known() {
        return Collections.unmodifiableList(Arrays.asList(KNOWN));
    }

    /**
     * The media type of {@code number} for display: the registered type, or "Content-Format N"
     * for a number unknown here.
     */
    public static String describe(long number) {
        Optional<ContentFormat> format = of(number);
        return format.isPresent() ? format.get().mediaType : "Content-Format " + number;
    }

    private static String normalize(String mediaType) {
        StringBuilder out = new StringBuilder(mediaType.length());
        for (int i = 0; i < mediaType.length(); i++) {
            char c = mediaType.charAt(i);
            if (c != ' ' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The number carried in Content-Format and Accept options. */
    public int number() {
        return number;
    }

    /** The media type with its parameters, e.g. "text/plain;charset=utf-8". */
    public String mediaType() {
        return mediaType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentFormat && ((ContentFormat) o).number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return mediaType + " (" + number + ")";
    }
}
