package io.coaps4j.coap.message;

/**
 * Option numbers (RFC 7252 section 5.10 and 12.2, RFC 7641, RFC 7959) and the properties
 * encoded in the number itself (section 5.4.6).
 */
public final class OptionNumber {
    public static final int IF_MATCH = 1;
    public static final int URI_HOST = 3;
    public static final int ETAG = 4;
    public static final int IF_NONE_MATCH = 5;
    public static final int OBSERVE = 6;
    public static final int URI_PORT = 7;
    public static final int LOCATION_PATH = 8;
    public static final int URI_PATH = 11;
    public static final int CONTENT_FORMAT = 12;
    public static final int MAX_AGE = 14;
    public static final int URI_QUERY = 15;
    public static final int ACCEPT = 17;
    public static final int LOCATION_QUERY = 20;
    public static final int BLOCK2 = 23;
    public static final int BLOCK1 = 27;
    public static final int SIZE2 = 28;
    public static final int PROXY_URI = 35;
    public static final int PROXY_SCHEME = 39;
    public static final int SIZE1 = 60;
    /** RFC 9175 section 3: tells concurrent block-wise request bodies apart. */
    public static final int REQUEST_TAG = 292;

    private OptionNumber() {
    }

    /** Critical options must be understood by the recipient: odd numbers (section 5.4.1). */
    public static boolean isCritical(int number) {
        return (number & 1) != 0;
    }

    /** Unsafe-to-forward options must be understood by a proxy (section 5.4.2). */
    public static boolean isUnsafe(int number) {
        return (number & 2) != 0;
    }

    /** NoCacheKey options are not part of the cache key (section 5.4.6). */
    public static boolean isNoCacheKey(int number) {
        return (number & 0x1e) == 0x1c;
    }
}
